using System.Reflection;

namespace ConsensusSim.Simulation;

/// <summary>What produced a result: enough to reproduce it bit for bit with the same build, and to check that results merge.</summary>
/// <remarks><threadsafety>Immutable.</threadsafety></remarks>
public sealed class Provenance
{
    internal Provenance(RunIdentity id, long trials)
    {
        Version = id.Version;
        Seed = id.Seed;
        Trials = trials;
        TotalTrials = id.PlannedTrials;
        ChunkSize = id.ChunkSize;
        ScenarioName = id.ScenarioName;
        ScenarioSha256 = id.ScenarioSha256;
        Rule = id.Rule;
        Shard = id.Shard;
        IsComplete = id.IsComplete;
        Era = id.Era;
    }

    /// <summary>The library's informational version of this build.</summary>
    internal static string LibraryVersion { get; } =
        typeof(Provenance).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(Provenance).Assembly.GetName().Version?.ToString() ?? "unknown";

    /// <summary>The library's name.</summary>
    public string Library { get; } = "ConsensusSim";

    /// <summary>The library's version; random streams are reproducible within a version.</summary>
    public string Version { get; }

    /// <summary>The run seed.</summary>
    public ulong Seed { get; }

    /// <summary>Trials this result holds.</summary>
    public long Trials { get; }

    /// <summary>Trials the whole run was planned with (all shards together); with a precision target the run may stop earlier.</summary>
    public long TotalTrials { get; }

    /// <summary>Trials per chunk, the unit of scheduling, checkpoints and shards.</summary>
    public int ChunkSize { get; }

    /// <summary>The scenario's name.</summary>
    public string ScenarioName { get; }

    /// <summary>SHA-256 of the scenario's canonical form.</summary>
    public string ScenarioSha256 { get; }

    /// <summary>The decision rule, as named in scenario files.</summary>
    public string Rule { get; }

    /// <summary>The shard this result covers, or <see langword="null"/> for a whole run.</summary>
    public ShardSpec? Shard { get; }

    /// <summary>Whether every chunk of the run (or shard) was completed; false after cancellation and in checkpoints.</summary>
    public bool IsComplete { get; }

    /// <summary>
    /// For a scenario that names an era: which values the era owns, which of them the scenario overrode and where
    /// (<see cref="Model.Scenario.EraProvenance"/>); <see langword="null"/> without an era.
    /// </summary>
    public Model.EraProvenance? Era { get; }
}
