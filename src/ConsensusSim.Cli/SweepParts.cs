using System.Globalization;
using System.Text;
using ConsensusSim.Sweeps;
using ConsensusSim.Serialization;

namespace ConsensusSim.Cli;

/// <summary>
/// Joins the CSV files of a sweep's parts (<c>sweep --part I/N</c>) into the file one machine would write:
/// the same header, rows in design-point order. Refuses, naming the file and line, parts of another sweep
/// (the <c>sweep</c> column: <see cref="SweepIdentity"/>), a row cut short, a point given twice or missing
/// (up to the <c>design_points</c> column), a point whose rows are not one per outcome, and an interrupted
/// part. Each part is in point order, so the parts are merged as streams: memory holds a point per part,
/// whatever the sweep's size.
/// </summary>
internal static class SweepParts
{
    /// <summary>The longest line read: a row holds values that fit in a scenario file (1 MiB) and a few numbers.</summary>
    public const int MaxLineChars = 2 << 20;

    /// <summary>The outcome rows every point starts with, in order (<see cref="ResultCsv.NamedOutcomes"/>).</summary>
    public static readonly string[] CoreOutcomes = ["adopted", "deadlocked", "gridlock", "policy_change", "adopted_with_statements", "adopted_over_objections", "adopted_by_silence", "adopted_at_ministerial_council", "escalated_to_ministerial_council"];

    /// <summary>The last row of a point when the sweep ran with --conditional.</summary>
    public const string ConditionalOutcome = "adopted_conditional";

    /// <summary>Merges the parts into <paramref name="writer"/>; the caller keeps what was written only if this returns.</summary>
    /// <param name="files">The parts.</param>
    /// <param name="expectedPoints">The design's number of points, if given; it must be the parts' own.</param>
    /// <param name="writer">Receives the merged CSV.</param>
    /// <returns>The number of design points written.</returns>
    /// <exception cref="UserInputException">Every problem found, one per line.</exception>
    public static int Merge(IReadOnlyList<string> files, int? expectedPoints, TextWriter writer)
    {
        var problems = new List<string>();
        var parts = new List<Part>();
        try
        {
            var sweep = new Sweep();
            Open(files, parts, sweep, problems);
            var queue = new PriorityQueue<Part, int>();
            parts.Where(p => p.Point is not null).ToList().ForEach(p => queue.Enqueue(p, p.Point!.Value));
            int points = 0;
            if (sweep.Header is not null)
            {
                writer.WriteLine(sweep.Header);
                points = Join(queue, writer, sweep, expectedPoints, problems);
            }

            if (problems.Count > 0 || points == 0)
            {
                throw new UserInputException(string.Join(Environment.NewLine, problems.DefaultIfEmpty("the parts hold no rows").Select(p => "cannot merge: " + p)));
            }

            return points;
        }
        finally
        {
            parts.ForEach(p => p.Dispose());
        }
    }

