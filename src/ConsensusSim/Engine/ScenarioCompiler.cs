using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using ConsensusSim.Model;
using ConsensusSim.Numerics;

namespace ConsensusSim.Engine;

/// <summary>Turns a validated scenario into the flat arrays of a <see cref="CompiledScenario"/>.</summary>
internal static class ScenarioCompiler
{
    public static CompiledScenario Compile(Scenario s)
    {
        int n = s.States.Count;
        int d = s.Dimensions.Count;
        var blocIds = s.States.Select(s.ParticipantBloc).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var blocIndex = blocIds.Select((id, k) => (id, k)).ToDictionary(x => x.id, x => x.k, StringComparer.Ordinal);
        var excluded = s.Rule.ExcludedStates.ToHashSet(StringComparer.Ordinal);
        var p = StateParameters.Of(s);
        var weights = Weights(s);
        int minSupporters = MinimumSupporters(s, n);
        Procedures.ProcedureDefinition.TryGet(s.Procedure.Procedure, out var procedure);

        return new CompiledScenario(s, Sha256(Canonical(s)))
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
            BlocCorrelation = [.. blocIds.Select(id => s.Behaviour.BlocCorrelations is { } per && per.TryGetValue(id, out double rho) ? rho : s.Behaviour.BlocCorrelation)],
            Loss = s.Behaviour.Loss,
            HasRandomParameters = p.AnyRandom(s.Behaviour.Model),
            HasRandomPositions = s.Behaviour.Model == BehaviourModel.Stance
                && s.Proposals.Any(p => p.StatusQuo.Concat(p.Draft ?? []).Any(x => !x.IsFixed)),
        };
    }

    /// <summary>A text form of everything that affects results, so the hash ignores comments, order of JSON keys and defaults written out.</summary>
    internal static string Canonical(Scenario s)
    {
        // Sized for the States' lines at once: a sweep compiles a scenario at every point.
        var sb = new StringBuilder(1024 + (160 * s.States.Count));
        void Value(object? value)
        {
            if (value is Parameter { IsFixed: true } fixedValue)
            {
                // What Parameter.ToString gives a fixed value, without the string.
                sb.Append(CultureInfo.InvariantCulture, $"{fixedValue.First:R}");
            }
            else
            {
                sb.Append(Convert.ToString(value, CultureInfo.InvariantCulture));
            }
        }

        void Line(string key, object? value)
        {
            sb.Append(key).Append('=');
            Value(value);
            sb.Append('\n');
        }

        // As Line(key, List(values)), without the list's strings: a State has two such lines.
        void ListLine<T>(string key, IReadOnlyList<T>? values)
        {
            sb.Append(key).Append('=');
            for (int i = 0; i < (values?.Count ?? 0); i++)
            {
                if (i > 0)
                {
                    sb.Append(';');
                }

                if (values![i] is double x)
                {
                    sb.Append(CultureInfo.InvariantCulture, $"{x:R}");
                }
                else
                {
                    Value(values[i]);
                }
            }

            sb.Append('\n');
        }

        string List<T>(IEnumerable<T> xs) => string.Join(";", xs.Select(x => Convert.ToString(x, CultureInfo.InvariantCulture)));

        Line("dimensions", List(s.Dimensions));
        Line("era", s.Era);
        foreach (var p in s.Proposals)
        {
            Line("topic", p.Topic);
            Line(" body", p.Body);
            Line(" kind", p.Kind);
            // A fixed coordinate prints as R would print the number, so hashes of scenarios without distributions stay as they were.
            Line(" statusQuo", List(p.StatusQuo));
            Line(" draft", p.Draft is null ? null : List(p.Draft));
            Line(" susceptibility", R(Susceptibility(s, p)));
        }

        Line("chair", $"{s.Chair.Strategy}|{R(s.Chair.Step)}|{(s.Chair.IdealPoint is null ? null : List(s.Chair.IdealPoint.Select(R)))}|{s.Chair.State}");
        Line("rule", $"{s.Rule.Kind}|{List(s.Rule.ExcludedStates)}|{R(s.Rule.StateShare)}|{R(s.Rule.WeightShare)}|{s.Rule.Weight}|{s.Rule.Mechanism}|{s.Rule.MinimumSupporters}|{s.Rule.CustomRule?.Name}");
        Line("model", s.Behaviour.Model);
        Line("customBehaviour", s.Behaviour.Custom?.Name);
        Line("tension", R(s.Behaviour.Tension));
        Line("blocCorrelation", R(s.Behaviour.BlocCorrelation));
        Line("blocCorrelations", s.Behaviour.BlocCorrelations is null ? null : List(s.Behaviour.BlocCorrelations.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key + ":" + R(kv.Value))));
        Line("loss", s.Behaviour.Loss);
        Line("procedure", s.Procedure.Procedure);
        Line("maxRounds", s.Procedure.MaxRounds);
        Line("useSilence", s.Procedure.UseSilence);
        Line("escalate", s.Procedure.EscalateToMinisterialCouncil);
        Line("silenceDeterrence", R(s.Procedure.SilenceDeterrence));
        Line("amendmentProbability", R(s.Procedure.AmendmentProbability));
        Line("ministerialDeterrence", R(s.Procedure.MinisterialDeterrence));

        // The fallback's and retaliation's lines appear only when they can change something, so hashes of scenarios
        // without them stay as they were, and a propensity or threshold of 0 written out hashes as one left out.
        if (s.Procedure.PackageFallback)
        {
            Line("packageFallback", true);
        }

        if (s.Behaviour.RetaliationThreshold != 0)
        {
            Line("retaliationThreshold", R(s.Behaviour.RetaliationThreshold));
        }
        // States that share a resolved profile share its lines: formatting numbers is most of the hash's cost.
        var rendered = new Dictionary<StateProfile, string>(ReferenceEqualityComparer.Instance);
        foreach (var code in s.States)
        {
            var p = s.Profiles[code];
            Line("state", code + " " + s.ParticipantBloc(code));
            if (s.ActorOf(code) is { } actor)
            {
                // Only actors add this line, so hashes of scenarios without actors stay as they were.
                Line(" actorPower", R(actor.Power));
            }

            if (rendered.TryGetValue(p, out string? lines))
            {
                sb.Append(lines);
                continue;
            }

            int start = sb.Length;
            Line(" objectionProbability", p.ObjectionProbability);
            ListLine(" idealPoint", p.IdealPoint);
            ListLine(" salience", p.Salience);
            Line(" blockingCost", p.BlockingCost);
            Line(" noise", p.Noise);
            Line(" linkage", p.Linkage);
            if (p.Retaliation is { Maximum: > 0 } retaliation)
            {
                Line(" retaliation", retaliation);
            }

            rendered.Add(p, sb.ToString(start, sb.Length - start));
        }

        return sb.ToString();
    }

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

    private static double Susceptibility(Scenario s, Proposal p) =>
        p.Susceptibility ?? (s.Catalog.TryGetFieldOfWork(p.Topic, out var field) ? field.Susceptibility : 0);

    private static string R(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
