#!/usr/bin/env bash
# Issue 20's fifth goal as a user meets it: the tool's Latin-hypercube sweep of the default scenario, 10^4 points x
# 10^4 trials, against one run of 10^8 trials, both on two threads, each a whole process timed from outside. The two
# alternate, so a change in the machine's load falls on both; the ratio of their medians is the figure to quote.
#   benchmarks/sweep-vs-run.sh [repetitions] [tool]   (default: 3, a fresh framework-dependent publish of the tool)
set -euo pipefail
cd "$(dirname "$0")/.."
reps=${1:-3}
tool=${2:-}
if [[ -z "$tool" ]]; then
  dir=$(mktemp -d)
  dotnet publish src/ConsensusSim.Cli -c Release -r linux-x64 --self-contained false -o "$dir" >/dev/null
  tool="$dir/ConsensusSim.Cli"
fi

scenario=samples/scenarios/counter-terrorism-pc.json
out=$(mktemp -d)
ms() { local start; start=$(date +%s%N); "$@" >/dev/null 2>&1; echo $(( ($(date +%s%N) - start) / 1000000 )); }
runs=(); sweeps=()
for ((i = 1; i <= reps; i++)); do
  r=$(ms "$tool" run "$scenario" --trials 100000000 --threads 2 --seed 2026)
  s=$(ms "$tool" sweep "$scenario" --design lhs --points 10000 --vary tension=0.75:0.85 --vary blocCorrelation=0.25:0.35 \
        --trials 10000 --threads 2 --seed 2026 --out "$out/sweep.csv")
  runs+=("$r"); sweeps+=("$s")
  echo "repetition $i: run of 10^8 trials $r ms, sweep of 10^4 x 10^4 $s ms (load $(cut -d' ' -f1 /proc/loadavg))"
done

median() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
r=$(median "${runs[@]}"); s=$(median "${sweeps[@]}")
echo "median: run $r ms, sweep $s ms, sweep / run = $(awk -v s="$s" -v r="$r" 'BEGIN { printf "%.2f", s / r }')"
