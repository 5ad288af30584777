using System.Diagnostics;
using ConsensusSim.Tests.Support;

namespace ConsensusSim.Tests.Cli.Hostile;

/// <summary>Hostile sweep parts given to 'merge': refused with exit 2 naming the file and line, nothing written, at once.</summary>
public sealed class SweepMergeTests : CliHarness
{
    private const string Header = "point,tension,outcome,probability,standard_error,ci95_lower,ci95_upper,trials,seed,sweep,design_points";

    /// <summary>The sweep and design_points columns every row ends with.</summary>
    private const string Sweep = ",0123456789abcdef,100000";

    [Theory]
    [InlineData("point 2 comes after point 3", "3,0.5,adopted,1,0,1,1,10,1", "2,0.2,adopted,1,0,1,1,10,1")]
    [InlineData("the point number '4000000000' is not a whole number from 1 to 100,000", "4000000000,0.5,adopted,1,0,1,1,10,1")]
    [InlineData("the point number '100001' is not a whole number from 1 to 100,000", "100001,0.5,adopted,1,0,1,1,10,1")]
    [InlineData("the part was interrupted", "1,0.5,adopted,1,0,1,1,10,1", "# interrupted: only the first 1 of 2 design points are above")]
    public void A_tampered_or_interrupted_part_is_refused_at_its_line(string message, params string[] rows)
    {
        File.WriteAllLines(F("part.csv"), [Header, .. rows.Select(r => r.StartsWith('#') ? r : r + Sweep)]);
        var (code, _, err) = Cli("merge", F("part.csv"), "--out", F("merged.csv"));

        Assert.Equal(2, code);
        Assert.Contains($"{F("part.csv")}:{rows.Length + 1}: {message}", err, StringComparison.Ordinal);
        Assert.False(File.Exists(F("merged.csv")));
        Assert.False(File.Exists(F("merged.csv.partial")));
    }

    [Fact]
    public void A_part_cut_inside_its_last_row_is_refused_even_when_the_row_keeps_every_field()
    {
        // Cut inside the last field: the row still has all eleven fields, and only the missing line end tells.
        string row = "1,0.5,adopted,1,0,1,1,10,1" + Sweep;
        File.WriteAllText(F("cut.csv"), Header + "\n" + row[..^3]);
        var (code, _, err) = Cli("merge", F("cut.csv"), "--out", F("merged.csv"));
        Assert.Equal(2, code);
        Assert.Contains($"{F("cut.csv")}:2: the last line has no line end", err, StringComparison.Ordinal);
        Assert.False(File.Exists(F("merged.csv")));

        // With its line end the row is read, and the part is refused only for the sweep's other points.
        File.WriteAllText(F("whole.csv"), Header + "\n" + row + "\n");
        var whole = Cli("merge", F("whole.csv"), "--out", F("merged.csv"));
        Assert.DoesNotContain("line end", whole.Err, StringComparison.Ordinal);
        Assert.Contains("missing", whole.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void A_device_or_a_line_without_end_is_refused_at_once()
    {
        File.WriteAllText(F("endless.csv"), Header + "\n1," + new string('9', 3 << 20));
        File.CreateSymbolicLink(F("zero.csv"), "/dev/zero");
        foreach (var (part, message) in new[]
        {
            (F("zero.csv"), F("zero.csv")),
            (F("endless.csv"), $"{F("endless.csv")}:2: a line longer than 2,097,152 characters"),
        })
        {
            var clock = Stopwatch.StartNew();
            var (code, _, err) = Cli("merge", part, "--out", F("merged.csv"));
            Assert.Equal(2, code);
            Assert.Contains(message, err, StringComparison.Ordinal);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"{part}: refused after {clock.Elapsed}");
            Assert.False(File.Exists(F("merged.csv")));
        }
    }
}
