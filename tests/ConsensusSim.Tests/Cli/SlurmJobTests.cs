using ConsensusSim.Tests.Support;
using ConsensusSim.Cli;
using ConsensusSim.Model;
using ConsensusSim.Serialization;

namespace ConsensusSim.Tests.Cli;

/// <summary>
/// A Slurm job is made from plain options and inputs read in a step of their own: given both in memory, it checks
/// them and writes its scripts without reading a file.
/// </summary>
public sealed class SlurmJobTests : CliHarness
{
    private SlurmOptions Options => new() { Dir = F("job"), Command = "/opt/consensussim", Shards = 4, Trials = 40_000, Seed = 7, ChunkSize = 1000, Cpus = 2 };

    [Fact]
    public void A_job_from_options_and_inputs_in_memory_writes_the_shard_scripts()
    {
        var job = new SlurmJob(Options, new SlurmInputs(Scenario.Default, "{}", null));
        var scripts = new SlurmScripts(job);

        string run = scripts.Shards();
        Assert.Contains("#SBATCH --array=0-3", run, StringComparison.Ordinal);
        Assert.Contains("#SBATCH --cpus-per-task=2", run, StringComparison.Ordinal);
        Assert.Contains("--trials 40000 --seed 7 --chunk-size 1000", run, StringComparison.Ordinal);
        Assert.Contains($"consensussim merge --list {ShellWords.Quote(job.ListFile)} --out {ShellWords.Quote(Path.Combine(F("job"), "result.json"))}", scripts.Merge(), StringComparison.Ordinal);
        Assert.Equal(4, scripts.Parts().Count());
        Assert.False(Directory.Exists(F("job")));
    }

    [Fact]
    public void The_scenario_s_trials_and_seed_fill_in_what_the_options_leave_out()
    {
        var job = new SlurmJob(Options with { Trials = null, Seed = null }, new SlurmInputs(Scenario.Default, "{}", null));
        Assert.Equal(Scenario.Default.Trials, job.Trials);
        Assert.Equal(Scenario.Default.Seed, job.Seed);
    }

    [Theory]
    [InlineData(0, 40_000, "--shards must be between 1 and 100,000; got 0.")]
    [InlineData(4, 0, "--trials must be between 1 and 1,000,000,000,000; got 0.")]
    [InlineData(50, 40_000, "40,000 trials make 40 chunks of 1,000; 50 shards need at least 50 chunks")]
    public void Options_that_do_not_fit_the_inputs_are_refused_when_the_job_is_made(int shards, long trials, string message)
    {
        var ex = Assert.Throws<UserInputException>(() => new SlurmJob(Options with { Shards = shards, Trials = trials }, new SlurmInputs(Scenario.Default, "{}", null)));
        Assert.StartsWith(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_that_need_no_input_are_refused_before_any_file_is_read()
    {
        // The scenario file does not exist: the thread count is refused first, under the option slurm gives it.
        var ex = Assert.Throws<UserInputException>(() => SlurmJob.Prepare(Options with { ScenarioPath = F("missing.json"), Cpus = 0 }));
        Assert.Equal("--cpus-per-task must be between 1 and 1,024; got 0.", ex.Message);
        Assert.Contains("no such scenario file", Assert.Throws<UserInputException>(() => SlurmJob.Prepare(Options with { ScenarioPath = F("missing.json") })).Message, StringComparison.Ordinal);
    }
}
