using ConsensusSim.Cli;
using ConsensusSim.Tests.Support;

namespace ConsensusSim.Tests.Cli.Hostile;

/// <summary>
/// Items 5 and 14 of issue 15: every output path is checked before a trial runs — an empty path, a
/// directory, a folder that is a file, a place no file can be created, an input file — and refused
/// with exit 2 naming the option; nothing is written, not even the outputs that were fine.
/// </summary>
public sealed class OutputPathTests : CliHarness
{
    /// <summary>Enough trials to print a result if the run started; a refusal must come before it.</summary>
    private const string Trials = "20000";

    public static TheoryData<string[], string> BadOutputs => new()
    {
        { ["--json", ""], "--json: the path is empty." },
        { ["--json", "  "], "--json: the path is empty." },
        { ["--checkpoint", ""], "--checkpoint: the path is empty." },
        { ["--out", ""], "--out: the path is empty." },
        { ["--json", "/proc/x"], "--json /proc/x: cannot create files in /proc" },
        { ["--json", "/proc/self/status/x.json"], "--json /proc/self/status/x.json: /proc/self/status is not a folder." },
        { ["--checkpoint", "{dir}"], "--checkpoint {dir}: is a directory; give the path of a file." },
        { ["--json", "{dir}"], "--json {dir}: is a directory; give the path of a file." },
        { ["--out", "{file}"], "--out {file}: is a file, not a folder." },
        { ["--json", "{file}/r.json"], "--json {file}/r.json: {file} is not a folder." },
        { ["--out", "-"], "--out -: --out is a folder for several files; standard output cannot hold them." },
        { ["--checkpoint", "-"], "--checkpoint -: this file is read back later, so it cannot be standard output; give a file path." },
        { ["--json", "{dir}/same.json", "--checkpoint", "{dir}/same.json"], "--checkpoint {dir}/same.json and --json {dir}/same.json name the same file" },
        { ["--json", "{dir}/out/result.json", "--out", "{dir}/out"], "--out {dir}/out/result.json and --json {dir}/out/result.json name the same file" },
        { ["--json", "{dir}/r.json", "--out", "/proc/nope"], "--out /proc/nope: cannot create files in /proc" },

        // A folder and a file at one path cannot both be made: refused before the run, not found out after it.
        { ["--json", "{dir}/a.json", "--out", "{dir}/a.json"], "--out {dir}/a.json is a folder where --json {dir}/a.json writes a file" },
        { ["--json", "{dir}/c.json", "--out", "{dir}/c.json/sub"], "--out {dir}/c.json/sub is a folder where --json {dir}/c.json writes a file" },
        { ["--checkpoint", "{dir}/k", "--out", "{dir}/k"], "--out {dir}/k is a folder where --checkpoint {dir}/k writes a file" },
        { ["--json", "{dir}/x", "--checkpoint", "{dir}/x/y"], "--checkpoint {dir}/x/y and --json {dir}/x: one would be a folder holding the other" },
    };

    [Theory]
    [MemberData(nameof(BadOutputs))]
    public void A_bad_output_path_is_refused_with_exit_2_before_any_trial_runs(string[] options, string message)
    {
        File.WriteAllText(F("file"), "a file");
        Directory.CreateDirectory(F("dir"));
        string Fill(string s) => s.Replace("{dir}", F("dir"), StringComparison.Ordinal).Replace("{file}", F("file"), StringComparison.Ordinal);
        var before = HostileFiles.Listing(Dir);

        var (code, output, error) = HostileFiles.Within(60, null, ["run", "--trials", Trials, .. options.Select(Fill)]);
        Assert.Equal(2, code);
        Assert.Contains("consensussim: " + Fill(message), error, StringComparison.Ordinal);
        Assert.DoesNotContain("P(adopted)", output, StringComparison.Ordinal);
        Assert.Equal(before, HostileFiles.Listing(Dir));
    }

