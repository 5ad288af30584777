using System.Globalization;
using ConsensusSim.Simulation;

namespace ConsensusSim.Cli;

/// <summary>The design points of a sweep: a full grid, a Latin hypercube, or rows of a user's CSV file.</summary>
internal static class SweepDesign
{
    /// <summary>Every combination of the parameters' values.</summary>
    public static List<IReadOnlyList<KeyValuePair<string, string>>> Grid(IReadOnlyList<(string Path, IReadOnlyList<string> Values)> parameters) =>
        parameters.Aggregate(
            new List<IReadOnlyList<KeyValuePair<string, string>>> { Array.Empty<KeyValuePair<string, string>>() },
            (points, p) => [.. points.SelectMany(point => p.Values.Select(v => (IReadOnlyList<KeyValuePair<string, string>>)[.. point, new(p.Path, v)]))]);

    /// <summary>
    /// A Latin hypercube of <paramref name="points"/> points: each parameter's range is cut into as many
    /// equal strata, each stratum is used once, and strata are paired at random. Reproducible from the seed.
    /// </summary>
    public static List<IReadOnlyList<KeyValuePair<string, string>>> LatinHypercube(IReadOnlyList<(string Path, double Low, double High)> ranges, int points, ulong seed)
    {
        var random = TrialRandom.ForTrial(seed, -1);
        var columns = new List<string[]>();
        foreach (var (_, low, high) in ranges)
        {
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

            columns.Add([.. values.Select(v => Math.Round(v, 10).ToString("R", CultureInfo.InvariantCulture))]);
        }

        return [.. Enumerable.Range(0, points).Select(k => (IReadOnlyList<KeyValuePair<string, string>>)[.. ranges.Select((r, c) => new KeyValuePair<string, string>(r.Path, columns[c][k]))])];
    }

    /// <summary>Rows of a CSV file whose header names the paths to set.</summary>
    public static (List<string> Paths, List<IReadOnlyList<KeyValuePair<string, string>>> Points) FromCsv(string file)
    {
        if (!File.Exists(file))
        {
            throw new UserInputException($"{file}: no such design file.");
        }

        var lines = File.ReadAllLines(file).Where(l => l.Trim().Length > 0).ToList();
        if (lines.Count < 2)
        {
            throw new UserInputException($"{file}: a design file needs a header of paths and at least one row.");
        }

        var paths = lines[0].Split(',', StringSplitOptions.TrimEntries).ToList();
        var points = new List<IReadOnlyList<KeyValuePair<string, string>>>();
        for (int r = 1; r < lines.Count; r++)
        {
            var values = lines[r].Split(',', StringSplitOptions.TrimEntries);
            if (values.Length != paths.Count)
            {
                throw new UserInputException($"{file}, line {r + 1}: {values.Length} values for {paths.Count} columns.");
            }

            points.Add([.. paths.Select((p, c) => new KeyValuePair<string, string>(p, values[c]))]);
        }

        return (paths, points);
    }
}
