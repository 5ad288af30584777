namespace ConsensusSim.Model;

/// <summary>The fields of the actors, the Chair, the behaviour, the procedure and the run settings.</summary>
internal static partial class ScenarioFields
{
    /// <summary>An entry of <c>$.actors</c>.</summary>
    public static class Actor
    {
        /// <summary>The container path (problems name the entry, <c>$.actors[2]</c>).</summary>
        public const string Path = "$.actors[]";

        private static readonly FieldTable<Model.Actor> T = new(Path);

        public static readonly ScenarioField Code = T.Add("code", new TextShape(NotEmpty: true), "The actor's code, unique among participants; overrides name it.", required: true);
        public static readonly ScenarioField Name = T.Add("name", new TextShape(), "A readable name.");
        public static readonly ScenarioField Power = T.Add("power", new NumberShape("a power", 0), "Power or influence; only ratios matter (the weight under rule weight 'power').", 1.0, a => a.Power);
        public static readonly ScenarioField Bloc = T.Add("bloc", new TextShape(NotEmpty: true), "Actors of one bloc share part of their noise; leave out for an actor standing alone.", model: a => a.Bloc);

        /// <summary>The container's fields.</summary>
        public static IReadOnlyList<ScenarioField> All => T.Fields;
    }

    /// <summary><c>$.chair</c>.</summary>
    public static class Chair
    {
        /// <summary>The container path.</summary>
        public const string Path = "$.chair";

        private static readonly FieldTable<ChairOptions> T = new(Path);

        public static readonly ScenarioField Strategy = T.Add(
            "strategy",
            Enumerated<ChairStrategy>(),
            "fixed: the draft as tabled; compromise: move toward the status quo where objectors care; agenda-setter: the Chair's best point inside the perceived win-set.",
            ChairStrategy.Fixed,
            c => c.Strategy);

        public static readonly ScenarioField Step = T.Add("step", new NumberShape("a compromise step", 0, 1, ExclusiveMinimum: true), "Compromise step α per revision.", 0.25, c => c.Step);
        public static readonly ScenarioField IdealPoint = T.Add(
            "idealPoint",
            new ListShape(new NumberShape("a position", 0, 1), MinItems: 1),
            "The agenda-setter's ideal point, one coordinate per dimension.",
            model: c => c.IdealPoint);

        public static readonly ScenarioField State = T.Add("state", StateCodes, "The chairing State; its ideal point is the agenda-setter's when idealPoint is not given, and its saliences weigh the agenda-setter's loss (equal weights without a chairing State).", model: c => c.State);

        /// <summary>The container's fields.</summary>
        public static IReadOnlyList<ScenarioField> All => T.Fields;
    }

    /// <summary><c>$.behaviour</c>.</summary>
    public static class Behaviour
    {
        /// <summary>The container path.</summary>
        public const string Path = "$.behaviour";

        private static readonly FieldTable<BehaviourOptions> T = new(Path);

        public static readonly ScenarioField Model = T.Add(
            "model",
            Enumerated(BehaviourModel.Custom),
            "stance: spatial gains, noise and hostage-taking; fixed-objection: each State objects with its own probability.",
            BehaviourModel.Stance,
            o => o.Model);

        public static readonly ScenarioField Tension = T.Add("tension", new NumberShape("a tension", 0, 1), "Politico-military tension T of the era, 0 = détente, 1 = war.", 0.0, o => o.Tension);
        public static readonly ScenarioField BlocCorrelation = T.Add("blocCorrelation", new NumberShape("a correlation", 0, 1), "Share ρ of noise variance shared inside each bloc (Gaussian copula).", 0.0, o => o.BlocCorrelation);
        public static readonly ScenarioField BlocCorrelations = T.Add(
            "blocCorrelations",
            new MapShape(new OneOfShape([Choice(() => Osce.OsceCatalog.Default.Groupings.Where(g => g.Kind == Osce.GroupingKind.Bloc).Select(g => g.Id)), new TextShape()], Any: true), new NumberShape("a correlation", 0, 1)),
            "ρ per bloc (a catalog bloc or an actors' bloc), overriding blocCorrelation.",
            model: o => o.BlocCorrelations);

