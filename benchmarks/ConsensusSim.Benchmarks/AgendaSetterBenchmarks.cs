using BenchmarkDotNet.Attributes;
using ConsensusSim.Engine;
using ConsensusSim.Model;
using ConsensusSim.Simulation;

namespace ConsensusSim.Benchmarks;

/// <summary>
/// The agenda-setting Chair choosing from the whole win-set, in a trial of the 57 States: with ideal points drawn
/// uniformly per trial (the Chair solves per trial) and with fixed ideal points (it proposes once per run), each beside
/// the same scenario with a Fixed Chair, which draws the same numbers. Per-trial cost = mean ÷ <see cref="Trials"/>.
/// </summary>
/// <remarks>Goals: at most 1 µs per random-ideal trial in 2 and 3 dimensions; fixed ideals within 1.2× of the Fixed Chair.</remarks>
[MemoryDiagnoser, MinColumn, MedianColumn]
public class AgendaSetterBenchmarks
{
    public const int Trials = 2_000;

    private TrialKernel _randomSetter = null!;
    private TrialKernel _randomFixed = null!;
    private TrialKernel _staticSetter = null!;
    private TrialKernel _staticFixed = null!;
    private TrialAccumulator _accumulator = null!;

    [Params(2, 3)]
    public int Dimensions { get; set; }

    [Params(LossFunction.Linear, LossFunction.Quadratic)]
    public LossFunction Loss { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _randomSetter = new TrialKernel(Build(ChairStrategy.AgendaSetter, randomIdeals: true, Dimensions, Loss));
        _randomFixed = new TrialKernel(Build(ChairStrategy.Fixed, randomIdeals: true, Dimensions, Loss));
        _staticSetter = new TrialKernel(Build(ChairStrategy.AgendaSetter, randomIdeals: false, Dimensions, Loss));
        var fixedChair = Build(ChairStrategy.Fixed, randomIdeals: false, Dimensions, Loss);
        _staticFixed = new TrialKernel(fixedChair);
        _accumulator = new TrialAccumulator(fixedChair.StateCount, 1);
    }

    /// <summary>Random ideal points, Fixed Chair: what drawing them and voting costs.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Trials)]
    public void RandomIdealsFixedChair() => _randomFixed.RunChunk(1, 0, Trials, _accumulator);

    /// <summary>Random ideal points, agenda-setter: the whole win-set solved per trial.</summary>
    [Benchmark(OperationsPerInvoke = Trials)]
    public void RandomIdealsAgendaSetter() => _randomSetter.RunChunk(1, 0, Trials, _accumulator);

    /// <summary>Fixed ideal points, Fixed Chair.</summary>
    [Benchmark(OperationsPerInvoke = Trials)]
    public void FixedIdealsFixedChair() => _staticFixed.RunChunk(1, 0, Trials, _accumulator);

    /// <summary>Fixed ideal points, agenda-setter: the proposal made once, then only votes.</summary>
    [Benchmark(OperationsPerInvoke = Trials)]
    public void FixedIdealsAgendaSetter() => _staticSetter.RunChunk(1, 0, Trials, _accumulator);

    /// <summary>
    /// The 57 States in <see cref="Dimensions"/> dimensions with equal saliences, noise 0.05 shared in the six blocs at
    /// ρ = 0.3, blocking cost 0.02, status quo 0.3 on every dimension, Switzerland chairing; ideal points uniform on
    /// [0, 1] per trial, or fixed at one such draw.
    /// </summary>
    internal static CompiledScenario Build(ChairStrategy chair, bool randomIdeals, int dimensions, LossFunction loss)
    {
        int d = dimensions;
        double[] q = [.. Enumerable.Repeat(0.3, d)];
        var b = new ScenarioBuilder
        {
            Name = "agenda setter benchmark",
            Dimensions = [.. Enumerable.Range(0, d).Select(k => $"dimension {k}")],
            Behaviour = new BehaviourOptions { Loss = loss, BlocCorrelation = 0.3 },
            Defaults = new StateProfile
            {
                IdealPoint = [.. Enumerable.Repeat(Parameter.Uniform(0, 1), d)],
                Salience = [.. Enumerable.Repeat(1.0 / d, d)],
                BlockingCost = 0.02,
                Noise = 0.05,
                Linkage = 0,
            },
            Chair = new ChairOptions { Strategy = chair, State = "CHE" },
            Proposal = new Proposal { StatusQuo = [.. q], Draft = [.. Enumerable.Repeat(0.6, d)] },
            Procedure = new ProcedureOptions { MaxRounds = 1 },
        };
        if (!randomIdeals)
        {
            var rng = new Random(57);
            foreach (string code in b.Build().States)
            {
                b.StateOverrides.Add(new ProfileOverride(code, new StateProfile { IdealPoint = [.. Enumerable.Range(0, d).Select(_ => (Parameter)rng.NextDouble())] }));
            }
        }

        return b.Build().Compile();
    }
}
