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
        for (int bits = 0; bits < 16; bits++)
        {
            yield return FromBits(bits);
        }
    }

    /// <summary>The context as four bits: 1 agreed, 2 rounds left, 4 escalation, 8 silence.</summary>
    internal int Bits => (Agreed ? 1 : 0) | (RoundsLeft ? 2 : 0) | (Escalation ? 4 : 0) | (Silence ? 8 : 0);

    /// <summary>The context of <see cref="Bits"/>.</summary>
    internal static ProcedureContext FromBits(int bits) => new((bits & 1) != 0, (bits & 2) != 0, (bits & 4) != 0, (bits & 8) != 0);
}
