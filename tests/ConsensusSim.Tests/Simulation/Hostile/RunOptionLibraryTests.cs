using ConsensusSim.Serialization;
using ConsensusSim.Simulation;
using ConsensusSim.Engine;
using ConsensusSim.Tests.Support;

namespace ConsensusSim.Tests.Simulation.Hostile;

/// <summary>
/// <see cref="SimulationOptions"/> the runner cannot honour: refused with <see cref="ArgumentOutOfRangeException"/> naming
/// the option, before a thread is started; the limits themselves run and give the one-thread result.
/// </summary>
public sealed class RunOptionLibraryTests
{
    private static readonly CompiledScenario Compiled = Scenarios.FixedObjection([0.1, 0.2]).Compile();

    private static ArgumentOutOfRangeException Refused(SimulationOptions options)
    {
        // Many one-trial chunks: without the limit, every thread asked for would be started.
        var task = Task.Run(() => Record.Exception(() => MonteCarloRunner.Run(Compiled, options)));
        Assert.True(task.Wait(TimeSpan.FromSeconds(30)), "the run did not return within 30 s");
        return Assert.IsType<ArgumentOutOfRangeException>(task.Result);
    }

    [Theory]
    [InlineData(SimulationOptions.MaxThreads + 1)]
    [InlineData(100_000)]
    [InlineData(int.MaxValue)]
    public void More_threads_than_the_limit_are_refused_naming_the_option(int threads)
    {
        var ex = Refused(new SimulationOptions { Trials = 200_000, ChunkSize = 1, MaxDegreeOfParallelism = threads });
        Assert.Equal("options.MaxDegreeOfParallelism", ex.ParamName);
        Assert.Equal(threads, ex.ActualValue);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    public void Fewer_than_one_thread_is_refused_naming_the_option(int threads)
    {
        Assert.Equal("options.MaxDegreeOfParallelism", Refused(new SimulationOptions { Trials = 1000, MaxDegreeOfParallelism = threads }).ParamName);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(-0.5)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void A_precision_target_outside_0_to_1_is_refused_naming_the_option(double precision)
    {
        Assert.Equal("options.Precision", Refused(new SimulationOptions { Trials = 1000, Precision = precision }).ParamName);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(99)]
    [InlineData(-1)]
    public void An_undefined_rare_outcome_is_refused_naming_the_option(int outcome)
    {
        var ex = Refused(new SimulationOptions { Trials = 1000, RareEvent = (RareOutcome)outcome });
        Assert.Equal("options.RareEvent", ex.ParamName);
        Assert.Contains("Adopted, Deadlocked or null", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_largest_thread_count_gives_the_one_thread_result()
    {
        var one = MonteCarloRunner.Run(Compiled, new SimulationOptions { Trials = 20_000, Seed = 8, ChunkSize = 10, MaxDegreeOfParallelism = 1 });
        var many = MonteCarloRunner.Run(Compiled, new SimulationOptions { Trials = 20_000, Seed = 8, ChunkSize = 10, MaxDegreeOfParallelism = SimulationOptions.MaxThreads });
        Assert.Equal(ResultJson.Serialize(one), ResultJson.Serialize(many));
    }

    [Fact]
    public void A_checkpoint_interval_of_zero_checkpoints_after_every_chunk()
    {
        // The library leaves the cost of a checkpoint to its callback; only the command line, which writes each to disk, bounds it.
        var seen = new List<long>();
        var result = MonteCarloRunner.Run(Compiled, new SimulationOptions { Trials = 5000, ChunkSize = 1000, MaxDegreeOfParallelism = 1, CheckpointInterval = TimeSpan.Zero, Checkpoint = r => seen.Add(r.Trials) });
        Assert.Equal([1000L, 2000, 3000, 4000], seen);
        Assert.Equal(5000, result.Trials);
    }
}
