using ConsensusSim.Analysis;
using ConsensusSim.Model;
using ConsensusSim.Osce;
using ConsensusSim.Samples.CustomRule;
using ConsensusSim.Simulation;
using ConsensusSim.Tests.Serialization;
using ConsensusSim.Tests.Support;

namespace ConsensusSim.Tests.Model;

public class CustomRuleTests
{
    [Fact]
    public void A_rule_written_in_code_decides_and_matches_its_exact_probability()
    {
        // Independent objections, p = 0.03 everywhere: the rule adopts when at most 5 of 57 object
        // (90 % support) and at most one of the five majors is among them.
        const double p = 0.03;
        string[] majors = ["USA", "DEU", "FRA", "GBR", "ITA"];
        var baseline = Scenarios.FixedObjection(Scenarios.Uniform(57, p));
        var builder = baseline.ToBuilder();
        builder.Rule = DecisionRule.Custom(new MajorContributorsRule(baseline, majors));
        var scenario = builder.Build();

        double exact = 0;
        var others = IndependentObjections.ObjectorCountDistribution(Scenarios.Uniform(52, p));
        var major = IndependentObjections.ObjectorCountDistribution(Scenarios.Uniform(5, p));
        for (int m = 0; m <= 1; m++)
        {
            for (int o = 0; o + m <= 5; o++)
            {
                exact += major[m] * others[o];
            }
        }

        const long trials = 200_000;
        var result = MonteCarloRunner.Run(scenario.Compile(), new SimulationOptions { Trials = trials, Seed = 31 });
        double se = Math.Sqrt(exact * (1 - exact) / trials);
        Assert.InRange(result.Adopted.Probability, exact - (4 * se), exact + (4 * se));
        Assert.Equal("custom", result.Provenance.Rule);
        Assert.True(result.AdoptedOverObjections.Count > 0);
        Assert.NotEqual(baseline.Compile().ScenarioSha256, scenario.Compile().ScenarioSha256);
    }

    [Fact]
    public void A_scenario_file_cannot_name_a_custom_rule()
    {
        var problems = ScenarioJsonTests.Problems("""{ "name": "x", "rule": "custom", "behaviour": { "model": "fixed-objection" }, "defaults": { "objectionProbability": 0.1 } }""");
        Assert.Contains(problems, pr => pr.Path == "$.rule" && pr.Message.Contains("written in code", StringComparison.Ordinal));
    }
}
