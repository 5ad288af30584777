using System.Globalization;
using System.Numerics;
using ConsensusSim.Engine;

namespace ConsensusSim.Simulation;

/// <summary>
/// P(adopted) estimated by conditional Monte Carlo: the mean over trials of the probability that the trial's vote
/// adopts given the blocs' shared shocks. Its expectation is P(adopted); its standard error comes from the spread of
/// those conditional probabilities, which is smaller than the spread of adopted/not adopted.
/// </summary>
/// <remarks><threadsafety>Immutable.</threadsafety></remarks>
public sealed class ConditionalEstimate
{
    // 2¹²⁰, exact, without the platform's pow.
    private static readonly double SquareUnit = Math.ScaleB(1.0, 2 * TrialAccumulator.ConditionalFractionBits);

    internal ConditionalEstimate(TrialAccumulator acc)
    {
        long n = acc.Trials;
        Trials = n;
        if (n == 0)
        {
            (Probability, StandardError, Ci95Lower, Ci95Upper, VarianceReduction) = (double.NaN, double.NaN, 0, 1, double.NaN);
            return;
        }

        double mean = (double)acc.ConditionalSum * TrialAccumulator.ConditionalUnit / n;

        // n·ΣP² − (ΣP)² in integers, in units of 2⁻¹²⁰: the variance of probabilities near 0 or 1 is far below what a
        // difference of two doubles near p² could resolve.
        var s1 = (BigInteger)acc.ConditionalSum;
        var spread = (n * (BigInteger)acc.ConditionalSumOfSquares * ((BigInteger)1 << TrialAccumulator.SquareShift)) - (s1 * s1);
        double variance = n > 1 ? Math.Max(0, (double)spread) / SquareUnit / n / (n - 1) : double.NaN;
        Probability = mean;
        StandardError = Math.Sqrt(variance / n);
        Ci95Lower = Math.Clamp(mean - (1.96 * StandardError), 0, 1);
        Ci95Upper = Math.Clamp(mean + (1.96 * StandardError), 0, 1);

        // Against counting adoptions, whose per-trial variance is p(1 − p) at the same p.
        VarianceReduction = mean * (1 - mean) / variance;
    }

    /// <summary>Trials averaged.</summary>
    public long Trials { get; }

    /// <summary>The estimate of P(adopted).</summary>
    public double Probability { get; }

    /// <summary>Its standard error, from the sample variance of the conditional probabilities (NaN with a single trial).</summary>
    public double StandardError { get; }

    /// <summary>Lower end of the normal 95 % interval, clamped to 0.</summary>
    public double Ci95Lower { get; }

    /// <summary>Upper end of the normal 95 % interval, clamped to 1.</summary>
    public double Ci95Upper { get; }

    /// <summary>
    /// How many times smaller the per-trial variance is than that of counting adoptions (p(1 − p)): the factor by which
    /// counting would need more trials for the same standard error. Infinite when every trial's probability is the same
    /// (strictly between 0 and 1); NaN when it is always 0 or always 1, or with a single trial.
    /// </summary>
    public double VarianceReduction { get; }

    /// <summary>
    /// The variance reduction in words: "variance 9.4x smaller", or why there is no factor to give — every
    /// trial's probability the same (0, 1 or in between), or too few trials to estimate a variance.
    /// </summary>
    /// <returns>The text, in English, with the factor to one decimal.</returns>
    public string DescribeVarianceReduction()
    {
        if (Trials < 2)
        {
            return "variance not estimated (it needs at least two trials)";
        }

        if (double.IsFinite(VarianceReduction))
        {
            return string.Create(CultureInfo.InvariantCulture, $"variance {VarianceReduction:0.0}x smaller");
        }

        // The conditional probabilities do not vary: at 0 or 1 counting does not vary either.
        return Probability is 0 or 1
            ? string.Create(CultureInfo.InvariantCulture, $"no variance to reduce (every trial's probability is {Probability:0})")
            : "no variance left (every trial's probability is the same)";
    }

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Probability:0.00000} (95% CI {Ci95Lower:0.00000}–{Ci95Upper:0.00000}, SE {StandardError:0.000000}, {DescribeVarianceReduction()})");
}
