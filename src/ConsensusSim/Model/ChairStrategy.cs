namespace ConsensusSim.Model;

/// <summary>How the Chairmanship, the agenda-setter, shapes the draft.</summary>
public enum ChairStrategy
{
    /// <summary>Puts the draft as tabled in every round.</summary>
    Fixed,

    /// <summary>After objections, moves the draft toward the status quo on the dimensions the objectors care about, by a step α.</summary>
    Compromise,

    /// <summary>Proposes its favourite point among those it expects every State to accept (inside the perceived win-set of the status quo).</summary>
    AgendaSetter,
}
