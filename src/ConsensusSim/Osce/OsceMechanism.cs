namespace ConsensusSim.Osce;

/// <summary>A mechanism that a group of States can invoke without consensus (Vienna, Moscow, Berlin).</summary>
/// <remarks><threadsafety>Immutable.</threadsafety></remarks>
public sealed class OsceMechanism
{
    internal OsceMechanism(string id, string name, int minimumStates, bool outcomeByConsensus, string description)
    {
        Id = id;
        Name = name;
        MinimumStates = minimumStates;
        OutcomeByConsensus = outcomeByConsensus;
        Description = description;
    }

    /// <summary>Identifier used in scenario files, for example <c>moscow-serious-threat</c>.</summary>
    public string Id { get; }

    /// <summary>Display name.</summary>
    public string Name { get; }

    /// <summary>States, the requester included, that must support the invocation.</summary>
    public int MinimumStates { get; }

    /// <summary>Whether what the invoked body decides is still adopted by consensus (the Berlin Mechanism).</summary>
    public bool OutcomeByConsensus { get; }

    /// <summary>What invoking it does.</summary>
    public string Description { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Name} (≥ {MinimumStates} States)";
}
