using ConsensusSim.Model;
using ConsensusSim.Serialization;
using ConsensusSim.Simulation;
using ConsensusSim.Tests.Support;

namespace ConsensusSim.Tests.Model.Hostile;

/// <summary>
/// A qualified-majority rule written without either share would need the support of 0 % of the States and 0 % of the
/// weight: every text adopted, even when every State objects. It is refused at the rule's line; one share is enough.
/// </summary>
public sealed class QualifiedMajorityShareTests : CliHarness
{
    private static string Scenario(string rule) => ThreeStateRuleFile.With(rule, objection: 1);

    [Fact]
    public void A_qualified_majority_without_shares_is_refused_at_the_rule()
    {
        File.WriteAllText(F("qmv.json"), Scenario("""{ "kind": "qualified-majority" }"""));
        var run = Cli("run", F("qmv.json"), "--trials", "1000", "--json", F("result.json"));
        Assert.Equal(2, run.Code);
        Assert.Contains("qmv.json:4: $.rule: a qualified majority needs \"stateShare\", \"weightShare\" or both", run.Err, StringComparison.Ordinal);
        Assert.False(File.Exists(F("result.json")));
    }

    [Theory]
    [InlineData("""{ "kind": "qualified-majority", "stateShare": 0.5 }""")]
    [InlineData("""{ "kind": "qualified-majority", "weight": "population", "weightShare": 0.6 }""")]
    public void One_share_is_enough_and_decides_the_vote(string rule)
    {
        // Every State objects, so no share above 0 is ever reached.
        var scenario = ScenarioJson.Parse(Scenario(rule));
        var result = MonteCarloRunner.Run(scenario.Compile(), new SimulationOptions { Trials = 1_000, Seed = 3 });
        Assert.Equal(0, result.Adopted.Count);
    }
}
