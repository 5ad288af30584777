using System.Globalization;
using System.Text;
using ConsensusSim.Calibration;

namespace ConsensusSim.Cli;

/// <summary>
/// What <c>calibrate</c> prints: every parameter as it should be reported (a flagged one by its flags and interval,
/// never as a point), the flagged parameters by name, the cells left out, each fitted cell beside its observation and,
/// for a validation, the log and Brier scores beside the two baselines.
/// </summary>
internal static class CalibrationSummary
{
    public static string Format(string path, object result, TimeSpan elapsed)
    {
        var sb = new StringBuilder();
        switch (result)
        {
            case CalibrationResult fit:
                Fit(sb, path, fit);
                break;
            case OutOfSampleResult held:
                Fit(sb, path, held.Fit);
                Line(sb, $"  Held out {held.HeldOut}: {held.Predictions.Count} cells, {held.Model.Attempts} attempts");
                Scores(sb, [(held.HeldOut, held.Predictions.Count, held.Model, held.BaseRate, held.PreviousPeriod)]);
                break;
            case RollingOriginResult rolling:
                var first = rolling.Steps[0].Result.Fit;
                Line(sb, $"{first.Spec.Name ?? path}: rolling-origin validation ({first.Trials:N0} trials per cell, seed {first.Seed})");
                Line(sb, $"  Each period is predicted from a fit on every earlier one ({string.Join(", ", rolling.Unpredicted)} has none before it).");
                Scores(sb, [.. rolling.Steps.Select(s => (s.Period, s.Result.Predictions.Count, s.Result.Model, s.Result.BaseRate, s.Result.PreviousPeriod)), ("all", rolling.Steps.Sum(s => s.Result.Predictions.Count), rolling.Model, rolling.BaseRate, rolling.PreviousPeriod)]);
                foreach (var step in rolling.Steps)
                {
                    Line(sb, $"  fitted before {step.Period}: {string.Join("; ", step.Result.Fit.Parameters.Select(p => $"{p.Name} {p.Describe()}"))}");
                }

                break;
        }

        Line(sb, $"  {elapsed.TotalSeconds:0.0} s");
        return sb.ToString();
    }

    private static void Fit(StringBuilder sb, string path, CalibrationResult fit)
    {
        int smooth = fit.Cells.Count(c => c.IsSmooth);
        Line(sb, $"{fit.Spec.Name ?? path}: {fit.Cells.Count} cells fitted ({smooth} by conditional Monte Carlo, {fit.Cells.Count - smooth} counted), {fit.Trials:N0} trials per cell, seed {fit.Seed}, {fit.Spec.Starts} starts");
        Line(sb, $"  deviance {fit.Deviance:0.000}{(fit.Penalty > 0 ? $" + prior penalty {fit.Penalty:0.000}" : string.Empty)}; {(fit.Converged ? "converged" : "NOT converged: raise the spec's starts or check the bounds")}; {fit.Simulations:N0} simulations");
        if (fit.Skipped.Count > 0)
        {
            Line(sb, $"  skipped {fit.Skipped.Count} cells without a template: {string.Join(", ", fit.Skipped.Select(c => $"{c.Period} {c.Kind}"))}");
        }

        Line(sb, "  Parameters (95 % profile-likelihood intervals):");
        int width = fit.Parameters.Max(p => p.Name.Length);
        foreach (var p in fit.Parameters)
        {
            Line(sb, $"    {p.Name.PadRight(width)}  {p.Describe()}");
        }

        var flagged = fit.Flagged.ToList();
        Line(sb, flagged.Count == 0
            ? "  Every parameter is identified."
            : $"  Flagged ({flagged.Count} of {fit.Parameters.Count}, not reported as points): {string.Join("; ", flagged.Select(p => $"{p.Name} [{p.FlagText()}]"))}");
        Line(sb, "  Cells (observed, fitted P(adopted), expected adoptions, deviance):");
        foreach (var c in fit.Cells)
        {
            Line(sb, $"    {c.Cell.Period,-22} {c.Cell.Kind,-48} {c.Cell.Adopted,3}/{c.Cell.Attempts,-3} {c.Probability,8:0.0000} {c.Expected,7:0.00} {c.Deviance,7:0.00}{(c.IsSmooth ? string.Empty : "  counted")}");
        }
    }

    private static void Scores(StringBuilder sb, (string Split, int Cells, PredictionScore Model, PredictionScore BaseRate, PredictionScore Previous)[] rows)
    {
        Line(sb, "  Log score per attempt (higher is better) and Brier score (lower is better):");
        Line(sb, $"    {"held out",-24} {"cells",5} {"attempts",8} {"model",8} {"base rate",9} {"previous",9}   {"model",7} {"base rate",9} {"previous",9}");
        foreach (var (split, cells, model, baseRate, previous) in rows)
        {
            Line(sb, $"    {split,-24} {cells,5} {model.Attempts,8} {model.LogScore,8:0.000} {baseRate.LogScore,9:0.000} {previous.LogScore,9:0.000}   {model.BrierScore,7:0.000} {baseRate.BrierScore,9:0.000} {previous.BrierScore,9:0.000}");
        }
    }

    private static void Line(StringBuilder sb, FormattableString text) => sb.AppendLine(text.ToString(CultureInfo.InvariantCulture));

    private static void Line(StringBuilder sb, string text) => sb.AppendLine(text);
}
