namespace ConsensusSim.Procedures;

/// <summary>
/// The conditions a transition can depend on, each a pure function of a <see cref="ProcedureContext"/>.
/// Their descriptions are the guard texts of the Stateless definition and of exported graphs.
/// </summary>
public enum ProcedureGuard
{
    /// <summary>No condition.</summary>
    Always,

    /// <summary>The rule is satisfied and the Chair decides at the meeting.</summary>
    AgreedAtMeeting,

    /// <summary>Nobody objects to putting the draft under silence procedure.</summary>
    AgreedToSilence,

    /// <summary>The rule is satisfied (silence held, or agreement at the Ministerial Council).</summary>
    Agreed,

    /// <summary>The rule is not satisfied and rounds remain.</summary>
    BlockedRoundsLeft,

    /// <summary>The rule is not satisfied, no rounds remain and escalation is allowed.</summary>
    BlockedEscalate,

    /// <summary>The rule is not satisfied, no rounds remain and there is no escalation.</summary>
    BlockedRevert,

    /// <summary>The rule is not satisfied (final chance).</summary>
    Blocked,
}
