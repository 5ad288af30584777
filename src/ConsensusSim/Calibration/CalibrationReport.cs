using System.Globalization;
using System.Text;
using System.Text.Json;
using ConsensusSim.Simulation;

namespace ConsensusSim.Calibration;

/// <summary>
/// Writes calibration results as the tool writes them: one JSON document (<c>calibration.json</c>) and tidy CSV tables
/// of the parameters, the cells and, for validation, the scores. The JSON names the method (objective, clamp,
/// optimiser, tolerance, interval), every parameter with its interval, flags and the text it should be reported by,
/// every fitted, predicted and skipped cell, and which cells were simulated smoothly.
/// </summary>
/// <remarks><threadsafety>Stateless and thread-safe.</threadsafety></remarks>
public static partial class CalibrationReport
{
    /// <summary>The JSON document of a fit.</summary>
    /// <param name="result">The fit.</param>
    /// <returns>The JSON text, indented.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is <see langword="null"/>.</exception>
    public static string Json(CalibrationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return Document(result, "fit", w =>
        {
            w.WritePropertyName("fit");
            Fit(w, result);
        });
    }

    /// <summary>The JSON document of a held-out validation: the fit on the other cells and the scores of the held-out ones.</summary>
    /// <param name="result">The validation.</param>
    /// <returns>The JSON text, indented.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is <see langword="null"/>.</exception>
    public static string Json(OutOfSampleResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return Document(result.Fit, "holdout", w =>
        {
            w.WritePropertyName("holdout");
            Split(w, result);
        });
    }

