namespace ConsensusSim.Model;

/// <summary>A draft put to the participating States: its topic, the body deciding it, and its position against the status quo.</summary>
/// <remarks><threadsafety>Immutable once constructed.</threadsafety></remarks>
public sealed class Proposal
{
    /// <summary>A short title.</summary>
    public string Title { get; init; } = ScenarioFields.Proposal.Title.DefaultAs<string>();

    /// <summary>The field of work, an identifier from <see cref="Osce.OsceCatalog.FieldsOfWork"/>, for example <c>counter-terrorism</c>.</summary>
    public string Topic { get; init; } = ScenarioFields.Proposal.Topic.DefaultAs<string>();

    /// <summary>The deciding body, an identifier from <see cref="Osce.OsceCatalog.Bodies"/>.</summary>
    public string Body { get; init; } = ScenarioFields.Proposal.Body.DefaultAs<string>();

    /// <summary>The item kind, which fixes the reversion point.</summary>
    public ItemKind Kind { get; init; } = ScenarioFields.Proposal.Kind.DefaultAs<ItemKind>();

    /// <summary>
    /// The status quo q, one coordinate in [0, 1] per dimension: a number, or a distribution drawn once per trial
    /// (an uncertain reversion point), after every State's parameters.
    /// </summary>
    public IReadOnlyList<Parameter> StatusQuo { get; init => field = ReadOnlyCopy.Of(value)!; } = ReadOnlyCopy.Of<Parameter>([0.0, 0.0, 0.0])!;

    /// <summary>
    /// The draft p₀, one coordinate in [0, 1] per dimension: a number, or a distribution drawn once per trial after the
    /// status quo. <see langword="null"/> only with the agenda-setting Chair, which tables a text of its own; the ambition
    /// of what it adopts is then measured against the Chair's ideal point.
    /// </summary>
    public IReadOnlyList<Parameter>? Draft { get; init => field = ReadOnlyCopy.Of(value); } = ReadOnlyCopy.Of<Parameter>([0.5, 0.5, 0.5]);

    /// <summary>Overrides the topic's susceptibility κ to political conjuncture; <see langword="null"/> uses the catalog's value.</summary>
    public double? Susceptibility { get; init; }
}
