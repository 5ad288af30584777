using System.Globalization;
using System.Text;

namespace ConsensusSim.Calibration;

/// <content>The CSV tables.</content>
public static partial class CalibrationReport
{
    /// <summary>The parameters as CSV: one row per parameter (per step of a rolling origin).</summary>
    /// <param name="fits">The fits, each with the label of its split (<c>all</c>, <c>holdout</c>, a predicted period).</param>
    /// <returns>The CSV text with a header.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="fits"/> or a fit is <see langword="null"/>.</exception>
    public static string ParametersCsv(IEnumerable<KeyValuePair<string, CalibrationResult>> fits)
    {
        ArgumentNullException.ThrowIfNull(fits);
        var sb = new StringBuilder("split,name,path,applies_to,low,high,prior_mean,prior_sd,estimate,lower,upper,flags,cells,reported," + TraceHeader + "\n");
        foreach (var (split, fit) in fits)
        {
            ArgumentNullException.ThrowIfNull(fit, nameof(fits));
            foreach (var p in fit.Parameters)
            {
                var q = p.Parameter;
                Row(sb, [split, q.Name, q.Path, q.AppliesTo?.ToString() ?? string.Empty, N(q.Low), N(q.High), N(q.Prior?.Mean), N(q.Prior?.StandardDeviation), N(p.Estimate), N(p.Lower), N(p.Upper), p.FlagText(), I(p.Cells), p.Describe(), .. Trace(fit)]);
            }
        }

        return sb.ToString();
    }

    /// <summary>The cells as CSV: fitted cells, held-out cells with the three predictions, and skipped cells.</summary>
    /// <param name="fits">The fits, each with the label of its split.</param>
    /// <param name="predictions">Held-out cells, each with the label of its split; may be empty.</param>
    /// <returns>The CSV text with a header.</returns>
    /// <exception cref="ArgumentNullException">An argument or an element is <see langword="null"/>.</exception>
    public static string CellsCsv(IEnumerable<KeyValuePair<string, CalibrationResult>> fits, IEnumerable<KeyValuePair<string, CellPrediction>> predictions)
    {
        ArgumentNullException.ThrowIfNull(fits);
        ArgumentNullException.ThrowIfNull(predictions);
        var sb = new StringBuilder("split,role,period,item,topic,adopted,attempts,template,probability,standard_error,estimator,deviance,base_rate,previous_period,scenario,scenario_sha256," + TraceHeader + "\n");
        foreach (var (split, fit) in fits)
        {
            ArgumentNullException.ThrowIfNull(fit, nameof(fits));
            foreach (var c in fit.Cells)
            {
                Row(sb, [split, "fitted", .. Cell(c.Cell), c.Template, N(c.Probability), N(c.StandardError), Estimator(c.IsSmooth), N(c.Deviance), string.Empty, string.Empty, .. TemplateScenario(fit, c.Template), .. Trace(fit)]);
            }

            foreach (var s in fit.Skipped)
            {
                Row(sb, [split, "skipped", .. Cell(s), string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, .. Trace(fit)]);
            }
        }

        // A prediction comes from the fit of its split; every fit of one call shares the spec, seed and trials.
        string[] trace = fits.Select(f => Trace(f.Value)).FirstOrDefault() ?? [string.Empty, string.Empty, string.Empty, VersionText];
        foreach (var (split, p) in predictions)
        {
            ArgumentNullException.ThrowIfNull(p, nameof(predictions));
            Row(sb, [split, "predicted", .. Cell(p.Cell), string.Empty, N(p.Model), string.Empty, Estimator(p.IsSmooth), string.Empty, N(p.BaseRate), N(p.PreviousPeriod), string.Empty, string.Empty, .. trace]);
        }

        return sb.ToString();
    }

    /// <summary>The scores as CSV: one row per held-out split, and a last row <c>all</c> pooling a rolling origin's steps.</summary>
    /// <param name="result">A rolling-origin validation.</param>
    /// <returns>The CSV text with a header.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is <see langword="null"/>.</exception>
    public static string ScoresCsv(RollingOriginResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var sb = new StringBuilder(ScoresHeader);
        foreach (var step in result.Steps)
        {
            ScoreRow(sb, step.Period, string.Join(' ', step.TrainingPeriods), step.Result.Predictions.Count, step.Result.Model, step.Result.BaseRate, step.Result.PreviousPeriod, Trace(step.Result.Fit));
        }

        string[] trace = result.Steps.Count > 0 ? Trace(result.Steps[0].Result.Fit) : [string.Empty, string.Empty, string.Empty, VersionText];
        ScoreRow(sb, "all", string.Empty, result.Steps.Sum(s => s.Result.Predictions.Count), result.Model, result.BaseRate, result.PreviousPeriod, trace);
        return sb.ToString();
    }

    /// <summary>The scores of a held-out validation as CSV: one row.</summary>
    /// <param name="result">The validation.</param>
    /// <returns>The CSV text with a header.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is <see langword="null"/>.</exception>
    public static string ScoresCsv(OutOfSampleResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var sb = new StringBuilder(ScoresHeader);
        var training = result.Fit.Cells.Select(c => c.Cell.Period).Distinct();
        ScoreRow(sb, result.HeldOut, string.Join(' ', training), result.Predictions.Count, result.Model, result.BaseRate, result.PreviousPeriod, Trace(result.Fit));
        return sb.ToString();
    }

    private const string ScoresHeader = "held_out,training_periods,cells,attempts,model_log_score,base_rate_log_score,previous_period_log_score,model_brier,base_rate_brier,previous_period_brier," + TraceHeader + "\n";

    private static void ScoreRow(StringBuilder sb, string heldOut, string training, int cells, PredictionScore model, PredictionScore baseRate, PredictionScore previous, string[] trace) =>
        Row(sb, [heldOut, training, I(cells), I(model.Attempts), N(model.LogScore), N(baseRate.LogScore), N(previous.LogScore), N(model.BrierScore), N(baseRate.BrierScore), N(previous.BrierScore), .. trace]);

    /// <summary>
    /// The last columns of every calibration CSV: the spec, the seed and trials of every simulation, and the library's
    /// version — what a reader of the file alone needs to reproduce it (docs/results.md).
    /// </summary>
    private const string TraceHeader = "spec,seed,trials,consensussim_version";

    private static string VersionText => Simulation.Provenance.LibraryVersion;

    private static string[] Trace(CalibrationResult fit) =>
        [fit.Spec.Name ?? (fit.Spec.Source is { } source ? Path.GetFileName(source) : string.Empty), fit.Seed.ToString(CultureInfo.InvariantCulture), fit.Trials.ToString(CultureInfo.InvariantCulture), VersionText];

    /// <summary>The name and canonical SHA-256 of the template scenario a cell ran (before the fitted values are set), as a run's provenance gives them.</summary>
    private static string[] TemplateScenario(CalibrationResult fit, string template) =>
        fit.Spec.Templates.FirstOrDefault(t => t.Key == template) is { } found
            ? [found.Scenario.Scenario.Name, Simulation.ScenarioCompilation.Compile(found.Scenario.Scenario).ScenarioSha256]
            : [string.Empty, string.Empty];

    private static string[] Cell(ObservedCell c) => [c.Period, c.Item, c.Topic ?? string.Empty, I(c.Adopted), I(c.Attempts)];

    private static void Row(StringBuilder sb, params string[] fields) =>
        sb.AppendJoin(',', fields.Select(f => f.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + f.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : f)).Append('\n');

    private static string N(double? x) => x is double v && double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : string.Empty;

    private static string I(int x) => x.ToString(CultureInfo.InvariantCulture);
}
