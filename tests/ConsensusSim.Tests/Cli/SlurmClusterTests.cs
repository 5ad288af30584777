using ConsensusSim.Tests.Support;

namespace ConsensusSim.Tests.Cli;

/// <summary>
/// On a real Slurm scheduler: an array of shards plus its dependent merge job gives the one-machine
/// result bit for bit, also when a task is killed and requeued mid-run; a sweep's parts join into the
/// one-machine CSV. Skipped, with the reason, where no cluster answers.
/// </summary>
[Trait("Category", "Integration")]
[Collection(nameof(SlurmClusterTests))]
public class SlurmClusterTests : CliHarness
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(8);

    [SkippableFact]
    public void Four_shards_on_slurm_merge_into_the_single_machine_result()
    {
        SlurmCluster.Require();
        var (code, output, error) = Cli("slurm", "--trials", "400000", "--shards", "4", "--out", F("job"), "--submit");
        Assert.True(code == 0, error);
        Assert.Contains("submitted array job", output, StringComparison.Ordinal);

        var (array, merge) = SlurmCluster.Jobs(F("job"));
        Assert.Equal(0, Cli("run", "--trials", "400000", "--json", F("single.json")).Code);
        SlurmCluster.WaitForJobs(Patience, array, merge);

        Assert.True(File.Exists(F("job/result.json")), "merge job wrote nothing: " + Logs());
        Assert.Equal(ResultFile("single.json"), ResultFile("job/result.json"));
    }

    [SkippableFact]
    public void A_killed_and_requeued_task_resumes_from_its_checkpoint_and_the_merge_is_still_identical()
    {
        SlurmCluster.Require();
        const string Trials = "4000000";
        var (code, _, error) = Cli("slurm", "--trials", Trials, "--shards", "4", "--out", F("job"), "--checkpoint-every", "1", "--submit");
        Assert.True(code == 0, error);
        var (array, merge) = SlurmCluster.Jobs(F("job"));

        // Kill task 0 once it has saved a checkpoint, as a node failure would, and let Slurm requeue it.
        string checkpoint = F("job/checkpoints/shard-1.json");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!File.Exists(checkpoint) && clock.Elapsed < Patience)
        {
            Thread.Sleep(200);
        }

        Assert.True(File.Exists(checkpoint), "task 0 never wrote a checkpoint: " + Logs());
        var requeue = SlurmCluster.Command("scontrol", "requeue", $"{array}_0");
        Assert.True(requeue.Code == 0, requeue.Output);

        // Slurm holds a requeued job back for a while (BeginTime); a real cluster would wait, the test need not.
        Thread.Sleep(1000);
        SlurmCluster.Command("scontrol", "update", $"JobId={array}_0", "StartTime=now");

        Assert.Equal(0, Cli("run", "--trials", Trials, "--json", F("single.json")).Code);
        SlurmCluster.WaitForJobs(Patience, array, merge);

        string log = File.ReadAllText(F("job/logs/task-0.log"));
        Assert.Contains("restart 1", log, StringComparison.Ordinal);
        Assert.Matches(@"resuming from .*shard-1\.json: [1-9][0-9,]* trials done", log);
        Assert.True(File.Exists(F("job/result.json")), "merge job wrote nothing: " + Logs());
        Assert.Equal(ResultFile("single.json"), ResultFile("job/result.json"));
    }

    [SkippableFact]
    public void A_sweep_on_slurm_joins_into_the_single_machine_csv()
    {
        SlurmCluster.Require();
        string scenario = Path.Combine(AppContext.BaseDirectory, "scenarios", "migration-mc.json");
        var (code, _, error) = Cli("slurm", scenario, "--trials", "5000", "--seed", "3", "--shards", "3", "--out", F("job"), "--vary", "tension=0:1:0.25", "--submit");
        Assert.True(code == 0, error);
        var (array, merge) = SlurmCluster.Jobs(F("job"));
        Assert.Equal(0, Cli("sweep", scenario, "--vary", "tension=0:1:0.25", "--trials", "5000", "--seed", "3", "--out", F("single.csv")).Code);
        SlurmCluster.WaitForJobs(Patience, array, merge);

        Assert.True(File.Exists(F("job/results.csv")), "merge job wrote nothing: " + Logs());
        Assert.Equal(File.ReadAllText(F("single.csv")), File.ReadAllText(F("job/results.csv")));
    }

    private string Logs() =>
        Directory.Exists(F("job/logs"))
            ? string.Join("\n", Directory.GetFiles(F("job/logs")).Order(StringComparer.Ordinal).Select(f => $"--- {Path.GetFileName(f)}\n{File.ReadAllText(f)}"))
            : "(no logs)";
}
