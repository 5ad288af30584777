using ConsensusSim.Behaviour;
using ConsensusSim.Model;
using ConsensusSim.Serialization;
using ConsensusSim.Simulation;

namespace ConsensusSim.Tests;

/// <summary>The runner's workers: no barrier between chunks, yet tallies merge in chunk order, failures surface, and progress comes back on the caller's thread.</summary>
public class ChunkPipelineTests
{
    /// <summary>Joins until its call budget is spent, then throws: a custom behaviour with a bug.</summary>
    private sealed class FailingBehaviour(int calls) : ICustomBehaviour
    {
        private int _left = calls;

        public string Name => "fails";

        public StatePosition Decide(int state, int round, VoteVenue venue, ref TrialRandom random) =>
            Interlocked.Decrement(ref _left) >= 0 ? StatePosition.Joins : throw new InvalidOperationException("behaviour bug");
    }

    private static CompiledScenario Failing(int calls) => new ScenarioBuilder
    {
        Name = "failing",
        Behaviour = new BehaviourOptions { Model = BehaviourModel.Custom, Custom = new FailingBehaviour(calls) },
    }.Build().Compile();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void A_failure_on_a_worker_reaches_the_caller_as_it_was_thrown(int threads)
    {
        // 57 calls per trial: the bug strikes in the 40th chunk of 100 trials.
        var scenario = Failing(57 * 3_950);
        var ex = Assert.Throws<InvalidOperationException>(() =>
            MonteCarloRunner.Run(scenario, new SimulationOptions { Trials = 100_000, Seed = 1, ChunkSize = 100, MaxDegreeOfParallelism = threads }));
        Assert.Equal("behaviour bug", ex.Message);
    }

    [Fact]
    public void Progress_arrives_on_the_calling_thread_in_order_and_ends_at_the_total()
    {
        int caller = Environment.CurrentManagedThreadId;
        var reports = new List<(SimulationProgress Progress, int Thread)>();
        var result = MonteCarloRunner.Run(
            Scenario.Default.Compile(),
            new SimulationOptions { Trials = 300_000, Seed = 2, ChunkSize = 1000, MaxDegreeOfParallelism = 2 },
            new SynchronousProgress(p => reports.Add((p, Environment.CurrentManagedThreadId))));

        Assert.NotEmpty(reports);
        Assert.All(reports, r => Assert.Equal(caller, r.Thread));
        Assert.All(reports, r => Assert.Equal(300_000, r.Progress.TotalTrials));
        Assert.Equal(reports.Select(r => r.Progress.CompletedTrials).Order(), reports.Select(r => r.Progress.CompletedTrials));
        Assert.Equal(new SimulationProgress(300_000, 300_000, result.Adopted.Count), reports[^1].Progress);
    }

    [Theory]
    [InlineData(2, 1)]
    [InlineData(3, 7)]
    [InlineData(8, 1000)]
    public void More_workers_than_cores_and_any_chunk_size_merge_to_the_single_thread_result(int threads, int chunk)
    {
        var scenario = Scenario.Default.Compile();
        var one = MonteCarloRunner.Run(scenario, new SimulationOptions { Trials = 20_000, Seed = 5, ChunkSize = chunk, MaxDegreeOfParallelism = 1 });
        var many = MonteCarloRunner.Run(scenario, new SimulationOptions { Trials = 20_000, Seed = 5, ChunkSize = chunk, MaxDegreeOfParallelism = threads });
        Assert.Equal(ResultJson.Serialize(one), ResultJson.Serialize(many));
    }

    private sealed class SynchronousProgress(Action<SimulationProgress> report) : IProgress<SimulationProgress>
    {
        public void Report(SimulationProgress value) => report(value);
    }
}
