using BenchmarkDotNet.Attributes;
using ConsensusSim.Model;
using ConsensusSim.Simulation;
using ConsensusSim.Engine;

namespace ConsensusSim.Benchmarks;

/// <summary>Cost per State as the body grows from 57 to 4,096 synthetic States (single round).</summary>
[MemoryDiagnoser]
[Config(typeof(ComparedRowsConfig))]
public class ScalingBenchmarks
{
    private TrialKernel _kernel = null!;
    private TrialAccumulator _accumulator = null!;

    [Params(57, 256, 1024, 4096)]
    public int States { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var compiled = SyntheticScenarios.Synthetic(States);
        _kernel = new TrialKernel(compiled);
        _accumulator = new TrialAccumulator(States, 1);
    }

    /// <summary>1,000 trials; divide the mean by 1,000 × States for the cost per State.</summary>
    [Benchmark(OperationsPerInvoke = 1000)]
    public void Trial() => _kernel.RunChunk(1, 0, 1000, _accumulator);
}

/// <summary>Multi-round negotiation: the Compromise Chair revises after objections, up to the round limit.</summary>
[MemoryDiagnoser]
public class NegotiationBenchmarks
{
    private TrialKernel _kernel = null!;
    private TrialAccumulator _accumulator = null!;

    [Params(1, 5, 10)]
    public int Rounds { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var builder = SyntheticScenarios.Reference().Scenario.ToBuilder();
        builder.StateOverrides.Clear();
        builder.Procedure = new ProcedureOptions { MaxRounds = Rounds };
        builder.Chair = new ChairOptions { Strategy = ChairStrategy.Compromise, Step = 0.25 };

        // High tension makes several rounds the rule, so the round limit is exercised.
        builder.Behaviour = new BehaviourOptions { Tension = 1.0, BlocCorrelation = 0.3 };
        var compiled = builder.Build().Compile();
        _kernel = new TrialKernel(compiled);
        _accumulator = new TrialAccumulator(compiled.StateCount, Rounds);
    }

    [Benchmark(OperationsPerInvoke = 10_000)]
    public void Trial() => _kernel.RunChunk(1, 0, 10_000, _accumulator);
}

/// <summary>The whole runner on one and two threads: the speed-up of parallel chunks.</summary>
[Config(typeof(ComparedRowsConfig))]
public class ThreadingBenchmarks
{
    private CompiledScenario _compiled = null!;

    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup() => _compiled = SyntheticScenarios.Reference();

    /// <summary>Two million reference trials (245 chunks), as a large run would have them.</summary>
    [Benchmark(OperationsPerInvoke = 2_000_000)]
    public long Run() => MonteCarloRunner.Run(_compiled, new SimulationOptions { Trials = 2_000_000, Seed = 1, MaxDegreeOfParallelism = Threads }).Adopted.Count;
}
