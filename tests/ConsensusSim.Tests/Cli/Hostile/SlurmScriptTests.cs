using System.Diagnostics;
using ConsensusSim.Serialization;
using ConsensusSim.Tests.Support;

namespace ConsensusSim.Tests.Cli.Hostile;

/// <summary>
/// The jobs 'slurm' writes start and do what they say: the merge job names its parts in a list file, so
/// its command line stays short however many tasks there are; an option a task would refuse is refused
/// when the scripts are written; and --command is checked as shell words and written so that bash reads
/// exactly those words.
/// </summary>
public sealed class SlurmScriptTests : CliHarness
{
    [Fact]
    public void A_merge_job_of_sixty_thousand_shards_starts()
    {
        var (code, _, err) = Cli("slurm", "--trials", "1000000", "--chunk-size", "1", "--shards", "60000", "--out", F("big"), "--command", "/bin/true");
        Assert.True(code == 0, err);

        Assert.True(new FileInfo(F("big/merge.sbatch")).Length < 4096, "the merge job's command line grows with the shards");
        var listed = File.ReadAllLines(F("big/shards.txt"));
        Assert.Equal(60_000, listed.Length);
        Assert.Equal(F("big/shards/shard-60000.json"), listed[^1]);
        var (exit, bashErr) = Bash(F("big/merge.sbatch"));
        Assert.True(exit == 0, bashErr);
    }

    [Fact]
    public void A_sweep_merge_job_joins_the_parts_named_in_its_list()
    {
        string scenario = F("scenario.json");
        File.WriteAllText(scenario, SweepInputTests.Scenario);
        string[] sweep = ["sweep", scenario, "--vary", "tension=0:1:0.25", "--trials", "300", "--seed", "5"];
        string tool = $"dotnet '{Path.Combine(AppContext.BaseDirectory, "ConsensusSim.Cli.dll")}'";
        Assert.Equal(0, Cli("slurm", scenario, "--vary", "tension=0:1:0.25", "--trials", "300", "--seed", "5", "--shards", "3", "--out", F("job"), "--command", tool).Code);
        Assert.Contains("merge --list ", File.ReadAllText(F("job/merge.sbatch")), StringComparison.Ordinal);

        Assert.Equal(0, Cli([.. sweep, "--out", F("whole.csv")]).Code);
        for (int i = 1; i <= 3; i++)
        {
            Assert.Equal(0, Cli([.. sweep, "--part", $"{i}/3", "--out", F($"job/parts/part-{i}.csv")]).Code);
        }

        var (exit, err) = Bash(F("job/merge.sbatch"));
        Assert.True(exit == 0, err);
        Assert.Equal(File.ReadAllText(F("whole.csv")), File.ReadAllText(F("job/results.csv")));
    }

    [Fact]
    public void Merge_reads_its_parts_from_a_list_file_and_names_a_missing_one()
    {
        for (int i = 1; i <= 2; i++)
        {
            Assert.Equal(0, Cli("run", "--trials", "20000", "--chunk-size", "1000", "--seed", "4", "--shard", $"{i}/2", "--json", F($"shard-{i}.json")).Code);
        }

        File.WriteAllText(F("list.txt"), $"{F("shard-1.json")}\n\n{F("shard-2.json")}\n");
        var (code, _, err) = Cli("merge", "--list", F("list.txt"), "--out", F("merged.json"));
        Assert.True(code == 0, err);
        Assert.Equal(20_000, ResultJson.Deserialize(File.ReadAllText(F("merged.json"))).Trials);

        File.WriteAllText(F("missing.txt"), $"{F("shard-1.json")}\n{F("shard-3.json")}\n");
        var missing = Cli("merge", "--list", F("missing.txt"), "--out", F("never.json"));
        Assert.Equal(2, missing.Code);
        Assert.Contains($"{F("shard-3.json")}: no such result file", missing.Err, StringComparison.Ordinal);
        Assert.False(File.Exists(F("never.json")));

        // The list is an input: writing the merged result over it would lose the names of the parts.
        string names = File.ReadAllText(F("list.txt"));
        var over = Cli("merge", "--list", F("list.txt"), "--out", F("list.txt"));
        Assert.Equal(2, over.Code);
        Assert.Contains($"--out {F("list.txt")} is the input file {F("list.txt")}; refusing to write over an input", over.Err, StringComparison.Ordinal);
        Assert.Equal(names, File.ReadAllText(F("list.txt")));
    }

