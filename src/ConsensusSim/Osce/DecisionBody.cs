namespace ConsensusSim.Osce;

/// <summary>An OSCE body through which a draft moves.</summary>
/// <remarks><threadsafety>Immutable.</threadsafety></remarks>
public sealed class DecisionBody
{
    internal DecisionBody(string id, string name, BodyKind kind, string meets, string description)
    {
        Id = id;
        Name = name;
        Kind = kind;
        Meets = meets;
        Description = description;
    }

    /// <summary>Identifier used in scenario files, for example <c>permanent-council</c>.</summary>
    public string Id { get; }

    /// <summary>Display name.</summary>
    public string Name { get; }

    /// <summary>Whether the body takes decisions.</summary>
    public BodyKind Kind { get; }

    /// <summary>How often it meets.</summary>
    public string Meets { get; }

    /// <summary>Its role.</summary>
    public string Description { get; }

    /// <inheritdoc />
    public override string ToString() => Name;
}
