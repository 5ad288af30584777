using System.Globalization;
using System.Net;
using System.Text;
using ConsensusSim.Model;
using ConsensusSim.Procedures;
using ConsensusSim.Simulation;

namespace ConsensusSim.Reporting;

/// <summary>One self-contained HTML page (no network: charts inline as SVG) with the scenario, the numbers, the charts, the procedure, the model's assumptions and how to cite the run.</summary>
public static partial class HtmlReport
{
    /// <summary>
    /// The page's style. Text is at least 15 px; every block fits its container at any width: long
    /// lines of the scenario wrap, and tables, charts and the diagram, which cannot shrink without
    /// shrinking their text, scroll sideways inside a box of their own.
    /// </summary>
    private const string Style =
        "html{-webkit-text-size-adjust:100%}"
        + "body{font-family:" + ChartFont.CssStack + ";font-size:16px;line-height:1.45;max-width:1000px;margin:0 auto;padding:1em;color:#222;overflow-wrap:break-word}"
        + "h1{font-size:1.6em;overflow-wrap:anywhere}h2{font-size:1.25em;margin-top:1.6em}"
        + ".scroll{overflow-x:auto;max-width:100%}"
        + "table{border-collapse:collapse;font-size:15px}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right;white-space:nowrap}th{background:#f0f0f0}td:first-child,th:first-child{text-align:left;white-space:normal}"
        + "pre{background:#f7f7f7;padding:1em;font-size:14px;white-space:pre-wrap;overflow-wrap:anywhere}"
        + ".chart svg{display:block}"
        + "ul{padding-left:1.3em}code{overflow-wrap:anywhere}";

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
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>")
          .Append(E(scenario.Name)).Append(" — ConsensusSim</title>\n");
        sb.Append("<style>").Append(Style).Append("</style>\n</head><body>\n");
        sb.Append("<h1>").Append(E(scenario.Name)).Append("</h1>\n");
        sb.Append(ci, $"<p>{result.Trials:N0} trials, seed {result.Provenance.Seed}, ConsensusSim {E(result.Provenance.Version)}, scenario hash <code>{result.Provenance.ScenarioSha256[..16]}…</code>{(result.Provenance.IsComplete ? string.Empty : " — <strong>incomplete run</strong>")}</p>\n");
        sb.Append("<h2>Outcomes</h2>\n<div class=\"scroll\"><table><tr><th>outcome</th><th>probability</th><th>95 % interval</th><th>standard error</th><th>trials</th></tr>\n");
        foreach (var (name, e) in Serialization.ResultCsv.NamedOutcomes(result))
        {
            sb.Append(ci, $"<tr><td>{E(name.Replace('_', ' '))}</td><td>{ProbabilityText.Format(e.Probability)}</td><td>{ProbabilityText.Interval(e.Ci95Lower, e.Ci95Upper)}</td><td>{ProbabilityText.StandardError(e.StandardError)}</td><td>{e.Count:N0}</td></tr>\n");
        }

        if (result.ConditionalAdopted is { } c)
        {
            sb.Append(ci, $"<tr><td>adopted (conditional Monte Carlo, {E(c.DescribeVarianceReduction())})</td><td>{ProbabilityText.Format(c.Probability)}</td><td>{ProbabilityText.Interval(c.Ci95Lower, c.Ci95Upper)}</td><td>{ProbabilityText.StandardError(c.StandardError)}</td><td>{c.Trials:N0}</td></tr>\n");
        }

        sb.Append("</table></div>\n<p>Intervals are 95 % Wilson score intervals of the Monte Carlo estimate: they measure simulation error only, not doubt about the scenario's parameters or the model.</p>\n");
        if (result.OutcomesCounted)
        {
            AppendCounted(sb, result, chartSvgs);
        }
        else
        {
            sb.Append("<p>The run estimated P(adopted) by conditional Monte Carlo alone: its trials took no vote, so no other outcome, round or blocker was counted.</p>\n");
        }

