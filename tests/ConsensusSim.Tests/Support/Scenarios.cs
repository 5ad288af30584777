using ConsensusSim.Model;
using ConsensusSim.Osce;

namespace ConsensusSim.Tests.Support;

/// <summary>Scenarios built in code for tests.</summary>
internal static class Scenarios
{
    /// <summary>The fixed-objection model for the first <c>p.Count</c> States, State i objecting with p[i].</summary>
    public static Scenario FixedObjection(IReadOnlyList<double> p, int maxRounds = 1, DecisionRule? rule = null)
    {
        var codes = OsceCatalog.Default.States.Take(p.Count).Select(s => s.Code).ToList();
        var builder = new ScenarioBuilder
        {
            Name = "fixed objection",
            States = codes,
            Behaviour = new BehaviourOptions { Model = BehaviourModel.FixedObjection },
            Defaults = new StateProfile { ObjectionProbability = 0.0 },
            Procedure = new ProcedureOptions { MaxRounds = maxRounds },
            Rule = rule ?? DecisionRule.Consensus,
        };
        for (int i = 0; i < p.Count; i++)
        {
            builder.StateOverrides.Add(new ProfileOverride(codes[i], new StateProfile { ObjectionProbability = p[i] }));
        }

        return builder.Build();
    }

    public static double[] Uniform(int n, double p) => Enumerable.Repeat(p, n).ToArray();
}
