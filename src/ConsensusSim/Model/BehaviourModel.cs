namespace ConsensusSim.Model;

/// <summary>How a State decides whether to object.</summary>
public enum BehaviourModel
{
    /// <summary>Each State objects with its own probability p, independently: the baseline with the exact answer Π(1 − p).</summary>
    FixedObjection,

    /// <summary>The spatial stance model: gain from adoption plus bloc-correlated noise minus hostage-taking under tension.</summary>
    Stance,

    /// <summary>A behaviour written in code (<see cref="ICustomBehaviour"/>); scenario files cannot name one.</summary>
    Custom,
}
