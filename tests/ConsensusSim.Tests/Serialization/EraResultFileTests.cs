using System.Text.Json.Nodes;
using ConsensusSim.Model;
using ConsensusSim.Serialization;
using ConsensusSim.Simulation;
using ConsensusSim.Tests.Model;

namespace ConsensusSim.Tests.Serialization;

/// <summary>A result says which values its era owned and which the scenario overrode, and keeps saying it when read back, merged or resumed.</summary>
public class EraResultFileTests
{
    internal static readonly Scenario Overriding = ScenarioJson.Parse(EraProvenanceTests.WithEra("crisis-2014", """
        "behaviour": { "tension": 0.4 },
        "groupings": { "csto": { "linkage": { "uniform": [0.1, 0.3] } } },
        "overrides": { "RUS": { "linkage": { "truncatedNormal": [0.5, 0.2, 0, 1] } } },
        """));

    internal static SimulationResult Run(Scenario scenario, ShardSpec? shard = null) =>
        MonteCarloRunner.Run(scenario.Compile(), new SimulationOptions { Trials = 4_000, ChunkSize = 500, Seed = 3, Shard = shard });

    [Fact]
    public void The_result_json_lists_the_era_values_and_reads_back_to_the_same_provenance()
    {
        var result = Run(Overriding);
        Assert.Same(Overriding.EraProvenance, result.Provenance.Era);
        string json = ResultJson.Serialize(result);
        var era = JsonNode.Parse(json)!["provenance"]!["era"]!;

        Assert.Equal("crisis-2014", era["id"]!.GetValue<string>());
        Assert.Equal(2, era["overridden"]!.GetValue<int>());
        var tension = era["values"]![0]!;
        Assert.Equal(("tension", 0.75, "scenario"), (tension["kind"]!.GetValue<string>(), tension["era"]!.GetValue<double>(), tension["from"]!.GetValue<string>()));
        Assert.Equal("tension 0.4 (scenario $.behaviour.tension, overrides the era's 0.75)", tension["text"]!.GetValue<string>());
        var linkage = era["values"]!.AsArray().Single(v => v!["kind"]!.GetValue<string>() == "linkage" && v["bloc"]!.GetValue<string>() == "csto-bloc")!;
        Assert.Equal("scenario", linkage["from"]!.GetValue<string>());
        Assert.Equal("""{"uniform":[0.1,0.3]}""", linkage["overrides"]![0]!["value"]!.ToJsonString());
        Assert.Equal("""["RUS"]""", linkage["overrides"]![1]!["targets"]!.ToJsonString());
        var bloc = era["values"]!.AsArray().Single(v => v!["kind"]!.GetValue<string>() == "bloc-correlation")!;
        Assert.Equal(("era", 0), (bloc["from"]!.GetValue<string>(), bloc["overrides"]!.AsArray().Count));

        var back = ResultJson.Deserialize(json);
        Assert.Equal(Overriding.EraProvenance!.ToString(), back.Provenance.Era!.ToString());
        Assert.Equal(json, ResultJson.Serialize(back));
    }

    [Fact]
    public void A_result_without_an_era_has_no_era_entry()
    {
        var scenario = ScenarioJson.Parse(EraProvenanceTests.WithEra("x").Replace("\"era\": \"x\",", string.Empty, StringComparison.Ordinal));
        var root = JsonNode.Parse(ResultJson.Serialize(Run(scenario)))!;
        Assert.False(root["provenance"]!.AsObject().ContainsKey("era"));
        Assert.Null(ResultJson.Deserialize(root.ToJsonString()).Provenance.Era);
    }

    [Fact]
    public void Merged_shards_and_a_resumed_run_keep_the_era_provenance()
    {
        string whole = ResultJson.Serialize(Run(Overriding));
        var merged = SimulationResult.Merge([.. Enumerable.Range(1, 3).Select(i => ResultJson.Deserialize(ResultJson.Serialize(Run(Overriding, new ShardSpec(i, 3)))))]);
        Assert.Equal(whole, ResultJson.Serialize(merged));

        SimulationResult? partial = null;
        var options = new SimulationOptions { Trials = 4_000, ChunkSize = 500, Seed = 3, Checkpoint = r => partial ??= r, CheckpointInterval = TimeSpan.Zero };
        MonteCarloRunner.Run(Overriding.Compile(), options);
        var saved = ResultJson.Deserialize(ResultJson.Serialize(partial!));
        Assert.False(saved.Provenance.IsComplete);
        Assert.NotNull(saved.Provenance.Era);
        var resumed = MonteCarloRunner.Run(Overriding.Compile(), new SimulationOptions { Trials = 4_000, ChunkSize = 500, Seed = 3, ResumeFrom = saved });
        Assert.Equal(whole, ResultJson.Serialize(resumed));
    }
}
