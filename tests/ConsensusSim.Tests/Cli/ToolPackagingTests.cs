using System.Diagnostics;
using ConsensusSim.Tests.Support;

namespace ConsensusSim.Tests.Cli;

/// <summary>The command line ships as a .NET tool: pack it, install it from the folder, run it.</summary>
[Trait("Category", "Integration")]
public sealed class ToolPackagingTests : CliHarness
{
    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ConsensusSim.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("The repository root (ConsensusSim.sln) was not found above the test folder.");
    }

    private static async Task<(int Code, string Output)> Dotnet(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    [Fact]
    public async Task The_tool_packs_installs_from_a_folder_and_runs()
    {
        string project = Path.Combine(RepositoryRoot(), "src", "ConsensusSim.Cli", "ConsensusSim.Cli.csproj");
        var pack = await Dotnet("pack", project, "-c", "Release", "-o", F("packages"));
        Assert.True(pack.Code == 0, pack.Output);

        var install = await Dotnet("tool", "install", "--tool-path", F("tools"), "--add-source", F("packages"), "ConsensusSim.Cli");
        Assert.True(install.Code == 0, install.Output);

        string tool = Path.Combine(F("tools"), OperatingSystem.IsWindows() ? "consensussim.exe" : "consensussim");
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in new[] { "run", "--trials", "2000" })
        {
            start.ArgumentList.Add(a);
        }

        using var run = Process.Start(start)!;
        string output = await run.StandardOutput.ReadToEndAsync();
        await run.WaitForExitAsync();
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("P(adopted)", output, StringComparison.Ordinal);
    }
}
