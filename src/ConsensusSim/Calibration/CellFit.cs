namespace ConsensusSim.Calibration;

/// <summary>A fitted cell: the observed count beside the model's P(adopted) at the fitted values.</summary>
/// <remarks><threadsafety>Immutable.</threadsafety></remarks>
public sealed class CellFit
{
    internal CellFit(ObservedCell cell, string template, double probability, double standardError, bool smooth, string? whyNotSmooth, double deviance)
    {
        Cell = cell;
        Template = template;
        Probability = probability;
        StandardError = standardError;
        IsSmooth = smooth;
        WhyNotSmooth = whyNotSmooth;
        Deviance = deviance;
    }

    /// <summary>The observed cell.</summary>
    public ObservedCell Cell { get; }

    /// <summary>The template that simulated it (<see cref="CalibrationTemplate.Key"/>).</summary>
    public string Template { get; }

    /// <summary>P(adopted) at the fitted values, clamped to [1/(2·trials), 1 − 1/(2·trials)].</summary>
    public double Probability { get; }

    /// <summary>The Monte Carlo standard error of the simulated probability.</summary>
    public double StandardError { get; }

    /// <summary>
    /// Whether the probability is the conditional Monte Carlo estimate, smooth in the parameters; otherwise it counts
    /// adoptions, and the objective steps where a trial's outcome flips (<see cref="WhyNotSmooth"/> says why).
    /// </summary>
    public bool IsSmooth { get; }

    /// <summary>Why conditional Monte Carlo does not apply to the cell's scenario, when it does not.</summary>
    public string? WhyNotSmooth { get; }

    /// <summary>The cell's binomial deviance at the fitted values.</summary>
    public double Deviance { get; }

    /// <summary>The adoptions the model expects: attempts × probability.</summary>
    public double Expected => Cell.Attempts * Probability;
}
