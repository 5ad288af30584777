using System.Numerics;
using System.Runtime.CompilerServices;
using ConsensusSim.Model;
using ConsensusSim.Numerics;

namespace ConsensusSim.Engine;

/// <summary>Turns a validated scenario into the flat arrays of a <see cref="CompiledScenario"/>.</summary>
internal static class ScenarioCompiler
{
    // A sweep varying behaviour numbers compiles its template once; its points share the arrays.
    private static readonly ConditionalWeakTable<Scenario, CompiledScenario> Templates = [];

    public static CompiledScenario Compile(Scenario s)
    {
        if (s.BehaviourTemplate is not { } template)
        {
            return CompileWhole(s);
        }

        var compiled = Templates.GetValue(template, t =>
        {
            // Listed before the points copy it, so they share the list: it reads none of the behaviour numbers.
            var whole = CompileWhole(t);
            _ = whole.ParameterSlots;
            return whole;
        });
        double[] correlations = s.Behaviour.BlocCorrelations is null
            ? [.. Enumerable.Repeat(s.Behaviour.BlocCorrelation, compiled.BlocCount)]
            : BlocCorrelations(s, BlocIds(s));
        return compiled.WithBehaviourNumbers(s, ScenarioCanonical.Sha256(s), correlations);
    }

    private static CompiledScenario CompileWhole(Scenario s)
    {
        int n = s.States.Count;
        int d = s.Dimensions.Count;
        var blocIds = BlocIds(s);
        var blocIndex = blocIds.Select((id, k) => (id, k)).ToDictionary(x => x.id, x => x.k, StringComparer.Ordinal);
        var excluded = s.Rule.ExcludedStates.ToHashSet(StringComparer.Ordinal);
        var p = StateParameters.Of(s);
        var weights = Weights(s);
        int minSupporters = MinimumSupporters(s, n);
        Procedures.ProcedureDefinition.TryGet(s.Procedure.Procedure, out var procedure);

        return new CompiledScenario(s, ScenarioCanonical.Sha256(s))
        {
            Procedure = procedure!.Compile(),
            UseSilence = s.Procedure.UseSilence,
            Escalate = s.Procedure.EscalateToMinisterialCouncil,
            SilenceDeterrence = s.Procedure.SilenceDeterrence,
            AmendmentProbability = s.Procedure.AmendmentProbability,
            MinisterialDeterrence = s.Procedure.MinisterialDeterrence,
            RuleKind = s.Rule.Kind,
            CustomRule = s.Rule.CustomRule,
            Weights = weights.Units,
            TotalWeight = weights.TotalUnits,
            MinimumSupporters = minSupporters,
            MinimumSupporterWeight = weights.MinimumUnits,
            RuleWeights = weights,
            StateCount = n,
            DimensionCount = d,
            StateCodes = [.. s.States],
            Model = s.Behaviour.Model,
            CustomBehaviour = s.Behaviour.Custom,
            MaxRounds = s.Procedure.MaxRounds,
            Counted = [.. s.States.Select(code => !excluded.Contains(code))],
            ObjectionProbability = p.Objection,
            IdealPoint = p.Ideal,
            Salience = p.Salience,
            BlockingCost = p.Cost,
            Noise = p.Noise,
            Linkage = p.Linkage,
            Retaliation = p.Retaliation,
            RetaliationThreshold = s.Behaviour.RetaliationThreshold,
            PackageFallback = s.Procedure.PackageFallback && s.Proposals.Count > 1,
            Bloc = [.. s.States.Select(code => blocIndex[s.ParticipantBloc(code)])],
            BlocCount = blocIds.Count,
            ItemCount = s.Proposals.Count,
            StatusQuo = [.. s.Proposals.SelectMany(p => p.StatusQuo)],
            Draft = [.. s.Proposals.SelectMany(p => p.Draft ?? Unset(d))],
            DraftOmitted = s.Proposals.Any(p => p.Draft is null),
            Susceptibility = [.. s.Proposals.Select(p => Susceptibility(s, p))],
            Chair = s.Chair.Strategy,
            CompromiseStep = s.Chair.Step,
            ChairIdealPoint = s.Chair.IdealPoint is { } chairIdeal ? [.. chairIdeal] : [],
            ChairState = s.Chair.State is { } chairState ? s.States.ToList().IndexOf(chairState) : -1,
            Tension = s.Behaviour.Tension,
            BlocCorrelation = BlocCorrelations(s, blocIds),
            Loss = s.Behaviour.Loss,
            HasRandomParameters = p.AnyRandom(s.Behaviour.Model),
            HasRandomPositions = s.Behaviour.Model == BehaviourModel.Stance
                && s.Proposals.Any(p => p.StatusQuo.Concat(p.Draft ?? []).Any(x => !x.IsFixed)),
        };
    }

