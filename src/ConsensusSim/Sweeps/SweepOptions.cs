using ConsensusSim.Simulation;

namespace ConsensusSim.Sweeps;

/// <summary>How a sweep runs: the same trials and seed at every design point, threads, a part of the design, and where finished points are kept.</summary>
public sealed class SweepOptions
{
    /// <summary>Trials per design point; <see langword="null"/> uses each point's scenario's own count.</summary>
    public long? Trials { get; init; }

    /// <summary>
    /// The seed of every design point; <see langword="null"/> uses each point's scenario's own seed. One seed for
    /// every point (common random numbers) makes curves over the design smooth.
    /// </summary>
    public ulong? Seed { get; init; }

    /// <summary>
    /// Threads, at most <see cref="SimulationOptions.MaxThreads"/>; <see langword="null"/> uses every core. Points run
    /// side by side, and a design with fewer points than threads shares the rest among each point's chunks.
    /// The rows do not depend on it.
    /// </summary>
    public int? MaxDegreeOfParallelism { get; init; }

    /// <summary>Trials per chunk within a point (<see cref="SimulationOptions.ChunkSize"/>); the rows do not depend on it.</summary>
    public int ChunkSize { get; init; } = SimulationOptions.DefaultChunkSize;

    /// <summary>Also estimate P(adopted) at every point by conditional Monte Carlo (<see cref="SimulationOptions.ConditionalMonteCarlo"/>).</summary>
    public bool ConditionalMonteCarlo { get; init; }

    /// <summary>
    /// Estimate P(adopted) at every point by conditional Monte Carlo alone (<see cref="SimulationOptions.ConditionalOnly"/>):
    /// each point's result then counts no outcome, and only its conditional estimate is one.
    /// </summary>
    public bool ConditionalOnly { get; init; }

    /// <summary>
    /// Run only part I of N of the design points: points I, I + N, I + 2N, … (1-based), so slow and fast regions of the
    /// design are shared out evenly over a cluster's tasks; <see langword="null"/> runs them all. Rows keep their index in
    /// the whole design.
    /// </summary>
    public ShardSpec? Part { get; init; }

    /// <summary>
    /// A folder that keeps each finished point's result, as <c>point-N.json</c> (N the 1-based point number) in the
    /// result format of <see cref="Serialization.ResultJson"/>, written atomically as the point finishes. A sweep run again
    /// with the same folder (after an interruption, or as a requeued cluster task) reads the points found there instead of
    /// running them again, and its rows are the same bit for bit. <see langword="null"/> keeps nothing.
    /// </summary>
    public string? CheckpointDirectory { get; init; }

    /// <summary>
    /// Checks these options against a design, as
    /// <see cref="SweepRunner.Run(Serialization.ScenarioTemplate, SweepDesign, SweepOptions?, IProgress{SweepProgress}?, CancellationToken)"/>
    /// does before any point runs: how a caller refuses bad options before it reads a scenario or writes anything.
    /// </summary>
    /// <param name="design">The design the options would run.</param>
    /// <exception cref="ArgumentNullException"><paramref name="design"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">
    /// Trials, threads or chunk size are out of range; <see cref="ArgumentException.ParamName"/> names the option, e.g.
    /// <c>options.Trials</c>.
    /// </exception>
    /// <exception cref="ArgumentException">
    /// The part is <c>default(ShardSpec)</c> or has no points (<c>options.Part</c>); the checkpoint folder is empty; or a
    /// seed or trial count is set for every point while the design varies <c>simulation.seed</c> or
    /// <c>simulation.trials</c> (<c>options.Seed</c>, <c>options.Trials</c>), which would replace the values it gives each
    /// point.
    /// </exception>
    public void Validate(SweepDesign design)
    {
        ArgumentNullException.ThrowIfNull(design);
        _ = SweepSchedule.For(design, this);
    }
}
