using System.Text;
using ConsensusSim.Sweeps;

namespace ConsensusSim.Cli;

/// <summary>
/// A CSV file whose header names the paths and whose rows are the design points. The file is read once,
/// within <see cref="MaxBytes"/>, and kept as its text; a row is split when its point is needed.
/// </summary>
internal sealed class SweepDesignFile : SweepDesign
{
    /// <summary>The largest design file read: 100,000 rows of about 160 characters.</summary>
    public const int MaxBytes = 16 << 20;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly string[] _paths;
    private readonly List<(int Start, int Length, int Line)> _rows;

    private SweepDesignFile(string file, string text, string[] paths, List<(int Start, int Length, int Line)> rows)
        : base(paths, null, nameof(paths))
    {
        FilePath = file;
        Text = text;
        _paths = paths;
        _rows = rows;
    }

    /// <summary>The file as given.</summary>
    public string FilePath { get; }

    /// <summary>The file as read, to copy (slurm) exactly what was checked.</summary>
    public string Text { get; }

    public override int Count => _rows.Count;

    /// <summary>Reads and checks the file: UTF-8, a header of distinct paths, then rows of as many values, at most <see cref="SweepDesign.MaxPoints"/>.</summary>
    /// <param name="file">The file.</param>
    /// <returns>The design.</returns>
    /// <exception cref="UserInputException">The file is missing, too large, not UTF-8 or malformed; the message names its line.</exception>
    public static SweepDesignFile Read(string file)
    {
        byte[] bytes = BoundedFile.Read(file, MaxBytes, "design file");
        string text;
        try
        {
            text = StrictUtf8.GetString(bytes).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException ex)
        {
            int line = 1 + bytes.AsSpan(0, Math.Clamp(ex.Index, 0, bytes.Length)).Count((byte)'\n');
            throw new UserInputException($"{file}:{line}: not UTF-8 text (a design file is UTF-8 CSV).");
        }

        string[]? paths = null;
        int header = 0;
        var rows = new List<(int, int, int)>();
        int start = 0;
        for (int line = 1; start <= text.Length; line++)
        {
            int end = text.IndexOf('\n', start);
            if (end < 0)
            {
                end = text.Length;
            }

            int length = end - start - (end > start && text[end - 1] == '\r' ? 1 : 0);
            if (text.AsSpan(start, length).Trim().Length > 0)
            {
                string[] fields = Split(text.Substring(start, length));
                int columns = fields.Length;
                if (paths is null)
                {
                    SweepDesignOptions.CheckColumns(fields, $"{file}:{line}", c => $"column {c + 1} '{fields[c]}'");
                    (paths, header) = (fields, line);
                }
                else if (columns != paths.Length)
                {
                    // CSV writers quote a value with a comma in it (RFC 4180); this reader splits at every comma.
                    string quoted = text.AsSpan(start, length).Contains('"') ? " Values are split at every comma and quotes are not read, so a value cannot hold a comma (a distribution such as {\"beta\":[2,5]}: where the scenario already draws that coordinate from one, vary its arguments instead, as proposal.draft[0].beta[1])." : string.Empty;
                    throw new UserInputException($"{file}:{line}: {columns} values for {paths.Length} columns.{quoted}");
                }
                else if (rows.Count == SweepDesign.MaxPoints)
                {
                    throw new UserInputException($"{file}:{line}: more than {SweepDesign.MaxPoints:N0} design points; a sweep has at most {SweepDesign.MaxPoints:N0}.");
                }
                else
                {
                    rows.Add((start, length, line));
                }
            }

            start = end + 1;
        }

        if (paths is null || rows.Count == 0)
        {
            throw new UserInputException($"{file}: a design file needs a header of paths and at least one row.");
        }

        try
        {
            return new SweepDesignFile(file, text, paths, rows);
        }
        catch (ArgumentException ex)
        {
            throw new UserInputException($"{file}:{header}: {ex.Message}");
        }
    }

    internal override IReadOnlyList<string> Values(int index)
    {
        var (start, length, _) = _rows[index];
        return Split(Text.Substring(start, length));
    }

    internal override void Identify(ISweepFingerprint id)
    {
        id.Add("file");
        id.Add(Count);
        foreach (string path in _paths)
        {
            id.Add(path);
        }

        foreach (var (start, length, _) in _rows)
        {
            foreach (string value in Split(Text.Substring(start, length)))
            {
                id.Add(value);
            }
        }
    }

    internal override string Origin(int index, int column) => $"value '{Values(index)[column]}' in {FilePath}:{_rows[index].Line}";

    private static string[] Split(string line) => line.Split(',', StringSplitOptions.TrimEntries);
}
