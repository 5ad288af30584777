namespace ConsensusSim.Procedures;

/// <summary>Where a draft stands in a decision procedure.</summary>
public enum ProcedureStage
{
    /// <summary>Tabled by the Chairmanship, a State or a group of States.</summary>
    Tabled,

    /// <summary>Negotiated in an informal body: a committee or an informal working group.</summary>
    InformalBody,

    /// <summary>Agreed ad referendum in the Preparatory Committee.</summary>
    PreparatoryCommittee,

    /// <summary>Put to a meeting of the deciding body (Permanent Council, Forum, Ministerial Council or Summit).</summary>
    CouncilMeeting,

    /// <summary>Under silence procedure: adopted unless a State objects or proposes an amendment before the deadline.</summary>
    SilenceProcedure,

    /// <summary>Objections were raised; the Chair revises the draft for the next round.</summary>
    ChairRevises,

    /// <summary>Escalated to the Ministerial Council for one more chance at higher stakes.</summary>
    MinisterialCouncil,

    /// <summary>Adopted (final).</summary>
    Adopted,

    /// <summary>Not adopted: the item reverts according to its kind (final).</summary>
    Reverted,
}
