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
        var sb = new StringBuilder("split,name,path,applies_to,low,high,prior_mean,prior_sd,estimate,lower,upper,flags,cells,reported\n");
        foreach (var (split, fit) in fits)
        {
            ArgumentNullException.ThrowIfNull(fit, nameof(fits));
            foreach (var p in fit.Parameters)
            {
                var q = p.Parameter;
                Row(sb, split, q.Name, q.Path, q.AppliesTo?.ToString() ?? string.Empty, N(q.Low), N(q.High), N(q.Prior?.Mean), N(q.Prior?.StandardDeviation), N(p.Estimate), N(p.Lower), N(p.Upper), p.FlagText(), I(p.Cells), p.Describe());
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
        var sb = new StringBuilder("split,role,period,item,topic,adopted,attempts,template,probability,standard_error,estimator,deviance,base_rate,previous_period\n");
        foreach (var (split, fit) in fits)
        {
            ArgumentNullException.ThrowIfNull(fit, nameof(fits));
            foreach (var c in fit.Cells)
            {
                Row(sb, [split, "fitted", .. Cell(c.Cell), c.Template, N(c.Probability), N(c.StandardError), Estimator(c.IsSmooth), N(c.Deviance), string.Empty, string.Empty]);
            }

            foreach (var s in fit.Skipped)
            {
                Row(sb, [split, "skipped", .. Cell(s), string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, string.Empty]);
            }
        }

        foreach (var (split, p) in predictions)
        {
            ArgumentNullException.ThrowIfNull(p, nameof(predictions));
            Row(sb, [split, "predicted", .. Cell(p.Cell), string.Empty, N(p.Model), string.Empty, Estimator(p.IsSmooth), string.Empty, N(p.BaseRate), N(p.PreviousPeriod)]);
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
            ScoreRow(sb, step.Period, string.Join(' ', step.TrainingPeriods), step.Result.Predictions.Count, step.Result.Model, step.Result.BaseRate, step.Result.PreviousPeriod);
        }

        ScoreRow(sb, "all", string.Empty, result.Steps.Sum(s => s.Result.Predictions.Count), result.Model, result.BaseRate, result.PreviousPeriod);
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
        ScoreRow(sb, result.HeldOut, string.Join(' ', training), result.Predictions.Count, result.Model, result.BaseRate, result.PreviousPeriod);
        return sb.ToString();
    }

    private const string ScoresHeader = "held_out,training_periods,cells,attempts,model_log_score,base_rate_log_score,previous_period_log_score,model_brier,base_rate_brier,previous_period_brier\n";

    private static void ScoreRow(StringBuilder sb, string heldOut, string training, int cells, PredictionScore model, PredictionScore baseRate, PredictionScore previous) =>
        Row(sb, heldOut, training, I(cells), I(model.Attempts), N(model.LogScore), N(baseRate.LogScore), N(previous.LogScore), N(model.BrierScore), N(baseRate.BrierScore), N(previous.BrierScore));

    private static string[] Cell(ObservedCell c) => [c.Period, c.Item, c.Topic ?? string.Empty, I(c.Adopted), I(c.Attempts)];

    private static void Row(StringBuilder sb, params string[] fields) =>
        sb.AppendJoin(',', fields.Select(f => f.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + f.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : f)).Append('\n');

    private static string N(double? x) => x is double v && double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : string.Empty;

    private static string I(int x) => x.ToString(CultureInfo.InvariantCulture);
}
