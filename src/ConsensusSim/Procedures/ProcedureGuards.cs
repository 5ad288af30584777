namespace ConsensusSim.Procedures;

/// <summary>The human-readable texts of the guards, shown in graphs and used to compile Stateless definitions back to guards.</summary>
public static class ProcedureGuards
{
    private static readonly Dictionary<ProcedureGuard, string> Texts = new()
    {
        [ProcedureGuard.Always] = "always",
        [ProcedureGuard.AgreedAtMeeting] = "no objection that counts, decided at the meeting",
        [ProcedureGuard.AgreedToSilence] = "no objection to putting it under silence",
        [ProcedureGuard.Agreed] = "agreement under the rule",
        [ProcedureGuard.BlockedRoundsLeft] = "blocked, rounds remain",
        [ProcedureGuard.BlockedEscalate] = "blocked, last round, escalate",
        [ProcedureGuard.BlockedRevert] = "blocked, last round, no escalation",
        [ProcedureGuard.Blocked] = "blocked",
    };

    private static readonly Dictionary<string, ProcedureGuard> ByText = Texts.ToDictionary(kv => kv.Value, kv => kv.Key, StringComparer.Ordinal);

    /// <summary>The description of a guard.</summary>
    /// <param name="guard">The guard.</param>
    /// <returns>Its text.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="guard"/> is not a defined guard.</exception>
    public static string Describe(ProcedureGuard guard) =>
        Texts.TryGetValue(guard, out string? text) ? text : throw new ArgumentOutOfRangeException(nameof(guard), guard, "Not a defined procedure guard.");

    /// <summary>Finds the guard with a given description.</summary>
    /// <param name="description">A guard text.</param>
    /// <param name="guard">The guard, when found.</param>
    /// <returns>Whether the text names a guard.</returns>
    public static bool TryParse(string description, out ProcedureGuard guard)
    {
        ArgumentNullException.ThrowIfNull(description);
        return ByText.TryGetValue(description, out guard);
    }
}
