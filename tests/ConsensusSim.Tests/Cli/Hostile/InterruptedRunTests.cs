using ConsensusSim.Serialization;
using ConsensusSim.Tests.Support;

namespace ConsensusSim.Tests.Cli.Hostile;

/// <summary>
/// Item 16 of issue 15: after an interruption the message names every file that holds the partial
/// result — with --out only, the folder's result.json — and says "nowhere" only when that is true.
/// </summary>
[Trait("Category", "Integration")]
public sealed class InterruptedRunTests : CliHarness
{
    [SkippableTheory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_interrupted_run_says_where_its_partial_result_was_written(bool withOut)
    {
        Skip.If(OperatingSystem.IsWindows(), "Sends SIGTERM.");
        using var run = await RunningCli.StartAsync(new[] { "run", "--trials", "2000000000", "--chunk-size", "4096" }.Concat(withOut ? ["--out", F("results")] : []));
        Assert.Equal(130, await run.SignalAndWaitAsync("TERM"));
        string message = run.StandardError;
        if (withOut)
        {
            Assert.Contains($"the partial result (\"complete\": false) was written to {Path.Combine(F("results"), "result.json")}.", message, StringComparison.Ordinal);
            Assert.DoesNotContain("nowhere", message, StringComparison.Ordinal);
            Assert.False(ResultJson.Deserialize(File.ReadAllText(F("results/result.json"))).Provenance.IsComplete);
        }
        else
        {
            Assert.Contains("was written nowhere: give --json, --checkpoint or --out to keep it.", message, StringComparison.Ordinal);
            Assert.Empty(HostileFiles.Listing(Dir));
        }
    }
}
