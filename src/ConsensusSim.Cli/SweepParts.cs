using System.Globalization;
using System.Text;
using ConsensusSim.Serialization;

namespace ConsensusSim.Cli;

/// <summary>
/// Joins the CSV files of a sweep's parts (<c>sweep --part I/N</c>) into the file one machine would
/// write: the same header, rows in design-point order. Refuses parts with other columns, a point
/// given twice or points missing, or an interrupted part, naming them. Each part is in point order,
/// so the parts are merged as streams: memory holds a line per part, whatever the sweep's size.
/// </summary>
internal static class SweepParts
{
    /// <summary>The longest line read: a row holds values that fit in a scenario file (1 MiB) and a few numbers.</summary>
    public const int MaxLineChars = 2 << 20;

    /// <summary>Merges the parts into <paramref name="writer"/>; the caller keeps what was written only if this returns.</summary>
    /// <param name="files">The parts.</param>
    /// <param name="expectedPoints">The design's number of points, if known, so a missing last part is noticed.</param>
    /// <param name="writer">Receives the merged CSV.</param>
    /// <returns>The number of design points written.</returns>
    /// <exception cref="UserInputException">Every problem found, one per line.</exception>
    public static int Merge(IReadOnlyList<string> files, int? expectedPoints, TextWriter writer)
    {
        var problems = new List<string>();
        var parts = new List<Part>();
        try
        {
            string? header = Open(files, parts, problems);
            var queue = new PriorityQueue<Part, int>();
            parts.Where(p => p.Point is not null).ToList().ForEach(p => queue.Enqueue(p, p.Point!.Value));
            int points = 0;
            if (header is not null)
            {
                writer.WriteLine(header);
                points = Join(queue, writer, expectedPoints, problems);
            }

            if (problems.Count > 0 || header is null)
            {
                throw new UserInputException(string.Join(Environment.NewLine, problems.DefaultIfEmpty("no rows to merge").Select(p => "cannot merge: " + p)));
            }

            return points;
        }
        finally
        {
            parts.ForEach(p => p.Dispose());
        }
    }

    private static string? Open(IReadOnlyList<string> files, List<Part> parts, List<string> problems)
    {
        string? header = null;
        var given = new HashSet<string>(StringComparer.Ordinal);
        foreach (string file in files)
        {
            if (!given.Add(Path.GetFullPath(file)))
            {
                problems.Add($"{file} is given twice.");
                continue;
            }

            var kind = FileProbe.KindOf(file);
            if (kind is not (FileKind.Regular or FileKind.Unknown))
            {
                problems.Add(kind == FileKind.Missing ? $"{file}: no such part file." : $"{file}: {InputFile.Describe(kind)}; a sweep part is a regular CSV file.");
                continue;
            }

            var part = new Part(file);
            parts.Add(part);
            string? first = part.ReadLine();
            if (first is null || !first.StartsWith("point,", StringComparison.Ordinal))
            {
                problems.Add($"{file}: not a sweep CSV (its first column must be 'point').");
                part.Stop();
                continue;
            }

            header ??= first;
            if (first != header)
            {
                problems.Add($"{file}: its columns differ from the first part's; parts of one sweep share the varied parameters.");
                part.Stop();
                continue;
            }

            part.Advance(problems);
        }

        return header;
    }

