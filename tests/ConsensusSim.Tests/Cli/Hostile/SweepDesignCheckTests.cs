using System.Diagnostics;
using System.Globalization;
using System.Text;
using ConsensusSim.Cli;
using ConsensusSim.Tests.Support;

namespace ConsensusSim.Tests.Cli.Hostile;

/// <summary>
/// A design of the most points a sweep allows: its first point runs within seconds, because the points
/// are checked while the first ones run rather than all before; and a bad point anywhere, even the very
/// last, still leaves nothing written, because no row reaches its file before every point was checked.
/// </summary>
public sealed class SweepDesignCheckTests : CliHarness
{
    private static string Sample => Path.Combine(AppContext.BaseDirectory, "scenarios", "counter-terrorism-pc.json");

    [Fact]
    public void The_first_point_of_a_design_of_the_most_points_runs_within_seconds()
    {
        string design = Design("design.csv", bad: null);
        using var signal = new CancellationTokenSource();
        var firstPoint = new FirstLine("point 1/", signal);
        int code = ConsensusSimCli.Run(["sweep", Sample, "--design", design, "--trials", "100", "--threads", "2", "--out", F("rows.csv")], firstPoint, new StringWriter(), signal.Token);

        Assert.Equal(ExitCodes.Interrupted, code);
        Assert.True(firstPoint.After < TimeSpan.FromSeconds(5), $"the first point ran after {firstPoint.After}");
        Assert.StartsWith("# interrupted", File.ReadLines(F("rows.csv")).Last(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bad.csv")]
    [InlineData("-")]
    public void A_bad_last_point_of_the_largest_design_leaves_nothing_written(string output)
    {
        File.WriteAllText(F("scenario.json"), SweepInputTests.Scenario);
        string design = Design("design.csv", bad: "7");
        string target = output == "-" ? output : F(output);
        var (code, stdout, err) = Cli("sweep", F("scenario.json"), "--design", design, "--trials", "20", "--out", target);

        Assert.Equal(2, code);
        // Progress lines for the points run meanwhile may come first (on standard error with '-').
        Assert.Contains(err.Split('\n'), l => l.StartsWith($"{F("scenario.json")}:{SweepInputTests.LineOf(F("scenario.json"), "\"tension\"")}: $.behaviour.tension: A tension must lie in [0, 1]; it is 7.", StringComparison.Ordinal));
        Assert.Contains($"value '7' in {design}:100001, design point 100000", err, StringComparison.Ordinal);
        Assert.DoesNotContain("point,", stdout, StringComparison.Ordinal);
        Assert.Equal(["design.csv", "scenario.json"], HostileFiles.Listing(Dir));
    }

    /// <summary>A design file of 100,000 points varying two values; the last one <paramref name="bad"/> if given.</summary>
    private string Design(string name, string? bad)
    {
        var text = new StringBuilder("tension,blocCorrelation\n");
        for (int i = 0; i < 100_000; i++)
        {
            string tension = i == 99_999 && bad is not null ? bad : ((i % 1000) / 1000.0).ToString(CultureInfo.InvariantCulture);
            text.Append(tension).Append(',').Append(((i / 1000) / 100.0).ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        File.WriteAllText(F(name), text.ToString());
        return F(name);
    }

    /// <summary>Standard output that notes when a line containing a text is first printed, and then cancels like a signal.</summary>
    private sealed class FirstLine(string text, CancellationTokenSource signal) : StringWriter(CultureInfo.InvariantCulture)
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();

        public TimeSpan After { get; private set; } = TimeSpan.MaxValue;

        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            if (After == TimeSpan.MaxValue && value?.Contains(text, StringComparison.Ordinal) == true)
            {
                After = _clock.Elapsed;
                signal.Cancel();
            }
        }
    }
}
