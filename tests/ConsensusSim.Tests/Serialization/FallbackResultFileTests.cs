using System.Text.Json.Nodes;
using ConsensusSim.Serialization;
using ConsensusSim.Simulation;
using ConsensusSim.Tests.Support;

namespace ConsensusSim.Tests.Serialization;

/// <summary>A package fallback's estimates and tallies in result files: written, read back the same, and laid out as documented.</summary>
public class FallbackResultFileTests
{
    private static SimulationResult Cascade() =>
        MonteCarloRunner.Run(CascadeScenarios.Builder(0.5, 0.3, 0.6, noiseC: 0.05).Build().Compile(), new SimulationOptions { Trials = 6_000, Seed = 12, ChunkSize = 1000 });

    [Fact]
    public void A_fallback_result_read_back_from_json_equals_the_result_written()
    {
        var result = Cascade();
        string json = ResultJson.Serialize(result);
        var back = ResultJson.Deserialize(json);

        Assert.Equal(json, ResultJson.Serialize(back));
        var (f, g) = (result.PackageFallback!, back.PackageFallback!);
        Assert.Equal(f.DistinctObjectorCounts, g.DistinctObjectorCounts);
        Assert.Equal(f.RetaliatoryShare, g.RetaliatoryShare);
        Assert.Equal(f.RetaliatoryShareStandardError, g.RetaliatoryShareStandardError);
        Assert.Equal(f.AdoptedAfterFallback.Select(i => i.Adopted.Count), g.AdoptedAfterFallback.Select(i => i.Adopted.Count));
    }

    [Fact]
    public void The_json_carries_the_estimates_for_people_and_the_tallies_for_merges()
    {
        var root = JsonNode.Parse(ResultJson.Serialize(Cascade()))!;
        var estimates = root["packageFallback"]!;
        Assert.Equal(3, estimates["items"]!.AsArray().Count);
        Assert.Equal("Counter-terrorism", (string)estimates["items"]![0]!["title"]!);
        Assert.NotNull(estimates["items"]![1]!["adoptedAfterFallback"]!["ci95"]);
        Assert.Equal(4, estimates["distinctObjectors"]!["failedPackages"]!.AsArray().Count);
        Assert.NotNull(estimates["retaliatoryShare"]!["standardError"]);

        var tallies = root["tallies"]!["fallback"]!;
        Assert.Equal(3, tallies["adoptedAfterFallback"]!.AsArray().Count);
        Assert.Equal(System.Text.Json.JsonValueKind.String, tallies["objectionsSquared"]!.GetValueKind());
    }

    [Fact]
    public void The_fallback_csv_has_a_row_per_item_per_objector_count_and_for_the_share()
    {
        var result = Cascade();
        string[] lines = ResultCsv.Fallback(result)!.TrimEnd('\n').Split('\n');
        Assert.Equal("measure,item,objectors,count,total,estimate,standard_error,ci95_lower,ci95_upper,scenario,scenario_sha256,seed,trials,consensussim_version", lines[0]);
        var p = result.Provenance;
        Assert.All(lines[1..], l => Assert.EndsWith($",{p.ScenarioSha256},{p.Seed},{p.Trials},{p.Version}", l, StringComparison.Ordinal));
        Assert.Equal(1 + 3 + 4 + 2, lines.Length);
        Assert.StartsWith("adopted_after_fallback,Counter-terrorism,,", lines[1], StringComparison.Ordinal);
        Assert.StartsWith($"distinct_objectors,,1,{result.PackageFallback!.DistinctObjectorCounts[1]},{result.PackageFallback.FailedPackages},", lines[5], StringComparison.Ordinal);
        Assert.StartsWith($"retaliatory_share,,,{result.PackageFallback.RetaliatoryObjections},{result.PackageFallback.Objections},", lines[8], StringComparison.Ordinal);
        Assert.StartsWith("retaliation,,,", lines[9], StringComparison.Ordinal);
        Assert.Null(ResultCsv.Fallback(MonteCarloRunner.Run(CascadeScenarios.Builder(0, 0, 0, fallback: false).Build().Compile(), new SimulationOptions { Trials = 100, Seed = 1 })));
    }
}
