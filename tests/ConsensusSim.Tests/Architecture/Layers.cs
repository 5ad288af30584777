namespace ConsensusSim.Tests.Architecture;

/// <summary>
/// The layers of the core library, bottom-up: each namespace <c>ConsensusSim.X</c> (and any namespace below it)
/// is layer X, and may use itself and the layers listed for it, never one above.
/// </summary>
internal static class Layers
{
    public const string Root = "ConsensusSim";

    private static readonly string[] Core = ["Model", "Procedures", "Osce", "Numerics"];
    private static readonly string[] Rules = ["Behaviour", "Analysis", .. Core];

    /// <summary>Each layer and the layers it may use besides itself.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> MayUse = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["Numerics"] = [],
        ["Osce"] = [],
        // The procedures are a catalogue of state machines that knows no scenario, like the OSCE catalogue;
        // a scenario names one and its validator checks the name.
        ["Procedures"] = ["Osce", "Numerics"],
        ["Model"] = ["Procedures", "Osce", "Numerics"],
        ["Behaviour"] = Core,
        ["Analysis"] = Core,
        ["Engine"] = Rules,
        ["Simulation"] = ["Engine", .. Rules],
        // Serialization reads and writes Simulation's public results, never the engine's state.
        ["Serialization"] = ["Simulation", .. Rules],
        // A sweep varies a scenario by JSON path and keeps each finished point as a result file.
        ["Sweeps"] = ["Serialization", "Simulation", "Engine", .. Rules],
        // Calibration fits template scenarios, varied by path as sweeps vary them and compiled to run, to an observed record.
        ["Calibration"] = ["Sweeps", "Serialization", "Simulation", "Engine", .. Rules],
        // Import reads actor tables through Serialization's bounded file reader.
        ["Import"] = ["Serialization", .. Core],
    };

    /// <summary>
    /// KNOWN OFFENDERS, as "user type -> used type" (top-level types). THIS LIST MUST BE EMPTY: an entry is a
    /// back-reference another branch of #16 removes (the engine's own references, owned by the engine
    /// rework), and goes when that branch lands. A stale entry fails <see cref="LayerTests"/> too.
    /// </summary>
    public static readonly IReadOnlySet<string> KnownOffenders = new HashSet<string>(StringComparer.Ordinal)
    {
    };

    /// <summary>The layer of a namespace of the library, or null for a namespace outside it.</summary>
    public static string? Of(string ns)
    {
        if (ns == Root)
        {
            return Root;
        }

        if (!ns.StartsWith(Root + ".", StringComparison.Ordinal))
        {
            return null;
        }

        string rest = ns[(Root.Length + 1)..];
        int dot = rest.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? rest : rest[..dot];
    }

    /// <summary>Whether layer <paramref name="user"/> may use layer <paramref name="used"/>.</summary>
    public static bool Allows(string user, string used) =>
        user == used || (MayUse.TryGetValue(user, out var below) && below.Contains(used));
}
