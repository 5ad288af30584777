namespace ConsensusSim.Model;

/// <summary>The position a State takes in a vote.</summary>
public enum StatePosition
{
    /// <summary>Joins the consensus.</summary>
    Joins,

    /// <summary>Joins, recording dissent in an interpretative statement or formal reservation.</summary>
    JoinsWithStatement,

    /// <summary>Objects, which blocks under consensus.</summary>
    Objects,
}
