using ConsensusSim.Model;
using ConsensusSim.Serialization;
using ConsensusSim.Tests.Cli.Hostile;

namespace ConsensusSim.Tests.Serialization.Hostile;

/// <summary>Hostile calls of the library's scenario variation: refused with the scenario's exception or an ArgumentException, never a crash.</summary>
public sealed class ScenarioTemplateTests
{
    private static readonly string Json = SweepInputTests.Scenario;

    [Fact]
    public void A_file_with_a_duplicate_property_is_refused_as_the_scenario_reader_refuses_it()
    {
        string json = Json.Replace("\"name\": \"Hostile sweep\",", "\"name\": \"Hostile sweep\",\n  \"name\": \"again\",", StringComparison.Ordinal);
        var ex = Assert.Throws<ScenarioValidationException>(() => ScenarioVariation.Apply(json, [new("tension", "0.2")], "dup.json"));

        Assert.Equal("dup.json", ex.Source);
        Assert.Contains(ex.Problems, p => p.Path == "$.name" && p.Message == "Duplicate property 'name'." && p.Line is not null);
    }

    [Fact]
    public void A_JSON_value_with_a_duplicate_property_is_refused_at_its_path_and_line()
    {
        var ex = Assert.Throws<ScenarioValidationException>(() => ScenarioVariation.Apply(Json, [new("behaviour", "{\"tension\": 0.1, \"tension\": 0.2}")], "s.json"));

        var problem = Assert.Single(ex.Problems);
        Assert.Equal("$.behaviour", problem.Path);
        Assert.Equal(LineOf("\"behaviour\""), problem.Line);
    }

    [Fact]
    public void Problems_in_a_varied_scenario_carry_the_lines_of_the_original_text()
    {
        var template = ScenarioTemplate.Parse(System.Text.Encoding.UTF8.GetBytes(Json), "s.json");
        var ex = Assert.Throws<ScenarioValidationException>(() => template.Apply([new("tension", "2"), new("proposal.draft[1]", "\"x\"")]));

        Assert.Contains(ex.Problems, p => p.Path == "$.behaviour.tension" && p.Line == LineOf("\"tension\""));
        Assert.Contains(ex.Problems, p => p.Path == "$.proposal.draft[1]" && p.Line == LineOf("\"draft\""));
        Assert.Equal(0.5, template.Scenario.Behaviour.Tension);
    }

    [Fact]
    public void A_null_path_or_value_is_an_argument_exception_naming_the_assignments()
    {
        var template = ScenarioTemplate.Parse(System.Text.Encoding.UTF8.GetBytes(Json));

        Assert.Equal("assignments", Assert.Throws<ArgumentException>(() => template.Apply([new(null!, "1")])).ParamName);
        Assert.Equal("assignments", Assert.Throws<ArgumentException>(() => template.Apply([new("tension", null!)])).ParamName);
        Assert.Equal("assignments", Assert.Throws<ArgumentNullException>(() => template.Apply(null!)).ParamName);
    }

    private static int LineOf(string text) => 1 + Array.FindIndex(Json.Split('\n'), l => l.Contains(text, StringComparison.Ordinal));
}
