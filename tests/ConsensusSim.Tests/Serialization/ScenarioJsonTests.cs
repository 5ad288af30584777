using System.Text;
using ConsensusSim.Model;
using ConsensusSim.Serialization;

namespace ConsensusSim.Tests.Serialization;

public class ScenarioJsonTests
{
    private const string Valid = """
        // A minimal fixed-objection scenario.
        {
          "name": "Three States",
          "states": ["AUT", "BEL", "RUS"],
          "behaviour": { "model": "fixed-objection" },
          "defaults": { "objectionProbability": 0.1 },
          "proposal": { "statusQuo": [0, 0, 0], "draft": [1, 1, 1] },
          "simulation": { "trials": 1000, "seed": 1 },
        }
        """;

    internal static IReadOnlyList<ScenarioProblem> Problems(string json)
    {
        bool valid = ScenarioJson.TryParse(Encoding.UTF8.GetBytes(json), out var scenario, out var problems);
        Assert.Equal(valid, scenario is not null);
        Assert.Equal(valid, problems.Count == 0);
        return problems;
    }

    private static ScenarioProblem Single(string json, string path)
    {
        var problems = Problems(json);
        var match = Assert.Single(problems, p => p.Path == path);
        Assert.NotNull(match.Line);
        return match;
    }

    [Fact]
    public void A_valid_file_with_comments_and_trailing_commas_parses()
    {
        var scenario = ScenarioJson.Parse(Valid);
        Assert.Equal(["AUT", "BEL", "RUS"], scenario.States);
        Assert.Equal(BehaviourModel.FixedObjection, scenario.Behaviour.Model);
        Assert.Equal(Parameter.Fixed(0.1), scenario.Profiles["RUS"].ObjectionProbability);
        Assert.Equal(1000, scenario.Trials);
        Assert.Equal(1UL, scenario.Seed);
    }

    [Fact]
    public void The_default_scenario_is_embedded_and_valid()
    {
        var scenario = ConsensusSim.Model.Scenario.Default;
        Assert.Equal(57, scenario.States.Count);
        Assert.Equal("counter-terrorism", scenario.Proposal.Topic);
        Assert.Equal("permanent-council", scenario.Proposal.Body);
        Assert.Equal(DecisionRuleKind.Consensus, scenario.Rule.Kind);
    }

