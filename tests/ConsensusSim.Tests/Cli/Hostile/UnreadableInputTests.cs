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

        var (code, stderr) = await RunAsAnotherUser(args);

        Assert.Equal(2, code);
        Assert.Contains(scenario + ":", stderr, StringComparison.Ordinal);
        Assert.Contains("cannot be read: permission denied", stderr, StringComparison.Ordinal);
    }

    [Trait("Category", "Integration")]
    [SkippableFact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task A_checkpoint_folder_the_sweep_cannot_write_to_is_refused_before_any_point_runs()
    {
        Skip.If(OperatingSystem.IsWindows(), "Unix file modes: run the suite on Linux or macOS for this case.");
        Skip.If(Environment.UserName == "root" && !File.Exists("/usr/sbin/runuser") && !File.Exists("/sbin/runuser"), "Running as root, which writes everywhere, without runuser to drop to nobody: run the suite as another user.");

        string scenario = Path.Combine(_dir, "open.json");
        File.WriteAllText(scenario, Support.ThreeStateRuleFile.With("\"consensus\""));
        File.SetUnixFileMode(scenario, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        string folder = Path.Combine(_dir, "points");
        Directory.CreateDirectory(folder);
        File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);

        string tool = Path.Combine(AppContext.BaseDirectory, "ConsensusSim.Cli.dll");
        var (code, stderr) = await RunAsAnotherUser([tool, "sweep", scenario, "--vary", "tension=0,1", "--trials", "100", "--checkpoint", folder, "--out", "-"]);

        Assert.Equal(2, code);
        Assert.Contains($"The checkpoint folder '{folder}' cannot be written to", stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(folder));
    }

    /// <summary>Runs the tool as this user, or as nobody when this user is root; its exit code and standard error.</summary>
    private async Task<(int Code, string Stderr)> RunAsAnotherUser(string[] args)
    {
        bool root = Environment.UserName == "root";
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

        return (process.ExitCode, await stderr);
    }
}
