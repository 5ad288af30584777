using ConsensusSim.Cli;
using ConsensusSim.Model;
using ConsensusSim.Serialization;
using ConsensusSim.Simulation;
using ConsensusSim.Tests.Support;

namespace ConsensusSim.Tests.Cli;

public sealed class CliRunControlTests : CliHarness
{
    [Fact]
    public void Resume_from_a_checkpoint_file_is_bit_identical_to_an_uninterrupted_run()
    {
        // A partial checkpoint as an interrupted run leaves it.
        using var cancel = new CancellationTokenSource();
        var partial = MonteCarloRunner.Run(
            Scenario.Default.Compile(),
            new SimulationOptions { Trials = 40_000, Seed = 12, ChunkSize = 1000, CheckpointInterval = TimeSpan.Zero, Checkpoint = _ => cancel.Cancel() },
            null,
            cancel.Token);
        File.WriteAllText(F("checkpoint.json"), ResultJson.Serialize(partial));

        var resumed = Cli("run", "--trials", "40000", "--seed", "12", "--chunk-size", "1000", "--checkpoint", F("checkpoint.json"), "--resume", "--json", F("resumed.json"));
        Assert.Equal(0, resumed.Code);
        Assert.Contains("resuming from", resumed.Out, StringComparison.Ordinal);
        Assert.Equal(0, Cli("run", "--trials", "40000", "--seed", "12", "--chunk-size", "1000", "--json", F("straight.json")).Code);
        Assert.Equal(ResultFile("straight.json"), ResultFile("resumed.json"));
    }