    [Fact]
    public void Every_sample_scenario_file_is_valid()
    {
        var files = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "scenarios"), "*.json");
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var scenario = ScenarioJson.Load(file);
            Assert.False(string.IsNullOrWhiteSpace(scenario.Name), file);
        }
    }

    [Fact]
    public void Unknown_State_code_is_reported_with_path_and_line()
    {
        var p = Single(Valid.Replace("\"BEL\"", "\"BLG\"", StringComparison.Ordinal), "$.states[1]");
        Assert.Contains("BLG", p.Message, StringComparison.Ordinal);
        Assert.Equal(4, p.Line);
    }

    [Fact]
    public void Duplicate_State_code_is_reported()
    {
        var p = Single(Valid.Replace("\"RUS\"", "\"AUT\"", StringComparison.Ordinal), "$.states[2]");
        Assert.Contains("Duplicate", p.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_override_key_is_reported()
    {
        string json = Valid.Replace("\"simulation\"", "\"overrides\": { \"RUS\": { \"objectionProbability\": 0.2 }, \"RUS\": { \"objectionProbability\": 0.3 } },\n  \"simulation\"", StringComparison.Ordinal);
        var p = Single(json, "$.overrides.RUS");
        Assert.Contains("Duplicate", p.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("-0.1")]
    [InlineData("{ \"uniform\": [0.5, 1.2] }")]
    public void Probability_outside_the_unit_interval_is_reported(string value)
    {
        var p = Single(Valid.Replace("0.1 }", value + " }", StringComparison.Ordinal), "$.defaults.objectionProbability");
        Assert.Contains("[0, 1]", p.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"NaN\"")]
    [InlineData("\"Infinity\"")]
    [InlineData("\"-Infinity\"")]
    [InlineData("1e400")]
    public void NaN_and_infinity_are_reported(string value)
    {
        var p = Single(Valid.Replace("0.1 }", value + " }", StringComparison.Ordinal), "$.defaults.objectionProbability");
        Assert.Contains("finite", p.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Saliences_that_do_not_sum_to_one_are_reported()
    {
        string json = StanceScenario("\"salience\": [0.5, 0.3, 0.3]");
        var p = Single(json, "$.defaults.salience");
        Assert.Contains("sum to 1", p.Message, StringComparison.Ordinal);
        Assert.Contains("1.1", p.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_number_of_dimensions_is_reported_everywhere_it_occurs()
    {
        string json = StanceScenario("\"salience\": [0.5, 0.5]").Replace("\"draft\": [0.5, 0.5, 0.5]", "\"draft\": [0.5, 0.5]", StringComparison.Ordinal);
        var problems = Problems(json);
        Assert.Contains(problems, p => p.Path == "$.defaults.salience" && p.Message.Contains("Expected 3", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Path == "$.proposal.draft" && p.Message.Contains("Expected 3", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    public void Zero_or_negative_trials_are_reported(string trials)
    {
        var p = Single(Valid.Replace("\"trials\": 1000", "\"trials\": " + trials, StringComparison.Ordinal), "$.simulation.trials");
        Assert.Contains("positive", p.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_rule_is_reported()
    {
        var p = Single(Valid.Replace("\"simulation\"", "\"rule\": \"majority-of-the-loudest\",\n  \"simulation\"", StringComparison.Ordinal), "$.rule");
        Assert.Contains("consensus-minus-one", p.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Minus_one_rule_needs_exactly_one_participating_target()
    {
        var ok = ScenarioJson.Parse(Valid.Replace("\"simulation\"", "\"rule\": { \"kind\": \"consensus-minus-one\", \"states\": [\"RUS\"] },\n  \"simulation\"", StringComparison.Ordinal));
        Assert.Equal(DecisionRule.ConsensusMinusOne("RUS").ExcludedStates, ok.Rule.ExcludedStates);

        var problems = Problems(Valid.Replace("\"simulation\"", "\"rule\": { \"kind\": \"consensus-minus-one\", \"states\": [\"RUS\", \"AUT\"] },\n  \"simulation\"", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Path == "$.rule.states");

        problems = Problems(Valid.Replace("\"simulation\"", "\"rule\": { \"kind\": \"consensus-minus-one\", \"states\": [\"USA\"] },\n  \"simulation\"", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Path == "$.rule.states[0]");
    }

    [Fact]
    public void Unknown_topic_and_body_are_reported()
    {
        string json = StanceScenario("\"salience\": [0.5, 0.3, 0.2]")
            .Replace("\"counter-terrorism\"", "\"astrology\"", StringComparison.Ordinal)
            .Replace("\"permanent-council\"", "\"security-committee\"", StringComparison.Ordinal);
        var problems = Problems(json);
        Assert.Contains(problems, p => p.Path == "$.proposal.topic" && p.Message.Contains("astrology", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Path == "$.proposal.body" && p.Message.Contains("does not take decisions", StringComparison.Ordinal));
    }

    [Fact]
    public void Unknown_property_is_reported_so_typos_do_not_pass_silently()
    {
        var p = Single(Valid.Replace("\"objectionProbability\"", "\"objectionProbabilty\"", StringComparison.Ordinal), "$.defaults.objectionProbabilty");
        Assert.Contains("Unknown property", p.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_required_parameter_names_the_States()
    {
        var problems = Problems(Valid.Replace("\"defaults\": { \"objectionProbability\": 0.1 },", "\"overrides\": { \"RUS\": { \"objectionProbability\": 0.5 } },", StringComparison.Ordinal));
        var p = Assert.Single(problems);
        Assert.Equal("$.defaults.objectionProbability", p.Path);
        Assert.Contains("AUT, BEL", p.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Not_JSON_at_all_is_reported_with_its_line()
    {
        var p = Single("name: not json\n", "$");
        Assert.Contains("not valid JSON", p.Message, StringComparison.Ordinal);
        Assert.Equal(1, p.Line);

        var q = Single("{\n \"name\": \"x\",\n \"states\": [\"AUT\" \"BEL\"]\n}", "$");
        Assert.Equal(3, q.Line);
    }

    [Fact]
    public void A_file_larger_than_the_limit_is_refused_before_parsing()
    {
        string padding = new(' ', ScenarioJson.MaxFileBytes);
        var p = Single(Valid + padding, "$");
        Assert.Contains("limited to", p.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_nested_deeper_than_the_limit_is_refused()
    {
        string deep = "{ \"name\": " + new string('[', 40) + new string(']', 40) + " }";
        var p = Assert.Single(Problems(deep));
        Assert.Contains("nested deeper", p.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Several_problems_are_reported_at_once()
    {
        string json = Valid
            .Replace("\"BEL\"", "\"BLG\"", StringComparison.Ordinal)
            .Replace("0.1 }", "2 }", StringComparison.Ordinal)
            .Replace("\"trials\": 1000", "\"trials\": 0", StringComparison.Ordinal);
        var paths = Problems(json).Select(p => p.Path).ToList();
        Assert.Contains("$.states[1]", paths);
        Assert.Contains("$.defaults.objectionProbability", paths);
        Assert.Contains("$.simulation.trials", paths);
    }

    [Fact]
    public void Parse_throws_with_every_problem_and_the_source_name()
    {
        var ex = Assert.Throws<ScenarioValidationException>(() => ScenarioJson.Parse(Valid.Replace("\"trials\": 1000", "\"trials\": 0", StringComparison.Ordinal), "bad.json"));
        Assert.Equal("bad.json", ex.Source);
        Assert.Contains("$.simulation.trials", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Distributions_parse_and_bad_distribution_parameters_are_reported()
    {
        var s = ScenarioJson.Parse(Valid.Replace("0.1 }", "{ \"beta\": [2, 18] } }", StringComparison.Ordinal));
        Assert.Equal(Parameter.Beta(2, 18), s.Profiles["AUT"].ObjectionProbability);

        var p = Single(Valid.Replace("0.1 }", "{ \"beta\": [0, 18] } }", StringComparison.Ordinal), "$.defaults.objectionProbability.beta");
        Assert.Contains("alpha", p.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Scenarios_built_in_code_are_validated_the_same_way()
    {
        var builder = new ScenarioBuilder
        {
            States = ["AUT", "AUT"],
            Behaviour = new BehaviourOptions { Model = BehaviourModel.FixedObjection },
            Defaults = new StateProfile { ObjectionProbability = 1.5 },
        };
        var ex = Assert.Throws<ScenarioValidationException>(builder.Build);
        Assert.Contains(ex.Problems, p => p.Path == "$.states[1]");
        Assert.Contains(ex.Problems, p => p.Path == "$.defaults.objectionProbability");
        Assert.All(ex.Problems, p => Assert.Null(p.Line));
    }

    private static string StanceScenario(string salience) => $$"""
        {
          "name": "Stance",
          "states": ["AUT", "RUS"],
          "proposal": { "topic": "counter-terrorism", "body": "permanent-council", "statusQuo": [0, 0, 0], "draft": [0.5, 0.5, 0.5] },
          "defaults": { "idealPoint": [0.5, 0.5, 0.5], {{salience}}, "blockingCost": 0.1, "noise": 0.1 }
        }
        """;
}
