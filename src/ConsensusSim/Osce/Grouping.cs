namespace ConsensusSim.Osce;

/// <summary>A named set of participating States that a scenario can give common defaults.</summary>
/// <remarks><threadsafety>Immutable.</threadsafety></remarks>
public sealed class Grouping
{
    // Every State's profile asks each grouping whether it is a member: a sweep resolves 57 profiles at each design point.
    private readonly HashSet<string> _members;

    internal Grouping(string id, string name, GroupingKind kind, string description, IReadOnlyList<string> members)
    {
        Id = id;
        Name = name;
        Kind = kind;
        Description = description;
        Members = members;
        _members = new HashSet<string>(members, StringComparer.Ordinal);
    }

    /// <summary>Identifier used in scenario files, for example <c>eu</c> or <c>csto</c>.</summary>
    public string Id { get; }

    /// <summary>Display name.</summary>
    public string Name { get; }

    /// <summary>Whether the grouping is a membership set or a bloc of the partition.</summary>
    public GroupingKind Kind { get; }

    /// <summary>What the grouping is and how its members were chosen.</summary>
    public string Description { get; }

    /// <summary>The codes of the member States, sorted.</summary>
    public IReadOnlyList<string> Members { get; }

    /// <summary>Whether the State with <paramref name="stateCode"/> belongs to the grouping.</summary>
    /// <param name="stateCode">An ISO alpha-3 code.</param>
    /// <returns><see langword="true"/> for a member.</returns>
    public bool Contains(string stateCode)
    {
        ArgumentNullException.ThrowIfNull(stateCode);
        return _members.Contains(stateCode);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({Members.Count})";
}
