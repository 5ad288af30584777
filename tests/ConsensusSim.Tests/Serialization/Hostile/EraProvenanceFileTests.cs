using System.Text.Json;
using System.Text.Json.Nodes;
using ConsensusSim.Serialization;

namespace ConsensusSim.Tests.Serialization.Hostile;

/// <summary>An edited era provenance is refused like edited tallies: the checksum covers it, and a malformed one is named by path.</summary>
public class EraProvenanceFileTests
{
    private static readonly string Written = ResultJson.Serialize(EraResultFileTests.Run(EraResultFileTests.Overriding));

    private static ResultFileException Refused(Action<JsonNode> edit, string path)
    {
        var root = JsonNode.Parse(Written)!;
        edit(root);
        string json = root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        var ex = Assert.Throws<ResultFileException>(() => ResultJson.Deserialize(json, "edited.json"));
        Assert.Equal(path, ex.JsonPath);
        Assert.StartsWith($"edited.json:{ex.Line}: {path}: ", ex.Message, StringComparison.Ordinal);
        return ex;
    }

    private static JsonNode Era(JsonNode root) => root["provenance"]!["era"]!;

    public static TheoryData<string> Edits() => ["era value", "override value", "override source", "removed", "added targets", "from"];

    [Theory]
    [MemberData(nameof(Edits))]
    public void An_edited_era_provenance_fails_the_checksum(string edit)
    {
        var ex = Refused(
            root =>
            {
                var era = Era(root);
                switch (edit)
                {
                    case "era value": era["values"]![0]!["era"] = 0.5; break;
                    case "override value": era["values"]![0]!["overrides"]![0]!["value"] = 0.75; break;
                    case "override source": era["values"]![0]!["overrides"]![0]!["source"] = "$.defaults.tension"; break;
                    case "removed": root["provenance"]!.AsObject().Remove("era"); break;
                    case "added targets": era["values"]![0]!["overrides"]![0]!["targets"]!.AsArray().Add("RUS"); break;
                    default:
                        var linkage = era["values"]!.AsArray().First(v => v!["from"]!.GetValue<string>() == "scenario")!;
                        linkage["from"] = "era-and-scenario";
                        break;
                }
            },
            "$.tallies.checksum");
        Assert.Contains("do not match their checksum", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_era_provenance_added_to_a_result_without_one_fails_the_checksum()
    {
        var scenario = ScenarioJson.Parse(Model.EraProvenanceTests.WithEra("x").Replace("\"era\": \"x\",", string.Empty, StringComparison.Ordinal));
        var plain = JsonNode.Parse(ResultJson.Serialize(EraResultFileTests.Run(scenario)))!;
        plain["provenance"]!["era"] = Era(JsonNode.Parse(Written)!).DeepClone();
        var ex = Assert.Throws<ResultFileException>(() => ResultJson.Deserialize(plain.ToJsonString(), "edited.json"));
        Assert.Equal("$.tallies.checksum", ex.JsonPath);
    }

    [Theory]
    [InlineData("kind", "\"ideology\"", "$.provenance.era.values[0].kind")]
    [InlineData("era", "\"high\"", "$.provenance.era.values[0].era")]
    [InlineData("bloc", "7", "$.provenance.era.values[0].bloc")]
    [InlineData("from", "\"nowhere\"", "$.provenance.era.values[0].from")]
    [InlineData("overrides", "{}", "$.provenance.era.values[0].overrides")]
    public void A_malformed_era_value_is_refused_at_its_path(string field, string value, string path)
    {
        Refused(root => Era(root)["values"]![0]![field] = JsonNode.Parse(value), path);
    }

    [Theory]
    [InlineData("{\"beta\": [0, 1]}")]
    [InlineData("{\"normal\": [0, 1]}")]
    [InlineData("{\"uniform\": [0.3, 0.1]}")]
    [InlineData("\"0.4\"")]
    public void A_malformed_override_value_is_refused_at_its_path(string value)
    {
        var ex = Refused(root => Era(root)["values"]![0]!["overrides"]![0]!["value"] = JsonNode.Parse(value), "$.provenance.era.values[0].overrides[0].value" + (value.Contains("beta", StringComparison.Ordinal) ? ".beta" : value.Contains("uniform", StringComparison.Ordinal) ? ".uniform" : string.Empty));
        Assert.DoesNotContain("checksum", ex.Message, StringComparison.Ordinal);
    }
}
