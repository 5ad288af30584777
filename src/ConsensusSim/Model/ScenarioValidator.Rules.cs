using System.Globalization;

namespace ConsensusSim.Model;

/// <summary>The validator's checks of the decision rule and the weights it counts.</summary>
internal static partial class ScenarioValidator
{
    /// <summary>Population and budget shares exist only for States, power only for actors.</summary>
    private static void ValidateWeightSource(ScenarioBuilder b, HashSet<string> participants, VotingWeight weight, Action<string, string> add)
    {
        int actors = b.Actors.Count;
        int states = participants.Count - actors;
        if (weight == VotingWeight.Power && states > 0)
        {
            add("$.rule.weight", $"The weight 'power' needs every participant to be an actor with a power; {states} OSCE State(s) take part.");
        }
        else if (weight == VotingWeight.Power && !b.Actors.Any(a => a.Power > 0))
        {
            add("$.rule.weight", "The weight 'power' needs at least one actor with a power above 0.");
        }
        else if (weight is VotingWeight.Population or VotingWeight.BudgetShare && actors > 0)
        {
            add("$.rule.weight", $"Actors have no {(weight == VotingWeight.Population ? "population" : "budget share")} in the catalog; use 'power' or 'equal' for a scenario with actors.");
        }
    }

    private static void ValidateRule(ScenarioBuilder b, HashSet<string> states, Action<string, string> add)
    {
        var rule = b.Rule;
        if (!Enum.IsDefined(rule.Kind))
        {
            add("$.rule", $"Unknown decision rule '{rule.Kind}'.");
            return;
        }

        switch (rule.Kind)
        {
            case DecisionRuleKind.QualifiedMajority or DecisionRuleKind.ApproximateConsensus:
                CheckNumber(rule.StateShare, At("$.rule", ScenarioFields.Rule.StateShare), ScenarioFields.Rule.StateShare, add);
                CheckNumber(rule.WeightShare, At("$.rule", ScenarioFields.Rule.WeightShare), ScenarioFields.Rule.WeightShare, add);
                if (!Enum.IsDefined(rule.Weight))
                {
                    add("$.rule.weight", $"Unknown weight '{rule.Weight}'.");
                }
                else
                {
                    ValidateWeightSource(b, states, rule.Weight, add);
                }

                break;
            case DecisionRuleKind.Custom when rule.CustomRule is null:
                add("$.rule", "A custom rule is written in code (DecisionRule.Custom); scenario files cannot name one.");
                break;
            case DecisionRuleKind.Custom when Enum.IsDefined(rule.Weight):
                // A custom rule sees the supporters' weight, so it needs weights the cast has.
                ValidateWeightSource(b, states, rule.Weight, add);
                break;
            case DecisionRuleKind.Mechanism:
                Osce.OsceMechanism? mechanism = null;
                if (rule.Mechanism is null || !b.Catalog.TryGetMechanism(rule.Mechanism, out mechanism))
                {
                    add("$.rule.mechanism", $"Unknown mechanism '{rule.Mechanism}'. Known mechanisms: {string.Join(", ", b.Catalog.Mechanisms.Select(m => m.Id))}.");
                }
                else if (rule.MinimumSupporters == 0 && mechanism.MinimumStates > states.Count)
                {
                    // It could never be invoked: every run would report P(adopted) = 0 for a reason that is no finding.
                    add("$.rule.mechanism", $"The {mechanism.Name} needs {mechanism.MinimumStates} States to invoke it; only {states.Count} take part. Add States, or set minimumStates to at most {states.Count}.");
                }

                if (rule.MinimumSupporters < 0 || rule.MinimumSupporters > states.Count)
                {
                    add("$.rule.minimumStates", $"minimumStates must be between 1 and the {states.Count} States taking part (0 = the catalog's threshold{(mechanism is null ? string.Empty : $", {mechanism.MinimumStates}")}); it is {rule.MinimumSupporters}.");
                }

                break;
        }

        int expected = DecisionRule.ExpectedExclusions(rule.Kind);
        if (rule.ExcludedStates.Count != expected)
        {
            add("$.rule.states", $"The rule {rule.Kind} names {expected} State(s); {rule.ExcludedStates.Count} given.");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < rule.ExcludedStates.Count; i++)
        {
            string code = rule.ExcludedStates[i];
            if (!states.Contains(code))
            {
                add($"$.rule.states[{i}]", $"The rule names '{code}', which does not take part in the scenario.");
            }
            else if (!seen.Add(code))
            {
                add($"$.rule.states[{i}]", $"Duplicate State code '{code}' in the rule.");
            }
        }
    }
}
