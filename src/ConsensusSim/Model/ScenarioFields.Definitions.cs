using ConsensusSim.Osce;

namespace ConsensusSim.Model;

/// <summary>The shared definitions: parameters, State profiles, proposals and decision rules.</summary>
internal static partial class ScenarioFields
{
    /// <summary>The definitions several fields refer to (<c>#/$defs/…</c>).</summary>
    public static class Definitions
    {
        /// <summary>The container path.</summary>
        public const string Path = "$defs";

        private static readonly FieldTable<object> T = new(Path);

        public static readonly ScenarioField Parameter = T.Add("parameter", new ParameterShape(ScenarioFields.Parameter.Path), "A number, or a distribution drawn once per trial.");
        public static readonly ScenarioField Profile = T.Add("profile", new ObjectShape(ScenarioFields.Profile.Path), "State parameters; any may be left out.");
        public static readonly ScenarioField Proposal = T.Add("proposal", new ObjectShape(ScenarioFields.Proposal.Path), "A draft put to the States: its status quo and draft decide who gains from it (the agenda-setter Chair needs no draft).");
        public static readonly ScenarioField Rule = T.Add("rule", new ObjectShape(ScenarioFields.Rule.Path), "A decision rule with parameters.");

        /// <summary>The container's fields.</summary>
        public static IReadOnlyList<ScenarioField> All => T.Fields;
    }

    /// <summary>The distributions a parameter may name instead of a number.</summary>
    public static class Parameter
    {
        /// <summary>The container path (problems name the parameter, <c>$.defaults.noise.beta</c>).</summary>
        public const string Path = "$defs.parameter";

        private static readonly FieldTable<object> T = new(Path);

        public static readonly ScenarioField Uniform = T.Add("uniform", new ListShape(new NumberShape("a bound"), 2, 2), "[lower, upper]");
        public static readonly ScenarioField Beta = T.Add(
            "beta",
            new ListShape(new NumberShape("a shape", 0, (decimal)Model.Parameter.MaxBetaShape, ExclusiveMinimum: true), 2, 2),
            "[alpha, beta], both > 0 and at most 1e6");

        public static readonly ScenarioField TruncatedNormal = T.Add("truncatedNormal", new ListShape(new NumberShape("an argument"), 4, 4), "[mean, sd, lower, upper]");

        /// <summary>The container's fields.</summary>
        public static IReadOnlyList<ScenarioField> All => T.Fields;
    }

    /// <summary>A State profile: <c>$.defaults</c>, each grouping's and each override's.</summary>
    public static class Profile
    {
        /// <summary>The container path.</summary>
        public const string Path = "$defs.profile";

        private static readonly FieldTable<StateProfile> T = new(Path);

        public static readonly ScenarioField ObjectionProbability = T.Add(
            "objectionProbability",
            Parameter("a probability", 1),
            "Probability of objecting in a vote (fixed-objection behaviour), in [0, 1].",
            model: p => p.ObjectionProbability);

        public static readonly ScenarioField IdealPoint = T.Add("idealPoint", new ListShape(Parameter("a position", 1), MinItems: 1), "Ideal point, one position in [0, 1] per dimension.", model: p => p.IdealPoint);
        public static readonly ScenarioField Salience = T.Add("salience", new ListShape(new NumberShape("a salience weight", 0), MinItems: 1), "Salience weights, one per dimension, summing to 1.", model: p => p.Salience);
        public static readonly ScenarioField BlockingCost = T.Add("blockingCost", Parameter("a blocking cost", null), "Blocking cost τ ≥ 0: loss swallowed before objecting.", model: p => p.BlockingCost);
        public static readonly ScenarioField Noise = T.Add("noise", Parameter("a noise scale", null), "Noise scale σ ≥ 0 of the perceived gain.", model: p => p.Noise);
        public static readonly ScenarioField Linkage = T.Add(
            "linkage",
            Parameter("a linkage propensity", 1),
            "Linkage propensity λ in [0, 1]: readiness to take items hostage under tension.",
            model: p => p.Linkage);

