using System.Globalization;

namespace ConsensusSim.Import;

/// <summary>Line splitting and number reading shared by the table formats, with line numbers in every error.</summary>
internal static class TableText
{
    /// <summary>
    /// Reads a table file within <see cref="ActorTable.MaxFileBytes"/>, strictly as UTF-8, and refuses
    /// a FIFO or device; every refusal is an <see cref="ActorTableFormatException"/> naming the file
    /// (and the line of an invalid byte).
    /// </summary>
    public static string ReadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            return Serialization.InputFile.ReadAllText(path, ActorTable.MaxFileBytes, "actor tables");
        }
        catch (Serialization.InputFileException ex)
        {
            throw new ActorTableFormatException(Path.GetFileName(path), ex.Line ?? 1, ex.Problem);
        }
    }

    /// <summary>The file's lines, numbered from 1, without a byte-order mark or line endings.</summary>
    public static IEnumerable<(int Number, string Text)> Lines(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string[] lines = text.TrimStart('\uFEFF').Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            yield return (i + 1, lines[i].TrimEnd('\r'));
        }
    }

    /// <summary>Why a table of this many actors and issues is refused, or null if it fits in <see cref="ActorTable.MaxCells"/>.</summary>
    /// <remarks>A count of 0 (not yet declared) counts as 1, so each count alone is bounded too.</remarks>
    public static string? TooManyCells(long actors, long issues)
    {
        return actors <= ActorTable.MaxCells && issues <= ActorTable.MaxCells && Math.Max(actors, 1) * Math.Max(issues, 1) <= ActorTable.MaxCells
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"{actors:N0} actors × {issues:N0} issues = {(double)Math.Max(actors, 1) * Math.Max(issues, 1):N0} cells; a table has at most {ActorTable.MaxCells:N0} actor × issue cells.");
    }

    /// <summary>Whether a line holds nothing but separators and spaces.</summary>
    public static bool IsBlank(string line, char separator) => line.All(c => char.IsWhiteSpace(c) || c == separator);

    /// <summary>Reads a finite number; a decimal comma is accepted where the separator is not a comma.</summary>
    public static double Number(string field, string what, char separator, string source, int line)
    {
        string t = field.Trim();
        if (separator != ',' && t.Contains(',', StringComparison.Ordinal) && !t.Contains('.', StringComparison.Ordinal))
        {
            t = t.Replace(',', '.');
        }

        if (!double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out double x) || !double.IsFinite(x))
        {
            throw new ActorTableFormatException(source, line, $"{what} must be a number; found '{field.Trim()}'.");
        }

        return x;
    }

    /// <summary>Reads a number that must not be negative.</summary>
    public static double NonNegative(string field, string what, char separator, string source, int line)
    {
        double x = Number(field, what, separator, source, line);
        return x >= 0 ? x : throw new ActorTableFormatException(source, line, $"{what} must not be negative; found {x.ToString(CultureInfo.InvariantCulture)}.");
    }
}