    /// <summary>The blocs' identifiers in the order of their indices.</summary>
    private static List<string> BlocIds(Scenario s) =>
        s.States.Select(s.ParticipantBloc).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    /// <summary>Each bloc's noise correlation: its own if the scenario gives one, else the general one.</summary>
    private static double[] BlocCorrelations(Scenario s, List<string> blocIds) =>
        [.. blocIds.Select(id => s.Behaviour.BlocCorrelations is { } per && per.TryGetValue(id, out double rho) ? rho : s.Behaviour.BlocCorrelation)];

    /// <summary>
    /// Every participant's weight under the scenario's rule, and the supporter weight a weighted rule needs
    /// (none for other rules, which count supporters only).
    /// </summary>
    internal static RuleWeights Weights(Scenario s)
    {
        double share = s.Rule.Kind is DecisionRuleKind.QualifiedMajority or DecisionRuleKind.ApproximateConsensus ? s.Rule.WeightShare : 0;
        if (s.Rule.Weight != VotingWeight.Power)
        {
            return RuleWeights.Create([.. s.States.Select(code => (BigInteger)(s.IsActor(code) ? 1 : WeightOf(s.Catalog.GetState(code), s.Rule.Weight)))], share);
        }

        // Validation allows 'power' under weighted rules only for all-actor casts; other rules ignore weights,
        // but the array still needs one entry per participant.
        if (s.Actors.Count < s.States.Count)
        {
            return RuleWeights.Create([.. s.States.Select(_ => BigInteger.One)], share);
        }

        return RuleWeights.Create(RuleWeights.FromPowers([.. s.States.Select(code => s.ActorOf(code)!.Power)]), share);
    }

    /// <summary>Whole-unit weights, so that exact results can count coalitions by weight.</summary>
    internal static int WeightOf(Osce.ParticipatingState state, VotingWeight weight) => weight switch
    {
        VotingWeight.Population => (int)Math.Round(state.PopulationMillionsApprox * 10, MidpointRounding.AwayFromZero),
        VotingWeight.BudgetShare => (int)Math.Round(state.BudgetSharePercentApprox * 100, MidpointRounding.AwayFromZero),
        _ => 1,
    };

    /// <summary>The supporters a threshold rule needs; "at least a share" rounds up.</summary>
    internal static int MinimumSupporters(Scenario s, int n)
    {
        var rule = s.Rule;
        return rule.Kind switch
        {
            DecisionRuleKind.SimpleMajority => (n / 2) + 1,
            DecisionRuleKind.QualifiedMajority or DecisionRuleKind.ApproximateConsensus => (int)ExactDecimal.AtLeast(rule.StateShare, n),
            DecisionRuleKind.Mechanism => rule.MinimumSupporters > 0
                ? rule.MinimumSupporters
                : s.Catalog.TryGetMechanism(rule.Mechanism ?? string.Empty, out var m) ? m.MinimumStates : n,
            _ => 0,
        };
    }

    /// <summary>The draft of a proposal that gives none: a placeholder the agenda-setter replaces by its own text before anything reads it.</summary>
    private static Parameter[] Unset(int d) => [.. Enumerable.Repeat(Parameter.Fixed(0), d)];

    internal static double Susceptibility(Scenario s, Proposal p) =>
        p.Susceptibility ?? (s.Catalog.TryGetFieldOfWork(p.Topic, out var field) ? field.Susceptibility : 0);

}
