using System.Text.Json;
using System.Text.Json.Nodes;
using ConsensusSim.Cli;

namespace ConsensusSim.Tests.Cli;

/// <summary>The run's options in a result file's provenance, written without reflection (for a Native AOT build) exactly as the serializer wrote them.</summary>
public class RunRecordTests
{
    [Fact]
    public void The_options_are_written_as_the_reflection_serializer_writes_them()
    {
        var options = new Dictionary<string, object?>
        {
            ["scenarioFile"] = "scénario \"quoted\" <b>.json",
            ["threads"] = 2,
            ["chunkSize"] = 4096,
            ["precision"] = 0.001,
            ["shard"] = null,
            ["trials"] = 10_000_000_000L,
            ["resume"] = true,
            ["mergedFrom"] = new[] { "a.json", "b/ü.json" },
            ["ratio"] = 1.0 / 3,
        };
        var annotated = JsonNode.Parse(RunRecord.Annotate("""{ "provenance": {} }""", options))!;
        string written = annotated["provenance"]!["run"]!["options"]!.ToJsonString();
        Assert.Equal(JsonSerializer.Serialize(options), written);
        Assert.Contains("\"ratio\":0.3333333333333333", written, StringComparison.Ordinal);
    }
}
