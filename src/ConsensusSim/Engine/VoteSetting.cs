namespace ConsensusSim.Engine;

/// <summary>Where a vote takes place, which sets how costly objecting is.</summary>
internal enum VoteSetting
{
    /// <summary>A meeting of the deciding body.</summary>
    Meeting,

    /// <summary>A silence procedure: objecting is deterred and amendments also break silence.</summary>
    Silence,

    /// <summary>The Ministerial Council after escalation.</summary>
    MinisterialCouncil,
}
