using System.Globalization;
using System.Numerics;
using ConsensusSim.Engine;

namespace ConsensusSim.Simulation;

/// <summary>
/// The probability of a rare outcome estimated by importance sampling (<see cref="SimulationOptions.RareEvent"/>): the
/// mean over trials of 1{outcome}·(likelihood ratio) of a vote drawn under the tuned change of measure. Its expectation
/// is the probability itself; its standard error comes from the sample variance of those weighted indicators, and its
/// relative error (standard error over estimate) says how far to trust its digits: 10 % needs only a few thousand
/// trials where counting at 10⁻⁶ would need a hundred million.
/// </summary>
/// <remarks><threadsafety>Immutable.</threadsafety></remarks>
public sealed class RareEventEstimate
{
    internal RareEventEstimate(RareOutcome outcome, TrialAccumulator acc)
    {
        Outcome = outcome;
        long n = acc.Trials;
        Trials = n;
        var sums = acc.Rare ?? new RareTallies(0);
        Hits = sums.Hits;
        if (n == 0)
        {
            (Probability, StandardError, RelativeError, Ci95Lower, Ci95Upper) = (double.NaN, double.NaN, double.NaN, 0, 1);
            return;
        }

        // x = weight / 2^E in fixed point: Σx in units of 2⁻⁶⁴, Σx² in units of 2⁻³².
        int e = sums.ScaleExponent;
        double mean = Math.ScaleB((double)sums.Sum / n, e - RareTallies.SumFractionBits);

        // n·Σx² − (Σx)², in integers and units of 2⁻¹²⁸: exact, so a spread far below the mean's square survives.
        var s1 = (BigInteger)sums.Sum;
        int lift = (2 * RareTallies.SumFractionBits) - RareTallies.SquareFractionBits;
        var spread = (n * (BigInteger)sums.SumOfSquares * (BigInteger.One << lift)) - (s1 * s1);
        double variance = n > 1 ? Math.ScaleB(Math.Max(0, (double)spread), (2 * e) - (2 * RareTallies.SumFractionBits)) / n / (n - 1) : double.NaN;
        Probability = mean;
        if (Hits == 0 || n < 2)
        {
            // No hit, or one trial, leaves no spread to measure: a standard error of 0 and an interval [0, 0] would claim an
            // exact 0, and one trial's weight says nothing of how far the next would fall from it.
            (StandardError, RelativeError, Ci95Lower, Ci95Upper) = (double.NaN, double.NaN, 0, 1);
            return;
        }

        if (Hits == n)
        {
            // Every trial hit, so the sample holds none of the misses whose zero weights are part of the spread: a tilt that
            // makes the outcome nearly certain gives nearly equal weights and a sample variance near 0 however rare misses
            // are. A miss's chance is below 3/n at 95 % confidence (none in n trials), and misses of chance m add at most
            // m·mean² to the variance of one trial; that bound is added.
            variance += 3 * mean * mean / n;
        }

        StandardError = Math.Sqrt(variance / n);
        RelativeError = mean > 0 ? StandardError / mean : double.NaN;
        Ci95Lower = Math.Clamp(mean - (1.96 * StandardError), 0, 1);
        Ci95Upper = Math.Clamp(mean + (1.96 * StandardError), 0, 1);
    }

    /// <summary>The outcome estimated.</summary>
    public RareOutcome Outcome { get; }

    /// <summary>Trials averaged: one importance-sampled vote each.</summary>
    public long Trials { get; }

    /// <summary>Trials whose importance-sampled vote ended in the outcome (under the changed measure, so far more than the probability suggests).</summary>
    public long Hits { get; }

    /// <summary>The estimate of the outcome's probability; 0 when no trial hit it. Exact in expectation but not bounded: for an outcome that is not rare it can exceed 1 by about its standard error.</summary>
    public double Probability { get; }

    /// <summary>
    /// Its standard error, from the sample variance of the weighted indicators (NaN with a single trial, or when no trial hit
    /// the outcome); when every trial hit, with the variance that misses rarer than 3/n could add (the rule of three), since
    /// the sample holds none of them.
    /// </summary>
    public double StandardError { get; }

    /// <summary>Standard error over estimate; NaN when the estimate is 0.</summary>
    public double RelativeError { get; }

    /// <summary>Lower end of the normal 95 % interval, clamped to 0; 0 when no trial hit the outcome or only one trial ran.</summary>
    public double Ci95Lower { get; }

    /// <summary>Upper end of the normal 95 % interval, clamped to 1; 1 when no trial hit the outcome or only one trial ran, as nothing then bounds it.</summary>
    public double Ci95Upper { get; }

    /// <inheritdoc/>
    public override string ToString()
    {
        string outcome = Outcome == RareOutcome.Adopted ? "adopted" : "deadlocked";
        return Hits == 0 && Trials > 0
            ? string.Create(CultureInfo.InvariantCulture, $"P({outcome}) not estimated: none of {Trials:N0} importance-sampled trials hit it, so the run bounds it by nothing; it may be far rarer than these trials can reach")
            : string.Create(CultureInfo.InvariantCulture, $"P({outcome}) = {Probability:0.000e+00} (95% CI {Ci95Lower:0.000e+00}–{Ci95Upper:0.000e+00}, SE {StandardError:0.00e+00}, relative error {RelativeError:P1}, importance sampling, {Hits:N0} of {Trials:N0} trials hit)");
    }
}
