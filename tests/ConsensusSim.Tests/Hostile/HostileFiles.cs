using System.Diagnostics;

namespace ConsensusSim.Tests.Hostile;

/// <summary>Input files the hostile tests write for themselves: a small valid scenario, FIFOs, files that lie.</summary>
internal static class HostileFiles
{
    /// <summary>
    /// A small valid scenario, one property per line so that tests know each line: "name" on line 2
    /// (a blank line if <paramref name="name"/> is null), the first actor on line 4, the proposal's
    /// title on line 8. Values are JSON text: <c>"\"Tiny\""</c>.
    /// </summary>
    public static string Scenario(string? name = "\"Tiny\"", string title = "\"Draft decision\"") =>
        "{\n"
        + (name is null ? "\n" : $"  \"name\": {name},\n")
        + "  \"actors\": [\n"
        + "    {\"code\": \"AAA\", \"name\": \"A\", \"power\": 1},\n"
        + "    {\"code\": \"BBB\", \"name\": \"B\", \"power\": 1}],\n"
        + "  \"dimensions\": [\"human\"],\n"
        + "  \"proposal\": {\n"
        + $"    \"title\": {title},\n"
        + "    \"topic\": \"migration\", \"body\": \"permanent-council\", \"statusQuo\": [0], \"draft\": [1]},\n"
        + "  \"behaviour\": {\"model\": \"fixed-objection\"},\n"
        + "  \"defaults\": {\"objectionProbability\": 0.3},\n"
        + "  \"simulation\": {\"trials\": 2000}\n"
        + "}\n";

    /// <summary>Makes a named pipe (FIFO); nothing writes to it, so a reader that opens it waits forever.</summary>
    public static string Fifo(string path)
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "FIFOs are made with mkfifo on Linux.");
        using var mkfifo = Process.Start("mkfifo", [path]);
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
        return path;
    }

    /// <summary>What the file system says a path is, without following a link: "fifo", "regular file", "symbolic link" …</summary>
    public static string TypeOf(string path)
    {
        var start = new ProcessStartInfo("stat", ["-c", "%F", path]) { RedirectStandardOutput = true };
        using var stat = Process.Start(start)!;
        string type = stat.StandardOutput.ReadToEnd().Trim();
        stat.WaitForExit();
        return type;
    }

    /// <summary>
    /// Runs the command line in-process, failing (instead of hanging the suite) if it does not finish
    /// within <paramref name="seconds"/>; a reader stuck on <paramref name="fifo"/> is then released.
    /// </summary>
    public static (int Code, string Out, string Err) Within(double seconds, string? fifo, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var run = Task.Run(() => global::ConsensusSim.Cli.ConsensusSimCli.Run(args, stdout, stderr));
        if (!run.Wait(TimeSpan.FromSeconds(seconds)))
        {
            if (fifo is not null)
            {
                // Give the stuck reader a writer and an end of file, so its thread can finish.
                _ = Task.Run(() => new FileStream(fifo, FileMode.Open, FileAccess.Write).Dispose());
            }

            Assert.Fail($"consensussim {string.Join(' ', args)} did not finish within {seconds} s.");
        }

        return (run.Result, stdout.ToString(), stderr.ToString());
    }

    /// <summary>The files in a folder and below, to show that a refusal wrote nothing.</summary>
    public static string[] Listing(string dir) =>
        [.. Directory.EnumerateFileSystemEntries(dir, "*", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(dir, p)).Order(StringComparer.Ordinal)];
}
