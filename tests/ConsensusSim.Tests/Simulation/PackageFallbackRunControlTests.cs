using ConsensusSim.Engine;
using ConsensusSim.Serialization;
using ConsensusSim.Simulation;
using ConsensusSim.Tests.Support;

namespace ConsensusSim.Tests.Simulation;

/// <summary>A run with a package fallback and retaliation, split into shards or interrupted and resumed, gives the uninterrupted run's result bit for bit.</summary>
public class PackageFallbackRunControlTests
{
    private static readonly CompiledScenario Compiled = CascadeScenarios.Builder(0.5, 0.3, 0.6, noiseC: 0.05).Build().Compile();

    private static SimulationOptions Options(int threads = 2, ShardSpec? shard = null, SimulationResult? resume = null, Action<SimulationResult>? checkpoint = null) => new()
    {
        Trials = 23_000,
        Seed = 31,
        ChunkSize = 1000,
        MaxDegreeOfParallelism = threads,
        Shard = shard,
        ResumeFrom = resume,
        Checkpoint = checkpoint,
        CheckpointInterval = TimeSpan.Zero,
    };

    [Fact]
    public void Shards_of_a_fallback_run_merge_into_the_whole_run()
    {
        string whole = ResultJson.Serialize(MonteCarloRunner.Run(Compiled, Options()));
        foreach (int n in new[] { 2, 3, 7 })
        {
            var shards = Enumerable.Range(1, n)
                .Select(i => ResultJson.Deserialize(ResultJson.Serialize(MonteCarloRunner.Run(Compiled, Options(shard: new ShardSpec(i, n))))))
                .Reverse()
                .ToList();
            Assert.All(shards, s => Assert.NotNull(s.PackageFallback));
            Assert.Equal(whole, ResultJson.Serialize(SimulationResult.Merge(shards)));
        }
    }

    [Fact]
    public void Resuming_a_fallback_run_from_any_checkpoint_gives_the_uninterrupted_result()
    {
        string uninterrupted = ResultJson.Serialize(MonteCarloRunner.Run(Compiled, Options(threads: 1)));
        var checkpoints = new List<SimulationResult>();
        MonteCarloRunner.Run(Compiled, Options(checkpoint: checkpoints.Add));
        Assert.True(checkpoints.Count >= 3);
        foreach (var checkpoint in checkpoints)
        {
            var saved = ResultJson.Deserialize(ResultJson.Serialize(checkpoint));
            Assert.NotNull(saved.PackageFallback);
            Assert.Equal(uninterrupted, ResultJson.Serialize(MonteCarloRunner.Run(Compiled, Options(resume: saved))));
        }
    }
}
