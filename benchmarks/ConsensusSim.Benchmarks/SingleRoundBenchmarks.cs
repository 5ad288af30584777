using BenchmarkDotNet.Attributes;
using ConsensusSim.Model;
using ConsensusSim.Simulation;
using ConsensusSim.Engine;
using ConsensusSim.Numerics;
using ConsensusSim.Serialization;

namespace ConsensusSim.Benchmarks;

/// <summary>
/// The reference trial, single round, against the floor (only drawing its random numbers) and a
/// naive object-per-State implementation, in the same run. Per-trial cost = mean ÷ <see cref="Trials"/>.
/// </summary>
[MemoryDiagnoser, MinColumn, MedianColumn]
public class SingleRoundBenchmarks
{
    public const int Trials = 10_000;

    private TrialKernel _stance = null!;
    private TrialKernel _stanceConditional = null!;
    private TrialKernel _stanceConditionalGeneral = null!;
    private TrialKernel _stanceConditionalExact = null!;
    private TrialKernel _defaultConditionalGeneral = null!;
    private TrialKernel _default = null!;
    private TrialKernel _defaultConditional = null!;
    private TrialKernel _stanceConditionalOnly = null!;
    private TrialKernel _defaultConditionalOnly = null!;
    private TrialKernel _stanceConditionalOnlyOneByOne = null!;
    private TrialKernel _defaultConditionalOnlyOneByOne = null!;
    private TrialKernel _fixedObjection = null!;
    private TrialKernel _fixedObjectionSharedNoise = null!;
    private TrialAccumulator _accumulator = null!;
    private NaiveReference _naive = null!;
    private readonly float[] _noise = new float[64];
    private readonly float[] _nextNoise = new float[64];
    private long _freshTrial;
    private TrialKernel _stanceShifted = null!;
    private byte[] _shift = null!;

