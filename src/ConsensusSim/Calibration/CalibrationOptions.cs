namespace ConsensusSim.Calibration;

/// <summary>How a calibration runs: overrides of the spec's trials and seed, and threads.</summary>
/// <remarks><threadsafety>Immutable once constructed.</threadsafety></remarks>
public sealed class CalibrationOptions
{
    /// <summary>Trials per cell and evaluation; <see langword="null"/> uses the spec's.</summary>
    public long? Trials { get; init; }

    /// <summary>The seed of every simulation; <see langword="null"/> uses the spec's.</summary>
    public ulong? Seed { get; init; }

    /// <summary>Threads, 1 to <see cref="Simulation.SimulationOptions.MaxThreads"/>; <see langword="null"/> uses every core. Results do not depend on it.</summary>
    public int? MaxDegreeOfParallelism { get; init; }
}
