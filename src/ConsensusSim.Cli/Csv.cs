namespace ConsensusSim.Cli;

/// <summary>RFC 4180 rows: fields with commas, quotes or line breaks are quoted.</summary>
internal static class Csv
{
    public static string Row(IEnumerable<string> fields) => string.Join(',', fields.Select(Field));

    private static string Field(string field) =>
        field.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
}
