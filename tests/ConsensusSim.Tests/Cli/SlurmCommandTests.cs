using ConsensusSim.Tests.Support;

namespace ConsensusSim.Tests.Cli;

/// <summary>The scripts 'consensussim slurm' writes, its refusals, and joining sweep parts; no scheduler needed.</summary>
public class SlurmCommandTests : CliHarness
{
    [Theory]
    [InlineData("/opt/tools/consensussim", "/opt/tools/ConsensusSim.Cli.dll", "'/opt/tools/consensussim'")]
    [InlineData("/usr/bin/dotnet", "/opt/tools/ConsensusSim.Cli.dll", "'/usr/bin/dotnet' '/opt/tools/ConsensusSim.Cli.dll'")]
    [InlineData("/opt/aot/my-renamed-tool", "", "'/opt/aot/my-renamed-tool'")]
    [InlineData(null, "/opt/tools/ConsensusSim.Cli.dll", "'dotnet' '/opt/tools/ConsensusSim.Cli.dll'")]
    public void The_jobs_run_the_tool_that_wrote_them(string? process, string assemblyLocation, string expected)
    {
        // A single-file or Native AOT build has no assembly file: whatever its name, the process is the tool.
        Assert.Equal(expected, ConsensusSim.Cli.SlurmCommand.DefaultCommand(process, assemblyLocation));
    }

    [Fact]
    public void Writes_an_array_job_with_per_shard_checkpoints_and_requeue_and_a_merge_job()
    {
        var (code, output, error) = Cli("slurm", "--trials", "1000000", "--shards", "8", "--out", F("job"), "--partition", "short", "--time", "01:00:00", "--mem", "2G", "--cpus-per-task", "4", "--seed", "7");
        Assert.True(code == 0, error);
        Assert.Contains("8 shards of 1,000,000 trials, seed 7", output, StringComparison.Ordinal);

        string run = File.ReadAllText(F("job/run.sbatch"));
        Assert.StartsWith("#!/bin/bash\n", run, StringComparison.Ordinal);
        foreach (string line in new[] { "#SBATCH --array=0-7", "#SBATCH --requeue", "#SBATCH --partition=short", "#SBATCH --time=01:00:00", "#SBATCH --mem=2G", "#SBATCH --cpus-per-task=4", "shard=$((SLURM_ARRAY_TASK_ID + 1))" })
        {
            Assert.Contains(line + "\n", run, StringComparison.Ordinal);
        }

        Assert.Contains("--trials 1000000 --seed 7", run, StringComparison.Ordinal);
        Assert.Contains("--shard \"$shard/8\"", run, StringComparison.Ordinal);
        Assert.Contains($"--checkpoint '{Path.Combine(Dir, "job", "checkpoints")}'/shard-$shard.json --checkpoint-every 30 --resume", run, StringComparison.Ordinal);

        // #SBATCH lines only count before the first command.
        var lines = run.Split('\n');
        int firstCommand = Array.FindIndex(lines, l => l.Length > 0 && !l.StartsWith('#'));
        Assert.True(lines.Select((l, i) => (l, i)).Where(x => x.l.StartsWith("#SBATCH", StringComparison.Ordinal)).All(x => x.i < firstCommand));

        string merge = File.ReadAllText(F("job/merge.sbatch"));
        Assert.Contains($"merge --list '{Path.Combine(Dir, "job", "shards.txt")}'", merge, StringComparison.Ordinal);
        Assert.Equal(Enumerable.Range(1, 8).Select(i => Path.Combine(Dir, "job", "shards", $"shard-{i}.json")), File.ReadAllLines(F("job/shards.txt")));

        Assert.Contains($"--out '{Path.Combine(Dir, "job", "result.json")}'", merge, StringComparison.Ordinal);
        Assert.Equal(Scenario_text_of_the_default(), File.ReadAllText(F("job/scenario.json")));
        Assert.True(Directory.Exists(F("job/logs")), "Slurm does not create the folder of --output; the command must.");
        if (!OperatingSystem.IsWindows())
        {
            Assert.True((File.GetUnixFileMode(F("job/run.sbatch")) & UnixFileMode.UserExecute) != 0);
        }
    }

