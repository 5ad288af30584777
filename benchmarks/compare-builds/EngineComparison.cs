using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using ConsensusSim.Model;
using ConsensusSim.Serialization;
using ConsensusSim.Simulation;

BenchmarkRunner.Run<EngineComparison>(args: args);

/// <summary>
/// The reference trial, the default scenario and a 10-round negotiation through the public runner on
/// one thread. It names no type that moved between releases, so the same file builds against an old
/// and a new library and the two can be run alternately.
/// </summary>
[MemoryDiagnoser]
public class EngineComparison
{
    private const int Trials = 400_000;
    private Func<long> _reference = null!, _default = null!, _negotiation = null!;

    [GlobalSetup]
    public void Setup()
    {
        var reference = Scenario.Default.ToBuilder();
        reference.StateOverrides.Clear();
        reference.Procedure = new ProcedureOptions { MaxRounds = 1 };
        reference.Chair = new ChairOptions { Strategy = ChairStrategy.Fixed, Step = 0.25 };
        _reference = Runner(reference.Build());
        _default = Runner(Scenario.Default);
        var negotiation = Scenario.Default.ToBuilder();
        negotiation.StateOverrides.Clear();
        negotiation.Procedure = new ProcedureOptions { MaxRounds = 10 };
        negotiation.Chair = new ChairOptions { Strategy = ChairStrategy.Compromise, Step = 0.25 };
        negotiation.Behaviour = new BehaviourOptions { Tension = 1.0, BlocCorrelation = 0.3 };
        _negotiation = Runner(negotiation.Build());
    }

    [Benchmark(OperationsPerInvoke = Trials)]
    public long ReferenceTrial() => _reference();

    [Benchmark(OperationsPerInvoke = Trials)]
    public long DefaultScenario() => _default();

    [Benchmark(OperationsPerInvoke = Trials)]
    public long Negotiation10Rounds() => _negotiation();

    private static Func<long> Runner(Scenario scenario)
    {
        var compiled = scenario.Compile();
        var options = new SimulationOptions { Trials = Trials, Seed = 1, MaxDegreeOfParallelism = 1 };
        return () => MonteCarloRunner.Run(compiled, options).Adopted.Count;
    }
}
