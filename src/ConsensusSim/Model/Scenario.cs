using System.Collections.ObjectModel;
using ConsensusSim.Osce;

namespace ConsensusSim.Model;

/// <summary>
/// A validated, immutable description of a decision to simulate: which States take part, how each
/// behaves, the proposal, the decision rule and the run settings. Compile it once with
/// <c>scenario.Compile()</c> (in <c>ConsensusSim.Simulation</c>) and run it many times.
/// </summary>
/// <remarks><threadsafety>Immutable and safe to share.</threadsafety></remarks>
public sealed class Scenario
{
    private readonly Dictionary<string, Actor> _actorsByCode;

    internal Scenario(ScenarioBuilder b)
    {
        Name = b.Name;
        Description = b.Description;
        Catalog = b.Catalog;
        Actors = [.. b.Actors];
        States = [.. (b.States ?? [.. b.Catalog.States.Select(s => s.Code)]), .. Actors.Select(a => a.Code)];
        _actorsByCode = Actors.ToDictionary(a => a.Code, StringComparer.Ordinal);
        Dimensions = [.. b.Dimensions];
        Defaults = b.Defaults;
        GroupingProfiles = [.. b.GroupingProfiles];
        StateOverrides = [.. b.StateOverrides];
        Proposals = [.. b.Proposals];
        Chair = b.Chair;
        Era = b.Era;
        Rule = b.Rule;
        Behaviour = b.Behaviour;
        Procedure = b.Procedure;
        Trials = b.Trials;
        Seed = b.Seed;
        var profiles = new ProfileResolver(b);
        Profiles = new ReadOnlyDictionary<string, StateProfile>(
            States.ToDictionary(code => code, profiles.Resolve, StringComparer.Ordinal));
        EraProvenance = EraProvenanceResolver.Resolve(this);
    }

    /// <summary>
    /// The scenario this one copies in everything but its behaviour options (<see cref="WithBehaviour"/>), or null: what
    /// is compiled from the rest can be compiled once for all of a sweep's points.
    /// </summary>
    internal Scenario? BehaviourTemplate { get; private set; }

    /// <summary>A short name.</summary>
    public string Name { get; }

    /// <summary>A longer description, if any.</summary>
    public string? Description { get; }

    /// <summary>The catalog the scenario was resolved against.</summary>
    public OsceCatalog Catalog { get; }

    /// <summary>The codes of all participants, in scenario order: the OSCE States, then the <see cref="Actors"/>.</summary>
    public IReadOnlyList<string> States { get; }

    /// <summary>The participants that are not OSCE States, in scenario order (empty for most scenarios).</summary>
    public IReadOnlyList<Actor> Actors { get; }

    /// <summary>The policy dimensions.</summary>
    public IReadOnlyList<string> Dimensions { get; }

    /// <summary>The profile applied to every State first.</summary>
    public StateProfile Defaults { get; }

    /// <summary>Grouping profiles in the order they are applied.</summary>
    public IReadOnlyList<ProfileOverride> GroupingProfiles { get; }

    /// <summary>Per-State overrides, applied last.</summary>
    public IReadOnlyList<ProfileOverride> StateOverrides { get; }

    /// <summary>Each State's resolved profile (defaults, then its era bloc's linkage and blocking cost, then groupings, then its override).</summary>
    public IReadOnlyDictionary<string, StateProfile> Profiles { get; }

    /// <summary>The proposals, one or several.</summary>
    public IReadOnlyList<Proposal> Proposals { get; }

    /// <summary>The first (usually the only) proposal.</summary>
    public Proposal Proposal => Proposals[0];

    /// <summary>The Chair's strategy.</summary>
    public ChairOptions Chair { get; }

    /// <summary>The era the scenario started from, if any.</summary>
    public string? Era { get; }

    /// <summary>
    /// For a scenario that names an <see cref="Era"/>: every value the era owns (tension, bloc correlation, each of its
    /// blocs' linkage and blocking cost), the era's setting, and where the scenario overrides it; <see langword="null"/>
    /// without an era. See <see cref="Model.EraProvenance"/> for the precedence.
    /// </summary>
    public EraProvenance? EraProvenance { get; private set; }

    /// <summary>The decision rule.</summary>
    public DecisionRule Rule { get; }

