using System.Globalization;

namespace ConsensusSim.Cli;

/// <summary>
/// Joins the CSV files of a sweep's parts (<c>sweep --part I/N</c>) into the file one machine would
/// write: the same header, rows in design-point order. Refuses parts with other columns, a point
/// given twice or points missing, naming them.
/// </summary>
internal static class SweepParts
{
    public static (string Csv, int Points) Merge(IReadOnlyList<string> files, int? expectedPoints)
    {
        string? header = null;
        var rowsByPoint = new SortedDictionary<int, (string File, List<string> Rows)>();
        var problems = new List<string>();
        var given = new HashSet<string>(StringComparer.Ordinal);
        foreach (string file in files)
        {
            if (!given.Add(Path.GetFullPath(file)))
            {
                problems.Add($"{file} is given twice.");
                continue;
            }

            if (!File.Exists(file))
            {
                problems.Add($"{file}: no such part file.");
                continue;
            }

            var lines = File.ReadAllLines(file);
            if (lines.Length == 0 || !lines[0].StartsWith("point,", StringComparison.Ordinal))
            {
                problems.Add($"{file}: not a sweep CSV (its first column must be 'point').");
                continue;
            }

            if (header is null)
            {
                header = lines[0];
            }
            else if (lines[0] != header)
            {
                problems.Add($"{file}: its columns differ from the first part's; parts of one sweep share the varied parameters.");
                continue;
            }

            for (int i = 1; i < lines.Length; i++)
            {
                if (lines[i].Length == 0)
                {
                    continue;
                }

                if (lines[i].StartsWith(SweepCommand.InterruptedMarker, StringComparison.Ordinal))
                {
                    problems.Add($"{file}:{i + 1}: the part was interrupted ({lines[i]}); run it again.");
                    break;
                }

                string first = lines[i][..Math.Max(0, lines[i].IndexOf(',', StringComparison.Ordinal))];
                if (!int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out int point) || point < 1)
                {
                    problems.Add($"{file}:{i + 1}: the point number '{first}' is not a positive whole number.");
                    break;
                }

                if (rowsByPoint.TryGetValue(point, out var owner) && owner.File != file)
                {
                    problems.Add($"point {point} is in both {owner.File} and {file}: the same part given twice, or parts of different splits.");
                    break;
                }

                if (owner.Rows is null)
                {
                    owner = (file, []);
                    rowsByPoint[point] = owner;
                }

                owner.Rows.Add(lines[i]);
            }
        }

        int last = Math.Max(expectedPoints ?? 0, rowsByPoint.Count == 0 ? 0 : rowsByPoint.Keys.Max());
        var missing = Enumerable.Range(1, last).Where(p => !rowsByPoint.ContainsKey(p)).ToList();
        if (missing.Count > 0)
        {
            problems.Add($"design point(s) {Ranges(missing)} missing: a part did not finish or was not given.");
        }

        // Parts run with and without --conditional would leave some points without their conditional row.
        var conditional = rowsByPoint.Where(p => p.Value.Rows.Any(r => r.Contains(",adopted_conditional,", StringComparison.Ordinal))).Select(p => p.Key).ToList();
        if (conditional.Count > 0 && conditional.Count < rowsByPoint.Count)
        {
            problems.Add($"only design point(s) {Ranges(conditional)} have a conditional Monte Carlo row: some parts were run with --conditional and some without.");
        }

        if (expectedPoints is int expected && rowsByPoint.Count > 0 && rowsByPoint.Keys.Max() > expected)
        {
            problems.Add($"the parts hold points up to {rowsByPoint.Keys.Max()}, but --points says {expected}.");
        }

        if (problems.Count > 0 || header is null)
        {
            throw new UserInputException(string.Join(Environment.NewLine, problems.DefaultIfEmpty("no rows to merge").Select(p => "cannot merge: " + p)));
        }

        var lines2 = new List<string> { header };
        lines2.AddRange(rowsByPoint.Values.SelectMany(v => v.Rows));
        return (string.Join(Environment.NewLine, lines2) + Environment.NewLine, rowsByPoint.Count);
    }

    private static string Ranges(List<int> sorted)
    {
        var parts = new List<string>();
        for (int i = 0; i < sorted.Count;)
        {
            int j = i;
            while (j + 1 < sorted.Count && sorted[j + 1] == sorted[j] + 1)
            {
                j++;
            }

            parts.Add(i == j ? sorted[i].ToString(CultureInfo.InvariantCulture) : $"{sorted[i]}-{sorted[j]}");
            i = j + 1;
        }

        return string.Join(", ", parts);
    }
}
