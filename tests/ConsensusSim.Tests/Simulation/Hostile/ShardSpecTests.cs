using ConsensusSim.Model;
using ConsensusSim.Simulation;
using ConsensusSim.Engine;
using ConsensusSim.Tests.Support;

namespace ConsensusSim.Tests.Simulation.Hostile;

/// <summary>Shards that cannot be: refused when made, or when run, never run as zero trials, forever or past an array.</summary>
public sealed class ShardSpecTests : CliHarness
{
    private static readonly CompiledScenario Compiled = Scenarios.FixedObjection([0.1, 0.2]).Compile();

    /// <summary>Runs on another thread so that a run that never returns fails the test instead of hanging it.</summary>
    private static T Within30Seconds<T>(Func<T> run)
    {
        var task = Task.Run(run);
        Assert.True(task.Wait(TimeSpan.FromSeconds(30)), "the call did not return within 30 s");
        return task.Result;
    }

    [Theory]
    [InlineData(-1, 2, "index")]
    [InlineData(0, 2, "index")]
    [InlineData(3, 2, "index")]
    [InlineData(1, 0, "count")]
    [InlineData(1, -4, "count")]
    public void A_shard_outside_1_to_n_is_refused_when_made_naming_the_parameter(int index, int count, string parameter)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new ShardSpec(index, count));
        Assert.Equal(parameter, ex.ParamName);
    }

    [Fact]
    public void The_default_shard_is_refused_by_the_runner_instead_of_running_forever()
    {
        var ex = Within30Seconds(() => Record.Exception(() => MonteCarloRunner.Run(Compiled, new SimulationOptions { Trials = 1000, Shard = default(ShardSpec) })));
        var argument = Assert.IsType<ArgumentException>(ex);
        Assert.Equal("options.Shard", argument.ParamName);
        Assert.Contains("default", argument.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => default(ShardSpec).ChunkRange(10));
    }

    [Fact]
    public void A_shard_that_would_hold_no_trials_is_refused_by_the_runner()
    {
        // 1,000 trials in chunks of 8,192 are one chunk: shard 2 of 2 and shard 3 of 1,000 hold nothing.
        foreach (var shard in new[] { new ShardSpec(2, 2), new ShardSpec(3, 1000) })
        {
            var ex = Within30Seconds(() => Record.Exception(() => MonteCarloRunner.Run(Compiled, new SimulationOptions { Trials = 1000, Shard = shard })));
            var argument = Assert.IsType<ArgumentException>(ex);
            Assert.Equal("options.Shard", argument.ParamName);
            Assert.Contains("no trials", argument.Message, StringComparison.Ordinal);
        }

        // Every shard of a split into as many shards as chunks holds one chunk.
        Assert.Equal(1000, MonteCarloRunner.Run(Compiled, new SimulationOptions { Trials = 3000, ChunkSize = 1000, Shard = new ShardSpec(3, 3) }).Trials);
    }

    [Fact]
    public void A_chunk_count_below_1_is_refused()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new ShardSpec(1, 2).ChunkRange(0));
        Assert.Equal("chunks", ex.ParamName);
    }

    [Fact]
    public void Chunk_ranges_are_exact_where_floating_point_would_round_across_a_boundary()
    {
        // ⌊249,998 · 999,999,999,999 / 1,000,003⌋ = 249,997,250,007; in doubles the quotient rounds up to …008.
        var shard = new ShardSpec(249_999, 1_000_003);
        Assert.Equal((249_997_250_007L, 249_998_250_004L), shard.ChunkRange(999_999_999_999));
        Assert.Equal(shard.ChunkRange(999_999_999_999).First, new ShardSpec(249_998, 1_000_003).ChunkRange(999_999_999_999).End);
    }

    [Fact]
    public void Run_with_a_shard_beyond_the_chunks_exits_2_naming_the_option_and_writes_nothing()
    {
        var (code, output, error) = Cli("run", "--trials", "1000", "--shard", "3/1000", "--json", F("part.json"));
        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Contains("--shard 3/1000", error, StringComparison.Ordinal);
        Assert.Contains("1 chunk", error, StringComparison.Ordinal);
        Assert.DoesNotContain("NaN", output + error, StringComparison.Ordinal);
        Assert.False(File.Exists(F("part.json")));
    }

    [Fact]
    public void Sweep_with_a_part_beyond_the_design_points_exits_2_naming_the_option_and_writes_nothing()
    {
        // Three design points: part 4 of 5 would hold none and write a CSV of headers only.
        File.WriteAllText(F("scenario.json"), """{ "name": "x", "states": ["AUT","BEL"], "proposal": { "title": "t", "statusQuo": [0,0,0], "draft": [1,1,1] }, "behaviour": { "model": "fixed-objection" }, "defaults": { "objectionProbability": 0.1 } }""");
        var (code, _, error) = Cli("sweep", F("scenario.json"), "--vary", "tension=0:1:0.5", "--trials", "100", "--part", "4/5", "--out", F("part.csv"));
        Assert.Equal(2, code);
        Assert.Contains("--part 4/5", error, StringComparison.Ordinal);
        Assert.Contains("the design has 3 points", error, StringComparison.Ordinal);
        Assert.False(File.Exists(F("part.csv")));
        Assert.False(File.Exists(F("part.csv.partial")));
    }
}