    /// <summary>The behaviour model and its options.</summary>
    public BehaviourOptions Behaviour { get; private set; }

    /// <summary>The procedure: definition, rounds, silence and escalation.</summary>
    public ProcedureOptions Procedure { get; }

    /// <summary>Default number of trials for a run.</summary>
    public long Trials { get; }

    /// <summary>Default run seed.</summary>
    public ulong Seed { get; }

    /// <summary>Returns a builder holding this scenario's settings, to derive a variant.</summary>
    /// <returns>A new builder.</returns>
    public ScenarioBuilder ToBuilder()
    {
        var b = new ScenarioBuilder
        {
            Name = Name,
            Description = Description,
            Catalog = Catalog,
            States = [.. States.Where(code => !IsActor(code))],
            Dimensions = [.. Dimensions],
            Defaults = Defaults,
            Proposals = [.. Proposals],
            Chair = Chair,
            Era = Era,
            Rule = Rule,
            Behaviour = Behaviour,
            Procedure = Procedure,
            Trials = Trials,
            Seed = Seed,
        };
        foreach (var g in GroupingProfiles)
        {
            b.GroupingProfiles.Add(g);
        }

        foreach (var o in StateOverrides)
        {
            b.StateOverrides.Add(o);
        }

        foreach (var a in Actors)
        {
            b.Actors.Add(a);
        }

        return b;
    }

    /// <summary>A participant's readable name: the State's or the actor's.</summary>
    /// <param name="code">A code from <see cref="States"/>.</param>
    /// <returns>The name.</returns>
    /// <exception cref="KeyNotFoundException">No participant has that code.</exception>
    public string ParticipantName(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return ActorOf(code)?.Name ?? Catalog.GetState(code).Name;
    }

    /// <summary>
    /// The bloc whose noise a participant shares: a State's bloc from the catalog, an actor's
    /// <see cref="Actor.Bloc"/>, or <c>actor:</c> and its code for an actor standing alone.
    /// </summary>
    /// <param name="code">A code from <see cref="States"/>.</param>
    /// <returns>The bloc id.</returns>
    /// <exception cref="KeyNotFoundException">No participant has that code.</exception>
    public string ParticipantBloc(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return ActorOf(code) is { } actor ? actor.Bloc ?? "actor:" + actor.Code : Catalog.GetState(code).Bloc;
    }

    /// <summary>Whether the code names one of the <see cref="Actors"/> rather than an OSCE State.</summary>
    /// <param name="code">A participant code.</param>
    /// <returns><see langword="true"/> for an actor.</returns>
    public bool IsActor(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return _actorsByCode.ContainsKey(code);
    }

    /// <summary>The actor with this code, or <see langword="null"/> for an OSCE State.</summary>
    internal Actor? ActorOf(string code) => _actorsByCode.GetValueOrDefault(code);

    /// <summary>
    /// This scenario with other behaviour options, which the caller has validated with
    /// <see cref="ScenarioValidator.ValidateBehaviourNumbers"/>: a sweep's point that varies only behaviour numbers,
    /// without building, validating and resolving the whole scenario again.
    /// </summary>
    /// <param name="behaviour">The options; only their numbers may differ from <see cref="Behaviour"/>'s.</param>
    /// <returns>The copy, sharing everything else, its resolved profiles included.</returns>
    internal Scenario WithBehaviour(BehaviourOptions behaviour)
    {
        var copy = (Scenario)MemberwiseClone();
        copy.Behaviour = behaviour;
        copy.BehaviourTemplate = BehaviourTemplate ?? this;

        // Which era values the scenario overrides depends on its tension and correlations.
        copy.EraProvenance = EraProvenanceResolver.Resolve(copy);
        return copy;
    }

    /// <summary>Who takes part, in words: "57 States", "10 actors" or "57 States and 2 actors".</summary>
    /// <returns>The summary.</returns>
    public string DescribeParticipants()
    {
        int states = States.Count - Actors.Count;
        string s = states == 1 ? "1 State" : $"{states} States";
        string a = Actors.Count == 1 ? "1 actor" : $"{Actors.Count} actors";
        return Actors.Count == 0 ? s : states == 0 ? a : $"{s} and {a}";
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({DescribeParticipants()}, {Proposal.Topic}, {Rule})";
}
