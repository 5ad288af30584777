using System.Globalization;

namespace ConsensusSim.Import;

/// <summary>
/// Reads the input files of Stokman's decide exchange model: rows tagged <c>#A</c> (actor id,
/// name), <c>#P</c> (issue id, description), <c>#M</c> (issue id, scale point, meaning), <c>#D</c>
/// (actor, issue, position, salience, power), <c>#O</c> (title) and <c>#/</c> (comment), separated
/// by tabs, semicolons or commas.
/// </summary>
/// <remarks>
/// An issue's scale runs from the lowest to the highest of its <c>#M</c> points and positions.
/// decide gives power per actor and issue; the table keeps each actor's mean over its rows, computed
/// without overflow (rows of power 1e308 have the mean 1e308).
/// An actor without a row for an issue has no position and salience 0 there.
/// </remarks>
public static class DecideFormat
{
    /// <summary>Reads a decide file.</summary>
    /// <param name="path">The file's path.</param>
    /// <returns>The table.</returns>
    /// <exception cref="ActorTableFormatException">
    /// The file is malformed, not UTF-8, larger than <see cref="ActorTable.MaxFileBytes"/> or not a
    /// regular file; the message names the line.
    /// </exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static ActorTable Load(string path) => Parse(TableText.ReadFile(path), Path.GetFileName(path));

    /// <summary>Reads decide text.</summary>
    /// <param name="text">The file's content.</param>
    /// <param name="source">A name for error messages, usually the file name.</param>
    /// <returns>The table.</returns>
    /// <exception cref="ActorTableFormatException">The text is malformed; the message names the line.</exception>
    public static ActorTable Parse(string text, string source = "decide input")
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(source);
        var lines = TableText.Lines(text).ToList();
        char separator = Separator(lines, source);

        string? title = null;
        var actors = new List<(string Id, string Name, int Line)>();
        var issues = new List<(string Id, string Label, int Line)>();
        var points = new List<(string Issue, double Point, int Line)>();
        var data = new List<(string Actor, string Issue, double Position, double Salience, double Power, int Line)>();

        foreach (var (number, line) in lines)
        {
            if (TableText.IsBlank(line, separator))
            {
                continue;
            }

            var f = line.Split(separator).Select(x => x.Trim()).ToArray();
            string tag = f[0].ToUpperInvariant();
            if (tag.StartsWith("#/", StringComparison.Ordinal) || tag.StartsWith("#O", StringComparison.Ordinal))
            {
                // Comments and titles are free text and may run into their tag ("#/ notes").
                tag = tag[..2];
            }

            string Field(int i, string what) => i < f.Length && f[i].Length > 0
                ? f[i]
                : throw new ActorTableFormatException(source, number, $"A {tag} row needs {what} in column {i + 1}.");

            switch (tag)
            {
                case "#O":
                    title ??= f.Skip(1).FirstOrDefault(x => x.Length > 0);
                    break;
                case "#/":
                    break;
                case "#A":
                    actors.Add((Field(1, "the actor's id"), f.Length > 2 && f[2].Length > 0 ? f[2] : f[1], number));
                    CheckCells(actors.Count, issues.Count, source, number);
                    break;
                case "#P":
                    issues.Add((Field(1, "the issue's id"), f.Length > 2 && f[2].Length > 0 ? f[2] : f[1], number));
                    CheckCells(actors.Count, issues.Count, source, number);
                    break;
                case "#M":
                    points.Add((Field(1, "the issue's id"), TableText.Number(Field(2, "a scale point"), "The scale point", separator, source, number), number));
                    break;
                case "#D":
                    // A value past the power would be dropped unread: with ',' as the separator, a decimal comma splits a
                    // number in two and shifts every value after it one column on.
                    if (f.Skip(6).Select((x, i) => (Value: x, Column: i + 7)).FirstOrDefault(x => x.Value.Trim().Length > 0) is { Value: not null } extra)
                    {
                        throw new ActorTableFormatException(source, number, $"A #D row has five values after its tag (actor, issue, position, salience, power); column {extra.Column} holds '{Shorten(extra.Value)}' too.{(separator == ',' ? " With ',' as the separator, decimals take a point, not a comma." : string.Empty)}");
                    }

                    data.Add((
                        Field(1, "the actor's id"),
                        Field(2, "the issue's id"),
                        TableText.Number(Field(3, "a position"), "The position", separator, source, number),
                        TableText.NonNegative(Field(4, "a salience"), "The salience", separator, source, number),
                        TableText.NonNegative(Field(5, "a power"), "The power", separator, source, number),
                        number));
                    break;
                default:
                    throw new ActorTableFormatException(source, number, $"Expected a row tagged #A, #P, #M, #D, #O or #/; found '{Shorten(f[0])}'.");
            }
        }

