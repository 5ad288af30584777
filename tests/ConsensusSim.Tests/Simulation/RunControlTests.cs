using ConsensusSim.Model;
using ConsensusSim.Serialization;
using ConsensusSim.Simulation;
using ConsensusSim.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ConsensusSim.Engine;

namespace ConsensusSim.Tests.Simulation;

/// <summary>Precision targets, checkpoints, resuming, cancellation and shards: all must reproduce the uninterrupted run bit for bit.</summary>
public class RunControlTests
{
    private static readonly CompiledScenario Compiled = Scenario.Default.Compile();

    private static SimulationResult Run(SimulationOptions options) => MonteCarloRunner.Run(Compiled, options);

    [Fact]
    public void A_precision_target_stops_at_the_same_chunk_boundary_whatever_the_threads()
    {
        var one = Run(new SimulationOptions { Trials = 2_000_000, Seed = 3, Precision = 0.004, ChunkSize = 1000, MaxDegreeOfParallelism = 1 });
        var two = Run(new SimulationOptions { Trials = 2_000_000, Seed = 3, Precision = 0.004, ChunkSize = 1000, MaxDegreeOfParallelism = 2 });
        Assert.Equal(ResultJson.Serialize(one), ResultJson.Serialize(two));
        Assert.True(one.Provenance.IsComplete);
        Assert.True(one.Trials < 2_000_000 && one.Trials % 1000 == 0, one.Trials.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(LongerSide(one.Adopted) <= 0.004);

        // One chunk fewer would not have been precise enough: it stopped at the first boundary that was.
        var shorter = Run(new SimulationOptions { Trials = one.Trials - 1000, Seed = 3, ChunkSize = 1000 });
        Assert.True(LongerSide(shorter.Adopted) > 0.004);
    }

    /// <summary>How far the farther end of the 95 % interval lies from the estimate.</summary>
    private static double LongerSide(OutcomeEstimate e) => Math.Max(e.Probability - e.Ci95Lower, e.Ci95Upper - e.Probability);

    [Fact]
    public void A_precision_target_bounds_each_side_of_a_lopsided_interval()
    {
        // Three trials all adopted: Wilson [0.44, 1] has a half-width of 0.28, but reaches 0.56 below the estimate, so a
        // target of 0.3 is not met there; the run goes on until neither side is longer than 0.3.
        var stopped = Run(new SimulationOptions { Trials = 1_000_000, Seed = 1, ChunkSize = 1, MaxDegreeOfParallelism = 1, Precision = 0.3 });
        Assert.True(stopped.Trials > 3, $"stopped after {stopped.Trials} trials");
        Assert.True(LongerSide(stopped.Adopted) <= 0.3);
        var oneFewer = Run(new SimulationOptions { Trials = stopped.Trials - 1, Seed = 1, ChunkSize = 1, MaxDegreeOfParallelism = 1 });
        Assert.True(LongerSide(oneFewer.Adopted) > 0.3);
    }

    /// <summary>The scenario of the default run, and one whose agenda setter gridlocks in three trials of four.</summary>
    private static CompiledScenario Named(string scenario) => scenario == "gridlock" ? Gridlocking : Compiled;

    private static readonly CompiledScenario Gridlocking = Scenarios.SometimesGridlocked().Compile();

    [Theory]
    [InlineData("default")]
    [InlineData("gridlock")]
    public void Resuming_from_any_checkpoint_gives_the_uninterrupted_result(string scenario)
    {
        var compiled = Named(scenario);
        var options = new SimulationOptions { Trials = 50_000, Seed = 9, ChunkSize = 1000, MaxDegreeOfParallelism = 2 };
        string uninterrupted = ResultJson.Serialize(MonteCarloRunner.Run(compiled, options));
        var checkpoints = new List<SimulationResult>();
        MonteCarloRunner.Run(compiled, new SimulationOptions { Trials = 50_000, Seed = 9, ChunkSize = 1000, MaxDegreeOfParallelism = 2, CheckpointInterval = TimeSpan.Zero, Checkpoint = checkpoints.Add });
        Assert.True(checkpoints.Count >= 3);
        foreach (var checkpoint in checkpoints)
        {
            Assert.False(checkpoint.Provenance.IsComplete);

            // Through the file format, as a real resume would.
            var saved = ResultJson.Deserialize(ResultJson.Serialize(checkpoint));
            var resumed = MonteCarloRunner.Run(compiled, new SimulationOptions { Trials = 50_000, Seed = 9, ChunkSize = 1000, MaxDegreeOfParallelism = 1, ResumeFrom = saved });
            Assert.Equal(uninterrupted, ResultJson.Serialize(resumed));
        }
    }

    [Fact]
    public void A_cancelled_run_returns_a_prefix_marked_incomplete_that_resumes_exactly()
    {
        using var cancel = new CancellationTokenSource();
        int calls = 0;
        var partial = MonteCarloRunner.Run(
            Compiled,
            new SimulationOptions { Trials = 60_000, Seed = 4, ChunkSize = 1000, CheckpointInterval = TimeSpan.Zero, Checkpoint = _ => { if (++calls == 2) { cancel.Cancel(); } } },
            null,
            cancel.Token);
        Assert.False(partial.Provenance.IsComplete);
        Assert.True(partial.Trials is > 0 and < 60_000);
        Assert.Equal(0, partial.Trials % 1000);
        string json = ResultJson.Serialize(partial);
        Assert.Contains("\"complete\": false", json, StringComparison.Ordinal);

        var resumed = Run(new SimulationOptions { Trials = 60_000, Seed = 4, ChunkSize = 1000, ResumeFrom = ResultJson.Deserialize(json) });
        Assert.Equal(ResultJson.Serialize(Run(new SimulationOptions { Trials = 60_000, Seed = 4, ChunkSize = 1000 })), ResultJson.Serialize(resumed));
    }

    [Fact]
    public void A_checkpoint_of_another_run_is_refused()
    {
        var checkpoints = new List<SimulationResult>();
        Run(new SimulationOptions { Trials = 20_000, Seed = 1, ChunkSize = 1000, CheckpointInterval = TimeSpan.Zero, Checkpoint = checkpoints.Add });
        var saved = checkpoints[0];
        var ex = Assert.Throws<ArgumentException>(() => Run(new SimulationOptions { Trials = 20_000, Seed = 2, ChunkSize = 1000, ResumeFrom = saved }));
        Assert.Contains("seed is 1", ex.Message, StringComparison.Ordinal);
        ex = Assert.Throws<ArgumentException>(() => Run(new SimulationOptions { Trials = 30_000, Seed = 1, ChunkSize = 1000, ResumeFrom = saved }));
        Assert.Contains("20000 trials", ex.Message, StringComparison.Ordinal);
        var other = Scenarios.FixedObjection(Scenarios.Uniform(57, 0.01)).Compile();
        ex = Assert.Throws<ArgumentException>(() => MonteCarloRunner.Run(other, new SimulationOptions { Trials = 20_000, Seed = 1, ChunkSize = 1000, ResumeFrom = saved }));
        Assert.Contains("another scenario", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_corrupt_result_file_is_refused_with_a_clear_message()
    {
        string json = ResultJson.Serialize(Run(new SimulationOptions { Trials = 5_000, Seed = 1 }));
        Assert.Throws<ResultFileException>(() => ResultJson.Deserialize(json[..(json.Length / 2)]));
        var edited = System.Text.Json.Nodes.JsonNode.Parse(json)!;
        edited["tallies"]!["trials"] = 4_999;
        var ex = Assert.Throws<ResultFileException>(() => ResultJson.Deserialize(edited.ToJsonString()));
        Assert.Contains("inconsistent", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ResultFileException>(() => ResultJson.Deserialize(json.Replace($"\"format\": {ResultJson.FormatVersion}", "\"format\": 99", StringComparison.Ordinal)));
    }

    [Property(MaxTest = 12)]
    public Property Merging_any_split_into_shards_equals_the_single_run(PositiveInt shardCount, PositiveInt seedValue, bool gridlock)
    {
        int n = 1 + (shardCount.Get % 7);
        ulong seed = (ulong)seedValue.Get;
        var compiled = Named(gridlock ? "gridlock" : "default");
        var whole = MonteCarloRunner.Run(compiled, new SimulationOptions { Trials = 23_000, Seed = seed, ChunkSize = 1000 });
        var shards = Enumerable.Range(1, n)
            .Select(i => MonteCarloRunner.Run(compiled, new SimulationOptions { Trials = 23_000, Seed = seed, ChunkSize = 1000, Shard = new ShardSpec(i, n) }))
            .Reverse()
            .ToList();
        var merged = SimulationResult.Merge(shards);
        return (ResultJson.Serialize(merged) == ResultJson.Serialize(whole)).Label($"{n} shards{(gridlock ? ", gridlock scenario" : string.Empty)}");
    }

    [Fact]
    public void Merge_names_every_problem()
    {
        SimulationResult Part(int i, int n, ulong seed = 5) => Run(new SimulationOptions { Trials = 8_000, Seed = seed, ChunkSize = 1000, Shard = new ShardSpec(i, n) });

        var missing = Assert.Throws<ResultMergeException>(() => SimulationResult.Merge([Part(1, 3), Part(3, 3)]));
        Assert.Contains("shard 2/3 is missing", missing.Problems);

        var duplicate = Assert.Throws<ResultMergeException>(() => SimulationResult.Merge([Part(1, 2), Part(1, 2), Part(2, 2)]));
        Assert.Contains("shard 1/2 is given 2 times", duplicate.Problems);

        var seed = Assert.Throws<ResultMergeException>(() => SimulationResult.Merge([Part(1, 2), Part(2, 2, seed: 6)]));
        Assert.Contains(seed.Problems, p => p.Contains("seed 6", StringComparison.Ordinal));

        var other = MonteCarloRunner.Run(Scenarios.FixedObjection(Scenarios.Uniform(57, 0.01)).Compile(), new SimulationOptions { Trials = 8_000, Seed = 5, ChunkSize = 1000, Shard = new ShardSpec(2, 2) });
        var scenario = Assert.Throws<ResultMergeException>(() => SimulationResult.Merge([Part(1, 2), other]));
        Assert.Contains(scenario.Problems, p => p.Contains("another scenario", StringComparison.Ordinal));

        var trials = Assert.Throws<ResultMergeException>(() => SimulationResult.Merge([Part(1, 2), Run(new SimulationOptions { Trials = 9_000, Seed = 5, ChunkSize = 1000, Shard = new ShardSpec(2, 2) })]));
        Assert.Contains(trials.Problems, p => p.Contains("plans 9000 trials", StringComparison.Ordinal));
    }

    [Fact]
    public void Shards_cover_the_chunks_exactly_once()
    {
        for (int n = 1; n <= 9; n++)
        {
            var ranges = Enumerable.Range(1, n).Select(i => new ShardSpec(i, n).ChunkRange(23)).ToList();
            Assert.Equal(0, ranges[0].First);
            Assert.Equal(23, ranges[^1].End);
            Assert.All(ranges.Zip(ranges.Skip(1)), pair => Assert.Equal(pair.First.End, pair.Second.First));
        }

        Assert.True(ShardSpec.TryParse("2/4", out var s) && s == new ShardSpec(2, 4));
        Assert.False(ShardSpec.TryParse("0/4", out _));
        Assert.False(ShardSpec.TryParse("5/4", out _));
        Assert.False(ShardSpec.TryParse("two", out _));
    }
}
