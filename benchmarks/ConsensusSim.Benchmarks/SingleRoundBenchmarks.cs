using BenchmarkDotNet.Attributes;
using ConsensusSim.Model;
using ConsensusSim.Simulation;

namespace ConsensusSim.Benchmarks;

/// <summary>
/// The reference trial of the performance goals: 57 States, three dimensions, the stance model with
/// noise shared inside the blocs, fixed ideal points, consensus. Each invocation runs one chunk of
/// trials, so per-trial cost is the mean divided by <see cref="TrialsPerInvocation"/>.
/// </summary>
[MemoryDiagnoser]
public class SingleRoundBenchmarks
{
    public const int TrialsPerInvocation = 10_000;

    private TrialKernel _stance = null!;
    private TrialKernel _fixedObjection = null!;
    private TrialAccumulator _accumulator = null!;

    [GlobalSetup]
    public void Setup()
    {
        var reference = Scenario.Default.ToBuilder();
        reference.StateOverrides.Clear();
        var compiled = reference.Build().Compile();
        _stance = new TrialKernel(compiled);
        _accumulator = new TrialAccumulator(compiled.StateCount, compiled.Scenario.Procedure.MaxRounds);

        var fixedObjection = reference;
        fixedObjection.Behaviour = new BehaviourOptions { Model = BehaviourModel.FixedObjection };
        fixedObjection.Defaults = new StateProfile { ObjectionProbability = 0.01 };
        _fixedObjection = new TrialKernel(fixedObjection.Build().Compile());
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = TrialsPerInvocation)]
    public void StanceTrial() => _stance.RunChunk(1, 0, TrialsPerInvocation, _accumulator);

    [Benchmark(OperationsPerInvoke = TrialsPerInvocation)]
    public void FixedObjectionTrial() => _fixedObjection.RunChunk(1, 0, TrialsPerInvocation, _accumulator);

    /// <summary>The floor: only drawing a trial's random numbers (stream set-up plus 57 normals and 6 bloc shocks).</summary>
    [Benchmark(OperationsPerInvoke = TrialsPerInvocation)]
    public double RandomNumbersOnly()
    {
        double sink = 0;
        for (long t = 0; t < TrialsPerInvocation; t++)
        {
            var random = TrialRandom.ForTrial(1, t);
            for (int i = 0; i < 63; i++)
            {
                sink += random.NextNormal();
            }
        }

        return sink;
    }
}
