using System.Diagnostics;
using System.Globalization;
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
        string cli = Path.Combine(AppContext.BaseDirectory, "ConsensusSim.Cli.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { cli, "run", "--trials", "2000000000", "--chunk-size", "4096" }.Concat(withOut ? ["--out", F("results")] : []))
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.False(process.HasExited);
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        Assert.Equal(130, process.ExitCode);
        string message = await stderr;
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