        public static readonly ScenarioField Loss = T.Add("loss", Enumerated<LossFunction>(), "How distance from an ideal point becomes loss.", LossFunction.Linear, o => o.Loss);
        public static readonly ScenarioField RetaliationThreshold = T.Add(
            "retaliationThreshold",
            new NumberShape("a retaliation threshold", 0, 1),
            "Gain θ above which a State values a proposal: blocking a decision that holds one it values invites its retaliation, against the proposals the blocker values.",
            0.0,
            o => o.RetaliationThreshold);

        /// <summary>The container's fields.</summary>
        public static IReadOnlyList<ScenarioField> All => T.Fields;
    }

    /// <summary><c>$.procedure</c>.</summary>
    public static class Procedure
    {
        /// <summary>The container path.</summary>
        public const string Path = "$.procedure";

        private static readonly FieldTable<ProcedureOptions> T = new(Path);

        // The procedures' identifiers are listed, not looked up: the model does not depend on Procedures (a schema test compares them).
        public static readonly ScenarioField Id = T.Add("procedure", Choice(() => ["consensus", "single-decision"]), "consensus: the OSCE procedure; single-decision: one vote.", "consensus", o => o.Procedure);
        public static readonly ScenarioField MaxRounds = T.Add(
            "maxRounds",
            new NumberShape("maxRounds", 1, MaxRoundsLimit, Whole: true),
            "Meetings at which the draft is put before it is given up or escalated.",
            1,
            o => o.MaxRounds);

        public static readonly ScenarioField UseSilence = T.Add("useSilence", new FlagShape(), "Decide by silence procedure after a meeting agrees to it.", false, o => o.UseSilence);
        public static readonly ScenarioField Escalate = T.Add("escalateToMinisterialCouncil", new FlagShape(), "After the last round, one more vote at the Ministerial Council.", false, o => o.EscalateToMinisterialCouncil);
        public static readonly ScenarioField SilenceDeterrence = T.Add("silenceDeterrence", Deterrence, "How much harder breaking silence is than objecting at a meeting.", 1.5, o => o.SilenceDeterrence);
        public static readonly ScenarioField AmendmentProbability = T.Add("amendmentProbability", new NumberShape("a probability", 0, 1), "Probability that a non-objecting State breaks silence with an amendment.", 0.0, o => o.AmendmentProbability);
        public static readonly ScenarioField MinisterialDeterrence = T.Add("ministerialDeterrence", Deterrence, "How much harder objecting is at the Ministerial Council.", 1.5, o => o.MinisterialDeterrence);
        public static readonly ScenarioField PackageFallback = T.Add(
            "packageFallback",
            new FlagShape(),
            "After a package fails, the Chair puts its proposals one by one, in order, each decided by the same procedure (needs two or more proposals).",
            false,
            o => o.PackageFallback);

        /// <summary>The container's fields.</summary>
        public static IReadOnlyList<ScenarioField> All => T.Fields;

        private static NumberShape Deterrence => new("a deterrence factor", 1, 1000);
    }

    /// <summary><c>$.simulation</c>.</summary>
    public static class Simulation
    {
        /// <summary>The container path.</summary>
        public const string Path = "$.simulation";

        private static readonly FieldTable<ScenarioBuilder> T = new(Path);

        public static readonly ScenarioField Trials = T.Add("trials", new NumberShape("trials", 1, MaxTrials, Whole: true), "Monte Carlo trials.", 100_000L, b => b.Trials);
        public static readonly ScenarioField Seed = T.Add("seed", new NumberShape("seed", 0, ulong.MaxValue, Whole: true), "Run seed: the same seed gives bit-identical results.", 1975UL, b => b.Seed);

        /// <summary>The container's fields.</summary>
        public static IReadOnlyList<ScenarioField> All => T.Fields;
    }
}