    private static void Open(IReadOnlyList<string> files, List<Part> parts, Sweep sweep, List<string> problems)
    {
        var given = new HashSet<string>(StringComparer.Ordinal);
        string tail = "," + string.Join(',', SweepRows.ResultColumns);
        string extended = tail + "," + string.Join(',', SweepRows.PointColumns);
        string traced = extended + "," + string.Join(',', SweepRows.ProvenanceColumns);
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
            if (first is null || !first.StartsWith("point,", StringComparison.Ordinal) || !Csv.TrySplit(first, out string[] columns))
            {
                problems.Add($"{file}: not a sweep CSV (its first column must be 'point').");
                part.Stop();
                continue;
            }

            // Parts written before the point estimates, or before the provenance columns, were added end at design_points
            // or top_blockers; they merge with parts of their own kind.
            int extra = first.EndsWith(traced, StringComparison.Ordinal) ? SweepRows.PointColumns.Length + SweepRows.ProvenanceColumns.Length
                : first.EndsWith(extended, StringComparison.Ordinal) ? SweepRows.PointColumns.Length : 0;
            string ending = extra > SweepRows.PointColumns.Length ? traced : extra > 0 ? extended : tail;
            if (!first.EndsWith(ending, StringComparison.Ordinal) || columns.Length < 2 + SweepRows.ResultColumns.Length + extra)
            {
                problems.Add($"{file}:1: its last columns are not sweep,design_points after {string.Join(',', SweepRows.ResultColumns[..^2])}: a part written by an older consensussim, or edited; run the part again.");
                part.Stop();
                continue;
            }

            if (sweep.Header is null)
            {
                (sweep.Header, sweep.Columns, sweep.Extra) = (first, columns.Length, extra);
            }
            else if (first != sweep.Header)
            {
                problems.Add($"{file}: its columns differ from the first part's; parts of one sweep share the varied parameters.");
                part.Stop();
                continue;
            }

            part.Advance(sweep, problems);
        }
    }

    private static int Join(PriorityQueue<Part, int> queue, TextWriter writer, Sweep sweep, int? expectedPoints, List<string> problems)
    {
        var missing = new PointRanges();
        var conditional = new PointRanges();
        var without = new PointRanges();
        PointRows? shape = null;
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

            missing.Add(last + 1, point - 1);
            var rows = new PointRows(part, point, sweep.Paths, sweep.Seed);
            bool whole = true;
            while (part.Point == point)
            {
                if (!rows.Add(part, problems))
                {
                    whole = false;
                    part.Stop();
                    break;
                }

                writer.WriteLine(part.Line);
                part.Advance(sweep, problems);
            }

            // A point whose part broke off is already reported; its shape would only repeat that.
            if (whole && !part.Failed && rows.CheckShape(shape, problems))
            {
                shape ??= rows;
            }

            (rows.Conditional ? conditional : without).Add(point, point);
            (last, lastFile) = (point, part.File);
            points++;
            if (part.Point is int next)
            {
                queue.Enqueue(part, next);
            }
        }

        if (expectedPoints is int expected && sweep.Identity is not null && expected != sweep.DesignPoints)
        {
            problems.Add($"--points {expected}, but the parts are of a sweep of {sweep.DesignPoints} design points.");
        }

        missing.Add(last + 1, sweep.DesignPoints);
        if (missing.Count > 0)
        {
            problems.Add($"design point(s) {missing} missing: a part did not finish or was not given.");
        }

        // Parts run with and without --conditional would leave some points without their conditional row.
        if (conditional.Count > 0 && without.Count > 0)
        {
            problems.Add($"only design point(s) {conditional} have a conditional Monte Carlo row: some parts were run with --conditional and some without.");
        }

        return points;
    }

    private static string Cut(string s) => s.Length > 40 ? s[..40] + "…" : s;

    /// <summary>What every part must share: the header, and the sweep's identity and size from the first row read.</summary>
    private sealed class Sweep
    {
        public string? Header { get; set; }

        public int Columns { get; set; }

        /// <summary>The columns after design_points: none in parts of older versions.</summary>
        public int Extra { get; set; }

        /// <summary>The number of varied paths: the columns between the point and the outcome.</summary>
        public int Paths => Columns - 1 - SweepRows.ResultColumns.Length - Extra;

        /// <summary>The seed column; sweep and design_points follow it.</summary>
        public int Seed => Columns - 3 - Extra;

        public string? Identity { get; private set; }

        public int DesignPoints { get; private set; }

        private string? Where { get; set; }

        private string? FirstFile { get; set; }

        /// <summary>Checks a row's sweep and design_points columns against the first row's; returns what is wrong, if anything.</summary>
        public string? Check(string file, int line, string[] fields)
        {
            string identity = fields[Seed + 1];
            string points = fields[Seed + 2];
            if (!int.TryParse(points, NumberStyles.None, CultureInfo.InvariantCulture, out int designPoints) || designPoints < 1 || designPoints > SweepDesign.MaxPoints)
            {
                return $"design_points '{Cut(points)}' is not a whole number from 1 to {SweepDesign.MaxPoints:N0}.";
            }

            if (Identity is null)
            {
                (Identity, DesignPoints, Where, FirstFile) = (identity, designPoints, $"{file}:{line}", file);
                return null;
            }

            return identity != Identity
                ? $"another sweep than {FirstFile}: its sweep column is '{Cut(identity)}', not '{Identity}'; the scenario file, the design, --trials, --seed or the version of consensussim differ, and parts of one sweep differ only in --part."
                : designPoints != DesignPoints ? $"design_points {designPoints} differs from the {DesignPoints} of {Where}." : null;
        }
    }

    /// <summary>The rows of one design point: the same varied values and seed on each, one row per outcome.</summary>
    private sealed class PointRows(Part part, int point, int paths, int seed)
    {
        private readonly List<string> _outcomes = [];
        private readonly string _file = part.File;
        private readonly int _line = part.LineNumber;
        private string[]? _first;

        public bool Conditional => _outcomes.Count > 0 && _outcomes[^1] == ConditionalOutcome;

        public bool Add(Part row, List<string> problems)
        {
            string[] fields = row.Fields!;
            _first ??= fields;
            if (!fields.AsSpan(1, paths).SequenceEqual(_first.AsSpan(1, paths)) || fields[seed] != _first[seed])
            {
                problems.Add($"{row.File}:{row.LineNumber}: point {point}'s varied values or seed differ from its row at line {_line}.");
                return false;
            }

            string outcome = fields[1 + paths];
            if (_outcomes.Contains(outcome, StringComparer.Ordinal))
            {
                problems.Add($"{row.File}:{row.LineNumber}: point {point} has a second '{Cut(outcome)}' row; a point has one row per outcome.");
                return false;
            }

            _outcomes.Add(outcome);
            return true;
        }

        /// <summary>
        /// Checks that the point starts with the outcomes every point has and that, but for the conditional row,
        /// it has the same rows as the first point: a point cut short between rows has fewer.
        /// </summary>
        public bool CheckShape(PointRows? reference, List<string> problems)
        {
            // A point of a --conditional-only sweep has its conditional row alone; beside other points, the shapes differ below.
            bool conditionalOnly = _outcomes.Count == 1 && Conditional;
            if (!conditionalOnly && (_outcomes.Count < CoreOutcomes.Length || !_outcomes.Take(CoreOutcomes.Length).SequenceEqual(CoreOutcomes, StringComparer.Ordinal)))
            {
                problems.Add($"{_file}:{_line}: point {point} has {_outcomes.Count} outcome rows, which do not start with the {CoreOutcomes.Length} of every point ({string.Join(", ", CoreOutcomes)}): the part was cut short or edited.");
                return false;
            }

            if (reference is null)
            {
                return true;
            }

            var mine = Conditional ? _outcomes[..^1] : _outcomes;
            var theirs = reference.Conditional ? reference._outcomes[..^1] : reference._outcomes;
            int i = 0;
            while (i < mine.Count && i < theirs.Count && mine[i] == theirs[i])
            {
                i++;
            }

            if (i == mine.Count && i == theirs.Count)
            {
                return true;
            }

            string difference = i == mine.Count ? $"it has no '{Cut(theirs[i])}' row"
                : i == theirs.Count ? $"it has an extra '{Cut(mine[i])}' row"
                : $"it has '{Cut(mine[i])}' where point {reference.Number} has '{Cut(theirs[i])}'";
            problems.Add($"{_file}:{_line}: point {point}'s outcome rows differ from point {reference.Number}'s ({reference._file}:{reference._line}): {difference}. The part was cut short or edited, or the design changes a package's items, which a part cut short cannot be told from: run such a sweep whole.");
            return false;
        }

        private int Number => point;
    }

    /// <summary>Design points as ranges in increasing order, never one by one: a gap may span the whole design.</summary>
    private sealed class PointRanges
    {
        private const int Shown = 20;
        private readonly List<(int From, int To)> _ranges = [];

        public int Count { get; private set; }

        public void Add(int from, int to)
        {
            if (to < from)
            {
                return;
            }

            Count += to - from + 1;
            if (_ranges.Count > 0 && _ranges[^1].To + 1 == from)
            {
                _ranges[^1] = (_ranges[^1].From, to);
            }
            else
            {
                _ranges.Add((from, to));
            }
        }

        public override string ToString()
        {
            var shown = _ranges.Take(Shown).Select(r => r.From == r.To ? r.From.ToString(CultureInfo.InvariantCulture) : $"{r.From}-{r.To}");
            int more = Count - _ranges.Take(Shown).Sum(r => r.To - r.From + 1);
            return string.Join(", ", shown) + (more > 0 ? string.Create(CultureInfo.InvariantCulture, $" and {more:N0} more") : string.Empty);
        }
    }

    /// <summary>One part file, read a line at a time; <see cref="Point"/> is its current row's point, or null when it is done.</summary>
    private sealed class Part(string file) : IDisposable
    {
        private readonly StreamReader _reader = new(file, new UTF8Encoding(false, true));
        private readonly StringBuilder _buffer = new();
        private bool _unterminated;
        private long _read;

        public string File { get; } = file;

        public string? Line { get; private set; }

        public string[]? Fields { get; private set; }

        public int? Point { get; private set; }

        /// <summary>The line number of the current row.</summary>
        public int LineNumber { get; private set; }

        /// <summary>
        /// Moves to the next row, checking it: whole (as many fields as the header), its point number positive,
        /// within the sweep and not before the previous one, and of the same sweep as every part.
        /// </summary>
        public void Advance(Sweep sweep, List<string> problems)
        {
            if (Next(sweep, Point ?? 0) is { } problem)
            {
                Failed = true;
                problems.Add($"{File}:{LineNumber}: {problem}");
            }
        }

        /// <summary>Whether a row of this part was refused.</summary>
        public bool Failed { get; private set; }

        /// <summary>Reads no further.</summary>
        public void Stop() => Point = null;

        /// <summary>Reads the next row; returns what is wrong with it, if anything.</summary>
        private string? Next(Sweep sweep, int previous)
        {
            Point = null;
            while (ReadLine() is { } line)
            {
                if (line.Length == 0)
                {
                    continue;
                }

                if (_unterminated)
                {
                    return "the last line has no line end, which every row a sweep writes has: the part was cut short.";
                }

                if (line.StartsWith(SweepCommand.InterruptedMarker, StringComparison.Ordinal))
                {
                    return $"the part was interrupted ({line}); run it again.";
                }

                if (!Csv.TrySplit(line, out string[] fields) || fields.Length != sweep.Columns)
                {
                    return $"{(fields.Length == 0 ? "a quoted field is not closed" : $"{fields.Length} of the {sweep.Columns} columns")}: the row was cut short or edited.";
                }

                if (!int.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out int point) || point < 1 || point > SweepDesign.MaxPoints)
                {
                    return $"the point number '{Cut(fields[0])}' is not a whole number from 1 to {SweepDesign.MaxPoints:N0}.";
                }

                if (point < previous)
                {
                    return $"point {point} comes after point {previous}; a part lists its points in order.";
                }

                if (sweep.Check(File, LineNumber, fields) is { } other)
                {
                    return other;
                }

                if (point > sweep.DesignPoints)
                {
                    return $"point {point}, but the sweep has {sweep.DesignPoints} design points.";
                }

                (Line, Fields, Point) = (line, fields, point);
                return null;
            }

            return null;
        }

        /// <summary>The next line, at most <see cref="MaxLineChars"/> characters; a longer one ends the part as not a sweep CSV.</summary>
        public string? ReadLine()
        {
            _buffer.Clear();
            int c;
            while ((c = Next()) >= 0 && c != '\n')
            {
                if (_buffer.Length == MaxLineChars)
                {
                    throw new UserInputException($"cannot merge: {File}:{LineNumber + 1}: a line longer than {MaxLineChars:N0} characters; not a sweep CSV.");
                }

                _buffer.Append((char)c);
            }

            if (c < 0 && _buffer.Length == 0)
            {
                return null;
            }

            // A cut that happens to leave a row with every field (the version cut short, say) shows only here.
            _unterminated = c < 0;
            LineNumber++;
            return _buffer.ToString().TrimEnd('\r');
        }

        public void Dispose() => _reader.Dispose();

        /// <summary>The next character; a part larger than a sweep can write, or one that is not UTF-8, is refused where it goes wrong.</summary>
        private int Next()
        {
            if (++_read > InputLimits.SweepPartBytes)
            {
                throw new UserInputException($"cannot merge: {File}:{LineNumber + 1}: larger than {InputLimits.SweepPartBytes:N0} characters, the limit for sweep parts.");
            }

            try
            {
                return _reader.Read();
            }
            catch (DecoderFallbackException)
            {
                throw new UserInputException($"cannot merge: {File}:{LineNumber + 1}: not valid UTF-8.");
            }
        }
    }
}