    private static int Join(PriorityQueue<Part, int> queue, TextWriter writer, int? expectedPoints, List<string> problems)
    {
        var missing = new List<int>();
        var conditional = new List<int>();
        var without = new List<int>();
        int last = 0;
        string? lastFile = null;
        int points = 0;
        while (queue.TryDequeue(out var part, out int point))
        {
            if (point == last)
            {
                problems.Add($"point {point} is in both {lastFile} and {part.File}: the same part given twice, or parts of different splits.");
                part.Stop();
                continue;
            }

            // Gaps are kept as their ends: a design has at most 100,000 points, and a tampered number is refused before.
            missing.AddRange(Enumerable.Range(last + 1, point - last - 1));
            bool hasConditional = false;
            while (part.Point == point)
            {
                writer.WriteLine(part.Line);
                hasConditional |= part.Line!.Contains(",adopted_conditional,", StringComparison.Ordinal);
                part.Advance(problems);
            }

            (hasConditional ? conditional : without).Add(point);
            (last, lastFile) = (point, part.File);
            points++;
            if (part.Point is int next)
            {
                queue.Enqueue(part, next);
            }
        }

        int end = Math.Max(expectedPoints ?? 0, last);
        missing.AddRange(Enumerable.Range(last + 1, end - last));
        if (missing.Count > 0)
        {
            problems.Add($"design point(s) {Ranges(missing)} missing: a part did not finish or was not given.");
        }

        // Parts run with and without --conditional would leave some points without their conditional row.
        if (conditional.Count > 0 && without.Count > 0)
        {
            problems.Add($"only design point(s) {Ranges(conditional)} have a conditional Monte Carlo row: some parts were run with --conditional and some without.");
        }

        if (expectedPoints is int expected && last > expected)
        {
            problems.Add($"the parts hold points up to {last}, but --points says {expected}.");
        }

        return points;
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

    /// <summary>One part file, read a line at a time; <see cref="Point"/> is its current row's point, or null when it is done.</summary>
    private sealed class Part(string file) : IDisposable
    {
        private readonly StreamReader _reader = new(file, new UTF8Encoding(false, true));
        private readonly StringBuilder _buffer = new();
        private int _lineNumber;
        private long _read;

        public string File { get; } = file;

        public string? Line { get; private set; }

        public int? Point { get; private set; }

        /// <summary>Moves to the next row, checking its point number: positive, within a sweep's limit, and not before the previous one.</summary>
        public void Advance(List<string> problems)
        {
            int previous = Point ?? 0;
            Point = null;
            while (ReadLine() is { } line)
            {
                if (line.Length == 0)
                {
                    continue;
                }

                if (line.StartsWith(SweepCommand.InterruptedMarker, StringComparison.Ordinal))
                {
                    problems.Add($"{File}:{_lineNumber}: the part was interrupted ({line}); run it again.");
                    return;
                }

                string first = line[..Math.Max(0, line.IndexOf(',', StringComparison.Ordinal))];
                if (!int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out int point) || point < 1 || point > SweepDesign.MaxPoints)
                {
                    problems.Add($"{File}:{_lineNumber}: the point number '{Cut(first)}' is not a whole number from 1 to {SweepDesign.MaxPoints:N0}.");
                    return;
                }

                if (point < previous)
                {
                    problems.Add($"{File}:{_lineNumber}: point {point} comes after point {previous}; a part lists its points in order.");
                    return;
                }

                (Line, Point) = (line, point);
                return;
            }
        }

        /// <summary>Reads no further.</summary>
        public void Stop() => Point = null;

        /// <summary>The next line, at most <see cref="MaxLineChars"/> characters; a longer one ends the part as not a sweep CSV.</summary>
        public string? ReadLine()
        {
            _buffer.Clear();
            int c;
            while ((c = Next()) >= 0 && c != '\n')
            {
                if (_buffer.Length == MaxLineChars)
                {
                    throw new UserInputException($"cannot merge: {File}:{_lineNumber + 1}: a line longer than {MaxLineChars:N0} characters; not a sweep CSV.");
                }

                _buffer.Append((char)c);
            }

            if (c < 0 && _buffer.Length == 0)
            {
                return null;
            }

            _lineNumber++;
            return _buffer.ToString().TrimEnd('\r');
        }

        public void Dispose() => _reader.Dispose();

        /// <summary>The next character; a part larger than a sweep can write, or one that is not UTF-8, is refused where it goes wrong.</summary>
        private int Next()
        {
            if (++_read > InputLimits.SweepPartBytes)
            {
                throw new UserInputException($"cannot merge: {File}:{_lineNumber + 1}: larger than {InputLimits.SweepPartBytes:N0} characters, the limit for sweep parts.");
            }

            try
            {
                return _reader.Read();
            }
            catch (DecoderFallbackException)
            {
                throw new UserInputException($"cannot merge: {File}:{_lineNumber + 1}: not valid UTF-8.");
            }
        }

        private static string Cut(string s) => s.Length > 40 ? s[..40] + "…" : s;
    }
}
