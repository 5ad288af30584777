using BenchmarkDotNet.Attributes;
using ConsensusSim.Engine;
using ConsensusSim.Model;
using ConsensusSim.Numerics;
using ConsensusSim.Serialization;
using ConsensusSim.Simulation;

namespace ConsensusSim.Benchmarks;

/// <summary>
/// The classes of scenario issue 20's first two goals compare, side by side in one run, per trial: the reference trial
/// (baseline), the default scenario (Russia's linkage ~ Beta(4, 4), drawn per trial), the same with that linkage fixed
/// at its mean ½, the default with an uncertain status quo (every State's gains recomputed per trial), and the
/// fixed-objection model (57 independent objections, p = 0.01). Goals: default ≤ 1.5× and fixed objection ≤ 1× the
/// reference trial.
/// </summary>
/// <remarks>
/// Run: <c>dotnet run -c Release --project benchmarks/ConsensusSim.Benchmarks -- --filter '*RandomParameterBenchmarks*'</c>.
/// </remarks>
[MemoryDiagnoser, MinColumn, MedianColumn]
public class RandomParameterBenchmarks
{
    public const int Trials = 10_000;

    private TrialKernel _reference = null!;
    private TrialKernel _default = null!;
    private TrialKernel _defaultAtMean = null!;
    private TrialKernel _defaultGeneral = null!;
    private TrialKernel _uncertainStatusQuo = null!;
    private TrialKernel _fixedObjection = null!;
    private TrialAccumulator _accumulator = null!;
    private readonly ParameterSampler _beta = ParameterSampler.For(Parameter.Beta(4, 4));
    private readonly Parameter _exactBeta = Parameter.Beta(4, 4);

    [GlobalSetup]
    public void Setup()
    {
        var reference = SyntheticScenarios.Reference();
        _reference = new TrialKernel(reference);
        _default = new TrialKernel(Scenario.Default.Compile());
        _defaultGeneral = new TrialKernel(Scenario.Default.Compile(), new KernelSwitches { FuseSingleVote = false });

        var atMean = Scenario.Default.ToBuilder();
        int russia = Enumerable.Range(0, atMean.StateOverrides.Count).Single(i => atMean.StateOverrides[i].Target == "RUS");
        atMean.StateOverrides[russia] = new ProfileOverride("RUS", new StateProfile { Linkage = 0.5, BlockingCost = 0.04 });
        _defaultAtMean = new TrialKernel(atMean.Build().Compile());

        var uncertain = Scenario.Default.ToBuilder();
        var p = uncertain.Proposal;
        uncertain.Proposal = new Proposal { Title = p.Title, Topic = p.Topic, Body = p.Body, Kind = p.Kind, StatusQuo = [Parameter.Uniform(0.1, 0.3), 0.1, 0.1], Draft = p.Draft };
        _uncertainStatusQuo = new TrialKernel(uncertain.Build().Compile());

        _fixedObjection = new TrialKernel(SyntheticScenarios.FixedObjection());
        _accumulator = new TrialAccumulator(reference.StateCount, 1);

        // Tables are built on a kernel's first trial's plan access; build them here, outside the measurement.
        _default.RunChunk(1, 0, 2, _accumulator);
        _defaultGeneral.RunChunk(1, 0, 2, _accumulator);
        _uncertainStatusQuo.RunChunk(1, 0, 2, _accumulator);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Trials)]
    public void ReferenceTrial() => _reference.RunChunk(1, 0, Trials, _accumulator);

    [Benchmark(OperationsPerInvoke = Trials)]
    public void DefaultScenario() => _default.RunChunk(1, 0, Trials, _accumulator);

    /// <summary>Breakdown: the default scenario on the general path, outside the fused loop.</summary>
    [Benchmark(OperationsPerInvoke = Trials)]
    public void DefaultScenarioGeneralPath() => _defaultGeneral.RunChunk(1, 0, Trials, _accumulator);

    [Benchmark(OperationsPerInvoke = Trials)]
    public void DefaultAtMean() => _defaultAtMean.RunChunk(1, 0, Trials, _accumulator);

    [Benchmark(OperationsPerInvoke = Trials)]
    public void DefaultUncertainStatusQuo() => _uncertainStatusQuo.RunChunk(1, 0, Trials, _accumulator);

    [Benchmark(OperationsPerInvoke = Trials)]
    public void FixedObjection() => _fixedObjection.RunChunk(1, 0, Trials, _accumulator);

    /// <summary>Breakdown: only opening each trial's scalar stream, which a trial that draws parameters pays first.</summary>
    [Benchmark(OperationsPerInvoke = Trials)]
    public ulong StreamOnly()
    {
        ulong sink = 0;
        for (long t = 0; t < Trials; t++)
        {
            sink += TrialRandom.ForTrial(1, t).NextUInt64();
        }

        return sink;
    }

    /// <summary>Breakdown: opening the stream and one tabulated Beta(4, 4) draw.</summary>
    [Benchmark(OperationsPerInvoke = Trials)]
    public double StreamAndTabulatedBeta()
    {
        double sink = 0;
        for (long t = 0; t < Trials; t++)
        {
            var random = TrialRandom.ForTrial(1, t);
            sink += _beta.Draw(ref random);
        }

        return sink;
    }

    /// <summary>Breakdown: opening the stream and one exact Beta(4, 4) draw (the old per-trial cost).</summary>
    [Benchmark(OperationsPerInvoke = Trials)]
    public double StreamAndExactBeta()
    {
        double sink = 0;
        for (long t = 0; t < Trials; t++)
        {
            var random = TrialRandom.ForTrial(1, t);
            sink += _exactBeta.Quantile(random.NextDouble());
        }

        return sink;
    }
}