    [Fact]
    public void Run_refuses_to_write_its_result_over_its_scenario_however_the_path_is_spelt()
    {
        File.WriteAllText(F("mine.json"), HostileFiles.Scenario());
        File.CreateSymbolicLink(F("link.json"), F("mine.json"));
        Directory.CreateDirectory(F("sub"));
        string original = File.ReadAllText(F("mine.json"));
        Directory.CreateDirectory(F("out"));
        File.Copy(F("mine.json"), F("out/result.json"));
        foreach (var (option, args) in new (string, string[])[]
        {
            ("--json", ["run", F("mine.json"), "--json", F("mine.json")]),
            ("--json", ["run", F("mine.json"), "--json", F("sub/../mine.json")]),
            ("--json", ["run", F("mine.json"), "--json", F("link.json")]),
            ("--checkpoint", ["run", F("mine.json"), "--checkpoint", F("link.json")]),

            // The scenario is the result.json that --out would write.
            ("--out", ["run", F("out/result.json"), "--out", F("out")]),
        })
        {
            var (code, output, error) = Cli([.. args, "--trials", Trials]);
            Assert.Equal(2, code);
            Assert.Contains($"consensussim: {option} ", error, StringComparison.Ordinal);
            Assert.Contains("refusing to write over an input", error, StringComparison.Ordinal);
            Assert.DoesNotContain("P(adopted)", output, StringComparison.Ordinal);
        }

        Assert.Equal(original, File.ReadAllText(F("mine.json")));
        Assert.Equal(original, File.ReadAllText(F("out/result.json")));
        Assert.True(new FileInfo(F("link.json")).LinkTarget is not null);
    }

    [SkippableFact]
    public void A_hard_link_to_the_scenario_is_the_scenario()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "Files are compared by device and inode on Linux.");
        File.WriteAllText(F("mine.json"), HostileFiles.Scenario());
        using (var ln = System.Diagnostics.Process.Start("ln", [F("mine.json"), F("alias.json")]))
        {
            ln.WaitForExit();
        }

        var (code, _, error) = Cli("run", F("mine.json"), "--trials", Trials, "--json", F("alias.json"));
        Assert.Equal(2, code);
        Assert.Contains($"--json {F("alias.json")} is the input file {F("mine.json")}; refusing to write over an input.", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_import_and_init_check_their_outputs_first_too()
    {
        Assert.Equal(0, Cli("run", "--trials", "4096", "--chunk-size", "1024", "--shard", "1/2", "--json", F("p1.json")).Code);
        Assert.Equal(0, Cli("run", "--trials", "4096", "--chunk-size", "1024", "--shard", "2/2", "--json", F("p2.json")).Code);
        string p1 = File.ReadAllText(F("p1.json"));

        var merge = Cli("merge", F("p1.json"), F("p2.json"), "--out", F("p1.json"));
        Assert.Equal(2, merge.Code);
        Assert.Contains($"--out {F("p1.json")} is the input file {F("p1.json")}", merge.Err, StringComparison.Ordinal);
        Assert.Equal(p1, File.ReadAllText(F("p1.json")));
        Assert.Equal(2, Cli("merge", F("p1.json"), F("p2.json"), "--out", "").Code);
        Assert.Equal(2, Cli("merge", F("p1.json"), F("p2.json"), "--out", "/proc/merged.json").Code);

        string table = Path.Combine(AppContext.BaseDirectory, "imports", "ktab-dummyData_3Dim.csv");
        File.Copy(table, F("table.csv"));
        var import = Cli("import", "--from", "ktab", F("table.csv"), "--out", F("table.csv"));
        Assert.Equal(2, import.Code);
        Assert.Contains("refusing to write over an input", import.Err, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllText(table), File.ReadAllText(F("table.csv")));
        Assert.Contains("--out: the path is empty.", Cli("import", "--from", "ktab", F("table.csv"), "--out", "").Err, StringComparison.Ordinal);

        Assert.Contains("--out: the path is empty.", Cli("init", "x", "--out", "").Err, StringComparison.Ordinal);
        Assert.Contains("--out /proc/x.json: cannot create files in /proc", Cli("init", "x", "--out", "/proc/x.json").Err, StringComparison.Ordinal);
        Assert.Equal(["p1.json", "p2.json", "table.csv"], HostileFiles.Listing(Dir));
    }

    [Fact]
    public void If_one_output_cannot_be_written_at_the_end_none_is_and_no_temporary_file_is_left()
    {
        var plan = new OutputPlan(TextWriter.Null, []);
        var first = plan.File("--json", F("first.json"));
        var second = plan.File("--checkpoint", F("later/second.json"));
        first.Set("{}");
        second.Set("{}");

        // Between the check and the write, the folder the second file needs becomes a file.
        File.WriteAllText(F("later"), "in the way");
        Assert.ThrowsAny<IOException>(() => plan.Commit());
        Assert.Equal(["later"], HostileFiles.Listing(Dir));
    }
}