        sb.Append("<h2>Scenario</h2>\n<pre>").Append(E(ScenarioText.Describe(scenario))).Append("</pre>\n");
        if (ProcedureDefinition.TryGet(scenario.Procedure.Procedure, out var procedure))
        {
            sb.Append("<h2>Procedure</h2>\n<p>").Append(E(procedure.Description)).Append("</p>\n<div class=\"chart scroll diagram\">")
              .Append(ProcedureDiagram.Svg(procedure)).Append("</div>\n<details><summary>Mermaid source</summary><pre>")
              .Append(E(procedure.ToMermaid())).Append("</pre></details>\n");
        }

        AppendAssumptions(sb, scenario);
        AppendCitation(sb, result);
        sb.Append("</body></html>\n");
        return sb.ToString();
    }

    /// <summary>What only counted trials tell: the fallback, the charts and the blockers.</summary>
    private static void AppendCounted(StringBuilder sb, SimulationResult result, IReadOnlyDictionary<string, string> chartSvgs)
    {
        if (result.PackageFallback is { } fallback)
        {
            AppendFallback(sb, fallback);
        }

        AppendCharts(sb, result, chartSvgs);
        sb.Append("<h2>Blockers</h2>\n<div class=\"scroll\"><table><tr><th>participant</th><th>blocked</th><th>alone</th></tr>\n");
        foreach (var b in result.Blockers.Where(b => b.BlockedTrials > 0))
        {
            sb.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(b.Name)} ({E(b.State)})</td><td>{ProbabilityText.Format(b.Frequency)}</td><td>{ProbabilityText.Format(b.SoleBlockerFrequency)}</td></tr>\n");
        }

        sb.Append("</table></div>\n");
    }

    /// <summary>Every value from the scenario or the result passes through here: names and codes come from user files.</summary>
    private static string E(string s) => WebUtility.HtmlEncode(s);

    /// <summary>The charts at their drawn size, each in a box that scrolls sideways on a narrow screen; a sentence where a chart would say nothing.</summary>
    private static void AppendCharts(StringBuilder sb, SimulationResult result, IReadOnlyDictionary<string, string> chartSvgs)
    {
        foreach (var (name, svg) in chartSvgs)
        {
            sb.Append("<h2>Chart: ").Append(E(name)).Append("</h2>\n<div class=\"chart scroll\">").Append(svg).Append("</div>\n");
        }

        if (!chartSvgs.ContainsKey("rounds") && !ResultCharts.HasRounds(result))
        {
            sb.Append(CultureInfo.InvariantCulture, $"<p>The procedure allows a single round and no escalation, so every adoption came in that round ({ProbabilityText.Format(result.Adopted.Probability)} of trials); there is no chart of rounds.</p>\n");
        }
    }

    /// <summary>After failed packages: each proposal's adoption once the Chair fell back to item-by-item votes, the objectors and the retaliation.</summary>
    private static void AppendFallback(StringBuilder sb, PackageFallbackEstimates f)
    {
        var ci = CultureInfo.InvariantCulture;
        sb.Append(ci, $"<h2>Fallback to item-by-item votes</h2>\n<p>{f.FailedPackages:N0} packages failed and were put item by item.</p>\n");
        sb.Append("<div class=\"scroll\"><table><tr><th>proposal</th><th>P(adopted after the fallback)</th><th>95 % interval</th><th>standard error</th></tr>\n");
        foreach (var item in f.AdoptedAfterFallback)
        {
            var e = item.Adopted;
            sb.Append(ci, $"<tr><td>{E(item.Title)}</td><td>{ProbabilityText.Format(e.Probability)}</td><td>{ProbabilityText.Interval(e.Ci95Lower, e.Ci95Upper)}</td><td>{ProbabilityText.StandardError(e.StandardError)}</td></tr>\n");
        }

        sb.Append("</table></div>\n");
        string share = double.IsFinite(f.RetaliatoryShare) ? $"{ProbabilityText.Format(f.RetaliatoryShare)} (SE {ProbabilityText.StandardError(f.RetaliatoryShareStandardError)})" : "n/a";
        string mean = double.IsFinite(f.MeanDistinctObjectors) ? f.MeanDistinctObjectors.ToString("0.00", ci) : "n/a";
        sb.Append(ci, $"<p>Distinct objectors in a failed package: mean {mean}. Retaliatory share of objections: {share}. Some State retaliated in {ProbabilityText.Format(f.Retaliation.Probability)} of trials.</p>\n");
    }
}
