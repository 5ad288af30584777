namespace ConsensusSim.Simulation;

/// <summary>A Monte Carlo estimate of an outcome's probability with its standard error and 95 % Wilson interval.</summary>
/// <remarks><threadsafety>Immutable.</threadsafety></remarks>
public sealed class OutcomeEstimate
{
    internal OutcomeEstimate(long count, long trials)
    {
        Count = count;
        Trials = trials;
        if (trials == 0)
        {
            // A run cancelled before its first chunk knows nothing yet.
            (Probability, StandardError, Ci95Lower, Ci95Upper) = (double.NaN, double.NaN, 0, 1);
            return;
        }

        Probability = (double)count / trials;
        StandardError = Analysis.ProportionInterval.StandardError(count, trials);
        (Ci95Lower, Ci95Upper) = Analysis.ProportionInterval.Wilson(count, trials);
    }

    /// <summary>Trials with the outcome.</summary>
    public long Count { get; }

    /// <summary>All trials.</summary>
    public long Trials { get; }

    /// <summary>The estimated probability, <see cref="Count"/> / <see cref="Trials"/>.</summary>
    public double Probability { get; }

    /// <summary>The standard error √(p(1 − p)/n).</summary>
    public double StandardError { get; }

    /// <summary>Lower bound of the 95 % Wilson score interval.</summary>
    public double Ci95Lower { get; }

    /// <summary>Upper bound of the 95 % Wilson score interval.</summary>
    public double Ci95Upper { get; }

    /// <inheritdoc />
    public override string ToString() =>
        FormattableString.Invariant($"{Probability:0.0000} (95% CI {Ci95Lower:0.0000}–{Ci95Upper:0.0000}, SE {StandardError:0.00000})");
}
