using System.Globalization;
using ConsensusSim.Simulation;
using ConsensusSim.Numerics;

namespace ConsensusSim.Cli;

/// <summary>
/// A Latin hypercube: each parameter's range is cut into as many equal strata as there are points, each
/// stratum is used once, and strata are paired at random. Reproducible from the seed.
/// </summary>
internal sealed class SweepLatinHypercube : SweepDesign
{
    private readonly string[] _specs;
    private readonly string[] _paths;
    private readonly double[][] _columns;

    private SweepLatinHypercube(string[] specs, string[] paths, double[][] columns)
    {
        _specs = specs;
        _paths = paths;
        _columns = columns;
    }

    public override IReadOnlyList<string> Paths => _paths;

    public override int Count => _columns[0].Length;

    /// <summary>Parses --vary PATH=LOW:HIGH options and --points.</summary>
    /// <param name="varies">The options.</param>
    /// <param name="points">The number of points.</param>
    /// <param name="seed">The seed.</param>
    /// <returns>The design.</returns>
    /// <exception cref="UserInputException">The options do not make a Latin hypercube of at most <see cref="SweepDesign.MaxPoints"/> points.</exception>
    public static SweepLatinHypercube Parse(IReadOnlyList<string> varies, int? points, ulong seed)
    {
        if (points is not int n || n < 1 || n > MaxPoints)
        {
            throw new UserInputException($"--design lhs needs --points N with 1 ≤ N ≤ {MaxPoints:N0}.");
        }

        if (varies.Count == 0)
        {
            throw new UserInputException("--design lhs needs at least one --vary PATH=LOW:HIGH.");
        }

        var ranges = varies.Select(Range).ToList();
        string[] specs = [.. varies];
        CheckColumns([.. ranges.Select(r => r.Path)], "--vary", c => $"'{specs[c]}'");
        return new SweepLatinHypercube(specs, [.. ranges.Select(r => r.Path)], Columns(ranges, n, seed));
    }

    /// <summary>The design's points, in order.</summary>
    /// <param name="ranges">Each parameter's path and range.</param>
    /// <param name="points">The number of points.</param>
    /// <param name="seed">The seed.</param>
    /// <returns>Every point's assignments.</returns>
    public static IEnumerable<IReadOnlyList<KeyValuePair<string, string>>> Points(IReadOnlyList<(string Path, double Low, double High)> ranges, int points, ulong seed)
    {
        var design = new SweepLatinHypercube([.. ranges.Select(r => r.Path)], [.. ranges.Select(r => r.Path)], Columns(ranges, points, seed));
        return Enumerable.Range(0, points).Select(design.Point);
    }

    public override IReadOnlyList<KeyValuePair<string, string>> Point(int index) =>
        [.. _paths.Select((p, c) => new KeyValuePair<string, string>(p, Format(_columns[c][index])))];

    public override void Identify(SweepIdentity id)
    {
        id.Add("lhs");
        id.Add(Count);
        for (int c = 0; c < _paths.Length; c++)
        {
            id.Add(_paths[c]);
            foreach (double value in _columns[c])
            {
                id.Add(value);
            }
        }
    }

    public override string Origin(int index, int column) => $"value {Format(_columns[column][index])} of --vary '{_specs[column]}' (Latin hypercube)";

    private static double[][] Columns(IReadOnlyList<(string Path, double Low, double High)> ranges, int points, ulong seed)
    {
        var random = TrialRandom.ForTrial(seed, -1);
        var columns = new double[ranges.Count][];
        for (int c = 0; c < ranges.Count; c++)
        {
            var (_, low, high) = ranges[c];
            var values = new double[points];
            for (int k = 0; k < points; k++)
            {
                values[k] = low + ((high - low) * (k + random.NextDouble()) / points);
            }

            // Fisher–Yates with the sweep's own stream.
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

    private static (string Path, double Low, double High) Range(string spec)
    {
        int eq = spec.IndexOf('=', StringComparison.Ordinal);
        var bounds = eq > 0 ? spec[(eq + 1)..].Split(':') : [];
        if (bounds.Length != 2
            || !double.TryParse(bounds[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double low)
            || !double.TryParse(bounds[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double high)
            || !double.IsFinite(low) || !double.IsFinite(high) || !(high > low))
        {
            throw new UserInputException($"--vary '{spec}': a Latin hypercube range is PATH=LOW:HIGH with finite numbers and HIGH > LOW.");
        }

        return (spec[..eq], low, high);
    }
}
