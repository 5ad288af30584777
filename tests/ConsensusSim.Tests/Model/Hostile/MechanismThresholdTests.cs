using ConsensusSim.Model;
using ConsensusSim.Serialization;
using ConsensusSim.Tests.Support;
using ConsensusSim.Simulation;

namespace ConsensusSim.Tests.Model.Hostile;

/// <summary>
/// Probe item 19: a mechanism that needs more States than take part can never be invoked, so a run
/// reports P(adopted) = 0 for a reason that is no finding. It is refused like an explicit
/// minimumStates above the count, naming both numbers.
/// </summary>
public sealed class MechanismThresholdTests : CliHarness
{
    private static string Scenario(string rule) => ThreeStateRuleFile.With(rule);

    [Theory]
    [InlineData("berlin", "Berlin Mechanism (1991)", 13)]
    [InlineData("moscow-serious-threat", "Moscow Mechanism ¶12 (1991)", 10)]
    [InlineData("moscow-experts", "Moscow Mechanism ¶9 (1991)", 6)]
    public void A_mechanism_needing_more_states_than_take_part_is_refused_naming_both_numbers(string mechanism, string name, int needed)
    {
        File.WriteAllText(F("mechanism.json"), Scenario($"{{ \"kind\": \"mechanism\", \"mechanism\": \"{mechanism}\" }}"));
        string message = $"$.rule.mechanism: The {name} needs {needed} States to invoke it; only 3 take part. Add States, or set minimumStates to at most 3.";

        var validate = Cli("validate", F("mechanism.json"));
        Assert.Equal(2, validate.Code);
        Assert.Contains("mechanism.json:4: " + message, validate.Err, StringComparison.Ordinal);

        var run = Cli("run", F("mechanism.json"), "--json", F("result.json"));
        Assert.Equal(2, run.Code);
        Assert.DoesNotContain("P(adopted)", run.Out, StringComparison.Ordinal);
        Assert.Equal(["mechanism.json"], HostileFiles.Listing(Dir));
    }

    [Fact]
    public void A_scenario_built_in_code_is_refused_the_same_way()
    {
        var b = new ScenarioBuilder
        {
            Name = "three",
            States = ["AUT", "BEL", "RUS"],
            Rule = DecisionRule.ForMechanism("berlin"),
            Behaviour = new BehaviourOptions { Model = BehaviourModel.FixedObjection },
            Defaults = new StateProfile { ObjectionProbability = 0.1 },
        };
        var ex = Assert.Throws<ScenarioValidationException>(b.Build);
        var problem = Assert.Single(ex.Problems);
        Assert.Equal("$.rule.mechanism", problem.Path);
        Assert.Contains("needs 13 States", problem.Message, StringComparison.Ordinal);
        Assert.Contains("only 3 take part", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_threshold_the_cast_can_reach_is_accepted()
    {
        // Vienna needs one State; an explicit minimumStates within the cast overrides Berlin's 13.
        Assert.Equal(1, ScenarioJson.Parse(Scenario("""{ "kind": "mechanism", "mechanism": "vienna" }""")).Compile().MinimumSupporters);
        Assert.Equal(3, ScenarioJson.Parse(Scenario("""{ "kind": "mechanism", "mechanism": "berlin", "minimumStates": 3 }""")).Compile().MinimumSupporters);

        var tooMany = Assert.Throws<ScenarioValidationException>(() => ScenarioJson.Parse(Scenario("""{ "kind": "mechanism", "mechanism": "berlin", "minimumStates": 4 }""")));
        var problem = Assert.Single(tooMany.Problems);
        Assert.Equal(("$.rule.minimumStates", 4), (problem.Path, problem.Line));
        Assert.Contains("the 3 States taking part (0 = the catalog's threshold, 13); it is 4", problem.Message, StringComparison.Ordinal);
    }
}
