namespace ConsensusSim.Model;

/// <summary>Where a vote takes place.</summary>
public enum VoteVenue
{
    /// <summary>A meeting of the deciding body.</summary>
    Meeting,

    /// <summary>A silence procedure.</summary>
    Silence,

    /// <summary>The Ministerial Council after escalation.</summary>
    MinisterialCouncil,
}
