using BenchmarkDotNet.Attributes;
using ConsensusSim.Model;
using ConsensusSim.Simulation;
using ConsensusSim.Engine;
using ConsensusSim.Numerics;
using ConsensusSim.Serialization;

namespace ConsensusSim.Benchmarks;

/// <summary>
/// Trials whose parameters are drawn per trial: one Beta draw by MathNet's general inverse CDF against the
/// library's tabulated-and-polished <see cref="BetaQuantile"/>, and the default scenario's whole trial
/// (Russia's linkage ~ Beta(4, 4)), which is what the README's first command runs, and the same trial with an uncertain
/// status quo, which recomputes every State's gains and thresholds in every trial.
/// </summary>
[MemoryDiagnoser]
public class ParameterBenchmarks
{
    public const int Draws = 1_000;
    public const int Trials = 2_000;

    private readonly BetaQuantile _quantile = new(4, 4);
    private TrialKernel _default = null!;
    private TrialKernel _uncertainStatusQuo = null!;
    private TrialAccumulator _accumulator = null!;

    [GlobalSetup]
    public void Setup()
    {
        var compiled = Scenario.Default.Compile();
        _default = new TrialKernel(compiled);
        var uncertain = Scenario.Default.ToBuilder();
        var p = uncertain.Proposal;
        uncertain.Proposal = new Proposal { Title = p.Title, Topic = p.Topic, Body = p.Body, Kind = p.Kind, StatusQuo = [Parameter.Uniform(0.1, 0.3), 0.1, 0.1], Draft = p.Draft };
        _uncertainStatusQuo = new TrialKernel(uncertain.Build().Compile());
        _accumulator = new TrialAccumulator(compiled.StateCount, compiled.MaxRounds);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Draws)]
    public double BetaDrawMathNetInverseCdf()
    {
        double sum = 0;
        for (int i = 0; i < Draws; i++)
        {
            sum += MathNet.Numerics.Distributions.Beta.InvCDF(4, 4, (i + 0.5) / Draws);
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Draws)]
    public double BetaDrawLibraryQuantile()
    {
        double sum = 0;
        for (int i = 0; i < Draws; i++)
        {
            sum += _quantile.At((i + 0.5) / Draws);
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Trials)]
    public void DefaultScenarioTrial() => _default.RunChunk(1, 0, Trials, _accumulator);

    /// <summary>The default scenario's trial with the status quo's first coordinate uniform on [0.1, 0.3].</summary>
    [Benchmark(OperationsPerInvoke = Trials)]
    public void DefaultScenarioTrialUncertainStatusQuo() => _uncertainStatusQuo.RunChunk(1, 0, Trials, _accumulator);
}
