using ConsensusSim.Osce;

namespace ConsensusSim.Model;

/// <summary>
/// A mutable description of a scenario; <see cref="Build"/> validates it and returns an immutable
/// <see cref="Scenario"/>, reporting every problem at once.
/// </summary>
/// <remarks><threadsafety>Not thread-safe; build on one thread, then share the built scenario.</threadsafety></remarks>
public sealed class ScenarioBuilder
{
    /// <summary>The three OSCE dimensions, the default policy space.</summary>
    public static IReadOnlyList<string> OsceDimensionIds { get; } = ScenarioFields.Root.Dimensions.DefaultAs<IReadOnlyList<string>>();

    /// <summary>A short name for the scenario.</summary>
    public string Name { get; set; } = "Unnamed scenario";

    /// <summary>A longer description, for reports.</summary>
    public string? Description { get; set; }

    /// <summary>The codes of the States that take part; <see langword="null"/> means all participating States.</summary>
    public IList<string>? States { get; set; }

    /// <summary>
    /// Participants other than OSCE States (for example from an imported decide or KTAB table),
    /// taking part after <see cref="States"/>. Set <see cref="States"/> to an empty list for a
    /// scenario of actors only.
    /// </summary>
    public IList<Actor> Actors { get; } = [];

    /// <summary>The policy dimensions; default the three OSCE dimensions.</summary>
    public IList<string> Dimensions { get; set; } = [.. OsceDimensionIds];

    /// <summary>Parameters that apply to every State unless a grouping or override changes them.</summary>
    public StateProfile Defaults { get; set; } = StateProfile.Empty;

    /// <summary>Profiles per grouping, applied in list order (later entries win).</summary>
    public IList<ProfileOverride> GroupingProfiles { get; } = [];

    /// <summary>Profiles for single States, applied last.</summary>
    public IList<ProfileOverride> StateOverrides { get; } = [];

    /// <summary>The proposals put to the States: one, or several that are decided as one package (one objection blocks all) and, for comparison, one by one.</summary>
    public IList<Proposal> Proposals { get; set; } = [new Proposal()];

    /// <summary>The first (usually the only) proposal; setting it replaces <see cref="Proposals"/> with this one.</summary>
    /// <exception cref="InvalidOperationException">Getting it when <see cref="Proposals"/> is null or empty.</exception>
    public Proposal Proposal
    {
        get => Proposals is { Count: > 0 } proposals ? proposals[0] : throw new InvalidOperationException("ScenarioBuilder.Proposals is null or empty; there is no first proposal.");
        set => Proposals = [value];
    }

    /// <summary>The Chair's strategy.</summary>
    public ChairOptions Chair { get; set; } = new();

    /// <summary>
    /// The era the scenario starts from, if any. Set it with <see cref="ApplyEra"/>, which also takes the era's tension
    /// and bloc correlation; setting only this property applies the era's blocs' linkage and blocking cost but keeps
    /// <see cref="Behaviour"/>'s tension and correlation, which <see cref="Scenario.EraProvenance"/> then reports as
    /// overrides of the era's.
    /// </summary>
    public string? Era { get; set; }

    /// <summary>
    /// Starts the scenario from an era, which owns the tension, the bloc correlation and each of its blocs' linkage and
    /// blocking cost. The tension and correlation replace <see cref="Behaviour"/>'s (unless told to keep them); the
    /// blocs' values apply at <see cref="Build"/>, above <see cref="Defaults"/> and below <see cref="GroupingProfiles"/>
    /// and <see cref="StateOverrides"/>. Whatever the scenario sets in place of an era-owned value is reported by
    /// <see cref="Scenario.EraProvenance"/>.
    /// </summary>
    /// <param name="era">The era.</param>
    /// <param name="keepTension">Keep the current tension (the scenario overrides the era's).</param>
    /// <param name="keepCorrelation">Keep the current bloc correlation (the scenario overrides the era's).</param>
    /// <returns>This builder.</returns>
    /// <exception cref="InvalidOperationException"><see cref="Behaviour"/> is null.</exception>
    public ScenarioBuilder ApplyEra(Osce.EraPreset era, bool keepTension = false, bool keepCorrelation = false)
    {
        ArgumentNullException.ThrowIfNull(era);
        if (Behaviour is null)
        {
            throw new InvalidOperationException("ScenarioBuilder.Behaviour is null; set it before applying an era, which changes it.");
        }

        Era = era.Id;
        Behaviour = Behaviour.With(tension: keepTension ? null : era.Tension, blocCorrelation: keepCorrelation ? null : era.BlocCorrelation);
        return this;
    }

    /// <summary>The decision rule. Default: consensus.</summary>
    public DecisionRule Rule { get; set; } = DecisionRule.Consensus;

    /// <summary>The behaviour model and its options.</summary>
    public BehaviourOptions Behaviour { get; set; } = new();

    /// <summary>The procedure: definition, rounds, silence and escalation.</summary>
    public ProcedureOptions Procedure { get; set; } = new();

    /// <summary>The number of Monte Carlo trials a run uses unless told otherwise.</summary>
    public long Trials { get; set; } = ScenarioFields.Simulation.Trials.DefaultAs<long>();

    /// <summary>The run seed unless told otherwise.</summary>
    public ulong Seed { get; set; } = ScenarioFields.Simulation.Seed.DefaultAs<ulong>();

    /// <summary>The catalog that resolves State codes, groupings, topics and bodies.</summary>
    public OsceCatalog Catalog { get; set; } = OsceCatalog.Default;

    /// <summary>Checks the scenario and returns every problem found (empty when valid).</summary>
    /// <returns>The problems, each with its JSON path.</returns>
    public IReadOnlyList<ScenarioProblem> Validate() => ScenarioValidator.Validate(this);

    /// <summary>Validates and builds the immutable scenario.</summary>
    /// <returns>The scenario.</returns>
    /// <exception cref="ScenarioValidationException">
    /// The scenario has one or more problems; all are listed. A property or list element that is null where a value is
    /// needed (<see cref="Dimensions"/>, <see cref="Defaults"/>, <see cref="Proposals"/> or one of them, <see cref="Chair"/>,
    /// <see cref="Rule"/>, <see cref="Behaviour"/>, <see cref="Procedure"/>, <see cref="Catalog"/>, an override, an actor, a
    /// State code, a proposal's text or points) is reported at its JSON path, alone.
    /// </exception>
    public Scenario Build()
    {
        var problems = Validate();
        if (problems.Count > 0)
        {
            throw new ScenarioValidationException(problems);
        }

        return new Scenario(this);
    }
}
