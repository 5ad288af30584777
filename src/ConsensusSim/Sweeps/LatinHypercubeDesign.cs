using System.Globalization;
using ConsensusSim.Simulation;
using ConsensusSim.Numerics;

namespace ConsensusSim.Sweeps;

/// <summary>
/// A Latin hypercube: each range is cut into as many equal strata as there are points, each stratum is used
/// once, and strata are paired at random by the design's own stream. Reproducible from the seed.
/// </summary>
internal sealed class LatinHypercubeDesign : SweepDesign
{
    private readonly double[][] _columns;

    private LatinHypercubeDesign(IReadOnlyList<SweepRange> ranges, double[][] columns, IReadOnlyList<string>? sources, string paramName)
        : base([.. ranges.Select(r => r.Path)], sources, paramName)
    {
        _columns = columns;
    }

    public override int Count => _columns[0].Length;

    /// <summary>The design.</summary>
    /// <param name="ranges">The axes.</param>
    /// <param name="points">The number of points.</param>
    /// <param name="seed">The design's seed.</param>
    /// <param name="sources">How each axis was given, for messages; null for the paths.</param>
    /// <param name="paramName">The argument the axes came from.</param>
    /// <returns>The design.</returns>
    internal static LatinHypercubeDesign Create(IReadOnlyList<SweepRange> ranges, int points, ulong seed, IReadOnlyList<string>? sources, string paramName)
    {
        if (ranges.Count == 0 || ranges.Any(r => r is null))
        {
            throw new ArgumentException("A Latin hypercube needs at least one range, and no range may be null.", paramName);
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(points, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(points, MaxPoints);

        return new LatinHypercubeDesign(ranges, Columns(ranges, points, seed), sources, paramName);
    }

    internal override IReadOnlyList<string> Values(int index) => [.. _columns.Select(c => Format(c[index]))];

    internal override string Origin(int index, int column) => $"value {Format(_columns[column][index])} of {Source(column)} (Latin hypercube)";

    internal override void Identify(ISweepFingerprint fingerprint)
    {
        fingerprint.Add("lhs");
        fingerprint.Add(Count);
        for (int c = 0; c < _columns.Length; c++)
        {
            fingerprint.Add(Paths[c]);
            foreach (double value in _columns[c])
            {
                fingerprint.Add(value);
            }
        }
    }

    private static double[][] Columns(IReadOnlyList<SweepRange> ranges, int points, ulong seed)
    {
        var random = TrialRandom.ForTrial(seed, -1);
        var columns = new double[ranges.Count][];
        for (int c = 0; c < ranges.Count; c++)
        {
            var (low, high) = (ranges[c].Low, ranges[c].High);
            var values = new double[points];
            bool wide = !double.IsFinite((high - low) * points);
            for (int k = 0; k < points; k++)
            {
                double at = k + random.NextDouble();

                // In a range wider than double.MaxValue ÷ points the product would overflow; there, the point is a weighted
                // mean of the ends, whose terms are each no larger than an end.
                values[k] = wide
                    ? Math.Clamp((low * (1 - (at / points))) + (high * (at / points)), low, high)
                    : low + ((high - low) * at / points);
            }

            // Fisher–Yates with the design's own stream.
            for (int k = points - 1; k > 0; k--)
            {
                int j = (int)(random.NextUInt64() % (ulong)(k + 1));
                (values[k], values[j]) = (values[j], values[k]);
            }

            columns[c] = values;
        }

        return columns;
    }

    /// <summary>The value's round-trip text: what a point is labelled with is exactly what it runs, however narrow the range.</summary>
    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
