using ConsensusSim.Osce;

namespace ConsensusSim.Model;

/// <summary>
/// The scenario format, one declaration per field. To add a field: declare it in its container here,
/// give the model property its default from the declaration, and read it in the reader's switch; the
/// validator checks declared ranges, and the schema test regenerates <c>schemas/scenario.schema.json</c>.
/// </summary>
internal static partial class ScenarioFields
{
    /// <summary>The JSON Schema's identifier.</summary>
    public const string SchemaId = "https://consensussim.org/schemas/scenario.schema.json";

    /// <summary>The format's title.</summary>
    public const string Title = "ConsensusSim scenario";

    /// <summary>What a scenario file is.</summary>
    public const string Description = "A decision to simulate: which OSCE participating States take part, how each behaves, the proposal(s), the decision rule, the procedure and the run settings. Comments (//, /* */) and trailing commas are allowed.";

    /// <summary>Most participants (States and actors) a scenario may have.</summary>
    public const int MaxParticipants = 1_000_000;

    /// <summary>Most trials a run may have; the runner's own limit is the same (a test compares them), so the model need not depend on the runner.</summary>
    public const long MaxTrials = ScenarioLimits.MaxTrials;

    /// <summary>Most rounds a procedure may have.</summary>
    public const int MaxRoundsLimit = 1000;

    /// <summary>Every declared field, container by container.</summary>
    public static IEnumerable<ScenarioField> All =>
        Root.All.Concat(Actor.All).Concat(Chair.All).Concat(Behaviour.All).Concat(Procedure.All).Concat(Simulation.All)
            .Concat(Definitions.All).Concat(Parameter.All).Concat(Profile.All).Concat(Proposal.All).Concat(Rule.All);

    /// <summary>The property names a container allows, in declaration order.</summary>
    /// <param name="container">A container path such as <c>$.procedure</c>.</param>
    public static string[] NamesIn(string container) => [.. All.Where(f => f.Container == container).Select(f => f.Name)];

    private static ChoiceShape Choice(Func<IEnumerable<object>> values) => new(values);

    private static ChoiceShape Enumerated<T>(params T[] except)
        where T : struct, Enum => new(() => Enum.GetValues<T>().Where(v => !except.Contains(v)).Cast<object>());

    private static ChoiceShape StateCodes => Choice(() => OsceCatalog.Default.States.Select(s => s.Code));

    /// <summary>The top level of a scenario file.</summary>
    public static class Root
    {
        /// <summary>The container path.</summary>
        public const string Path = "$";

        private static readonly FieldTable<ScenarioBuilder> T = new(Path);

        public static readonly ScenarioField Schema = T.Add("$schema", new TextShape(), "Path or URL of this schema, for editors.");
        public static readonly ScenarioField Name = T.Add("name", new TextShape(NotEmpty: true), "A short name, shown in results and reports.", required: true);
        public static readonly ScenarioField Description = T.Add("description", new TextShape(), "A longer description of the decision.", model: b => b.Description);
        public static readonly ScenarioField States = T.Add(
            "states",
            new OneOfShape([new ConstShape("all"), new ListShape(StateCodes, Unique: true)]),
            "The States taking part: \"all\" (default) or a list of ISO 3166-1 alpha-3 codes.",
            model: b => b.States);

        public static readonly ScenarioField Actors = T.Add(
            "actors",
            new ListShape(new ObjectShape(Actor.Path), MaxItems: MaxParticipants),
            "Participants that are not OSCE States (for example from 'consensussim import'); without \"states\" they are the whole cast. States and actors together may number at most 1,000,000.");

        public static readonly ScenarioField Dimensions = T.Add(
            "dimensions",
            new ListShape(new TextShape(NotEmpty: true), MinItems: 1, Unique: true),
            "The policy dimensions; positions on each are in [0, 1], 0 = status-quo-preserving, 1 = maximal joint commitment.",
            (IReadOnlyList<string>)["politico-military", "economic-environmental", "human"]);

        public static readonly ScenarioField Proposal = T.Add("proposal", new RefShape("proposal"), "The draft put to the States. A scenario has exactly one of proposal and proposals.");
        public static readonly ScenarioField Proposals = T.Add(
            "proposals",
            new ListShape(new RefShape("proposal"), MinItems: 1),
            "Several proposals decided as one package (one objection blocks all) and, for comparison, one by one. A scenario has exactly one of proposal and proposals.");

        public static readonly ScenarioField Chair = T.Add("chair", new ObjectShape(ScenarioFields.Chair.Path), "The Chair's strategy as agenda-setter.");
        public static readonly ScenarioField Era = T.Add(
            "era",
            Choice(() => OsceCatalog.Default.Eras.Select(e => e.Id)),
            "Start from a calibrated era, which owns the tension, the bloc correlation and its blocs' linkage and blocking cost. The scenario's defaults fill in only what the era does not set; a tension, correlation, grouping or State override the scenario sets wins and is reported (describe, the result's provenance).",
            model: b => b.Era);

        public static readonly ScenarioField Rule = T.Add(
            "rule",
            new OneOfShape([Enumerated(DecisionRuleKind.ConsensusMinusOne, DecisionRuleKind.ConsensusMinusTwo, DecisionRuleKind.QualifiedMajority, DecisionRuleKind.Mechanism, DecisionRuleKind.Custom), new RefShape("rule")]),
            "What a vote must show to adopt. A supporter is a State that does not object.",
            DecisionRuleKind.Consensus,
            b => b.Rule.Kind);

        public static readonly ScenarioField Behaviour = T.Add("behaviour", new ObjectShape(ScenarioFields.Behaviour.Path), "How States take positions.");
        public static readonly ScenarioField Defaults = T.Add("defaults", new RefShape("profile"), "Parameters for every State, before the era's blocs, groupings and overrides.");
        public static readonly ScenarioField Groupings = T.Add(
            "groupings",
            new MapShape(Choice(() => OsceCatalog.Default.Groupings.Select(g => g.Id)), new RefShape("profile")),
            "Parameters per grouping, applied in file order (later wins).");

        public static readonly ScenarioField Overrides = T.Add(
            "overrides",
            new MapShape(new OneOfShape([StateCodes, new TextShape()], Any: true), new RefShape("profile")),
            "Parameters for single States (ISO alpha-3 codes) or actors (their codes), applied last.");

        public static readonly ScenarioField Procedure = T.Add("procedure", new ObjectShape(ScenarioFields.Procedure.Path), "How the draft moves through the bodies.");
        public static readonly ScenarioField Simulation = T.Add("simulation", new ObjectShape(ScenarioFields.Simulation.Path), "Run settings (the command line can override them).");

        /// <summary>The root object's shape: exactly one of proposal and proposals.</summary>
        public static readonly ObjectShape Shape = new(Path, ["proposal", "proposals"]);

        /// <summary>The container's fields.</summary>
        public static IReadOnlyList<ScenarioField> All => T.Fields;
    }
}
