using ConsensusSim.Behaviour;
using ConsensusSim.Model;
using ConsensusSim.Serialization;
using ConsensusSim.Simulation;
using ConsensusSim.Engine;
using ConsensusSim.Numerics;

namespace ConsensusSim.Tests.Simulation;

/// <summary>The runner's threads: no barrier between chunks, the caller among them, yet tallies merge in chunk order, failures surface, and progress comes back on the caller's thread.</summary>
public class ChunkPipelineTests
{
    /// <summary>
    /// A custom behaviour with a bug that strikes on particular trials: it throws when its draw from the trial's
    /// stream falls below a tiny threshold, so the failing trial depends on the seed, not on thread timing.
    /// </summary>
    private sealed class FailingBehaviour(double rate) : ICustomBehaviour
    {
        public string Name => "fails";

        public StatePosition Decide(int state, int round, VoteVenue venue, ref TrialRandom random)
        {
            double u = random.NextDouble();
            return u >= rate ? StatePosition.Joins : throw new InvalidOperationException(FormattableString.Invariant($"behaviour bug at draw {u:R}"));
        }
    }

    // About one failing trial in 17,500 (57 draws per trial): seed 3 first fails after trial 2,000 (asserted below).
    private static readonly CompiledScenario Failing = new ScenarioBuilder
    {
        Name = "failing",
        Behaviour = new BehaviourOptions { Model = BehaviourModel.Custom, Custom = new FailingBehaviour(1e-6) },
    }.Build().Compile();

    private static SimulationResult RunFailing(int threads, long trials, double? precision = null) =>
        MonteCarloRunner.Run(Failing, new SimulationOptions { Trials = trials, Seed = 3, ChunkSize = 1000, MaxDegreeOfParallelism = threads, Precision = precision });

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void A_failing_chunk_throws_the_same_exception_whatever_the_threads(int threads)
    {
        var one = Assert.Throws<InvalidOperationException>(() => RunFailing(1, 400_000));
        var many = Assert.Throws<InvalidOperationException>(() => RunFailing(threads, 400_000));

        // The earliest failing trial's exception, as thrown (its stack still names the behaviour).
        Assert.Equal(one.Message, many.Message);
        Assert.Contains(nameof(FailingBehaviour), many.StackTrace, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void A_run_that_stops_before_the_failing_chunk_does_not_throw(int threads)
    {
        Assert.Null(Record.Exception(() => RunFailing(1, 2_000)));

        // Every trial adopts, so the interval's lower side is 1.96² ÷ (n + 1.96²): 0.0038 at 1,000 trials, 0.0019 at 2,000,
        // and a precision of 0.002 stops after 2,000 trials. Workers running ahead into the failing chunk must not turn a
        // run one thread completes into an exception.
        var stopped = RunFailing(threads, 400_000, precision: 0.002);
        Assert.Equal(2_000, stopped.Trials);
        Assert.True(stopped.Provenance.IsComplete);
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

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void The_calling_thread_runs_chunks_and_no_more_threads_than_asked_for_do(int threads)
    {
        int caller = Environment.CurrentManagedThreadId;
        var seen = new System.Collections.Concurrent.ConcurrentDictionary<int, int>();
        var scenario = new ScenarioBuilder
        {
            Name = "records threads",
            Behaviour = new BehaviourOptions { Model = BehaviourModel.Custom, Custom = new ThreadRecordingBehaviour(seen) },
        }.Build().Compile();

        // 200 chunks: the caller finds the chunk it must hand out next unfinished long before the end.
        var result = MonteCarloRunner.Run(scenario, new SimulationOptions { Trials = 20_000, Seed = 4, ChunkSize = 100, MaxDegreeOfParallelism = threads });

        Assert.Equal(20_000, result.Trials);
        Assert.Contains(caller, seen.Keys);
        Assert.InRange(seen.Count, 1, threads);
    }

    /// <summary>Joins every vote and notes which thread asked it.</summary>
    private sealed class ThreadRecordingBehaviour(System.Collections.Concurrent.ConcurrentDictionary<int, int> seen) : ICustomBehaviour
    {
        public string Name => "records threads";

        public StatePosition Decide(int state, int round, VoteVenue venue, ref TrialRandom random)
        {
            seen.TryAdd(Environment.CurrentManagedThreadId, 0);
            return StatePosition.Joins;
        }
    }

    private sealed class SynchronousProgress(Action<SimulationProgress> report) : IProgress<SimulationProgress>
    {
        public void Report(SimulationProgress value) => report(value);
    }
}
