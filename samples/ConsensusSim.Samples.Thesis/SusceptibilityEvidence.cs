using System.Globalization;
using System.Text;
using ConsensusSim.Calibration;
using ConsensusSim.Osce;

namespace ConsensusSim.Samples.Thesis;

/// <summary>
/// The thesis asked of the record rather than assumed: each topic's susceptibility κ fitted from the topic rows of the
/// observed record (samples/calibration/topics.json), with its 95 % profile-likelihood interval, and whether the
/// cross-dimensional threats are less susceptible than arms control or conflict prevention — or the record cannot tell.
/// </summary>
public static class SusceptibilityEvidence
{
    /// <summary>The cross-dimensional threats of the thesis.</summary>
    public static IReadOnlyList<string> CrossDimensional { get; } = ["counter-terrorism", "trafficking-in-human-beings", "migration"];

    /// <summary>The politico-military topics they are compared with.</summary>
    public static IReadOnlyList<string> PoliticoMilitary { get; } = ["arms-control", "conflict-prevention"];

    /// <summary>Fits topics.json.</summary>
    /// <param name="trials">Trials per cell and evaluation; null for the spec's.</param>
    /// <returns>The fit.</returns>
    public static CalibrationResult Fit(long? trials = null) =>
        Calibrator.Fit(CalibrationSpec.Load(Path.Combine(AppContext.BaseDirectory, "samples", "calibration", "topics.json")), new CalibrationOptions { Trials = trials });

    /// <summary>How a cross-dimensional topic's interval compares with a politico-military one's.</summary>
    /// <param name="fit">The fit of topics.json.</param>
    /// <param name="topic">A cross-dimensional topic.</param>
    /// <param name="against">A politico-military topic.</param>
    /// <returns><c>less susceptible</c> or <c>more susceptible</c> when the intervals do not overlap, <c>the record cannot tell</c> when they do, or why there is nothing to compare.</returns>
    public static string Compare(CalibrationResult fit, string topic, string against)
    {
        ArgumentNullException.ThrowIfNull(fit);
        var a = Of(fit, topic);
        var b = Of(fit, against);
        if (a is null || b is null)
        {
            return $"the record has no topic row for {(a is null ? topic : against)}";
        }

        return a.Upper < b.Lower ? "less susceptible"
            : a.Lower > b.Upper ? "more susceptible"
            : "the record cannot tell (the intervals overlap)";
    }

    /// <summary>The fitted κ of every compared topic, with the comparison, as Markdown.</summary>
    /// <param name="fit">The fit of topics.json.</param>
    /// <returns>The table and one line per comparison.</returns>
    public static string Markdown(CalibrationResult fit)
    {
        ArgumentNullException.ThrowIfNull(fit);
        var sb = new StringBuilder();
        sb.AppendLine("| topic | catalog κ | fitted κ (95 % profile likelihood) | flags | topic rows |");
        sb.AppendLine("|---|---:|---|---|---:|");
        foreach (string topic in CrossDimensional.Concat(PoliticoMilitary))
        {
            double catalog = OsceCatalog.Default.TryGetFieldOfWork(topic, out var field) ? field.Susceptibility : double.NaN;
            var p = Of(fit, topic);
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {topic} | {catalog:0.00} | {p?.Describe() ?? "not fitted: no topic row"} | {p?.FlagText() ?? "-"} | {p?.Cells ?? 0} |");
        }

        sb.AppendLine();
        foreach (string topic in CrossDimensional)
        {
            foreach (string against in PoliticoMilitary)
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"- {topic} against {against}: {Compare(fit, topic, against)}");
            }
        }

        return sb.ToString();
    }

    private static ParameterEstimate? Of(CalibrationResult fit, string topic) =>
        fit.Parameters.FirstOrDefault(p => p.Parameter.AppliesTo?.Topic == topic && p.Cells > 0);
}
