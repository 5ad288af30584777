namespace ConsensusSim.Osce;

/// <summary>One of the OSCE's three dimensions of security (the Helsinki "baskets").</summary>
/// <remarks><threadsafety>Immutable.</threadsafety></remarks>
public sealed class OsceDimension
{
    internal OsceDimension(string id, string name, int basket, string description)
    {
        Id = id;
        Name = name;
        Basket = basket;
        Description = description;
    }

    /// <summary>Identifier used in scenario files, for example <c>politico-military</c>.</summary>
    public string Id { get; }

    /// <summary>Display name.</summary>
    public string Name { get; }

    /// <summary>The Helsinki Final Act basket number (1, 2 or 3).</summary>
    public int Basket { get; }

    /// <summary>What the dimension covers.</summary>
    public string Description { get; }

    /// <inheritdoc />
    public override string ToString() => Name;
}
