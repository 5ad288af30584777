using System.Diagnostics;
using ConsensusSim.Tests.Support;

namespace ConsensusSim.Tests.Cli;

/// <summary>
/// A newcomer copies the examples from the help: every one of them, of every command, runs as printed and exits 0
/// (issue 19, item 3). Each command's examples run in order, as a separate process started the way a user starts the
/// tool, in a fresh folder holding the repository's sample inputs (samples/scenarios, samples/calibration,
/// samples/imports and the seeds/ they refer to), so that an example may read what an earlier one wrote.
/// </summary>
public sealed class HelpExampleRunTests : CliHarness
{
    private static readonly string[] SampleFolders = ["samples/scenarios", "samples/calibration", "samples/imports", "seeds"];

    public static TheoryData<string> Commands() => [.. HelpExamples.Commands().Prepend("(root)")];

    [Theory]
    [MemberData(nameof(Commands))]
    public void Every_example_in_the_commands_help_runs_as_printed_and_exits_0(string command)
    {
        var examples = HelpExamples.In(HelpExamples.Help(command == "(root)" ? null : command));
        Assert.NotEmpty(examples);
        string folder = Directory.CreateDirectory(F(command)).FullName;
        string root = RepositoryRoot();
        foreach (string sample in SampleFolders)
        {
            Copy(Path.Combine(root, sample), Path.Combine(folder, sample));
        }

        foreach (string example in examples)
        {
            // Examples are plain words: what a user copies must not depend on the shell.
            Assert.DoesNotMatch(@"[|<>;&$'""`\\]", example);
            string[] words = example.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal("consensussim", words[0]);
            var (code, output, error) = Run(folder, words[1..]);
            Assert.True(code == 0, $"'{example}' exited {code}:\n{error}\n{output}");
        }
    }

    private static (int Code, string Out, string Err) Run(string folder, string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ConsensusSim.Cli.dll"));
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(3)), $"{string.Join(' ', args)} did not finish in 3 minutes.");
        return (process.ExitCode, output.Result, error.Result);
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (string file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ConsensusSim.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("The repository root (ConsensusSim.sln) was not found above the test folder.");
    }
}
