namespace ConsensusSim.Procedures;

/// <summary>What the guards of a procedure read at a decision point.</summary>
/// <param name="Agreed">Whether the States' positions satisfy the decision rule.</param>
/// <param name="RoundsLeft">Whether another round is allowed after this one.</param>
/// <param name="Escalation">Whether a blocked draft goes to the Ministerial Council.</param>
/// <param name="Silence">Whether the Chair uses the silence procedure instead of deciding at the meeting.</param>
public readonly record struct ProcedureContext(bool Agreed, bool RoundsLeft, bool Escalation, bool Silence)
{
    /// <summary>Evaluates a guard.</summary>
    /// <param name="guard">The guard.</param>
    /// <returns>Whether it holds in this context.</returns>
    public bool Satisfies(ProcedureGuard guard) => guard switch
    {
        ProcedureGuard.Always => true,
        ProcedureGuard.AgreedAtMeeting => Agreed && !Silence,
        ProcedureGuard.AgreedToSilence => Agreed && Silence,
        ProcedureGuard.Agreed => Agreed,
        ProcedureGuard.BlockedRoundsLeft => !Agreed && RoundsLeft,
        ProcedureGuard.BlockedEscalate => !Agreed && !RoundsLeft && Escalation,
        ProcedureGuard.BlockedRevert => !Agreed && !RoundsLeft && !Escalation,
        ProcedureGuard.Blocked => !Agreed,
        _ => throw new ArgumentOutOfRangeException(nameof(guard), guard, "Unknown guard."),
    };

    /// <summary>Every combination of the four flags, for exhaustive checks.</summary>
    /// <returns>The 16 contexts.</returns>
    public static IEnumerable<ProcedureContext> All()
    {
        for (var flags = ProcedureContextFlags.None; flags <= ProcedureContextFlags.All; flags++)
        {
            yield return FromFlags(flags);
        }
    }

    /// <summary>The context as flags.</summary>
    internal ProcedureContextFlags Flags =>
        (Agreed ? ProcedureContextFlags.Agreed : 0)
        | (RoundsLeft ? ProcedureContextFlags.RoundsLeft : 0)
        | (Escalation ? ProcedureContextFlags.Escalation : 0)
        | (Silence ? ProcedureContextFlags.Silence : 0);

    /// <summary>The context of <see cref="Flags"/>.</summary>
    internal static ProcedureContext FromFlags(ProcedureContextFlags flags) => new(
        flags.HasFlag(ProcedureContextFlags.Agreed),
        flags.HasFlag(ProcedureContextFlags.RoundsLeft),
        flags.HasFlag(ProcedureContextFlags.Escalation),
        flags.HasFlag(ProcedureContextFlags.Silence));
}
