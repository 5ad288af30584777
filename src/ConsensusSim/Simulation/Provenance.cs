using System.Reflection;

namespace ConsensusSim.Simulation;

/// <summary>What produced a result: enough to reproduce it bit for bit with the same build.</summary>
/// <remarks><threadsafety>Immutable.</threadsafety></remarks>
public sealed class Provenance
{
    internal Provenance(ulong seed, long trials, string scenarioName, string scenarioSha256)
    {
        Seed = seed;
        Trials = trials;
        ScenarioName = scenarioName;
        ScenarioSha256 = scenarioSha256;
    }

    /// <summary>The library's name.</summary>
    public string Library { get; } = "ConsensusSim";

    /// <summary>The library's informational version.</summary>
    public string Version { get; } = typeof(Provenance).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(Provenance).Assembly.GetName().Version?.ToString() ?? "unknown";

    /// <summary>The run seed.</summary>
    public ulong Seed { get; }

    /// <summary>The number of trials.</summary>
    public long Trials { get; }

    /// <summary>The scenario's name.</summary>
    public string ScenarioName { get; }

    /// <summary>SHA-256 of the scenario's canonical form.</summary>
    public string ScenarioSha256 { get; }
}
