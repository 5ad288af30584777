namespace ConsensusSim.Tests.Support;

/// <summary>Result CSV text without its provenance columns, for tests that compare the tallies of two different scenarios.</summary>
internal static class ResultCsvColumns
{
    /// <summary>The provenance columns every result CSV ends with (docs/results.md).</summary>
    public static readonly string[] Provenance = ["scenario", "scenario_sha256", "seed", "trials", "consensussim_version"];

    /// <summary>
    /// The CSV without its trailing provenance columns: two scenarios that differ only where a tally cannot see it (a
    /// fallback that never fires, propensities without a fallback) give the same text, though their hashes differ.
    /// </summary>
    public static string Tallies(string csv)
    {
        var lines = csv.TrimEnd('\n').Split('\n');
        var header = lines[0].Split(',');
        int first = Array.IndexOf(header, "scenario");
        Assert.True(first > 0 && header[first..].All(Provenance.Contains), $"no trailing provenance columns in '{lines[0]}'");
        int kept = first;
        return string.Join('\n', lines.Select(l =>
        {
            Assert.DoesNotContain('"', l);
            return string.Join(',', l.Split(',')[..kept]);
        })) + "\n";
    }
}
