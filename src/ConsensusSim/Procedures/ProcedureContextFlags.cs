namespace ConsensusSim.Procedures;

/// <summary>A <see cref="ProcedureContext"/> as flags: the index of the compiled procedure's transition table.</summary>
[Flags]
internal enum ProcedureContextFlags
{
    /// <summary>Blocked, no round left, no escalation, no silence procedure.</summary>
    None = 0,

    /// <summary>The States' positions satisfy the decision rule.</summary>
    Agreed = 1,

    /// <summary>Another round is allowed after this one.</summary>
    RoundsLeft = 2,

    /// <summary>A blocked draft goes to the Ministerial Council.</summary>
    Escalation = 4,

    /// <summary>The Chair uses the silence procedure instead of deciding at the meeting.</summary>
    Silence = 8,

    /// <summary>Every flag: one less than the number of contexts.</summary>
    All = Agreed | RoundsLeft | Escalation | Silence,
}
