#!/usr/bin/env python3
"""Draw the thesis chart from a `consensussim sweep` CSV: P(adopted) against the first swept
parameter, one curve per value of the second, each with its 95 % Wilson interval as a band.

    consensussim sweep samples/scenarios/counter-terrorism-pc.json --vary tension=0:1:0.1 \
        --vary topic=counter-terrorism,migration,arms-control,conflict-prevention --out sweep.csv
    python3 samples/python/thesis_chart.py sweep.csv thesis.png

Needs pandas and matplotlib (Debian: apt-get install python3-pandas python3-matplotlib).
The columns are described in docs/results.md.
"""
import sys
import textwrap

import matplotlib

matplotlib.use("Agg")  # files only: no display needed
import matplotlib.pyplot as plt
import pandas as pd

# Columns that follow the swept parameters in every sweep CSV; the parameters sit between `point` and `outcome`.
FIRST_RESULT_COLUMN = "outcome"


def main(csv_path: str, png_path: str) -> None:
    # keep_default_na=False keeps a swept text value such as "NA" as text; "NA" in numeric columns is converted below.
    rows = pd.read_csv(csv_path, comment=None, keep_default_na=False)
    rows = rows[~rows["point"].astype(str).str.startswith("#")]  # an interrupted sweep's last line
    swept = list(rows.columns[1 : rows.columns.get_loc(FIRST_RESULT_COLUMN)])
    if not swept:
        sys.exit(f"{csv_path}: no swept parameter between 'point' and 'outcome'")
    for column in ["probability", "ci95_lower", "ci95_upper"]:
        rows[column] = pd.to_numeric(rows[column], errors="coerce")

    adopted = rows[rows["outcome"] == "adopted"].copy()
    x = swept[0]
    adopted[x] = pd.to_numeric(adopted[x], errors="coerce").fillna(adopted["point"].astype(float))
    series = swept[1] if len(swept) > 1 else None

    figure, axes = plt.subplots(figsize=(8, 5), dpi=100)
    groups = adopted.groupby(series, sort=False) if series else [("P(adopted)", adopted)]
    for name, group in groups:
        group = group.sort_values(x)
        line, = axes.plot(group[x], group["probability"], marker="o", markersize=3, label=str(name))
        axes.fill_between(group[x], group["ci95_lower"], group["ci95_upper"], color=line.get_color(), alpha=0.25, linewidth=0)

    first = rows.iloc[0]
    # Wrapped, so a long scenario name stays inside the figure.
    axes.set_title(textwrap.fill(f"P(adopted) against {x}: {first['scenario']}", 60), fontsize=11)
    axes.set_xlabel(x)
    axes.set_ylabel("P(adopted), band: 95 % interval")
    axes.set_ylim(0, 1.02)
    axes.grid(alpha=0.3)
    if series:
        axes.legend(title=series, loc="center left", bbox_to_anchor=(1, 0.5))
    # Provenance in the figure, so a chart that travels alone can be traced and reproduced.
    figure.text(0.01, 0.01, f"ConsensusSim {first['consensussim_version']}, seed {first['seed']}, {first['trials']} trials per point, sweep {first['sweep']}",
                fontsize=7, color="grey")
    figure.tight_layout(rect=(0, 0.03, 1, 1))
    figure.savefig(png_path)
    print(f"{png_path}: {len(adopted)} points, {adopted[series].nunique() if series else 1} curve(s)")


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        sys.exit("usage: thesis_chart.py SWEEP.csv [OUT.png]")
    main(sys.argv[1], sys.argv[2] if len(sys.argv) == 3 else "thesis-chart.png")