    [Theory]
    [InlineData("device")]
    [InlineData("too-long")]
    [InlineData("blank")]
    public void A_list_that_is_not_a_list_of_parts_is_refused_at_once(string kind)
    {
        string list = kind switch
        {
            "device" => "/dev/zero",
            "too-long" => Write("long.txt", string.Concat(Enumerable.Repeat("part.csv\n", 100_001))),
            _ => Write("blank.txt", "\n\n  \n"),
        };
        string message = kind switch
        {
            "device" => "/dev/zero: empty, or not a regular file",
            "too-long" => $"{list}:100001: more than 100,000 parts",
            _ => $"{list}: names no parts",
        };
        var clock = Stopwatch.StartNew();
        var (code, _, err) = Cli("merge", "--list", list, "--out", F("never.csv"));

        Assert.Equal(2, code);
        Assert.Contains(message, err, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"refused after {clock.Elapsed}");
        Assert.False(File.Exists(F("never.csv")));
    }

    [Theory]
    [InlineData("1e300")]
    [InlineData("86401")]
    [InlineData("0")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    public void A_checkpoint_interval_that_run_refuses_is_refused_before_the_scripts_are_written(string seconds)
    {
        var (code, _, err) = Cli("slurm", "--trials", "100000", "--shards", "2", "--out", F("job"), "--checkpoint-every", seconds);

        Assert.Equal(2, code);
        string shown = double.Parse(seconds, System.Globalization.CultureInfo.InvariantCulture).ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains($"--checkpoint-every must be between 1 and 86,400 seconds; got {shown}.", err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(F("job")));
    }

    [Theory]
    [InlineData("dotnet 'x", "an unbalanced ' quote")]
    [InlineData("dotnet \"x", "an unbalanced \" quote")]
    [InlineData("dotnet x\\", "a \\ at the end")]
    [InlineData("consensussim; rm -rf ~", "';' outside quotes")]
    [InlineData("a && b", "'&' outside quotes")]
    [InlineData("$(whoami)", "'$' outside quotes")]
    [InlineData("\"$HOME/x\"", "'$' inside double quotes")]
    [InlineData("`whoami`", "'`' outside quotes")]
    [InlineData("   ", "no words")]
    public void A_command_bash_would_not_read_as_plain_words_is_refused(string command, string reason)
    {
        var (code, _, err) = Cli("slurm", "--trials", "100000", "--shards", "2", "--out", F("job"), "--command", command);

        Assert.Equal(2, code);
        Assert.Contains($"--command '{command}': {reason}", err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(F("job")));
    }

    [SkippableFact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void Quoted_command_words_reach_the_tool_as_the_same_words()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "The scripts run under bash.");
        Directory.CreateDirectory(F("tool dir"));
        string tool = Write("tool dir/fake tool.sh", $"#!/bin/sh\nprintf '%s\\n' \"$@\" > '{F("args.txt")}'\n");
        File.SetUnixFileMode(tool, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var (code, _, err) = Cli("slurm", "--trials", "100000", "--shards", "2", "--out", F("job"), "--command", $"'{tool}' \"first arg\" plain\\ word it\\'s");
        Assert.True(code == 0, err);

        foreach (string script in new[] { "run.sbatch", "merge.sbatch" })
        {
            var (syntax, syntaxErr) = Bash("-n", F(Path.Combine("job", script)));
            Assert.True(syntax == 0, script + ": " + syntaxErr);
        }

        var (exit, bashErr) = Bash(F("job/merge.sbatch"));
        Assert.True(exit == 0, bashErr);
        Assert.Equal(["first arg", "plain word", "it's", "merge", "--list", F("job/shards.txt"), "--out", F("job/result.json")], File.ReadAllLines(F("args.txt")));
    }

    private static (int Code, string Err) Bash(params string[] args)
    {
        using var bash = Process.Start(new ProcessStartInfo("bash", args) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var output = bash.StandardOutput.ReadToEndAsync();
        string err = bash.StandardError.ReadToEnd();
        bash.WaitForExit();
        _ = output.Result;
        return (bash.ExitCode, err);
    }

    private string Write(string name, string text)
    {
        File.WriteAllText(F(name), text);
        return F(name);
    }
}
