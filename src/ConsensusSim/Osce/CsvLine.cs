using System.Text;

namespace ConsensusSim.Osce;

/// <summary>Splits one line of RFC 4180 CSV: commas separate fields, double quotes protect commas and quotes ("" is one quote).</summary>
internal static class CsvLine
{
    /// <summary>The line's fields, untrimmed.</summary>
    /// <param name="line">One line, without its line ending.</param>
    /// <param name="closed">False when a quoted field is still open at the end of the line.</param>
    /// <returns>The fields, at least one.</returns>
    public static List<string> Split(string line, out bool closed)
    {
        var fields = new List<string>();
        var current = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    current.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        fields.Add(current.ToString());
        closed = !quoted;
        return fields;
    }
}
