using System.Diagnostics;
using System.Globalization;
using ConsensusSim.Cli;
using ConsensusSim.Serialization;
using ConsensusSim.Tests.Support;

namespace ConsensusSim.Tests.Cli.Hostile;

/// <summary>
/// Ctrl+C and SIGTERM during 'sweep' (and 'run', which shares the handling): exit 130, the rows of the
/// points completed so far under the final name, marked by a last '# interrupted' line, and no '.partial'.
/// The signal is simulated by the cancellation the commands' <c>InterruptScope</c> listens to.
/// </summary>
public sealed class SweepInterruptTests : CliHarness
{
    [Fact]
    public void An_interrupted_sweep_keeps_the_completed_points_under_its_name_marked_as_interrupted_and_exits_130()
    {
        string scenario = F("scenario.json");
        File.WriteAllText(scenario, SweepInputTests.Scenario);
        string[] sweep = ["sweep", scenario, "--vary", "tension=0:1:0.025", "--trials", "3000", "--seed", "9", "--threads", "1"];
        Assert.Equal(0, Cli([.. sweep, "--out", F("whole.csv")]).Code);

        // The "signal" arrives as the second point's line is printed.
        using var signal = new CancellationTokenSource();
        var stderr = new StringWriter();
        int code = ConsensusSimCli.Run([.. sweep, "--out", F("cut.csv")], new CancelOnLine("point 2/", signal), stderr, signal.Token);

        Assert.Equal(ExitCodes.Interrupted, code);
        Assert.False(File.Exists(F("cut.csv.partial")));
        var cut = File.ReadAllLines(F("cut.csv"));
        var whole = File.ReadAllLines(F("whole.csv"));
        Assert.StartsWith("# interrupted: only the first ", cut[^1], StringComparison.Ordinal);

        // Every row above the marker is a whole point, identical to the uninterrupted sweep's.
        int points = int.Parse(cut[^2].Split(',')[0], CultureInfo.InvariantCulture);
        Assert.InRange(points, 2, 40);
        Assert.Equal(whole.TakeWhile(l => !l.StartsWith($"{points + 1},", StringComparison.Ordinal)), cut[..^1]);
        Assert.Contains($"of 41 design points", cut[^1], StringComparison.Ordinal);
        Assert.Contains($"interrupted after {points} of 41 design points", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_sweep_interrupted_before_its_first_point_writes_nothing_and_exits_130()
    {
        string scenario = F("scenario.json");
        File.WriteAllText(scenario, SweepInputTests.Scenario);
        var stderr = new StringWriter();
        int code = ConsensusSimCli.Run(["sweep", scenario, "--vary", "tension=0:1:0.1", "--out", F("never.csv")], new StringWriter(), stderr, new CancellationToken(canceled: true));

        Assert.Equal(ExitCodes.Interrupted, code);
        Assert.Contains("interrupted before any design point completed; nothing was written", stderr.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(F("never.csv")));
        Assert.False(File.Exists(F("never.csv.partial")));
    }

    [Fact]
    public void Run_shares_the_interruption_it_writes_the_partial_result_and_exits_130()
    {
        var stderr = new StringWriter();
        int code = ConsensusSimCli.Run(["run", "--trials", "100000", "--json", F("partial.json")], new StringWriter(), stderr, new CancellationToken(canceled: true));

        Assert.Equal(ExitCodes.Interrupted, code);
        Assert.False(ResultJson.Deserialize(File.ReadAllText(F("partial.json"))).Provenance.IsComplete);
        Assert.Contains("interrupted after 0 trials", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_refuses_an_interrupted_part_naming_it()
    {
        string scenario = F("scenario.json");
        File.WriteAllText(scenario, SweepInputTests.Scenario);
        string[] sweep = ["sweep", scenario, "--vary", "tension=0:1:0.025", "--trials", "3000", "--threads", "1"];
        Assert.Equal(0, Cli([.. sweep, "--part", "1/2", "--out", F("part-1.csv")]).Code);
        using var signal = new CancellationTokenSource();
        Assert.Equal(ExitCodes.Interrupted, ConsensusSimCli.Run([.. sweep, "--part", "2/2", "--out", F("part-2.csv")], new CancelOnLine("point 4/", signal), new StringWriter(), signal.Token));

        var (code, _, err) = Cli("merge", F("part-1.csv"), F("part-2.csv"), "--out", F("merged.csv"));
        Assert.Equal(2, code);
        Assert.Contains($"{F("part-2.csv")}:", err, StringComparison.Ordinal);
        Assert.Contains("the part was interrupted", err, StringComparison.Ordinal);
        Assert.False(File.Exists(F("merged.csv")));
    }

    [Trait("Category", "Integration")]
    [Fact]
    public async Task SIGTERM_stops_a_sweep_process_with_its_completed_rows_marked_and_exit_130()
    {
        string scenario = F("scenario.json");
        File.WriteAllText(scenario, SweepInputTests.Scenario);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "ConsensusSim.Cli.dll"), "sweep", scenario, "--vary", "tension=0:1:0.01", "--trials", "2000000", "--threads", "1", "--out", F("signalled.csv") })
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        // Wait for the first complete point, then signal as a scheduler would. A point takes about 0.1 s, so on a loaded
        // machine the signal still comes long before the hundredth: with 200,000 trials a point, the whole sweep sometimes
        // finished first and exited 0.
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line && !line.Contains("point 1/", StringComparison.Ordinal))
        {
        }

        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(timeout.Token);
        }

        _ = process.StandardOutput.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        Assert.Equal(ExitCodes.Interrupted, process.ExitCode);
        Assert.Contains("interrupted after", await stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(F("signalled.csv.partial")));
        var lines = File.ReadAllLines(F("signalled.csv"));
        Assert.StartsWith("# interrupted", lines[^1], StringComparison.Ordinal);
        Assert.StartsWith("1,0,adopted,", lines[1], StringComparison.Ordinal);
    }

    /// <summary>Standard output that cancels, like a signal, when a line containing a text is printed.</summary>
    private sealed class CancelOnLine(string text, CancellationTokenSource signal) : StringWriter(CultureInfo.InvariantCulture)
    {
        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            if (value?.Contains(text, StringComparison.Ordinal) == true)
            {
                signal.Cancel();
            }
        }
    }
}
