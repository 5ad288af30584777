namespace ConsensusSim.Model;

/// <summary>
/// A participant that is not one of the OSCE's participating States: a delegation, a group of
/// States negotiating as one (the EU, AOSIS), a party or an interest group, as found in actor ×
/// issue tables from decide or KTAB. Actors take part exactly like States; their behaviour comes
/// from the scenario's defaults and their own entry in <c>overrides</c>.
/// </summary>
/// <remarks><threadsafety>Immutable once constructed.</threadsafety></remarks>
public sealed class Actor
{
    /// <summary>Creates an actor.</summary>
    /// <param name="code">The actor's code, unique among the scenario's participants; overrides and rules name it.</param>
    /// <param name="name">A readable name; the code when not given.</param>
    public Actor(string code, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(code);
        Code = code;
        Name = string.IsNullOrWhiteSpace(name) ? code : name;
    }

    /// <summary>The actor's code, unique among the scenario's participants.</summary>
    public string Code { get; }

    /// <summary>A readable name.</summary>
    public string Name { get; }

    /// <summary>
    /// The actor's power (capabilities, influence) in any non-negative unit; only ratios matter.
    /// Used as the voting weight when the rule's weight is <see cref="VotingWeight.Power"/>.
    /// </summary>
    public double Power { get; init; } = ScenarioFields.Actor.Power.DefaultNumber;

    /// <summary>
    /// A bloc id: actors of the same bloc share part of their noise (the behaviour's bloc correlation,
    /// or its own entry in <c>blocCorrelations</c>). An actor without a bloc is a bloc of its own. An
    /// actor given a catalog bloc id (for example <c>eu-bloc</c>) shares noise with those States.
    /// </summary>
    public string? Bloc { get; init; }

    /// <inheritdoc />
    public override string ToString() => Code == Name ? Code : $"{Name} ({Code})";
}