    [GlobalSetup]
    public void Setup()
    {
        var reference = SyntheticScenarios.Reference();
        _stance = new TrialKernel(reference);
        _stanceConditional = new TrialKernel(reference, conditional: true);
        _stanceConditionalGeneral = new TrialKernel(reference, new KernelSwitches { FuseSingleVote = false, TabulatedNormalCdf = false }, conditional: true);
        _defaultConditionalGeneral = new TrialKernel(Scenario.Default.Compile(), new KernelSwitches { FuseSingleVote = false, TabulatedNormalCdf = false }, conditional: true);
        _stanceConditionalExact = new TrialKernel(reference, new KernelSwitches { TabulatedNormalCdf = false }, conditional: true);
        _default = new TrialKernel(Scenario.Default.Compile());
        _defaultConditional = new TrialKernel(Scenario.Default.Compile(), conditional: true);
        _stanceConditionalOnly = new TrialKernel(KernelPlan.For(reference, conditionalOnly: true));
        _defaultConditionalOnly = new TrialKernel(KernelPlan.For(Scenario.Default.Compile(), conditionalOnly: true));
        var oneByOne = new KernelSwitches { TablesAcrossTrials = false };
        _stanceConditionalOnlyOneByOne = new TrialKernel(KernelPlan.For(reference, oneByOne, conditionalOnly: true));
        _defaultConditionalOnlyOneByOne = new TrialKernel(KernelPlan.For(Scenario.Default.Compile(), oneByOne, conditionalOnly: true));
        _accumulator = new TrialAccumulator(reference.StateCount, 1);

        // The same kernel with its arrays 512 bytes further on, an offset at which the vote's arrays met the noise ring's in
        // their low 12 bits before the vote-only loop kept them in one block (58-62 ns instead of 52-54 in a probe).
        _shift = new byte[512 - 24];
        _stanceShifted = new TrialKernel(reference);
        _naive = new NaiveReference(reference);

        // The default scenario's quantile table is built on its first trial: outside the measurement.
        _default.RunChunk(1, 0, 2, _accumulator);
        _defaultConditional.RunChunk(1, 0, 2, _accumulator);
        _defaultConditionalGeneral.RunChunk(1, 0, 2, _accumulator);
        _defaultConditionalOnly.RunChunk(1, 0, 2, _accumulator);
        _defaultConditionalOnlyOneByOne.RunChunk(1, 0, 2, _accumulator);

        // The variance reductions that turn these times into precision per second: (Var_count / Var_cmc) × (t_count / t_cmc).
        foreach (var (name, scenario) in new[] { ("reference", reference), ("default", Scenario.Default.Compile()) })
        {
            var c = MonteCarloRunner.Run(scenario, new SimulationOptions { Trials = 400_000, Seed = 1, ConditionalMonteCarlo = true, MaxDegreeOfParallelism = 1 }).ConditionalAdopted!;
            Console.WriteLine($"// {name}: P(adopted) by conditional Monte Carlo {c}");
            var only = MonteCarloRunner.Run(scenario, new SimulationOptions { Trials = 400_000, Seed = 1, ConditionalOnly = true, MaxDegreeOfParallelism = 1 }).ConditionalAdopted!;
            Console.WriteLine($"// {name}: P(adopted) by conditional-only trials {only}");
        }

        _fixedObjection = new TrialKernel(SyntheticScenarios.FixedObjection());
        _fixedObjectionSharedNoise = new TrialKernel(SyntheticScenarios.FixedObjection(blocCorrelation: 0.3));
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Trials)]
    public void StanceTrial() => _stance.RunChunk(1, 0, Trials, _accumulator);

    /// <summary>The reference trial's kernel built after 512 bytes of other data: the same time as <see cref="StanceTrial"/> when its speed does not depend on where its arrays lie.</summary>
    [Benchmark(OperationsPerInvoke = Trials)]
    public void StanceTrialShiftedArrays()
    {
        GC.KeepAlive(_shift);
        _stanceShifted.RunChunk(1, 0, Trials, _accumulator);
    }

    /// <summary>
    /// The reference trial on fresh trials in every invocation, as a run takes them. <see cref="StanceTrial"/> repeats the
    /// same trials, whose branches the processor's predictor may partly learn; the difference is what that learning is worth.
    /// </summary>
    [Benchmark(OperationsPerInvoke = Trials)]
    public void StanceTrialFreshTrials()
    {
        _stance.RunChunk(1, _freshTrial, Trials, _accumulator);
        _freshTrial += Trials;
    }

    /// <summary>The reference trial also adding its conditional probability of adoption (one Φ per State): what conditional Monte Carlo costs.</summary>
    [Benchmark(OperationsPerInvoke = Trials)]
    public void StanceTrialConditional() => _stanceConditional.RunChunk(1, 0, Trials, _accumulator);

    /// <summary>The conditional trial as it ran before issue 20: the general path and the exact Φ.</summary>
    [Benchmark(OperationsPerInvoke = Trials)]
    public void StanceTrialConditionalGeneralExact() => _stanceConditionalGeneral.RunChunk(1, 0, Trials, _accumulator);

    /// <summary>The conditional trial with the exact Φ instead of the tabulated one.</summary>
    [Benchmark(OperationsPerInvoke = Trials)]
    public void StanceTrialConditionalExactPhi() => _stanceConditionalExact.RunChunk(1, 0, Trials, _accumulator);

    /// <summary>
    /// The reference trial as a conditional-only trial: its six blocs' shocks and P(adopted | them) from per-bloc tables,
    /// no own noise and no vote. Precision per second against counting = variance reduction × (StanceTrial ÷ this).
    /// </summary>
    [Benchmark(OperationsPerInvoke = Trials)]
    public void StanceTrialConditionalOnly() => _stanceConditionalOnly.RunChunk(1, 0, Trials, _accumulator);

    /// <summary>The same, each trial's tables looked up before the next trial draws, as before they were looked up four trials at a time.</summary>
    [Benchmark(OperationsPerInvoke = Trials)]
    public void StanceTrialConditionalOnlyOneByOne() => _stanceConditionalOnlyOneByOne.RunChunk(1, 0, Trials, _accumulator);

    /// <summary>The default scenario (one Beta-distributed linkage drawn per trial), counting.</summary>
    [Benchmark(OperationsPerInvoke = Trials)]
    public void DefaultTrial() => _default.RunChunk(1, 0, Trials, _accumulator);

    /// <summary>The default scenario with its conditional probability of adoption.</summary>
    [Benchmark(OperationsPerInvoke = Trials)]
    public void DefaultTrialConditional() => _defaultConditional.RunChunk(1, 0, Trials, _accumulator);

    /// <summary>The default scenario as a conditional-only trial: its Beta linkage, Russia's factor, and the other States from tables.</summary>
    [Benchmark(OperationsPerInvoke = Trials)]
    public void DefaultTrialConditionalOnly() => _defaultConditionalOnly.RunChunk(1, 0, Trials, _accumulator);

    /// <summary>The same, one trial at a time (tables and Russia's factor before the next trial draws).</summary>
    [Benchmark(OperationsPerInvoke = Trials)]
    public void DefaultTrialConditionalOnlyOneByOne() => _defaultConditionalOnlyOneByOne.RunChunk(1, 0, Trials, _accumulator);

    /// <summary>The default scenario's conditional trial as it ran before issue 20: the general path and the exact Φ.</summary>
    [Benchmark(OperationsPerInvoke = Trials)]
    public void DefaultTrialConditionalGeneralExact() => _defaultConditionalGeneral.RunChunk(1, 0, Trials, _accumulator);

    /// <summary>The baseline model with independent objections (no shared noise): one uniform per State.</summary>
    [Benchmark(OperationsPerInvoke = Trials)]
    public void FixedObjectionTrial() => _fixedObjection.RunChunk(1, 0, Trials, _accumulator);

    /// <summary>The same with noise shared in blocs (ρ = 0.3): a State objects when its latent normal falls below Φ⁻¹(p), the reference trial's vote.</summary>
    [Benchmark(OperationsPerInvoke = Trials)]
    public void FixedObjectionSharedNoiseTrial() => _fixedObjectionSharedNoise.RunChunk(1, 0, Trials, _accumulator);

    /// <summary>
    /// The floor: only the trial's random numbers, exactly as the reference trial draws them — two blocks of 32
    /// normals (57 States and 6 bloc shocks, one spare) from the trial's (seed, trial) address, two trials per call.
    /// </summary>
    [Benchmark(OperationsPerInvoke = Trials)]
    public float RandomNumbersOnly()
    {
        var noise = _noise.AsSpan();
        var next = _nextNoise.AsSpan();
        for (long t = 0; t < Trials; t += 2)
        {
            NormalBlock.FillPair(1, t, noise, t + 1, next);
        }

        return noise[62] + next[62];
    }

    /// <summary>The same numbers drawn one trial per call: what the pairing saves.</summary>
    [Benchmark(OperationsPerInvoke = Trials)]
    public float RandomNumbersOneTrialPerCall()
    {
        var noise = _noise.AsSpan();
        for (long t = 0; t < Trials; t++)
        {
            NormalBlock.Fill(1, t, noise);
        }

        return noise[62];
    }

    /// <summary>The previous floor, for comparison: a scalar stream per trial and 63 ziggurat normals.</summary>
    [Benchmark(OperationsPerInvoke = Trials)]
    public double RandomNumbersScalarZiggurat()
    {
        double sink = 0;
        for (long t = 0; t < Trials; t++)
        {
            var random = TrialRandom.ForTrial(1, t);
            for (int i = 0; i < 63; i++)
            {
                sink += random.NextNormal();
            }
        }

        return sink;
    }

    /// <summary>What a straightforward implementation does: an object per State, LINQ, System.Random-style draws.</summary>
    [Benchmark(OperationsPerInvoke = Trials)]
    public int NaiveObjectPerState() => _naive.Run(Trials);
}
