using System.Globalization;
using System.Text;
using ConsensusSim.Calibration;

namespace ConsensusSim.Samples.Calibration;

/// <summary>
/// The shipped calibration specs (samples/calibration/*.json) run through the library, and their results as the
/// Markdown tables of docs/calibration.md: what <c>consensussim calibrate</c> does, from C#.
/// </summary>
public static class Calibration
{
    /// <summary>The folder of the shipped specs, beside the program.</summary>
    public static string Folder { get; } = Path.Combine(AppContext.BaseDirectory, "samples", "calibration");

    /// <summary>Reads a shipped spec by name (<c>eras</c>, <c>eras-shared</c>, <c>topics</c>).</summary>
    /// <param name="name">The spec's file name without <c>.json</c>.</param>
    /// <returns>The spec.</returns>
    public static CalibrationSpec Spec(string name) => CalibrationSpec.Load(Path.Combine(Folder, name + ".json"));

    /// <summary>Fits a shipped spec.</summary>
    /// <param name="name">The spec's name.</param>
    /// <param name="trials">Trials per cell and evaluation; null for the spec's.</param>
    /// <returns>The fit.</returns>
    public static CalibrationResult Fit(string name, long? trials = null) => Calibrator.Fit(Spec(name), new CalibrationOptions { Trials = trials });

    /// <summary>Rolling-origin validation of a shipped spec.</summary>
    /// <param name="name">The spec's name.</param>
    /// <param name="trials">Trials per cell and evaluation; null for the spec's.</param>
    /// <returns>The validation.</returns>
    public static RollingOriginResult RollingOrigin(string name, long? trials = null) => Calibrator.RollingOrigin(Spec(name), new CalibrationOptions { Trials = trials });

    /// <summary>The parameters of a fit as a Markdown table: flagged ones by their interval, never as a point.</summary>
    /// <param name="fit">The fit.</param>
    /// <returns>The table.</returns>
    public static string Markdown(CalibrationResult fit)
    {
        var sb = new StringBuilder();
        sb.AppendLine("| parameter | fitted cells | reported (95 % profile likelihood) | flags |");
        sb.AppendLine("|---|---:|---|---|");
        foreach (var p in fit.Parameters)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {p.Name} | {p.Cells} | {p.Describe()} | {p.FlagText()} |");
        }

        return sb.ToString();
    }

    /// <summary>A rolling-origin validation as a Markdown table: per predicted period, the model's log and Brier scores beside both baselines'.</summary>
    /// <param name="result">The validation.</param>
    /// <returns>The table.</returns>
    public static string Markdown(RollingOriginResult result)
    {
        var sb = new StringBuilder();
        sb.AppendLine("| predicted period | periods fitted | attempts | log score: model | base rate | previous period | Brier: model | base rate | previous period |");
        sb.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var s in result.Steps)
        {
            Row(sb, s.Period, s.TrainingPeriods.Count.ToString(CultureInfo.InvariantCulture), s.Result.Model, s.Result.BaseRate, s.Result.PreviousPeriod);
        }

        Row(sb, "**all**", string.Empty, result.Model, result.BaseRate, result.PreviousPeriod);
        return sb.ToString();
    }

    private static void Row(StringBuilder sb, string period, string training, PredictionScore model, PredictionScore baseRate, PredictionScore previous) =>
        sb.AppendLine(CultureInfo.InvariantCulture, $"| {period} | {training} | {model.Attempts} | {model.LogScore:0.000} | {baseRate.LogScore:0.000} | {previous.LogScore:0.000} | {model.BrierScore:0.000} | {baseRate.BrierScore:0.000} | {previous.BrierScore:0.000} |");
}
