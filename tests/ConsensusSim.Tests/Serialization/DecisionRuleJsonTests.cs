using ConsensusSim.Model;
using ConsensusSim.Serialization;
using ConsensusSim.Simulation;
using ConsensusSim.Engine;

namespace ConsensusSim.Tests.Serialization;

public class DecisionRuleJsonTests
{
    private static string WithRule(string rule) => $$"""
        {
          "name": "Rules",
          "behaviour": { "model": "fixed-objection" },
          "defaults": { "objectionProbability": 0.1 },
          "proposal": { "statusQuo": [0, 0, 0], "draft": [1, 1, 1] },
          "rule": {{rule}}
        }
        """;

    [Fact]
    public void Qualified_majority_reads_shares_and_weight()
    {
        var s = ScenarioJson.Parse(WithRule("""{ "kind": "qualified-majority", "stateShare": 0.55, "weightShare": 0.65, "weight": "population" }"""));
        Assert.Equal(DecisionRuleKind.QualifiedMajority, s.Rule.Kind);
        Assert.Equal(0.55, s.Rule.StateShare);
        Assert.Equal(0.65, s.Rule.WeightShare);
        Assert.Equal(VotingWeight.Population, s.Rule.Weight);
    }

    [Fact]
    public void Approximate_consensus_defaults_to_ninety_percent_of_States_and_budget()
    {
        var s = ScenarioJson.Parse(WithRule("\"approximate-consensus\""));
        Assert.Equal(0.9, s.Rule.StateShare);
        Assert.Equal(0.9, s.Rule.WeightShare);
        Assert.Equal(VotingWeight.BudgetShare, s.Rule.Weight);

        var compiled = s.Compile();
        Assert.Equal(52, compiled.MinimumSupporters);
        Assert.Equal((long)Math.Ceiling((0.9 * compiled.TotalWeight) - 1e-9), compiled.MinimumSupporterWeight);
    }

    [Theory]
    [InlineData("vienna", 1)]
    [InlineData("moscow-experts", 6)]
    [InlineData("moscow-serious-threat", 10)]
    [InlineData("berlin", 13)]
    public void Mechanism_thresholds_come_from_the_catalog(string mechanism, int threshold)
    {
        var s = ScenarioJson.Parse(WithRule($$"""{ "kind": "mechanism", "mechanism": "{{mechanism}}" }"""));
        Assert.Equal(threshold, s.Compile().MinimumSupporters);
        Assert.Equal(threshold, s.Catalog.Mechanisms.Single(m => m.Id == mechanism).MinimumStates);
    }

    [Fact]
    public void A_mechanism_threshold_can_be_overridden()
    {
        var s = ScenarioJson.Parse(WithRule("""{ "kind": "mechanism", "mechanism": "berlin", "minimumStates": 20 }"""));
        Assert.Equal(20, s.Compile().MinimumSupporters);
    }

    [Theory]
    [InlineData("""{ "kind": "qualified-majority", "stateShare": 1.5, "weightShare": 0.5, "weight": "population" }""", "$.rule.stateShare")]
    [InlineData("""{ "kind": "qualified-majority", "stateShare": 0.5, "weightShare": 0.5, "weight": "gdp" }""", "$.rule.weight")]
    [InlineData("""{ "kind": "mechanism", "mechanism": "helsinki" }""", "$.rule.mechanism")]
    [InlineData("""{ "kind": "mechanism", "mechanism": "berlin", "minimumStates": 99 }""", "$.rule.minimumStates")]
    public void Bad_rule_parameters_are_reported_with_their_path(string rule, string path)
    {
        var problems = ScenarioJsonTests.Problems(WithRule(rule));
        Assert.Contains(problems, p => p.Path == path);
    }

    [Theory]
    [InlineData("""{ "procedure": "filibuster" }""", "$.procedure.procedure")]
    [InlineData("""{ "maxRounds": 0 }""", "$.procedure.maxRounds")]
    [InlineData("""{ "silenceDeterrence": 0.5 }""", "$.procedure.silenceDeterrence")]
    [InlineData("""{ "amendmentProbability": 2 }""", "$.procedure.amendmentProbability")]
    [InlineData("""{ "useSilence": "yes" }""", "$.procedure.useSilence")]
    public void Bad_procedure_options_are_reported_with_their_path(string procedure, string path)
    {
        string json = WithRule("\"consensus\"").Replace("\"rule\"", $"\"procedure\": {procedure},\n  \"rule\"", StringComparison.Ordinal);
        Assert.Contains(ScenarioJsonTests.Problems(json), p => p.Path == path);
    }

    [Fact]
    public void Weights_are_whole_units_of_the_seed_data()
    {
        var usa = ConsensusSim.Osce.OsceCatalog.Default.GetState("USA");
        Assert.Equal((int)Math.Round(usa.PopulationMillionsApprox * 10), ScenarioCompiler.WeightOf(usa, VotingWeight.Population));
        Assert.Equal((int)Math.Round(usa.BudgetSharePercentApprox * 100), ScenarioCompiler.WeightOf(usa, VotingWeight.BudgetShare));
        Assert.Equal(1, ScenarioCompiler.WeightOf(usa, VotingWeight.Equal));
    }
}
