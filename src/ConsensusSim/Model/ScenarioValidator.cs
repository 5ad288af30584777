using System.Globalization;

namespace ConsensusSim.Model;

/// <summary>
/// Semantic checks of a scenario. Paths name the JSON location of each value so that problems in
/// scenarios read from files and built in code are reported alike.
/// </summary>
internal static partial class ScenarioValidator
{
    internal const int MaxRoundsLimit = ScenarioFields.MaxRoundsLimit;
    internal const int MaxParticipants = ScenarioFields.MaxParticipants;
    private const double SalienceTolerance = 1e-6;

    public static IReadOnlyList<ScenarioProblem> Validate(ScenarioBuilder b)
    {
        var problems = ScenarioNulls.Find(b);
        if (problems.Count > 0)
        {
            return problems;
        }

        void Add(string path, string message) => problems.Add(new ScenarioProblem(path, message));

        if (string.IsNullOrWhiteSpace(b.Name))
        {
            Add("$.name", "The scenario needs a name.");
        }

        int d = ValidateDimensions(b, Add);
        var states = ValidateStates(b, Add);
        if (states.Count > MaxParticipants)
        {
            Add("$.actors", $"A scenario may have at most {MaxParticipants:N0} participants (a vote draws one normal per participant and one per bloc, at most {ScenarioLimits.MaxNormalsPerVote:N0} in all); it has {states.Count:N0}.");
        }
        else if ((long)states.Count * d > ScenarioLimits.MaxIdealPointCoordinates)
        {
            Add("$.dimensions", $"A scenario may have at most {ScenarioLimits.MaxIdealPointCoordinates:N0} ideal-point coordinates, participants × dimensions (a trial draws one uniform for each); it has {states.Count:N0} × {d:N0} = {(long)states.Count * d:N0}.");
        }

        ValidateProfile(b.Defaults, "$.defaults", d, Add);
        var seenGroupings = new HashSet<string>(StringComparer.Ordinal);
        foreach (var g in b.GroupingProfiles)
        {
            string path = "$.groupings." + g.Target;
            if (!b.Catalog.TryGetGrouping(g.Target, out _))
            {
                Add(path, $"Unknown grouping '{g.Target}'. Known groupings: {string.Join(", ", b.Catalog.Groupings.Select(x => x.Id))}.");
            }
            else if (!seenGroupings.Add(g.Target))
            {
                Add(path, $"The grouping '{g.Target}' is given twice.");
            }

            ValidateProfile(g.Profile, path, d, Add);
        }

        var seenOverrides = new HashSet<string>(StringComparer.Ordinal);
        foreach (var o in b.StateOverrides)
        {
            string path = "$.overrides." + o.Target;
            bool isActor = b.Actors.Any(a => string.Equals(a.Code, o.Target, StringComparison.Ordinal));
            if (!isActor && !b.Catalog.TryGetState(o.Target, out _))
            {
                Add(path, $"Unknown State code '{o.Target}' (use ISO 3166-1 alpha-3 codes of participating States, or the code of one of the scenario's actors).");
            }
            else if (!states.Contains(o.Target))
            {
                Add(path, $"The State '{o.Target}' has an override but does not take part in the scenario.");
            }
            else if (!seenOverrides.Add(o.Target))
            {
                Add(path, $"Duplicate State code '{o.Target}' in overrides.");
            }

            ValidateProfile(o.Profile, path, d, Add);
        }

        if (b.Proposals.Count == 0)
        {
            Add("$.proposals", "At least one proposal is needed.");
        }

        for (int k = 0; k < b.Proposals.Count; k++)
        {
            ValidateProposal(b, b.Proposals[k], b.Proposals.Count == 1 ? "$.proposal" : $"$.proposals[{k}]", d, Add);
        }

        ValidateChair(b, states, d, Add);
        if (b.Era is { } era && !b.Catalog.TryGetEra(era, out _))
        {
            Add("$.era", $"Unknown era '{era}'. Known eras: {string.Join(", ", b.Catalog.Eras.Select(e => e.Id))}.");
        }
        ValidateRule(b, states, Add);
        ValidateBehaviour(b.Behaviour, Add);
        if (b.Behaviour.BlocCorrelations is { } perBloc)
        {
            foreach (var (bloc, rho) in perBloc)
            {
                string path = "$.behaviour.blocCorrelations." + bloc;
                bool actorBloc = b.Actors.Any(a => string.Equals(a.Bloc, bloc, StringComparison.Ordinal));
                if (!actorBloc && (!b.Catalog.TryGetGrouping(bloc, out var g) || g.Kind != Osce.GroupingKind.Bloc))
                {
                    Add(path, $"Unknown bloc '{bloc}'. Blocs: {string.Join(", ", b.Catalog.Groupings.Where(x => x.Kind == Osce.GroupingKind.Bloc).Select(x => x.Id))}.");
                }

                CheckNumber(rho, path, ScenarioFields.Behaviour.BlocCorrelations, Add);
            }
        }

        ValidateProcedure(b.Procedure, Add);
        ValidatePackageFallback(b, Add);

        var trials = ScenarioFields.Simulation.Trials;
        if (b.Trials < Range(trials).Low || b.Trials > Range(trials).High)
        {
            Add(trials.Path, $"trials must be a positive whole number up to {(long)Range(trials).High:N0}; it is {b.Trials}.");
        }

        // Completeness only makes sense once the pieces themselves are valid.
        if (problems.Count == 0)
        {
            ValidateCompleteness(b, states, Add);
        }

        return problems;
    }

