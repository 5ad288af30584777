using System.Text.Json;
using System.Text.Json.Nodes;
using ConsensusSim.Serialization;
using ConsensusSim.Simulation;
using ConsensusSim.Tests.Support;
using static ConsensusSim.Tests.Support.ResultFileEdits;

namespace ConsensusSim.Tests.Serialization.Hostile;

/// <summary>
/// Edited fallback tallies in a result or checkpoint: refused by the checksum, and, when a forger recomputes it, by the
/// sums the tallies satisfy, each with the JSON path and line of the field at fault.
/// </summary>
public class FallbackTallyEditTests
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private static readonly string Written = ResultJson.Serialize(MonteCarloRunner.Run(
        CascadeScenarios.Builder(0.5, 0.3, 0.6, noiseC: 0.05).Build().Compile(),
        new SimulationOptions { Trials = 4_000, Seed = 2, ChunkSize = 500 }));

    private static JsonObject Fallback(JsonNode root) => Tallies(root)["fallback"]!.AsObject();

    private static string Edited(Action<JsonNode> edit, bool reseal)
    {
        var root = JsonNode.Parse(Written)!;
        edit(root);
        if (reseal)
        {
            Reseal(root);
        }

        return root.ToJsonString(Indented);
    }

    /// <summary>Refused at <paramref name="path"/>, on the line that holds <paramref name="onLine"/> (the field's name unless told).</summary>
    private static void Refused(string json, string path, string? onLine = null)
    {
        var ex = Assert.Throws<ResultFileException>(() => ResultJson.Deserialize(json, "edited.json"));
        Assert.Equal(path, ex.JsonPath);
        Assert.StartsWith($"edited.json:{ex.Line}: {path}: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(onLine ?? $"\"{path.Split('.')[^1]}\"", json.Split('\n')[ex.Line - 1], StringComparison.Ordinal);
    }

    [Fact]
    public void One_changed_digit_of_a_fallback_tally_is_refused_by_the_checksum()
    {
        string json = Edited(root => Fallback(root)["objections"] = ChangeOneDigit(Fallback(root)["objections"]!.GetValue<long>()), reseal: false);
        Refused(json, "$.tallies.checksum");
    }

    [Fact]
    public void Resealed_fallback_tallies_that_break_a_sum_are_refused_at_the_field()
    {
        Refused(Edited(root => Fallback(root)["distinctObjectors"]![1] = Fallback(root)["distinctObjectors"]![1]!.GetValue<long>() + 1, reseal: true), "$.tallies.fallback.distinctObjectors");
        Refused(Edited(root => Fallback(root)["adoptedAfterFallback"]![2] = 4_001, reseal: true), "$.tallies.fallback.adoptedAfterFallback[2]", onLine: "4001");
        Refused(Edited(root => Fallback(root)["retaliatoryObjections"] = Fallback(root)["objections"]!.GetValue<long>() + 1, reseal: true), "$.tallies.fallback.retaliatoryObjections");
        Refused(Edited(root => Fallback(root)["retaliatorySquared"] = "0", reseal: true), "$.tallies.fallback.retaliatorySquared");
        Refused(Edited(root => Fallback(root)["trialsWithRetaliation"] = -1, reseal: true), "$.tallies.fallback.trialsWithRetaliation");
    }

    [Fact]
    public void Fallback_tallies_of_the_wrong_shape_are_refused_at_the_field()
    {
        Refused(Edited(root => Fallback(root)["adoptedAfterFallback"]!.AsArray().RemoveAt(0), reseal: false), "$.tallies.fallback.adoptedAfterFallback");
        Refused(Edited(root => Fallback(root).Remove("objections"), reseal: false), "$.tallies.fallback.objections", onLine: "\"fallback\"");
        Refused(Edited(root => Fallback(root)["objectionsSquared"] = 12, reseal: false), "$.tallies.fallback.objectionsSquared");
        Refused(Edited(root => Tallies(root)["fallback"] = 1, reseal: false), "$.tallies.fallback");
    }

    [Fact]
    public void Fallback_tallies_added_to_a_single_proposal_s_result_are_refused()
    {
        string single = ResultJson.Serialize(MonteCarloRunner.Run(Scenarios.FixedObjection([0.2, 0.2]).Compile(), new SimulationOptions { Trials = 500, Seed = 2 }));
        var root = JsonNode.Parse(single)!;
        Tallies(root)["fallback"] = Fallback(JsonNode.Parse(Written)!).DeepClone();
        Refused(root.ToJsonString(Indented), "$.tallies.fallback.adoptedAfterFallback");
    }
}
