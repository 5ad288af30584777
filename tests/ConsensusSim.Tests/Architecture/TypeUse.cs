namespace ConsensusSim.Tests.Architecture;

/// <summary>
/// One use of a type by another, as the compiled assembly records it: <paramref name="UserType"/> and
/// <paramref name="UsedType"/> are top-level types (a nested or compiler-generated type counts as the type it sits in),
/// <paramref name="Member"/> names the member whose metadata or IL holds the use, <paramref name="How"/> the kind of use.
/// </summary>
internal sealed record TypeUse(string UserType, string Member, string UsedType, string How)
{
    /// <summary>The namespace of the using type.</summary>
    public required string UserNamespace { get; init; }

    /// <summary>The namespace of the used type.</summary>
    public required string UsedNamespace { get; init; }

    public override string ToString() => $"{Member} uses {UsedType} ({How})";
}
