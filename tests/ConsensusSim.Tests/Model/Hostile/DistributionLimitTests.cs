using ConsensusSim.Tests.Support;

namespace ConsensusSim.Tests.Model.Hostile;

/// <summary>
/// Distributions the library cannot draw exactly are refused before any trial runs: exit 2, the file, line and JSON path
/// of the offending numbers, and no result written.
/// </summary>
public class DistributionLimitTests : CliHarness
{
    [Theory]
    [InlineData("run")]
    [InlineData("validate")]
    public void A_beta_shape_beyond_a_million_is_refused_with_its_location(string command)
    {
        string scenario = F("spike.json");
        string json = F("result.json");
        File.WriteAllText(scenario, """
            {
              "name": "a spike no double can hold",
              "states": ["AUT"],
              "behaviour": { "model": "fixed-objection" },
              "defaults": {
                "objectionProbability": { "beta": [1e300, 1e300] }
              }
            }
            """);
        var (code, _, error) = command == "run" ? Cli("run", scenario, "--trials", "1000", "--json", json) : Cli("validate", scenario);
        Assert.Equal(2, code);
        Assert.Contains(scenario + ":6: $.defaults.objectionProbability.beta:", error, StringComparison.Ordinal);
        Assert.Contains("the shape alpha (first) must be at most 1000000", error, StringComparison.Ordinal);
        Assert.False(File.Exists(json));
    }
}