    /// <summary>
    /// The problems of a valid scenario's behaviour options after <see cref="BehaviourOptions.With"/> changed its numbers:
    /// no other check reads those numbers, so the rest of the scenario stays valid and <see cref="Validate"/> would find these alone.
    /// </summary>
    /// <param name="behaviour">The changed options.</param>
    /// <returns>The problems, empty when the options are valid.</returns>
    public static IReadOnlyList<ScenarioProblem> ValidateBehaviourNumbers(BehaviourOptions behaviour)
    {
        var problems = new List<ScenarioProblem>();
        ValidateBehaviour(behaviour, (path, message) => problems.Add(new ScenarioProblem(path, message)));
        return problems;
    }

    private static int ValidateDimensions(ScenarioBuilder b, Action<string, string> add)
    {
        if (b.Dimensions.Count == 0)
        {
            add("$.dimensions", "At least one dimension is needed.");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < b.Dimensions.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(b.Dimensions[i]))
            {
                add($"$.dimensions[{i}]", "A dimension needs a name.");
            }
            else if (!seen.Add(b.Dimensions[i]))
            {
                add($"$.dimensions[{i}]", $"Duplicate dimension '{b.Dimensions[i]}'.");
            }
        }

        return b.Dimensions.Count;
    }

    private static HashSet<string> ValidateStates(ScenarioBuilder b, Action<string, string> add)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        if (b.States is null)
        {
            set.UnionWith(b.Catalog.States.Select(s => s.Code));
            ValidateActors(b, set, add);
            return set;
        }

        if (b.States.Count == 0 && b.Actors.Count == 0)
        {
            add("$.states", "At least one State or actor must take part.");
        }

        for (int i = 0; i < b.States.Count; i++)
        {
            string code = b.States[i];
            if (!b.Catalog.TryGetState(code, out _))
            {
                add($"$.states[{i}]", $"Unknown State code '{code}' (use ISO 3166-1 alpha-3 codes of participating States).");
            }
            else if (!set.Add(code))
            {
                add($"$.states[{i}]", $"Duplicate State code '{code}'.");
            }
        }

        ValidateActors(b, set, add);
        return set;
    }

    /// <summary>Checks the actors and adds their codes to the participants.</summary>
    private static void ValidateActors(ScenarioBuilder b, HashSet<string> participants, Action<string, string> add)
    {
        for (int i = 0; i < b.Actors.Count; i++)
        {
            var actor = b.Actors[i];
            string path = $"$.actors[{i}]";
            if (string.IsNullOrWhiteSpace(actor.Code))
            {
                add(path + ".code", "An actor needs a code.");
            }
            else if (!participants.Add(actor.Code))
            {
                add(path + ".code", $"The code '{actor.Code}' is already taken by another participant; codes must be unique.");
            }

            CheckNumber(actor.Power, At(path, ScenarioFields.Actor.Power), ScenarioFields.Actor.Power, add);
            if (actor.Bloc is { } bloc && string.IsNullOrWhiteSpace(bloc))
            {
                add(path + ".bloc", "A bloc id must not be empty; leave it out for an actor standing alone.");
            }
        }
    }

    private static void ValidateProfile(StateProfile p, string path, int d, Action<string, string> add)
    {
        var f = (ObjectionProbability: ScenarioFields.Profile.ObjectionProbability, BlockingCost: ScenarioFields.Profile.BlockingCost, Noise: ScenarioFields.Profile.Noise, Linkage: ScenarioFields.Profile.Linkage);
        CheckRange(p.ObjectionProbability, At(path, f.ObjectionProbability), f.ObjectionProbability, add);
        CheckRange(p.BlockingCost, At(path, f.BlockingCost), f.BlockingCost, add);
        CheckRange(p.Noise, At(path, f.Noise), f.Noise, add);
        CheckRange(p.Linkage, At(path, f.Linkage), f.Linkage, add);
        CheckRange(p.Retaliation, At(path, ScenarioFields.Profile.Retaliation), ScenarioFields.Profile.Retaliation, add);

        if (p.IdealPoint is { } ideal)
        {
            string at = At(path, ScenarioFields.Profile.IdealPoint);
            CheckLength(ideal.Count, d, at, add);
            for (int i = 0; i < ideal.Count; i++)
            {
                CheckRange(ideal[i], $"{at}[{i}]", ScenarioFields.Profile.IdealPoint, add);
            }
        }

        if (p.Salience is { } salience)
        {
            string at = At(path, ScenarioFields.Profile.Salience);
            CheckLength(salience.Count, d, at, add);
            bool allValid = true;
            for (int i = 0; i < salience.Count; i++)
            {
                allValid &= CheckNumber(salience[i], $"{at}[{i}]", ScenarioFields.Profile.Salience, add);
            }

            double sum = salience.Sum();
            if (allValid && Math.Abs(sum - 1.0) > SalienceTolerance)
            {
                add(at, $"Salience weights must sum to 1; they sum to {sum.ToString("0.######", CultureInfo.InvariantCulture)}.");
            }
        }
    }

    private static void ValidateChair(ScenarioBuilder b, HashSet<string> states, int d, Action<string, string> add)
    {
        var chair = b.Chair;
        if (!Enum.IsDefined(chair.Strategy))
        {
            add("$.chair.strategy", $"Unknown chair strategy '{chair.Strategy}'.");
            return;
        }

        if (chair.Strategy != ChairStrategy.Fixed && b.Proposals.Count > 1)
        {
            add("$.chair.strategy", "The compromise and agenda-setter strategies revise a single proposal; packages use the fixed strategy.");
        }

        if (chair.Strategy != ChairStrategy.Fixed && b.Behaviour.Model != BehaviourModel.Stance)
        {
            add("$.chair.strategy", "The compromise and agenda-setter strategies need the stance behaviour: they move the draft in the policy space.");
        }

        if (chair.Strategy == ChairStrategy.Compromise)
        {
            CheckNumber(chair.Step, ScenarioFields.Chair.Step.Path, ScenarioFields.Chair.Step, add);
        }

        if (chair.Strategy == ChairStrategy.AgendaSetter && d > ScenarioLimits.MaxAgendaSetterDimensions)
        {
            add("$.dimensions", $"The agenda-setter's win-set solver takes at most {ScenarioLimits.MaxAgendaSetterDimensions:N0} dimensions; the scenario has {d:N0}.");
        }

        if (chair.State is { } code && !states.Contains(code))
        {
            add("$.chair.state", $"The chairing State '{code}' does not take part in the scenario.");
        }

        if (chair.IdealPoint is { } ideal)
        {
            CheckPoint(ideal, ScenarioFields.Chair.IdealPoint.Path, ScenarioFields.Chair.IdealPoint, d, add);
        }
        else if (chair.Strategy == ChairStrategy.AgendaSetter && chair.State is null)
        {
            add("$.chair", "The agenda-setter needs an 'idealPoint' or a chairing 'state' whose ideal point it pursues.");
        }
    }

    private static void ValidateProposal(ScenarioBuilder b, Proposal p, string at, int d, Action<string, string> add)
    {
        if (!b.Catalog.TryGetFieldOfWork(p.Topic, out _))
        {
            add(at + ".topic", $"Unknown topic '{p.Topic}'. Known topics: {string.Join(", ", b.Catalog.FieldsOfWork.Select(f => f.Id))}.");
        }

        if (!b.Catalog.TryGetBody(p.Body, out var body))
        {
            add(at + ".body", $"Unknown body '{p.Body}'. Known bodies: {string.Join(", ", b.Catalog.Bodies.Select(x => x.Id))}.");
        }
        else if (body.Kind != Osce.BodyKind.DecisionMaking)
        {
            add(at + ".body", $"'{p.Body}' does not take decisions; use one of: {string.Join(", ", b.Catalog.Bodies.Where(x => x.Kind == Osce.BodyKind.DecisionMaking).Select(x => x.Id))}.");
        }

        if (!Enum.IsDefined(p.Kind))
        {
            add(at + ".kind", $"Unknown item kind '{p.Kind}'.");
        }

        var f = (StatusQuo: ScenarioFields.Proposal.StatusQuo, Draft: ScenarioFields.Proposal.Draft, Susceptibility: ScenarioFields.Proposal.Susceptibility);
        CheckPoint(p.StatusQuo, At(at, f.StatusQuo), f.StatusQuo, d, add);
        if (p.Draft is { } draft)
        {
            CheckPoint(draft, At(at, f.Draft), f.Draft, d, add);
        }
        else if (b.Chair is not { Strategy: ChairStrategy.AgendaSetter })
        {
            // Positions decide who gains from the draft; made-up ones would decide the result.
            add(At(at, f.Draft), "A proposal needs its draft (none is given: Proposal.Draft is null): \"draft\": [...], one position in [0, 1] per dimension. Only the agenda-setter Chair tables a text of its own.");
        }

        if (p.Susceptibility is double k)
        {
            CheckNumber(k, At(at, f.Susceptibility), f.Susceptibility, add);
        }
    }

    private static void ValidateProcedure(ProcedureOptions o, Action<string, string> add)
    {
        if (!Procedures.ProcedureDefinition.TryGet(o.Procedure, out _))
        {
            add("$.procedure.procedure", $"Unknown procedure '{o.Procedure}'. Known procedures: {string.Join(", ", Procedures.ProcedureDefinition.All.Select(p => p.Id))}.");
        }

        CheckDeclaredNumbers(ScenarioFields.Procedure.All, o, add);
    }

    private static void ValidateBehaviour(BehaviourOptions o, Action<string, string> add)
    {
        if (!Enum.IsDefined(o.Model))
        {
            add("$.behaviour.model", $"Unknown behaviour model '{o.Model}'.");
        }

        if (o.Model == BehaviourModel.Custom && o.Custom is null)
        {
            add("$.behaviour.model", "A custom behaviour is written in code (BehaviourOptions.Custom); scenario files cannot name one.");
        }

        if (!Enum.IsDefined(o.Loss))
        {
            add("$.behaviour.loss", $"Unknown loss function '{o.Loss}'.");
        }

        CheckDeclaredNumbers(ScenarioFields.Behaviour.All, o, add);
    }

    private static void ValidateCompleteness(ScenarioBuilder b, HashSet<string> states, Action<string, string> add)
    {
        var missing = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var profiles = new ProfileResolver(b);
        foreach (var code in states.Order(StringComparer.Ordinal))
        {
            var p = profiles.Resolve(code);
            void Need(bool present, string name)
            {
                if (!present)
                {
                    (missing.TryGetValue(name, out var list) ? list : missing[name] = []).Add(code);
                }
            }

            if (b.Behaviour.Model == BehaviourModel.FixedObjection)
            {
                Need(p.ObjectionProbability is not null, "objectionProbability");
            }
            else if (b.Behaviour.Model == BehaviourModel.Stance)
            {
                Need(p.IdealPoint is not null, "idealPoint");
                Need(p.Salience is not null, "salience");
                Need(p.BlockingCost is not null, "blockingCost");
                Need(p.Noise is not null, "noise");
            }
        }

        foreach (var (name, codes) in missing)
        {
            string who = codes.Count > 6 ? string.Join(", ", codes.Take(6)) + $" and {codes.Count - 6} more" : string.Join(", ", codes);
            add("$.defaults." + name, $"The {b.Behaviour.Model} behaviour needs '{name}' for every State; missing for {who}. Set it in defaults, a grouping or overrides.");
        }
    }

    private static void CheckPoint(IReadOnlyList<double> point, string path, ScenarioField f, int d, Action<string, string> add)
    {
        CheckLength(point.Count, d, path, add);
        for (int i = 0; i < point.Count; i++)
        {
            CheckNumber(point[i], $"{path}[{i}]", f, add);
        }
    }

    /// <summary>A point whose coordinates may be distributions: each must stay inside the field's range in every trial.</summary>
    private static void CheckPoint(IReadOnlyList<Parameter> point, string path, ScenarioField f, int d, Action<string, string> add)
    {
        CheckLength(point.Count, d, path, add);
        for (int i = 0; i < point.Count; i++)
        {
            if (point[i].IsFixed)
            {
                CheckNumber(point[i].First, $"{path}[{i}]", f, add);
            }
            else
            {
                CheckRange(point[i], $"{path}[{i}]", f, add);
            }
        }
    }

    private static void CheckLength(int count, int d, string path, Action<string, string> add)
    {
        if (count != d)
        {
            add(path, $"Expected {d} value(s), one per dimension; got {count}.");
        }
    }

    private static void CheckRange(Parameter? p, string path, double min, double max, string what, Action<string, string> add)
    {
        if (p is null)
        {
            return;
        }

        if (p.Minimum < min || p.Maximum > max)
        {
            add(path, $"{Capitalise(what)} must lie in {Interval(min, max)}; this one ranges over [{Fmt(p.Minimum)}, {Fmt(p.Maximum)}].");
        }
    }

    private static bool CheckNumber(double value, string path, double min, double max, string what, Action<string, string> add)
    {
        if (!double.IsFinite(value))
        {
            add(path, $"{Capitalise(what)} must be a finite number, not {Fmt(value)}.");
            return false;
        }

        if (value < min || value > max)
        {
            add(path, $"{Capitalise(what)} must lie in {Interval(min, max)}; it is {Fmt(value)}.");
            return false;
        }

        return true;
    }

    private static string Interval(double min, double max) =>
        double.IsPositiveInfinity(max) ? $"[{Fmt(min)}, ∞)" : $"[{Fmt(min)}, {Fmt(max)}]";

    private static string Fmt(double v) => v.ToString("G6", CultureInfo.InvariantCulture);

    private static string Capitalise(string s) => char.ToUpperInvariant(s[0]) + s[1..];
}
