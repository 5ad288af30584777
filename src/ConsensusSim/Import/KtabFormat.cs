using System.Globalization;
using ConsensusSim.Osce;
using ConsensusSim.Serialization;

namespace ConsensusSim.Import;

/// <summary>
/// Reads the CSV input of KTAB's spatial model of politics: a header line (scenario name,
/// description, number of actors, number of dimensions), a column line, then one line per actor:
/// <c>Actor,Description,Power,Position1,Salience1,…</c>, positions on 0–100 and each actor's
/// saliences summing to at most 100. A trailing comma is allowed.
/// </summary>
public static class KtabFormat
{
    private const double Scale = 100;

    /// <summary>Reads a KTAB CSV file.</summary>
    /// <param name="path">The file's path.</param>
    /// <returns>The table.</returns>
    /// <exception cref="ActorTableFormatException">
    /// The file is malformed, not UTF-8, larger than <see cref="ActorTable.MaxFileBytes"/> or not a
    /// regular file; the message names the line.
    /// </exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static ActorTable Load(string path) => Parse(TableText.ReadFile(path), Path.GetFileName(path));

    /// <summary>Reads KTAB CSV text.</summary>
    /// <param name="text">The file's content.</param>
    /// <param name="source">A name for error messages, usually the file name.</param>
    /// <returns>The table.</returns>
    /// <exception cref="ActorTableFormatException">The text is malformed; the message names the line.</exception>
    public static ActorTable Parse(string text, string source = "KTAB input")
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(source);
        var lines = TableText.Lines(text).Where(l => !TableText.IsBlank(l.Text, ',')).ToList();
        if (lines.Count == 0)
        {
            throw new ActorTableFormatException(source, 1, "The file is empty.");
        }

        var (headerLine, headerText) = lines[0];
        var header = Fields(headerText, source, headerLine);
        if (header.Count < 4)
        {
            throw new ActorTableFormatException(source, headerLine, "The first line must be: scenario name, description, number of actors, number of dimensions.");
        }

        int actorCount = Count(header[2], "number of actors", source, headerLine);
        int dimensionCount = Count(header[3], "number of dimensions", source, headerLine);

        // The announced counts are refused before anything is sized by them.
        if (TableText.TooManyCells(actorCount, dimensionCount) is { } tooMany)
        {
            throw new ActorTableFormatException(source, headerLine, "The first line announces " + tooMany);
        }

        int columns = 3 + (2 * dimensionCount);
        if (lines.Count < 2)
        {
            throw new ActorTableFormatException(source, headerLine, "The column line (Actor,Description,Power,Position1,Salience1,…) is missing.");
        }

        if (actorCount > lines.Count - 2)
        {
            throw new ActorTableFormatException(source, headerLine, string.Create(CultureInfo.InvariantCulture, $"The first line announces {actorCount:N0} actors; the file has {lines.Count - 2:N0} {(lines.Count == 3 ? "line" : "lines")} after the column line, one per actor."));
        }

        var (columnLine, columnText) = lines[1];
        var names = Trimmed(Fields(columnText, source, columnLine), columns, source, columnLine, "The column line");
        var issues = Enumerable.Range(0, dimensionCount)
            .Select(k => new ActorTableIssue(DimensionId(names[3 + (2 * k)], k), names[3 + (2 * k)], 0, Scale))
            .ToList();

        var actors = new List<ActorTableActor>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (number, line) in lines.Skip(2))
        {
            if (actors.Count == actorCount)
            {
                throw new ActorTableFormatException(source, number, $"More actor lines than the {actorCount} the first line announces.");
            }

            var f = Trimmed(Fields(line, source, number), columns, source, number, "An actor line");
            if (f[0].Length == 0 || !seen.Add(f[0]))
            {
                throw new ActorTableFormatException(source, number, f[0].Length == 0 ? "The actor needs a name in column 1." : $"The actor '{f[0]}' appears twice.");
            }

            double power = TableText.NonNegative(f[2], "The power", ',', source, number);
            var positions = new double?[dimensionCount];
            var saliences = new double[dimensionCount];
            for (int k = 0; k < dimensionCount; k++)
            {
                double position = TableText.Number(f[3 + (2 * k)], $"Position {k + 1}", ',', source, number);
                double salience = TableText.NonNegative(f[4 + (2 * k)], $"Salience {k + 1}", ',', source, number);
                if (position is < 0 or > Scale)
                {
                    throw new ActorTableFormatException(source, number, $"Position {k + 1} must be between 0 and 100; found {position.ToString(CultureInfo.InvariantCulture)}.");
                }

                positions[k] = position;
                saliences[k] = salience;
            }

            double total = saliences.Sum();
            if (total > Scale + 1e-9)
            {
                throw new ActorTableFormatException(source, number, $"The saliences of '{f[0]}' sum to {(double.IsFinite(total) ? total.ToString("0.###", CultureInfo.InvariantCulture) : "more than a double holds")}; KTAB allows at most 100 per actor.");
            }

            if (total == 0)
            {
                throw new ActorTableFormatException(source, number, ActorTable.NoSalience(f[0]));
            }

            actors.Add(new ActorTableActor(f[0], f[1].Length > 0 ? f[1] : f[0], power, positions, saliences));
        }

        if (actors.Count != actorCount)
        {
            throw new ActorTableFormatException(source, headerLine, $"The first line announces {actorCount} actors; the file has {actors.Count}.");
        }

        string title = header[0].Length > 0 ? header[0] : source;
        return new ActorTable(header[1].Length > 0 ? $"{title}: {header[1]}" : title, "ktab", issues, actors);
    }

    /// <summary>"XYZ Position" names the dimension XYZ; KTAB's bare "Pstn1" gets dimension-1.</summary>
    private static string DimensionId(string column, int k)
    {
        const string Suffix = "position";
        string id = column.EndsWith(Suffix, StringComparison.OrdinalIgnoreCase) ? column[..^Suffix.Length].Trim() : string.Empty;
        return id.Length > 0 ? id : string.Create(CultureInfo.InvariantCulture, $"dimension-{k + 1}");
    }

    private static int Count(string field, string what, string source, int line) =>
        int.TryParse(field.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n >= 1
            ? n
            : throw new ActorTableFormatException(source, line, $"The {what} must be a whole number of at least 1; found '{field.Trim()}'.");

    /// <summary>Checks the column count: exactly <paramref name="columns"/> fields, then only empty ones (a trailing comma).</summary>
    private static List<string> Trimmed(List<string> fields, int columns, string source, int line, string what)
    {
        int used = fields.Count;
        while (used > columns && fields[used - 1].Length == 0)
        {
            used--;
        }

        return used == columns
            ? fields.GetRange(0, columns)
            : throw new ActorTableFormatException(source, line, $"{what} has {used} columns; the first line's dimension count needs {columns} (3 + 2 per dimension).");
    }

    /// <summary>Splits one CSV line, honouring double quotes; fields are trimmed.</summary>
    private static List<string> Fields(string line, string source, int number)
    {
        var fields = CsvLine.Split(line, out bool closed);
        return closed
            ? fields.ConvertAll(f => f.Trim())
            : throw new ActorTableFormatException(source, number, "A quoted field is not closed on this line.");
    }
}
