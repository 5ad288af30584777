using ConsensusSim.Model;
using ConsensusSim.Tests.Support;

namespace ConsensusSim.Tests.Model.Hostile;

/// <summary>
/// Retaliation and the package fallback, misused: a propensity outside [0, 1], a fallback without a package and
/// retaliation without gains are refused before any trial runs, with the file, line and JSON path, and nothing written.
/// Retaliation without a fallback is allowed and changes nothing (see <c>RetaliationRelationTests</c>).
/// </summary>
public class FallbackValidationTests : CliHarness
{
    private const string Package = """
        "proposals": [
            { "title": "a", "statusQuo": [0, 0, 0], "draft": [0.5, 0, 0] },
            { "title": "b", "statusQuo": [0, 0, 0], "draft": [0, 0.5, 0] }
          ]
        """;

    private const string Stance = """
        "defaults": { "idealPoint": [0.5, 0.5, 0.5], "salience": [0.4, 0.3, 0.3], "blockingCost": 0.1, "noise": 0.1 }
        """;

    /// <summary>Runs the scenario made of <paramref name="body"/>: refused at <paramref name="path"/>, on the line holding <paramref name="onLine"/>.</summary>
    private void Refused(string body, string path, string onLine, string message)
    {
        string scenario = F("scenario.json");
        string json = F("result.json");
        string text = "{\n  \"name\": \"misused\",\n  \"states\": [\"AUT\", \"BEL\", \"RUS\"],\n" + body + "\n}\n";
        File.WriteAllText(scenario, text);
        int line = Array.FindIndex(text.Split('\n'), l => l.Contains(onLine, StringComparison.Ordinal)) + 1;
        var (code, _, error) = Cli("run", scenario, "--trials", "1000", "--json", json);
        Assert.Equal(2, code);
        Assert.Contains($"{scenario}:{line}: {path}:", error, StringComparison.Ordinal);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.False(File.Exists(json));
    }

    [Fact]
    public void A_propensity_above_one_is_refused_where_it_is_set()
    {
        Refused(
            $"  {Package},\n  {Stance},\n  \"procedure\": {{ \"packageFallback\": true }},\n  \"groupings\": {{\n    \"eu\": {{ \"retaliation\": 1.5 }}\n  }}",
            "$.groupings.eu.retaliation",
            "1.5",
            "must lie in [0, 1]");
    }

    [Fact]
    public void A_propensity_that_can_be_drawn_below_zero_is_refused_where_it_is_set()
    {
        Refused(
            $"  {Package},\n  {Stance},\n  \"procedure\": {{ \"packageFallback\": true }},\n  \"overrides\": {{\n    \"RUS\": {{ \"retaliation\": {{ \"uniform\": [-0.2, 0.4] }} }}\n  }}",
            "$.overrides.RUS.retaliation",
            "uniform",
            "this one ranges over [-0.2, 0.4]");
    }

    [Fact]
    public void A_fallback_for_a_single_proposal_is_refused_at_the_option()
    {
        Refused(
            "  \"proposal\": { \"statusQuo\": [0, 0, 0], \"draft\": [0.5, 0.5, 0.5] },\n  " + Stance + ",\n  \"procedure\": {\n    \"packageFallback\": true\n  }",
            "$.procedure.packageFallback",
            "packageFallback",
            "this scenario has a single proposal");
    }

    [Fact]
    public void Retaliation_without_gains_is_refused_where_it_is_set()
    {
        Refused(
            $"  {Package},\n  \"behaviour\": {{ \"model\": \"fixed-objection\" }},\n  \"procedure\": {{ \"packageFallback\": true }},\n  \"defaults\": {{ \"objectionProbability\": 0.1, \"retaliation\": 0.2 }}",
            "$.defaults.retaliation",
            "\"retaliation\"",
            "only the stance behaviour has");
    }

    [Fact]
    public void The_library_refuses_the_same_scenarios_built_in_code()
    {
        var single = CascadeScenarios.Builder(0.1, 0.1, 0.1);
        single.Proposals = [single.Proposals[0]];
        var ex = Assert.Throws<ScenarioValidationException>(() => single.Build());
        Assert.Contains(ex.Problems, p => p.Path == "$.procedure.packageFallback");

        var negative = CascadeScenarios.Builder(-0.1, 0.1, 2);
        ex = Assert.Throws<ScenarioValidationException>(() => negative.Build());
        Assert.Contains(ex.Problems, p => p.Path == "$.overrides.AUT.retaliation");
        Assert.Contains(ex.Problems, p => p.Path == "$.overrides.RUS.retaliation");

        var threshold = CascadeScenarios.Builder(0.1, 0.1, 0.1);
        threshold.Behaviour = new BehaviourOptions { RetaliationThreshold = double.NaN };
        ex = Assert.Throws<ScenarioValidationException>(() => threshold.Build());
        Assert.Contains(ex.Problems, p => p.Path == "$.behaviour.retaliationThreshold");
    }
}