    [Fact]
    public void A_corrupt_or_mismatched_checkpoint_is_refused_with_exit_2()
    {
        File.WriteAllText(F("corrupt.json"), "{ \"format\": 1, \"tallies\": {");
        var corrupt = Cli("run", "--trials", "1000", "--checkpoint", F("corrupt.json"), "--resume");
        Assert.Equal(2, corrupt.Code);
        Assert.Contains("cannot resume", corrupt.Err, StringComparison.Ordinal);

        Assert.Equal(0, Cli("run", "--trials", "3000", "--seed", "1", "--checkpoint", F("other.json")).Code);
        var mismatch = Cli("run", "--trials", "3000", "--seed", "2", "--checkpoint", F("other.json"), "--resume");
        Assert.Equal(2, mismatch.Code);
        Assert.Contains("seed is 1", mismatch.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Precision_stops_early_and_reports_it()
    {
        var (code, output, _) = Cli("run", "--trials", "5000000", "--precision", "0.003", "--json", F("precise.json"));
        Assert.Equal(0, code);
        var result = ResultJson.Deserialize(File.ReadAllText(F("precise.json")));
        Assert.True(result.Trials < 5_000_000);
        Assert.True((result.Adopted.Ci95Upper - result.Adopted.Ci95Lower) / 2 <= 0.003);
        Assert.Contains("P(adopted)", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Conditional_only_shards_merge_with_each_other_and_never_with_counting_ones()
    {
        Assert.Equal(0, Cli("run", "--trials", "20000", "--seed", "8", "--shard", "1/2", "--conditional-only", "--json", F("only-1.json")).Code);
        Assert.Equal(0, Cli("run", "--trials", "20000", "--seed", "8", "--shard", "2/2", "--conditional-only", "--json", F("only-2.json")).Code);
        Assert.Equal(0, Cli("run", "--trials", "20000", "--seed", "8", "--shard", "2/2", "--conditional", "--json", F("counted-2.json")).Code);

        var merge = Cli("merge", F("only-2.json"), F("only-1.json"), "--out", F("merged.json"));
        Assert.Equal(0, merge.Code);
        Assert.Contains("outcomes not counted (conditional-only)", merge.Out, StringComparison.Ordinal);
        Assert.Contains("P(adopted) by conditional Monte Carlo", merge.Out, StringComparison.Ordinal);
        Assert.Equal(0, Cli("run", "--trials", "20000", "--seed", "8", "--conditional-only", "--json", F("single.json")).Code);
        Assert.Equal(ResultFile("single.json"), ResultFile("merged.json"));

        var mixed = Cli("merge", F("only-1.json"), F("counted-2.json"), "--out", F("never.json"));
        Assert.Equal(2, mixed.Code);
        Assert.Contains("a conditional-only result cannot be merged with a counting one", mixed.Err, StringComparison.Ordinal);
        Assert.False(File.Exists(F("never.json")));
    }

    [Fact]
    public void Shards_run_from_the_command_line_merge_into_the_single_run()
    {
        for (int i = 1; i <= 3; i++)
        {
            Assert.Equal(0, Cli("run", "--trials", "30000", "--seed", "8", "--shard", $"{i}/3", "--json", F($"part-{i}.json")).Code);
        }

        var merge = Cli("merge", F("part-3.json"), F("part-1.json"), F("part-2.json"), "--out", F("merged.json"));
        Assert.Equal(0, merge.Code);
        Assert.Equal(0, Cli("run", "--trials", "30000", "--seed", "8", "--json", F("single.json")).Code);
        Assert.Equal(ResultFile("single.json"), ResultFile("merged.json"));

        var missing = Cli("merge", F("part-1.json"), F("part-3.json"), "--out", F("never.json"));
        Assert.Equal(2, missing.Code);
        Assert.Contains("shard 2/3 is missing", missing.Err, StringComparison.Ordinal);
        Assert.False(File.Exists(F("never.json")));

        Assert.Equal(0, Cli("run", "--trials", "30000", "--seed", "9", "--shard", "2/3", "--json", F("other-seed.json")).Code);
        var seed = Cli("merge", F("part-1.json"), F("other-seed.json"), F("part-3.json"), "--out", F("never.json"));
        Assert.Equal(2, seed.Code);
        Assert.Contains("seed 9", seed.Err, StringComparison.Ordinal);
        Assert.False(File.Exists(F("never.json")));
    }

    [Fact]
    public void Conditional_shards_merge_into_the_single_conditional_run()
    {
        for (int i = 1; i <= 2; i++)
        {
            Assert.Equal(0, Cli("run", "--trials", "20000", "--seed", "4", "--shard", $"{i}/2", "--conditional", "--json", F($"c-{i}.json")).Code);
        }

        var merge = Cli("merge", F("c-2.json"), F("c-1.json"), "--out", F("c-merged.json"));
        Assert.Equal(0, merge.Code);
        Assert.Contains("conditional Monte Carlo", merge.Out, StringComparison.Ordinal);
        Assert.Equal(0, Cli("run", "--trials", "20000", "--seed", "4", "--conditional", "--json", F("c-single.json")).Code);
        Assert.Equal(ResultFile("c-single.json"), ResultFile("c-merged.json"));
    }

    [Theory]
    [InlineData("--shard", "0/3")]
    [InlineData("--shard", "x")]
    [InlineData("--precision", "2")]
    [InlineData("--resume")]
    [InlineData("--chunk-size", "0")]
    public void Bad_run_control_options_exit_2(params string[] args)
    {
        Assert.Equal(2, Cli(["run", "--trials", "100", .. args]).Code);
    }

    [Trait("Category", "Integration")]
    [Fact]
    public async Task Ctrl_C_writes_the_partial_result_and_exits_130()
    {
        using var run = await RunningCli.StartAsync(["run", "--trials", "2000000000", "--chunk-size", "4096", "--json", F("partial.json")]);
        Assert.Equal(130, await run.SignalAndWaitAsync("INT"));
        Assert.Contains("interrupted", run.StandardError, StringComparison.Ordinal);
        string json = File.ReadAllText(F("partial.json"));
        Assert.Contains("\"complete\": false", json, StringComparison.Ordinal);
        var partial = ResultJson.Deserialize(json);
        Assert.False(partial.Provenance.IsComplete);
        Assert.Equal(0, partial.Trials % 4096);
    }
}
