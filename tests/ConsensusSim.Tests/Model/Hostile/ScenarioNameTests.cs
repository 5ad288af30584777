using ConsensusSim.Model;
using ConsensusSim.Serialization;
using ConsensusSim.Tests.Support;

namespace ConsensusSim.Tests.Model.Hostile;

/// <summary>
/// Item 17 of issue 15: a scenario without a name is invalid, as the schema and the README say —
/// not a run labelled "Unnamed scenario" whose results and shards cannot be told apart.
/// </summary>
public sealed class ScenarioNameTests : CliHarness
{
    [Theory]
    [InlineData(null, "The scenario needs a name")]
    [InlineData("\"\"", "The scenario needs a name")]
    [InlineData("\"   \"", "The scenario needs a name")]
    [InlineData("null", "Expected a string")]
    [InlineData("42", "Expected a string")]
    public void A_scenario_without_a_usable_name_is_refused_at_name(string? name, string message)
    {
        File.WriteAllText(F("nameless.json"), HostileFiles.Scenario(name: name));

        var ex = Assert.Throws<ScenarioValidationException>(() => ScenarioJson.Load(F("nameless.json")));
        var problem = Assert.Single(ex.Problems, p => p.Path == "$.name");
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);

        var (code, _, error) = Cli("validate", F("nameless.json"));
        Assert.Equal(2, code);
        Assert.Contains($"nameless.json:{(name is null ? 1 : 2)}: $.name: {message}", error, StringComparison.Ordinal);

        var run = Cli("run", F("nameless.json"), "--json", F("result.json"));
        Assert.Equal(2, run.Code);
        Assert.DoesNotContain("P(adopted)", run.Out, StringComparison.Ordinal);
        Assert.Equal(["nameless.json"], HostileFiles.Listing(Dir));
    }

    [Fact]
    public void Every_sample_scenario_has_a_name()
    {
        foreach (string file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "scenarios"), "*.json"))
        {
            Assert.False(string.IsNullOrWhiteSpace(ScenarioJson.Load(file).Name), file);
        }
    }
}
