using System.Globalization;
using System.Net;
using System.Text;
using ConsensusSim.Model;
using ConsensusSim.Procedures;
using ConsensusSim.Simulation;

namespace ConsensusSim.Reporting;

/// <summary>One self-contained HTML page (no network: charts inline as SVG) with the scenario, the numbers, the charts and the procedure.</summary>
public static class HtmlReport
{
    /// <summary>Renders the report.</summary>
    /// <param name="scenario">The scenario that was run.</param>
    /// <param name="result">Its result.</param>
    /// <param name="chartSvgs">Charts by name, as from <see cref="ResultCharts.WriteAll"/>: SVG markup, embedded as it is (the charts escape their own text).</param>
    /// <returns>The HTML document.</returns>
    public static string Render(Scenario scenario, SimulationResult result, IReadOnlyDictionary<string, string> chartSvgs)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(chartSvgs);
        var ci = CultureInfo.InvariantCulture;
        // Every value from the scenario or the result passes through E: names and codes come from user files.
        static string E(string s) => WebUtility.HtmlEncode(s);
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(E(scenario.Name)).Append(" — ConsensusSim</title>\n");
        sb.Append("<style>body{font-family:system-ui,sans-serif;max-width:1000px;margin:2em auto;color:#222}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}th{background:#f0f0f0}td:first-child,th:first-child{text-align:left}pre{background:#f7f7f7;padding:1em;overflow-x:auto}.chart svg{max-width:100%;height:auto}</style>\n</head><body>\n");
        sb.Append("<h1>").Append(E(scenario.Name)).Append("</h1>\n");
        sb.Append(ci, $"<p>{result.Trials:N0} trials, seed {result.Provenance.Seed}, ConsensusSim {E(result.Provenance.Version)}, scenario hash <code>{result.Provenance.ScenarioSha256[..16]}…</code>{(result.Provenance.IsComplete ? string.Empty : " — <strong>incomplete run</strong>")}</p>\n");
        sb.Append("<h2>Outcomes</h2>\n<table><tr><th>outcome</th><th>probability</th><th>95 % interval</th><th>standard error</th><th>trials</th></tr>\n");
        foreach (var (name, e) in Serialization.ResultCsv.NamedOutcomes(result))
        {
            sb.Append(ci, $"<tr><td>{E(name.Replace('_', ' '))}</td><td>{e.Probability:0.0000}</td><td>[{e.Ci95Lower:0.0000}, {e.Ci95Upper:0.0000}]</td><td>{e.StandardError:0.00000}</td><td>{e.Count:N0}</td></tr>\n");
        }

        if (result.ConditionalAdopted is { } c)
        {
            sb.Append(ci, $"<tr><td>adopted (conditional Monte Carlo, {E(c.DescribeVarianceReduction())})</td><td>{c.Probability:0.00000}</td><td>[{c.Ci95Lower:0.00000}, {c.Ci95Upper:0.00000}]</td><td>{c.StandardError:0.000000}</td><td>{c.Trials:N0}</td></tr>\n");
        }

        sb.Append("</table>\n");
        if (result.PackageFallback is { } fallback)
        {
            AppendFallback(sb, fallback);
        }

        foreach (var (name, svg) in chartSvgs)
        {
            sb.Append("<h2>Chart: ").Append(E(name)).Append("</h2>\n<div class=\"chart\">").Append(svg).Append("</div>\n");
        }

        sb.Append("<h2>Blockers</h2>\n<table><tr><th>State</th><th>blocked</th><th>alone</th></tr>\n");
        foreach (var b in result.Blockers.Where(b => b.BlockedTrials > 0))
        {
            sb.Append(ci, $"<tr><td>{E(b.Name)} ({E(b.State)})</td><td>{b.Frequency:0.0000}</td><td>{b.SoleBlockerFrequency:0.0000}</td></tr>\n");
        }

        sb.Append("</table>\n<h2>Scenario</h2>\n<pre>").Append(E(ScenarioText.Describe(scenario))).Append("</pre>\n");
        if (ProcedureDefinition.TryGet(scenario.Procedure.Procedure, out var procedure))
        {
            sb.Append("<h2>Procedure</h2>\n<p>").Append(E(procedure.Description)).Append("</p>\n<div class=\"chart\">")
              .Append(ProcedureDiagram.Svg(procedure)).Append("</div>\n<details><summary>Mermaid source</summary><pre>")
              .Append(E(procedure.ToMermaid())).Append("</pre></details>\n");
        }

        sb.Append("</body></html>\n");
        return sb.ToString();
    }

    /// <summary>After failed packages: each proposal's adoption once the Chair fell back to item-by-item votes, the objectors and the retaliation.</summary>
    private static void AppendFallback(StringBuilder sb, PackageFallbackEstimates f)
    {
        var ci = CultureInfo.InvariantCulture;
        static string E(string s) => WebUtility.HtmlEncode(s);
        sb.Append(ci, $"<h2>Fallback to item-by-item votes</h2>\n<p>{f.FailedPackages:N0} packages failed and were put item by item.</p>\n");
        sb.Append("<table><tr><th>proposal</th><th>P(adopted after the fallback)</th><th>95 % interval</th><th>standard error</th></tr>\n");
        foreach (var item in f.AdoptedAfterFallback)
        {
            var e = item.Adopted;
            sb.Append(ci, $"<tr><td>{E(item.Title)}</td><td>{e.Probability:0.0000}</td><td>[{e.Ci95Lower:0.0000}, {e.Ci95Upper:0.0000}]</td><td>{e.StandardError:0.00000}</td></tr>\n");
        }

        sb.Append("</table>\n");
        string share = double.IsFinite(f.RetaliatoryShare) ? string.Create(ci, $"{f.RetaliatoryShare:0.0000} (SE {f.RetaliatoryShareStandardError:0.00000})") : "n/a";
        string mean = double.IsFinite(f.MeanDistinctObjectors) ? f.MeanDistinctObjectors.ToString("0.00", ci) : "n/a";
        sb.Append(ci, $"<p>Distinct objectors in a failed package: mean {mean}. Retaliatory share of objections: {share}. Some State retaliated in {f.Retaliation.Probability:0.0000} of trials.</p>\n");
    }
}
