using System.Diagnostics;
using System.Globalization;
using ConsensusSim.Serialization;
using ConsensusSim.Tests.Support;

namespace ConsensusSim.Tests.Cli.Hostile;

/// <summary>SIGINT and SIGTERM stop <c>run</c> within a second whatever the chunk size, keeping only completed chunks.</summary>
[Trait("Category", "Integration")]
[Collection(nameof(RunsAlone))]
public sealed class CliSignalTests : CliHarness
{
    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public async Task A_signal_during_a_chunk_of_a_billion_trials_exits_130_within_seconds(string signal)
    {
        string cli = Path.Combine(AppContext.BaseDirectory, "ConsensusSim.Cli.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { cli, "run", "--trials", "1000000000", "--chunk-size", "1000000000", "--json", F("partial.json"), "--checkpoint", F("run.ckpt") })
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        try
        {
            await SignalAndCheck(process, signal);
        }
        finally
        {
            // A run that ignored the signal would go on for minutes after the test.
            if (!process.HasExited)
            {
                process.Kill();
            }
        }
    }

    private async Task SignalAndCheck(Process process, string signal)
    {
        var stderrTask = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();

        // Long enough for the runtime to start and the run to be inside its one chunk, which takes minutes.
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.False(process.HasExited);
        using (var kill = Process.Start("kill", [$"-{signal}", process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        var clock = Stopwatch.StartNew();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        clock.Stop();

        // Before the fix the run went on to the end of its chunk; a second is the promise, five leave room for a loaded machine.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"exited {clock.Elapsed.TotalSeconds:0.0} s after SIG{signal}");
        Assert.Equal(130, process.ExitCode);
        Assert.Contains("interrupted after 0 trials", await stderrTask, StringComparison.Ordinal);
        foreach (string file in new[] { "partial.json", "run.ckpt" })
        {
            var partial = ResultJson.Deserialize(File.ReadAllText(F(file)));
            Assert.False(partial.Provenance.IsComplete);
            Assert.Equal(0, partial.Trials);
            Assert.Equal(0, partial.Identity.CompletedChunks);
        }
    }
}
