using System.Text;

namespace ConsensusSim.Cli;

/// <summary>RFC 4180 rows: fields with commas, quotes or line breaks are quoted.</summary>
internal static class Csv
{
    public static string Row(IEnumerable<string> fields) => string.Join(',', fields.Select(Field));

    /// <summary>Splits one line written by <see cref="Row"/> into its fields.</summary>
    /// <param name="line">The line, without its line break.</param>
    /// <param name="fields">The fields, unquoted.</param>
    /// <returns>False if a quote is not closed, or a closing quote is not followed by a comma or the end: a row cut short or edited.</returns>
    public static bool TrySplit(string line, out string[] fields)
    {
        var result = new List<string>();
        var field = new StringBuilder();
        fields = [];
        int i = 0;
        while (true)
        {
            field.Clear();
            if (i < line.Length && line[i] == '"')
            {
                for (i++; ; i++)
                {
                    if (i == line.Length)
                    {
                        return false;
                    }

                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"')
                        {
                            field.Append('"');
                            i++;
                            continue;
                        }

                        i++;
                        break;
                    }

                    field.Append(line[i]);
                }

                if (i < line.Length && line[i] != ',')
                {
                    return false;
                }
            }
            else
            {
                int comma = line.IndexOf(',', i);
                int end = comma < 0 ? line.Length : comma;
                field.Append(line, i, end - i);
                i = end;
            }

            result.Add(field.ToString());
            if (i >= line.Length)
            {
                fields = [.. result];
                return true;
            }

            i++;
        }
    }

    private static string Field(string field) =>
        field.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
}