        return Assemble(title ?? source, actors, issues, points, data, source, lines.Count);
    }

    private static ActorTable Assemble(
        string title,
        List<(string Id, string Name, int Line)> actors,
        List<(string Id, string Label, int Line)> issues,
        List<(string Issue, double Point, int Line)> points,
        List<(string Actor, string Issue, double Position, double Salience, double Power, int Line)> data,
        string source,
        int lastLine)
    {
        var actorIndex = Index(actors.Select(a => (a.Id, a.Line)), "actor", source);
        var issueIndex = Index(issues.Select(i => (i.Id, i.Line)), "issue", source);
        if (actors.Count == 0)
        {
            throw new ActorTableFormatException(source, lastLine, "No actors: the file has no #A rows.");
        }

        if (issues.Count == 0)
        {
            throw new ActorTableFormatException(source, lastLine, "No issues: the file has no #P rows.");
        }

        var low = new double[issues.Count];
        var high = new double[issues.Count];
        Array.Fill(low, double.PositiveInfinity);
        Array.Fill(high, double.NegativeInfinity);
        void Widen(int k, double x)
        {
            low[k] = Math.Min(low[k], x);
            high[k] = Math.Max(high[k], x);
        }

        foreach (var (issue, point, line) in points)
        {
            Widen(IssueOf(issue, line), point);
        }

        // Every row's actor and issue first, and every actor's rows counted: the table is allocated only for a file
        // whose rows can fill it (at least one per actor), and its size is already bounded by CheckCells.
        var cellOf = new (int Actor, int Issue)[data.Count];
        var rows = new int[actors.Count];
        for (int r = 0; r < data.Count; r++)
        {
            var row = data[r];
            int a = actorIndex.TryGetValue(row.Actor, out int ai) ? ai
                : throw new ActorTableFormatException(source, row.Line, $"The #D row names actor '{row.Actor}', which no #A row declares.");
            cellOf[r] = (a, IssueOf(row.Issue, row.Line));
            rows[a]++;
        }

        for (int a = 0; a < actors.Count; a++)
        {
            if (rows[a] == 0)
            {
                throw new ActorTableFormatException(source, actors[a].Line, $"Actor '{actors[a].Id}' has no #D rows: no position, salience or power.");
            }
        }

        var positions = new double?[actors.Count, issues.Count];
        var saliences = new double[actors.Count, issues.Count];
        var largestPower = new double[actors.Count];
        for (int r = 0; r < data.Count; r++)
        {
            var row = data[r];
            var (a, k) = cellOf[r];
            if (positions[a, k] is not null)
            {
                throw new ActorTableFormatException(source, row.Line, $"A second #D row for actor '{row.Actor}' on issue '{row.Issue}'.");
            }

            positions[a, k] = row.Position;
            saliences[a, k] = row.Salience;
            largestPower[a] = Math.Max(largestPower[a], row.Power);
            Widen(k, row.Position);
        }

        for (int a = 0; a < actors.Count; a++)
        {
            if (Enumerable.Range(0, issues.Count).All(k => saliences[a, k] == 0))
            {
                throw new ActorTableFormatException(source, actors[a].Line, ActorTable.NoSalience(actors[a].Id));
            }
        }

        // The mean of powers up to 1e308 must not overflow: each actor's rows are summed scaled by the power of two of
        // its largest power (exact, so ordinary powers give the plain mean bit for bit) and the mean is scaled back,
        // capped at that largest power, which rounding could otherwise pass (to infinity at 1.8e308).
        var scaledPowerSum = new double[actors.Count];
        for (int r = 0; r < data.Count; r++)
        {
            int a = cellOf[r].Actor;
            scaledPowerSum[a] += Math.ScaleB(data[r].Power, -ScaledArithmetic.Exponent(largestPower[a]));
        }

        var tableIssues = issues.Select((issue, k) => new ActorTableIssue(
            issue.Id, issue.Label, double.IsFinite(low[k]) ? low[k] : 0, double.IsFinite(high[k]) ? high[k] : 0)).ToList();
        var tableActors = actors.Select((actor, a) => new ActorTableActor(
            actor.Id,
            actor.Name,
            Math.Min(Math.ScaleB(scaledPowerSum[a] / rows[a], ScaledArithmetic.Exponent(largestPower[a])), largestPower[a]),
            [.. Enumerable.Range(0, issues.Count).Select(k => positions[a, k])],
            [.. Enumerable.Range(0, issues.Count).Select(k => saliences[a, k])])).ToList();
        return new ActorTable(title, "decide", tableIssues, tableActors);

        int IssueOf(string id, int line) => issueIndex.TryGetValue(id, out int k) ? k
            : throw new ActorTableFormatException(source, line, $"Issue '{id}' is not declared by a #P row.");
    }

    /// <summary>Refuses, at the row that declares one too many, a table beyond <see cref="ActorTable.MaxCells"/>: before the rest is read or anything is allocated.</summary>
    private static void CheckCells(int actors, int issues, string source, int line)
    {
        if (TableText.TooManyCells(actors, issues) is { } tooMany)
        {
            throw new ActorTableFormatException(source, line, "With this row the table has " + tooMany);
        }
    }

    private static Dictionary<string, int> Index(IEnumerable<(string Id, int Line)> items, string what, string source)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (id, line) in items)
        {
            if (!index.TryAdd(id, index.Count))
            {
                throw new ActorTableFormatException(source, line, $"The {what} '{id}' is declared twice.");
            }
        }

        return index;
    }

    /// <summary>The separator follows the tag of the first row written like <c>#A;</c>, <c>#A,</c> or <c>#A</c> and a tab.</summary>
    private static char Separator(List<(int Number, string Text)> lines, string source)
    {
        foreach (var (_, line) in lines)
        {
            string t = line.TrimStart();
            if (t.Length >= 3 && t[0] == '#' && t[2] is '\t' or ';' or ',')
            {
                return t[2];
            }
        }

        // No row says: report the first non-blank line, which cannot be a decide row.
        var first = lines.FirstOrDefault(l => l.Text.Trim().Length > 0);
        throw first.Text is null
            ? new ActorTableFormatException(source, 1, "The file is empty.")
            : new ActorTableFormatException(source, first.Number, $"Expected a decide row such as '#A;id;name' (tab, ';' or ',' after the tag); found '{Shorten(first.Text.Trim())}'.");
    }

    private static string Shorten(string s) => s.Length <= 40 ? s : string.Concat(s.AsSpan(0, 40), "…");
}