    /// <summary>The JSON document of a rolling-origin validation: every step's fit and scores, and the pooled scores.</summary>
    /// <param name="result">The validation.</param>
    /// <returns>The JSON text, indented.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is <see langword="null"/>.</exception>
    public static string Json(RollingOriginResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return Document(result.Steps[0].Result.Fit, "rolling-origin", w =>
        {
            w.WriteStartObject("rollingOrigin");
            w.WriteStartArray("unpredicted");
            foreach (string period in result.Unpredicted)
            {
                w.WriteStringValue(period);
            }

            w.WriteEndArray();
            Scores(w, result.Model, result.BaseRate, result.PreviousPeriod);
            w.WriteStartArray("steps");
            foreach (var step in result.Steps)
            {
                w.WriteStartObject();
                w.WriteString("period", step.Period);
                w.WriteStartArray("training");
                foreach (string period in step.TrainingPeriods)
                {
                    w.WriteStringValue(period);
                }

                w.WriteEndArray();
                w.WritePropertyName("result");
                Split(w, step.Result);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static string Document(CalibrationResult fit, string mode, Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            var spec = fit.Spec;
            w.WriteStartObject();
            w.WriteString("format", "consensussim-calibration");
            w.WriteNumber("formatVersion", 1);
            w.WriteString("library", "ConsensusSim " + Provenance.LibraryVersion);
            w.WriteString("mode", mode);
            Text(w, "name", spec.Name);
            Text(w, "spec", spec.Source);
            w.WriteNumber("trials", fit.Trials);
            w.WriteNumber("seed", fit.Seed);
            w.WriteNumber("starts", spec.Starts);
            w.WriteStartObject("method");
            w.WriteString("objective", "binomial deviance over the fitted cells, plus ((value - mean) / sd)^2 for each parameter with a normal prior");
            w.WriteString("probabilities", "each cell's P(adopted) simulated with the same seed at every evaluation (common random numbers), by conditional Monte Carlo where it applies (estimator 'conditional', smooth in the parameters) and by counting adoptions where it does not ('counted')");
            w.WriteNumber("clampLow", 0.5 / fit.Trials);
            w.WriteNumber("clampHigh", 1 - (0.5 / fit.Trials));
            w.WriteString("optimiser", "MathNet Nelder-Mead simplex on the unit cube of the bounds, from a Latin hypercube of starts; blocks of parameters that share no cell are fitted separately");
            w.WriteNumber("convergenceTolerance", CalibrationResult.ConvergenceTolerance);
            w.WriteString("interval", "95 % profile likelihood: the values whose profile deviance (the block's other parameters re-optimised) is within chi-square(1, 0.95) of the minimum");
            w.WriteNumber("profileThreshold", CalibrationResult.ProfileThreshold);
            w.WriteNumber("boundMargin", CalibrationResult.BoundMargin);
            w.WriteEndObject();
            body(w);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void Split(Utf8JsonWriter w, OutOfSampleResult result)
    {
        w.WriteStartObject();
        w.WriteString("heldOut", result.HeldOut);
        Scores(w, result.Model, result.BaseRate, result.PreviousPeriod);
        w.WriteStartArray("predictions");
        foreach (var p in result.Predictions)
        {
            w.WriteStartObject();
            CellFields(w, p.Cell);
            Number(w, "model", p.Model);
            w.WriteString("estimator", Estimator(p.IsSmooth));
            Number(w, "baseRate", p.BaseRate);
            Number(w, "previousPeriod", p.PreviousPeriod);
            w.WriteBoolean("previousPeriodFellBack", p.PreviousPeriodFellBack);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WritePropertyName("fit");
        Fit(w, result.Fit);
        w.WriteEndObject();
    }

    private static void Scores(Utf8JsonWriter w, PredictionScore model, PredictionScore baseRate, PredictionScore previous)
    {
        w.WriteStartObject("scores");
        foreach (var (name, s) in new[] { ("model", model), ("baseRate", baseRate), ("previousPeriod", previous) })
        {
            w.WriteStartObject(name);
            Number(w, "logScore", s.LogScore);
            Number(w, "brierScore", s.BrierScore);
            w.WriteNumber("attempts", s.Attempts);
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private static void Fit(Utf8JsonWriter w, CalibrationResult fit)
    {
        w.WriteStartObject();
        Number(w, "deviance", fit.Deviance);
        Number(w, "penalty", fit.Penalty);
        w.WriteBoolean("converged", fit.Converged);
        w.WriteNumber("simulations", fit.Simulations);
        w.WriteStartArray("flagged");
        foreach (var p in fit.Flagged)
        {
            w.WriteStringValue(p.Name);
        }

        w.WriteEndArray();
        w.WriteStartArray("parameters");
        foreach (var p in fit.Parameters)
        {
            Parameter(w, p);
        }

        w.WriteEndArray();
        w.WriteStartArray("cells");
        foreach (var c in fit.Cells)
        {
            w.WriteStartObject();
            CellFields(w, c.Cell);
            w.WriteString("template", c.Template);
            Number(w, "probability", c.Probability);
            Number(w, "standardError", c.StandardError);
            Number(w, "expected", c.Expected);
            Number(w, "deviance", c.Deviance);
            w.WriteString("estimator", Estimator(c.IsSmooth));
            Text(w, "whyNotSmooth", c.WhyNotSmooth);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("skipped");
        foreach (var s in fit.Skipped)
        {
            w.WriteStartObject();
            CellFields(w, s);
            w.WriteString("reason", "no template for this item kind and topic");
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Parameter(Utf8JsonWriter w, ParameterEstimate p)
    {
        var q = p.Parameter;
        w.WriteStartObject();
        w.WriteString("name", q.Name);
        w.WriteString("path", q.Path);
        Text(w, "appliesTo", q.AppliesTo?.ToString());
        Number(w, "low", q.Low);
        Number(w, "high", q.High);
        if (q.Prior is { } prior)
        {
            w.WriteStartObject("prior");
            Number(w, "mean", prior.Mean);
            Number(w, "sd", prior.StandardDeviation);
            w.WriteEndObject();
        }

        Number(w, "estimate", p.Estimate);
        Number(w, "lower", p.Lower);
        Number(w, "upper", p.Upper);
        w.WriteBoolean("identified", p.IsIdentified);
        w.WriteStartArray("flags");
        foreach (var flag in Enum.GetValues<Identifiability>().Where(f => f != Identifiability.None && p.Flags.HasFlag(f)))
        {
            w.WriteStringValue(flag.ToString());
        }

        w.WriteEndArray();
        w.WriteNumber("cells", p.Cells);
        w.WriteString("reported", p.Describe());
        w.WriteEndObject();
    }

    private static void CellFields(Utf8JsonWriter w, ObservedCell cell)
    {
        w.WriteString("period", cell.Period);
        w.WriteString("item", cell.Item);
        Text(w, "topic", cell.Topic);
        w.WriteNumber("adopted", cell.Adopted);
        w.WriteNumber("attempts", cell.Attempts);
        if (cell.Line is int line)
        {
            w.WriteNumber("line", line);
        }
    }

    private static string Estimator(bool smooth) => smooth ? "conditional" : "counted";

    private static void Text(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }

    private static void Number(Utf8JsonWriter w, string name, double value)
    {
        if (double.IsFinite(value))
        {
            w.WriteNumber(name, value);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
