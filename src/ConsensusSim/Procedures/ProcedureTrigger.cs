namespace ConsensusSim.Procedures;

/// <summary>The events that move a draft through a procedure.</summary>
public enum ProcedureTrigger
{
    /// <summary>The draft is referred to an informal body.</summary>
    Refer,

    /// <summary>The informal body agrees a text and passes it on.</summary>
    AgreeText,

    /// <summary>The Preparatory Committee forwards the text to the deciding body.</summary>
    Forward,

    /// <summary>The States take their positions at a meeting and the rule is applied.</summary>
    Decide,

    /// <summary>The silence period expires (held or broken).</summary>
    SilenceEnds,

    /// <summary>The Chair tables a revised draft.</summary>
    Revise,
}
