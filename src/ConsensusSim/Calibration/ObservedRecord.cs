using System.Globalization;
using ConsensusSim.Model;
using ConsensusSim.Osce;
using ConsensusSim.Serialization;

namespace ConsensusSim.Calibration;

/// <summary>
/// Reads an observed record: CSV with a header naming the columns <c>era</c> (or <c>period</c>), <c>item</c>,
/// <c>adopted</c> and <c>attempts</c>, and optionally <c>topic</c> (empty on an aggregate row) and <c>source</c>;
/// other columns (<c>years</c>) are ignored. The layout of <c>seeds/observed-outcomes.csv</c>.
/// </summary>
/// <remarks><threadsafety>Stateless and thread-safe.</threadsafety></remarks>
public static class ObservedRecord
{
    /// <summary>The largest record file read, in bytes.</summary>
    public const int MaxFileBytes = 4 * 1024 * 1024;

    /// <summary>Reads a record file.</summary>
    /// <param name="path">The CSV file.</param>
    /// <returns>The cells, in file order.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="CalibrationSpecException">The file is not a record (not a regular file, too large, not UTF-8, a bad header or row); every problem has its line.</exception>
    public static IReadOnlyList<ObservedCell> Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string text;
        try
        {
            text = InputFile.ReadAllText(path, MaxFileBytes, "observed records");
        }
        catch (InputFileException ex)
        {
            throw new CalibrationSpecException([new ScenarioProblem("$", ex.Problem, ex.Line ?? 1)], path);
        }

        return Parse(text, path);
    }

    /// <summary>Reads a record from its text.</summary>
    /// <param name="csv">The CSV text.</param>
    /// <param name="source">A file name for messages, if any.</param>
    /// <returns>The cells, in order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="csv"/> is <see langword="null"/>.</exception>
    /// <exception cref="CalibrationSpecException">A bad header or row; every problem has its line.</exception>
    public static IReadOnlyList<ObservedCell> Parse(string csv, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(csv);
        string[] lines = csv.Split('\n');
        var header = CsvLine.Split(lines[0].TrimEnd('\r'), out _).Select(h => h.Trim()).ToList();
        int Column(params string[] names) => names.Select(n => header.IndexOf(n)).FirstOrDefault(i => i >= 0, -1);
        int period = Column("period", "era"), item = Column("item"), adopted = Column("adopted"), attempts = Column("attempts");
        int topic = Column("topic"), cited = Column("source");
        var problems = new List<ScenarioProblem>();
        if (period < 0 || item < 0 || adopted < 0 || attempts < 0)
        {
            problems.Add(new ScenarioProblem("$", "The header must name the columns era (or period), item, adopted and attempts (topic and source are optional).", 1));
            throw new CalibrationSpecException(problems, source);
        }

        var cells = new List<ObservedCell>();
        var firstLine = new Dictionary<(string Period, string Kind), int>();
        for (int i = 1; i < lines.Length; i++)
        {
            string line = lines[i].TrimEnd('\r');
            if (line.Length == 0)
            {
                continue;
            }

            var fields = CsvLine.Split(line, out bool closed);
            if (!closed || fields.Count < header.Count)
            {
                problems.Add(new ScenarioProblem("$", closed ? $"The row has {fields.Count} fields; the header names {header.Count}." : "A quoted field is not closed.", i + 1));
                continue;
            }

            string Field(int c) => c < 0 ? string.Empty : fields[c].Trim();
            if (Row(Field(period), Field(item), Field(topic), Field(adopted), Field(attempts), Field(cited), i + 1, out string? problem) is { } cell)
            {
                // A cell given twice would be fitted twice, weighing its record double.
                var key = (cell.Period, cell.Kind);
                if (firstLine.TryGetValue(key, out int first))
                {
                    problems.Add(new ScenarioProblem("$", $"The cell {cell.Period} {cell.Kind} is also on line {first}; each cell is one row (add up the adopted and attempts of rows that are both real).", i + 1));
                    continue;
                }

                firstLine[key] = i + 1;
                cells.Add(cell);
            }
            else
            {
                problems.Add(new ScenarioProblem("$", problem!, i + 1));
            }
        }

        if (problems.Count == 0 && cells.Count == 0)
        {
            problems.Add(new ScenarioProblem("$", "The record has no rows.", 1));
        }

        return problems.Count > 0 ? throw new CalibrationSpecException(problems, source) : cells;
    }

    private static ObservedCell? Row(string period, string item, string topic, string adopted, string attempts, string cited, int line, out string? problem)
    {
        problem = null;
        if (period.Length == 0 || item.Length == 0)
        {
            problem = "The period (era) and the item kind must not be empty.";
            return null;
        }

        if (!int.TryParse(attempts, NumberStyles.None, CultureInfo.InvariantCulture, out int n) || n < 1)
        {
            problem = $"attempts must be a whole number of at least 1; got '{attempts}'.";
            return null;
        }

        if (!int.TryParse(adopted, NumberStyles.None, CultureInfo.InvariantCulture, out int k) || k > n)
        {
            problem = $"adopted must be a whole number from 0 to attempts ({n}); got '{adopted}'.";
            return null;
        }

        return new ObservedCell(period, item, topic, k, n, cited.Length == 0 ? null : cited, line);
    }
}
