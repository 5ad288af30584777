namespace ConsensusSim.Simulation;

/// <summary>How to run a compiled scenario. Unset values fall back to the scenario's own settings.</summary>
/// <remarks><threadsafety>Immutable once constructed.</threadsafety></remarks>
public sealed class SimulationOptions
{
    /// <summary>The default number of trials per chunk, the unit of work handed to a thread.</summary>
    public const int DefaultChunkSize = 8192;

    /// <summary>Number of trials; <see langword="null"/> uses the scenario's.</summary>
    public long? Trials { get; init; }

    /// <summary>The run seed; <see langword="null"/> uses the scenario's.</summary>
    public ulong? Seed { get; init; }

    /// <summary>Threads to use; <see langword="null"/> uses every core. Results do not depend on it.</summary>
    public int? MaxDegreeOfParallelism { get; init; }

    /// <summary>Trials per chunk. Results do not depend on it. Default <see cref="DefaultChunkSize"/>.</summary>
    public int ChunkSize { get; init; } = DefaultChunkSize;
}
