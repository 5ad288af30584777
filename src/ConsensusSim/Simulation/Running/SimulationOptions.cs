using ConsensusSim.Model;

namespace ConsensusSim.Simulation;

/// <summary>How to run a compiled scenario. Unset values fall back to the scenario's own settings.</summary>
/// <remarks><threadsafety>Immutable once constructed.</threadsafety></remarks>
public sealed class SimulationOptions
{
    /// <summary>The default number of trials per chunk, the unit of work handed to a thread.</summary>
    public const int DefaultChunkSize = 8192;

    /// <summary>The most trials one run may have: a trial's noise stream is addressed by its index, which the streams' layout keeps below 2⁴⁴.</summary>
    public const long MaxTrials = ScenarioLimits.MaxTrials;

    /// <summary>Number of trials, 1 to <see cref="MaxTrials"/>; <see langword="null"/> uses the scenario's.</summary>
    public long? Trials { get; init; }

    /// <summary>The run seed; <see langword="null"/> uses the scenario's.</summary>
    public ulong? Seed { get; init; }

    /// <summary>
    /// The most threads one run may use. Results do not depend on the thread count, so more threads than cores only
    /// cost memory and start-up; 1,024 is above the hardware threads of the largest single machines (two 192-core
    /// sockets with SMT make 768), and that many threads cost about 25 MB and a quarter of a second, where 100,000
    /// took 900 MB and 20 seconds, and 2³¹ − 1 overflowed.
    /// </summary>
    public const int MaxThreads = 1024;

    /// <summary>Threads to use, 1 to <see cref="MaxThreads"/>; <see langword="null"/> uses every core (at most <see cref="MaxThreads"/>). Results do not depend on it.</summary>
    public int? MaxDegreeOfParallelism { get; init; }

    /// <summary>Trials per chunk. Results do not depend on it, except where it sets the stopping points of <see cref="Precision"/>. Default <see cref="DefaultChunkSize"/>.</summary>
    public int ChunkSize { get; init; } = DefaultChunkSize;

    /// <summary>
    /// Stop at the first chunk boundary where the 95 % interval of P(adopted) is at most this wide on
    /// each side: neither end farther from the estimate than this (the Wilson interval is not centred on it). Chunks are
    /// checked in order, so the same seed stops at the same trial.
    /// </summary>
    public double? Precision { get; init; }

    /// <summary>
    /// Also estimate P(adopted) by conditional Monte Carlo: each trial adds the probability that its vote adopts given
    /// the blocs' shared shocks — exact, because the States' own noise is independent given them — instead of only
    /// whether it did. The estimate (<see cref="SimulationResult.ConditionalAdopted"/>) has the same mean (up to the
    /// generator's tails: its normals stop at ±5.77, a difference below 10⁻⁷) and a smaller variance, at the price of a
    /// normal probability per State and trial. <see cref="Precision"/> still stops on the counted estimate. Needs a
    /// procedure with one vote at a meeting, the stance behaviour or independent objections with shared noise, and a
    /// consensus rule (consensus, minus one or minus two); other scenarios are refused.
    /// </summary>
    public bool ConditionalMonteCarlo { get; init; }

    /// <summary>
    /// Estimate P(adopted) by conditional Monte Carlo alone (implies <see cref="ConditionalMonteCarlo"/>, and applies where
    /// it does): a trial draws only what P(adopted | the blocs' shocks) depends on — its random parameters and one
    /// standard normal per bloc with shared noise, in that order, from the trial's stream (seed, trial) — and takes no
    /// vote, so it costs about what a counted trial costs; it adds the mean of P(adopted | η) and P(adopted | −η) for its
    /// shocks η, which is P(adopted) in expectation and, adoption growing with every shock, varies less than either (22×
    /// less than counting on the reference trial, 11.5× on the default scenario). The result holds the trial count and
    /// <see cref="SimulationResult.ConditionalAdopted"/>; the counted outcomes are not estimated
    /// (<see cref="SimulationResult.OutcomesCounted"/> is false, every counted estimate has 0 trials and NaN probability,
    /// and the per-State and per-round statistics are empty). Its conditional estimate is not that of a run with
    /// <see cref="ConditionalMonteCarlo"/>: the shocks are drawn differently, so the two agree within their errors, not in
    /// their bits. <see cref="Precision"/> stops on the conditional estimate's 95 % half-width. Cannot be combined with
    /// <see cref="RareEvent"/>; a result of such a run merges only with results of such runs.
    /// </summary>
    public bool ConditionalOnly { get; init; }

    /// <summary>
    /// Also estimate the probability of this outcome by importance sampling, for probabilities far too small to count
    /// (10⁻⁶ and below): each trial also draws one vote under a changed measure — the blocs' shocks shifted, each State's
    /// objection tilted toward or away from objecting — and adds the indicator of the outcome times the exact likelihood
    /// ratio, so the estimate (<see cref="SimulationResult.RareEvent"/>) is exact in expectation. The change of measure
    /// is tuned before the run by the cross-entropy method, in a pilot of a few thousand votes per level drawn from
    /// streams of its own, so the same seed gives the same bits for any threads, chunks and shards. The ordinary
    /// estimates are those of the same run without it; <see cref="Precision"/> still stops on them. Needs one vote at a
    /// meeting with the same thresholds in every trial (a Fixed Chair, one proposal, no parameter drawn per trial), the
    /// stance behaviour or independent objections, and a rule decided by who objects; other scenarios are refused
    /// (<see cref="MonteCarloRunner.SupportsRareEvent"/> tells beforehand). <see langword="null"/> (the default) for none.
    /// </summary>
    public RareOutcome? RareEvent { get; init; }

    /// <summary>Run only this shard of the chunks; merge the shards' results with <see cref="SimulationResult.Merge"/>.</summary>
    public ShardSpec? Shard { get; init; }

    /// <summary>Continue a run from an incomplete result (a checkpoint) of the same scenario, seed, trials, chunk size and shard.</summary>
    public SimulationResult? ResumeFrom { get; init; }

    /// <summary>Receives the result so far, on the calling thread, at most every <see cref="CheckpointInterval"/> — write it somewhere durable.</summary>
    public Action<SimulationResult>? Checkpoint { get; init; }

    /// <summary>
    /// How often <see cref="Checkpoint"/> is called, at the first chunk boundary after the interval; not negative.
    /// Default 5 seconds. <see cref="TimeSpan.Zero"/> calls it after every chunk: what a checkpoint costs is the
    /// callback's, so the library sets no lower bound (the command line, which writes each one to disk, does).
    /// </summary>
    public TimeSpan CheckpointInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Checks the values set here, as <see cref="MonteCarloRunner.Run"/> does before a trial runs, without a scenario:
    /// how a caller refuses bad options before it reads any input. Unset trials and threads are not checked here; the
    /// run checks the scenario's and the machine's, and whether the shard holds trials of the run.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// A value is out of range; <see cref="ArgumentException.ParamName"/> names the option, e.g. <c>options.Trials</c>.
    /// </exception>
    /// <exception cref="ArgumentException">
    /// The shard is <c>default(ShardSpec)</c> (<c>options.Shard</c>), or a precision target is combined with a shard
    /// (<c>options.Precision</c>).
    /// </exception>
    public void Validate() => RunOptionChecks.Check(this, Trials, MaxDegreeOfParallelism);
}
