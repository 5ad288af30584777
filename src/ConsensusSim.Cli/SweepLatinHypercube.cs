using System.Globalization;
using ConsensusSim.Simulation;
using ConsensusSim.Numerics;
using ConsensusSim.Sweeps;

namespace ConsensusSim.Cli;

/// <summary>The --vary PATH=LOW:HIGH options and --points of a Latin hypercube (<see cref="SweepDesign.LatinHypercube"/>).</summary>
internal static class SweepLatinHypercube
{
    /// <summary>Parses --vary PATH=LOW:HIGH options and --points.</summary>
    /// <param name="varies">The options.</param>
    /// <param name="points">The number of points.</param>
    /// <param name="seed">The seed.</param>
    /// <returns>The design.</returns>
    /// <exception cref="UserInputException">The options do not make a Latin hypercube of at most <see cref="SweepDesign.MaxPoints"/> points.</exception>
    public static SweepDesign Parse(IReadOnlyList<string> varies, int? points, ulong seed)
    {
        if (points is not int n || n < 1 || n > SweepDesign.MaxPoints)
        {
            throw new UserInputException($"--design lhs needs --points N with 1 ≤ N ≤ {SweepDesign.MaxPoints:N0}.");
        }

        if (varies.Count == 0)
        {
            throw new UserInputException("--design lhs needs at least one --vary PATH=LOW:HIGH.");
        }

        var ranges = varies.Select(Range).ToList();
        string[] specs = [.. varies];
        SweepDesignOptions.CheckColumns([.. ranges.Select(r => r.Path)], "--vary", c => $"'{specs[c]}'");
        try
        {
            return LatinHypercubeDesign.Create(ranges, n, seed, [.. specs.Select(s => $"--vary '{s}'")], nameof(varies));
        }
        catch (ArgumentException ex)
        {
            throw new UserInputException($"--vary: {ex.Message}");
        }
    }

    /// <summary>The design's points, in order.</summary>
    /// <param name="ranges">Each parameter's path and range.</param>
    /// <param name="points">The number of points.</param>
    /// <param name="seed">The seed.</param>
    /// <returns>Every point's assignments.</returns>
    public static IEnumerable<IReadOnlyList<KeyValuePair<string, string>>> Points(IReadOnlyList<(string Path, double Low, double High)> ranges, int points, ulong seed)
    {
        var design = SweepDesign.LatinHypercube(ranges.Select(r => new SweepRange(r.Path, r.Low, r.High)), points, seed);
        return Enumerable.Range(0, points).Select(design.Point);
    }

    private static SweepRange Range(string spec)
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

        // A path the library would refuse (blank) is refused here with the option's name.
        return string.IsNullOrWhiteSpace(spec[..eq])
            ? throw new UserInputException($"--vary '{spec}': the path is empty.")
            : new SweepRange(spec[..eq], low, high);
    }
}
