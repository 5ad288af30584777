namespace ConsensusSim.Calibration;

/// <summary>A held-out cell: the model's predicted P(adopted) beside the two baselines'.</summary>
/// <remarks><threadsafety>Immutable.</threadsafety></remarks>
public sealed class CellPrediction
{
    internal CellPrediction(ObservedCell cell, double model, bool smooth, double baseRate, double previousPeriod, bool previousFellBack)
    {
        Cell = cell;
        Model = model;
        IsSmooth = smooth;
        BaseRate = baseRate;
        PreviousPeriod = previousPeriod;
        PreviousPeriodFellBack = previousFellBack;
    }

    /// <summary>The held-out cell.</summary>
    public ObservedCell Cell { get; }

    /// <summary>The model's P(adopted) at the values fitted without it, clamped to [1/(2·trials), 1 − 1/(2·trials)].</summary>
    public double Model { get; }

    /// <summary>Whether the model's probability is the conditional Monte Carlo estimate.</summary>
    public bool IsSmooth { get; }

    /// <summary>The base-rate baseline (<see cref="BaselineForecast.BaseRate"/>).</summary>
    public double BaseRate { get; }

    /// <summary>The previous-period baseline (<see cref="BaselineForecast.PreviousPeriod"/>).</summary>
    public double PreviousPeriod { get; }

    /// <summary>Whether the previous-period baseline fell back to the base rate.</summary>
    public bool PreviousPeriodFellBack { get; }
}
