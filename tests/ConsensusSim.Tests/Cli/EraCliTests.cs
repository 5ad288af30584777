using System.Text.Json.Nodes;
using ConsensusSim.Tests.Support;

namespace ConsensusSim.Tests.Cli;

/// <summary>describe, run and the result file say which values came from the era and which the scenario overrode.</summary>
public sealed class EraCliTests : CliHarness
{
    private const string Overriding = """
        // The war era, with the tension a scenario might wish it had.
        {
          "name": "overriding the era",
          "era": "war-2022",
          "behaviour": { "tension": 0.4 },
          "defaults": { "idealPoint": [0.5, 0.5, 0.5], "salience": [0.4, 0.3, 0.3], "blockingCost": 0.1, "noise": 0.1, "linkage": 0.05 },
          "groupings": { "csto": { "linkage": 0.3 } },
          "proposal": { "topic": "budget", "susceptibility": 0.15, "statusQuo": [0.2, 0.2, 0.2], "draft": [0.6, 0.5, 0.5] },
          "simulation": { "trials": 2000, "seed": 1 }
        }
        """;

    [Fact]
    public void Describe_lists_each_era_value_with_where_it_comes_from()
    {
        File.WriteAllText(F("era.json"), Overriding);
        var (code, output, _) = Cli("describe", F("era.json"));
        Assert.Equal(0, code);
        Assert.Contains("Era war-2022 (War against Ukraine, 2022–2026): the scenario overrides 2 of its 10 values", output, StringComparison.Ordinal);
        Assert.Contains("  tension 0.4 (scenario $.behaviour.tension, overrides the era's 0.95)", output, StringComparison.Ordinal);
        Assert.Contains("  bloc correlation 0.75 (era war-2022)", output, StringComparison.Ordinal);
        Assert.Contains("  csto-bloc linkage 0.3 (scenario $.groupings.csto.linkage, overrides the era's 1)", output, StringComparison.Ordinal);
        Assert.Contains("  csto-bloc blocking cost 0.03 (era war-2022)", output, StringComparison.Ordinal);
        Assert.Contains("Unified Budget (κ = 0.15, the proposal's; the catalog's is 0.11)", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_of_a_sample_that_keeps_its_era_says_none_is_overridden()
    {
        var (code, output, _) = Cli("describe", Path.Combine(AppContext.BaseDirectory, "scenarios", "migration-mc.json"));
        Assert.Equal(0, code);
        Assert.Contains("Era crisis-2014 (Crisis over Ukraine, 2014–2021): the scenario overrides none of its 10 values", output, StringComparison.Ordinal);
        Assert.Contains("  csto-bloc linkage 0.75 (era crisis-2014)", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_prints_the_overrides_and_writes_them_into_the_result_s_provenance()
    {
        File.WriteAllText(F("era.json"), Overriding);
        var (code, output, _) = Cli("run", F("era.json"), "--json", F("result.json"));
        Assert.Equal(0, code);
        Assert.Contains("  era war-2022; the scenario overrides: tension 0.4 (scenario $.behaviour.tension, overrides the era's 0.95); csto-bloc linkage 0.3 (scenario $.groupings.csto.linkage, overrides the era's 1)", output, StringComparison.Ordinal);

        var era = JsonNode.Parse(File.ReadAllText(F("result.json")))!["provenance"]!["era"]!;
        Assert.Equal("war-2022", era["id"]!.GetValue<string>());
        Assert.Equal(
            ["scenario", "era", "scenario", "era", "era", "era", "era", "era", "era", "era"],
            era["values"]!.AsArray().Select(v => v!["from"]!.GetValue<string>()));
        Assert.Equal("$.groupings.csto.linkage", era["values"]![2]!["overrides"]![0]!["source"]!.GetValue<string>());
    }
}
