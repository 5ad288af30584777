using System.Diagnostics;

namespace ConsensusSim.Tests.Cli.Hostile;

/// <summary>
/// An input file the user may not read is their input's problem: exit 2 and the file named, not exit 1 with the runtime's
/// "Access to the path is denied". Run as another user than root (root reads every file), or as root where
/// <c>runuser</c> can run the tool as <c>nobody</c>.
/// </summary>
public sealed class UnreadableInputTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "consensussim-unreadable-" + Guid.NewGuid().ToString("N"));

    public UnreadableInputTests()
    {
        Directory.CreateDirectory(_dir);
        if (!OperatingSystem.IsWindows())
        {
            // Another user must reach the folder to be refused the file in it.
            File.SetUnixFileMode(_dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Trait("Category", "Integration")]
    [SkippableTheory]
    [InlineData("validate")]
    [InlineData("run")]
    [InlineData("sweep")]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task An_unreadable_scenario_is_refused_with_exit_2_naming_the_file(string command)
    {
        Skip.If(OperatingSystem.IsWindows(), "Unix file modes: run the suite on Linux or macOS for this case.");
        bool root = Environment.UserName == "root";
        Skip.If(root && !File.Exists("/usr/sbin/runuser") && !File.Exists("/sbin/runuser"), "Running as root, which reads every file, without runuser to drop to nobody: run the suite as another user.");

        string scenario = Path.Combine(_dir, "secret.json");
        File.WriteAllText(scenario, """{ "name": "secret", "states": ["AUT", "BEL"] }""");
        File.SetUnixFileMode(scenario, UnixFileMode.None);

        string tool = Path.Combine(AppContext.BaseDirectory, "ConsensusSim.Cli.dll");
        string[] args = command == "sweep"
            ? [tool, command, scenario, "--vary", "tension=0,1", "--trials", "100", "--out", Path.Combine(_dir, "out.csv")]
            : [tool, command, scenario, "--trials", "100"];
        if (command == "validate")
        {
            args = [tool, command, scenario];
        }

        var start = root ? new ProcessStartInfo("runuser") : new ProcessStartInfo("dotnet");
        if (root)
        {
            foreach (string a in new[] { "-u", "nobody", "--", "dotnet" })
            {
                start.ArgumentList.Add(a);
            }
        }

        foreach (string a in args)
        {
            start.ArgumentList.Add(a);
        }

        start.RedirectStandardError = true;
        start.RedirectStandardOutput = true;
        start.Environment["DOTNET_CLI_HOME"] = _dir;
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(2, process.ExitCode);
        Assert.Contains(scenario + ":", await stderr, StringComparison.Ordinal);
        Assert.Contains("cannot be read: permission denied", await stderr, StringComparison.Ordinal);
    }
}
