using ConsensusSim.Model;
using ConsensusSim.Serialization;
using ConsensusSim.Tests.Support;

namespace ConsensusSim.Tests.Cli.Hostile;

/// <summary>An era that does not exist is refused, never run as "no era": by the library at <c>$.era</c>, by the command line with exit code 2.</summary>
public sealed class UnknownEraTests : CliHarness
{
    private const string Scenario = """
        {
          "name": "unknown era",
          "era": "belle-epoque",
          "defaults": { "idealPoint": [0.5, 0.5, 0.5], "salience": [0.4, 0.3, 0.3], "blockingCost": 0.1, "noise": 0.1, "linkage": 0.05 },
          "proposal": { "statusQuo": [0.2, 0.2, 0.2], "draft": [0.6, 0.5, 0.5] }
        }
        """;

    [Fact]
    public void The_library_refuses_an_unknown_era_in_a_file_at_its_path_and_line()
    {
        var ex = Assert.Throws<ScenarioValidationException>(() => ScenarioJson.Parse(Scenario));
        var problem = Assert.Single(ex.Problems);
        Assert.Equal(("$.era", 3), (problem.Path, problem.Line));
        Assert.Contains("crisis-2014", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_library_refuses_an_unknown_era_named_in_code()
    {
        var builder = new ScenarioBuilder { Name = "code", Era = "belle-epoque" };
        var ex = Assert.Throws<ScenarioValidationException>(builder.Build);
        Assert.Contains(ex.Problems, p => p.Path == "$.era" && p.Message.StartsWith("Unknown era 'belle-epoque'.", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_command_that_reads_the_scenario_exits_2_naming_the_era_s_line_and_writes_nothing()
    {
        File.WriteAllText(F("scenario.json"), Scenario);
        foreach (var command in new[] { new[] { "validate", F("scenario.json") }, ["describe", F("scenario.json")], ["run", F("scenario.json"), "--json", F("result.json"), "--out", F("out")] })
        {
            var (code, output, error) = Cli(command);
            Assert.Equal(2, code);
            Assert.Contains("scenario.json:3: $.era: ", error, StringComparison.Ordinal);
            Assert.DoesNotContain("P(adopted)", output, StringComparison.Ordinal);
        }

        Assert.Equal(["scenario.json"], HostileFiles.Listing(Dir));
    }
}