    [Fact]
    public void Scripts_run_under_bash_syntax_check()
    {
        Assert.Equal(0, Cli("slurm", "--trials", "100000", "--shards", "2", "--out", F("it's-here")).Code);
        foreach (string script in new[] { "run.sbatch", "merge.sbatch" })
        {
            using var bash = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("bash", ["-n", F(Path.Combine("it's-here", script))]) { RedirectStandardError = true })!;
            string err = bash.StandardError.ReadToEnd();
            bash.WaitForExit();
            Assert.True(bash.ExitCode == 0, script + ": " + err);
        }
    }

    [Fact]
    public void A_sweep_spreads_design_points_over_the_tasks()
    {
        string scenario = Path.Combine(AppContext.BaseDirectory, "scenarios", "migration-mc.json");
        var (code, output, error) = Cli("slurm", scenario, "--trials", "2000", "--shards", "3", "--out", F("sweep"), "--vary", "tension=0:1:0.25");
        Assert.True(code == 0, error);
        Assert.Contains("3 tasks sharing 5 design points", output, StringComparison.Ordinal);
        string run = File.ReadAllText(F("sweep/run.sbatch"));
        Assert.Contains("consensussim sweep", run, StringComparison.Ordinal);
        Assert.Contains("--vary 'tension=0:1:0.25'", run, StringComparison.Ordinal);
        Assert.Contains("--part \"$part/3\"", run, StringComparison.Ordinal);
        Assert.Contains("--points 5 --out", File.ReadAllText(F("sweep/merge.sbatch")), StringComparison.Ordinal);
    }

    [Fact]
    public void Conditional_tasks_carry_the_flag_and_a_scenario_it_does_not_apply_to_is_refused()
    {
        Assert.Equal(0, Cli("slurm", "--trials", "100000", "--shards", "2", "--out", F("c"), "--conditional").Code);
        Assert.Contains("--conditional", File.ReadAllText(F("c/run.sbatch")), StringComparison.Ordinal);

        string rounds = F("rounds.json");
        File.WriteAllText(rounds, """{ "name": "Rounds", "states": ["AUT","BEL"], "behaviour": { "model": "fixed-objection", "blocCorrelation": 0.3 }, "defaults": { "objectionProbability": 0.1 }, "procedure": { "maxRounds": 3 }, "proposal": { "statusQuo": [0, 0, 0], "draft": [1, 1, 1] } }""");
        var (code, _, error) = Cli("slurm", rounds, "--trials", "100000", "--shards", "2", "--out", F("r"), "--conditional");
        Assert.Equal(2, code);
        Assert.Contains("exactly one vote", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(F("r")));
    }

    [Theory]
    [InlineData("--shards", "0", "--shards must be between 1")]
    [InlineData("--shards", "50", "need at least 50 chunks")]
    [InlineData("--partition", "a b", "no spaces, quotes or shell characters")]
    [InlineData("--time", "1:00;rm", "no spaces, quotes or shell characters")]
    [InlineData("--out", "with space", "cannot take a path with spaces")]
    [InlineData("--trials", "1000000000001", "--trials must be between 1")]
    public void Bad_options_exit_2_and_write_nothing(string option, string value, string message)
    {
        string[] args = option switch
        {
            "--trials" => ["slurm", "--trials", value, "--shards", "2", "--out", F("job")],
            "--shards" => ["slurm", "--trials", "100000", "--shards", value, "--out", F("job")],
            "--out" => ["slurm", "--trials", "100000", "--shards", "2", "--out", F(value)],
            _ => ["slurm", "--trials", "100000", "--shards", "2", "--out", F("job"), option, value],
        };
        var (code, _, error) = Cli(args);
        Assert.Equal(2, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(F("job")));
        Assert.False(Directory.Exists(F("with space")));
    }

    [Fact]
    public void Sweep_parts_merge_into_the_one_machine_sweep_and_refuse_gaps_and_duplicates()
    {
        string scenario = Path.Combine(AppContext.BaseDirectory, "scenarios", "migration-mc.json");
        string[] sweep = ["sweep", scenario, "--vary", "tension=0:1:0.25", "--vary", "maxRounds=1,3", "--trials", "3000", "--seed", "11"];
        Assert.Equal(0, Cli([.. sweep, "--out", F("whole.csv")]).Code);
        for (int i = 1; i <= 3; i++)
        {
            var (code, output, _) = Cli([.. sweep, "--part", $"{i}/3", "--out", F($"part-{i}.csv")]);
            Assert.Equal(0, code);
            Assert.Contains($"part {i}/3:", output, StringComparison.Ordinal);
        }

        Assert.Equal(0, Cli("merge", F("part-3.csv"), F("part-1.csv"), F("part-2.csv"), "--points", "10", "--out", F("merged.csv")).Code);
        Assert.Equal(File.ReadAllText(F("whole.csv")), File.ReadAllText(F("merged.csv")));

        var missing = Cli("merge", F("part-1.csv"), F("part-2.csv"), "--points", "10", "--out", F("bad.csv"));
        Assert.Equal(2, missing.Code);
        Assert.Contains("design point(s) 3, 6, 9 missing", missing.Err, StringComparison.Ordinal);

        var twice = Cli("merge", F("part-1.csv"), F("part-2.csv"), F("part-3.csv"), F("whole.csv"), "--out", F("bad.csv"));
        Assert.Equal(2, twice.Code);
        Assert.Contains("is in both", twice.Err, StringComparison.Ordinal);

        var sameFile = Cli("merge", F("part-1.csv"), F("part-2.csv"), F("part-3.csv"), F("part-2.csv"), "--out", F("bad.csv"));
        Assert.Equal(2, sameFile.Code);
        Assert.Contains("part-2.csv is given twice", sameFile.Err, StringComparison.Ordinal);

        // Without --points, a missing last part is still noticed when it leaves a gap.
        var gap = Cli("merge", F("part-1.csv"), F("part-3.csv"), "--out", F("bad.csv"));
        Assert.Equal(2, gap.Code);
        Assert.Contains("design point(s) 2, 5, 8 missing", gap.Err, StringComparison.Ordinal);
        Assert.False(File.Exists(F("bad.csv")));
    }

    [Fact]
    public void Sweep_parts_run_with_and_without_conditional_are_not_merged()
    {
        string scenario = Path.Combine(AppContext.BaseDirectory, "scenarios", "counter-terrorism-pc.json");
        string[] sweep = ["sweep", scenario, "--vary", "tension=0.2,0.5,0.8", "--trials", "1000", "--seed", "2"];
        Assert.Equal(0, Cli([.. sweep, "--part", "1/2", "--conditional", "--out", F("with.csv")]).Code);
        Assert.Equal(0, Cli([.. sweep, "--part", "2/2", "--out", F("without.csv")]).Code);
        var mixed = Cli("merge", F("with.csv"), F("without.csv"), "--out", F("bad.csv"));
        Assert.Equal(2, mixed.Code);
        Assert.Contains("some parts were run with --conditional and some without", mixed.Err, StringComparison.Ordinal);
        Assert.False(File.Exists(F("bad.csv")));

        Assert.Equal(0, Cli([.. sweep, "--part", "2/2", "--conditional", "--out", F("with-2.csv")]).Code);
        Assert.Equal(0, Cli("merge", F("with.csv"), F("with-2.csv"), "--out", F("good.csv")).Code);
    }

    [Fact]
    public void Conditional_only_tasks_carry_their_flag_and_their_sweep_parts_merge_only_with_each_other()
    {
        Assert.Equal(0, Cli("slurm", "--trials", "100000", "--shards", "2", "--out", F("c"), "--conditional-only").Code);
        Assert.Contains("--conditional-only", File.ReadAllText(F("c/run.sbatch")), StringComparison.Ordinal);
        string scenario = Path.Combine(AppContext.BaseDirectory, "scenarios", "counter-terrorism-pc.json");
        var (code, _, error) = Cli("slurm", scenario, "--trials", "1000", "--shards", "2", "--out", F("s"), "--vary", "tension=0.2,0.8", "--conditional-only");
        Assert.True(code == 0, error);
        Assert.Contains("--conditional-only", File.ReadAllText(F("s/run.sbatch")), StringComparison.Ordinal);

        string[] sweep = ["sweep", scenario, "--vary", "tension=0.2,0.5,0.8", "--trials", "1000", "--seed", "2"];
        Assert.Equal(0, Cli([.. sweep, "--part", "1/2", "--conditional-only", "--out", F("only-1.csv")]).Code);
        Assert.Equal(0, Cli([.. sweep, "--part", "2/2", "--conditional-only", "--out", F("only-2.csv")]).Code);
        Assert.Equal(0, Cli([.. sweep, "--part", "2/2", "--conditional", "--out", F("beside-2.csv")]).Code);
        Assert.Equal(0, Cli("merge", F("only-1.csv"), F("only-2.csv"), "--out", F("good.csv")).Code);
        Assert.Equal(3, File.ReadAllLines(F("good.csv")).Count(l => l.Contains(",adopted_conditional,", StringComparison.Ordinal)));
        var mixed = Cli("merge", F("only-1.csv"), F("beside-2.csv"), "--out", F("bad.csv"));
        Assert.Equal(2, mixed.Code);
        Assert.False(File.Exists(F("bad.csv")));
    }

    [SkippableFact]
    public void Submit_without_slurm_says_so_and_keeps_the_scripts()
    {
        // Only meaningful where sbatch is absent; on a cluster the real test covers submission.
        Skip.If(SlurmCluster.HasSbatch(), "sbatch is installed here; SlurmClusterTests submit for real.");
        var (code, _, error) = Cli("slurm", "--trials", "100000", "--shards", "2", "--out", F("job"), "--submit");
        Assert.Equal(1, code);
        Assert.Contains("cannot run sbatch", error, StringComparison.Ordinal);
        Assert.True(File.Exists(F("job/run.sbatch")));
    }

    private static string Scenario_text_of_the_default()
    {
        using var stream = typeof(ConsensusSim.Model.Scenario).Assembly.GetManifestResourceStream("ConsensusSim.Scenarios.default.json")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
