using System.Globalization;
using System.Reflection;
using System.Text;

namespace ConsensusSim.Osce;

/// <summary>A CSV table from seeds/, embedded in the assembly, read by column name.</summary>
internal sealed class SeedTable
{
    private readonly Dictionary<string, int> _columns;
    private readonly List<string[]> _rows;

    private SeedTable(string name, Dictionary<string, int> columns, List<string[]> rows)
    {
        Name = name;
        _columns = columns;
        _rows = rows;
    }

    public string Name { get; }

    public int RowCount => _rows.Count;

    public static SeedTable Load(string fileName)
    {
        var assembly = typeof(SeedTable).Assembly;
        using Stream stream = assembly.GetManifestResourceStream("ConsensusSim.Seeds." + fileName)
            ?? throw new InvalidOperationException($"The seed table '{fileName}' is not embedded in {assembly.GetName().Name}.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return Parse(fileName, reader.ReadToEnd());
    }

    public static SeedTable Parse(string name, string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n')
            .Where(l => l.Length > 0).ToList();
        if (lines.Count == 0)
        {
            throw new FormatException($"Seed table '{name}' is empty.");
        }

        string[] header = [.. CsvLine.Split(lines[0], out _)];
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < header.Length; i++)
        {
            columns[header[i]] = i;
        }

        var rows = new List<string[]>(lines.Count - 1);
        for (int r = 1; r < lines.Count; r++)
        {
            string[] fields = [.. CsvLine.Split(lines[r], out _)];
            if (fields.Length != header.Length)
            {
                throw new FormatException($"Seed table '{name}', line {r + 1}: {fields.Length} fields, expected {header.Length}.");
            }

            rows.Add(fields);
        }

        return new SeedTable(name, columns, rows);
    }

    public string Text(int row, string column)
    {
        if (!_columns.TryGetValue(column, out int index))
        {
            throw new FormatException($"Seed table '{Name}' has no column '{column}'.");
        }

        return _rows[row][index];
    }

    public bool Flag(int row, string column) => Text(row, column) switch
    {
        "1" => true,
        "0" => false,
        var other => throw new FormatException($"Seed table '{Name}', row {row + 2}, column '{column}': '{other}' is not 0 or 1."),
    };

    public double Number(int row, string column) =>
        double.Parse(Text(row, column), NumberStyles.Float, CultureInfo.InvariantCulture);

    public IReadOnlyList<string> List(int row, string column) =>
        Text(row, column).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

}
