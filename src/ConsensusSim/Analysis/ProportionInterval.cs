using ConsensusSim.Numerics;
namespace ConsensusSim.Analysis;

/// <summary>Confidence intervals for a proportion estimated from Monte Carlo trials.</summary>
public static class ProportionInterval
{
    /// <summary>
    /// The Wilson score interval, which stays inside [0, 1] and keeps its coverage near 0 and 1,
    /// where the normal (Wald) interval collapses.
    /// </summary>
    /// <param name="successes">Trials with the outcome.</param>
    /// <param name="trials">All trials, at least 1.</param>
    /// <param name="confidence">The confidence level in (0, 1), 0.95 by default.</param>
    /// <returns>The lower and upper bounds.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The counts are inconsistent or the level is outside (0, 1).</exception>
    public static (double Lower, double Upper) Wilson(long successes, long trials, double confidence = 0.95)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(trials, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(successes, trials);
        if (!(confidence > 0 && confidence < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "The confidence level must lie strictly between 0 and 1.");
        }

        double z = StandardNormal.Quantile(1 - ((1 - confidence) / 2));
        if (double.IsInfinity(z))
        {
            // Within 10⁻¹⁶ of 1, the upper tail's level rounds to 1; the lower tail's quantile is still finite.
            z = -StandardNormal.Quantile((1 - confidence) / 2);
        }

        double n = trials;
        double p = successes / n;
        double z2n = z * z / n;
        double centre = (p + (z2n / 2)) / (1 + z2n);
        double half = z / (1 + z2n) * Math.Sqrt((p * (1 - p) / n) + (z2n / (4 * n)));
        double lower = successes == 0 ? 0 : Math.Max(0, centre - half);
        double upper = successes == trials ? 1 : Math.Min(1, centre + half);
        return (lower, upper);
    }

    /// <summary>The standard error √(p(1 − p)/n) of an estimated proportion.</summary>
    /// <param name="successes">Trials with the outcome.</param>
    /// <param name="trials">All trials, at least 1.</param>
    /// <returns>The standard error.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The counts are inconsistent: no trials, or successes outside 0 to <paramref name="trials"/>.</exception>
    public static double StandardError(long successes, long trials)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(trials, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(successes, trials);
        double p = (double)successes / trials;
        return Math.Sqrt(p * (1 - p) / trials);
    }
}