        public static readonly ScenarioField Retaliation = T.Add(
            "retaliation",
            Parameter("a retaliation propensity", 1),
            "Retaliation propensity ρ in [0, 1]: in the item-by-item votes after a failed package (procedure.packageFallback), the chance of objecting to each later proposal wanted by a State whose objection blocked a decision this State valued and did not oppose (stance behaviour).",
            model: p => p.Retaliation);

        /// <summary>The container's fields.</summary>
        public static IReadOnlyList<ScenarioField> All => T.Fields;

        private static RefShape Parameter(string what, decimal? maximum) => new("parameter", new NumberShape(what, 0, maximum));
    }

    /// <summary>A proposal: <c>$.proposal</c> or an entry of <c>$.proposals</c>.</summary>
    public static class Proposal
    {
        /// <summary>The container path.</summary>
        public const string Path = "$defs.proposal";

        private static readonly FieldTable<Model.Proposal> T = new(Path);

        public static readonly ScenarioField Title = T.Add("title", new TextShape(), "A short title, for results and reports.", "Untitled proposal", p => p.Title);
        public static readonly ScenarioField Topic = T.Add(
            "topic",
            Choice(() => OsceCatalog.Default.FieldsOfWork.Select(f => f.Id)),
            "The field of work; sets the susceptibility κ to political conjuncture.",
            "counter-terrorism",
            p => p.Topic);

        public static readonly ScenarioField Body = T.Add(
            "body",
            Choice(() => OsceCatalog.Default.Bodies.Where(b => b.Kind == BodyKind.DecisionMaking).Select(b => b.Id)),
            "The deciding body.",
            "permanent-council",
            p => p.Body);

        public static readonly ScenarioField Kind = T.Add("kind", Enumerated<ItemKind>(), "The item kind, which fixes what happens when consensus fails.", ItemKind.Declaration, p => p.Kind);
        public static readonly ScenarioField StatusQuo = T.Add(
            "statusQuo",
            Point,
            "The status quo q, one position per dimension: a number or a distribution drawn once per trial.",
            required: true);

        public static readonly ScenarioField Draft = T.Add(
            "draft",
            Point,
            "The tabled draft p₀, one position per dimension: a number or a distribution drawn once per trial. Required, except with the agenda-setter Chair, which tables its own text.");
        public static readonly ScenarioField Susceptibility = T.Add("susceptibility", new NumberShape("a susceptibility", 0, 1), "Overrides the topic's susceptibility κ.", model: p => p.Susceptibility);

        /// <summary>The container's fields.</summary>
        public static IReadOnlyList<ScenarioField> All => T.Fields;

        private static ListShape Point => new(new RefShape("parameter", new NumberShape("a position", 0, 1)), MinItems: 1);
    }

    /// <summary>A decision rule given as an object (<c>$.rule</c>).</summary>
    public static class Rule
    {
        /// <summary>The container path (problems name <c>$.rule</c>).</summary>
        public const string Path = "$defs.rule";

        private static readonly FieldTable<DecisionRule> T = new(Path);

        public static readonly ScenarioField Kind = T.Add("kind", Enumerated(DecisionRuleKind.Custom), "The rule.", model: r => r.Kind, required: true);
        public static readonly ScenarioField States = T.Add(
            "states",
            new ListShape(StateCodes, Unique: true),
            "The named State (minus-one) or two disputants (minus-two) whose objections do not count.");

        public static readonly ScenarioField StateShare = T.Add("stateShare", new NumberShape("a share of States", 0, 1), "Share of States that must support (qualified majority).");
        public static readonly ScenarioField WeightShare = T.Add("weightShare", new NumberShape("a share of weight", 0, 1), "Share of weight supporters must carry (qualified majority).");
        public static readonly ScenarioField Weight = T.Add(
            "weight",
            Enumerated<VotingWeight>(),
            "What a participant weighs: 1, population or budget share (States), or power (actors).");

        public static readonly ScenarioField Mechanism = T.Add("mechanism", Choice(() => OsceCatalog.Default.Mechanisms.Select(m => m.Id)), "The mechanism to invoke.");
        public static readonly ScenarioField MinimumStates = T.Add("minimumStates", new NumberShape("minimumStates", 0, Whole: true), "Overrides the mechanism's threshold (0 = the catalog's).");

        /// <summary>The container's fields.</summary>
        public static IReadOnlyList<ScenarioField> All => T.Fields;
    }
}
