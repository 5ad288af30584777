namespace ConsensusSim.Osce;

/// <summary>A field of work (a proposal's topic), the dimensions it belongs to and its susceptibility to political conjuncture.</summary>
/// <remarks><threadsafety>Immutable.</threadsafety></remarks>
public sealed class FieldOfWork
{
    internal FieldOfWork(string id, string name, IReadOnlyList<string> dimensions, double susceptibility, string description)
    {
        Id = id;
        Name = name;
        Dimensions = dimensions;
        Susceptibility = susceptibility;
        Description = description;
    }

    /// <summary>Identifier used in scenario files, for example <c>counter-terrorism</c>.</summary>
    public string Id { get; }

    /// <summary>Display name.</summary>
    public string Name { get; }

    /// <summary>Identifiers of the dimensions the field belongs to; more than one for cross-dimensional topics.</summary>
    public IReadOnlyList<string> Dimensions { get; }

    /// <summary>Default susceptibility κ ∈ [0, 1]: how strongly politico-military tension spills into objections on this topic.</summary>
    public double Susceptibility { get; }

    /// <summary>What the field covers.</summary>
    public string Description { get; }

    /// <summary>Whether the field belongs to more than one dimension.</summary>
    public bool IsCrossDimensional => Dimensions.Count > 1;

    /// <inheritdoc />
    public override string ToString() => Name;
}
