using System.Text.Json;
using System.Text.Json.Nodes;
using ConsensusSim.Serialization;
using ConsensusSim.Simulation;
using ConsensusSim.Tests.Support;
using static ConsensusSim.Tests.Support.ResultFileEdits;

namespace ConsensusSim.Tests.Serialization.Hostile;

/// <summary>
/// Edited gridlock and policy-change tallies, and files written before they existed: each is refused with the JSON path
/// of what is wrong, even when the forger recomputed the checksum.
/// </summary>
public class GridlockTallyTests
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private static readonly SimulationResult Result =
        MonteCarloRunner.Run(Scenarios.SometimesGridlocked(n: 3).Compile(), new SimulationOptions { Trials = 4_000, ChunkSize = 500, Seed = 2 });

    private static string Edited(Action<JsonNode> edit)
    {
        var root = JsonNode.Parse(ResultJson.Serialize(Result))!;
        edit(root);
        return root.ToJsonString(Indented);
    }

    private static ResultFileException Refused(string json, string path)
    {
        var ex = Assert.Throws<ResultFileException>(() => ResultJson.Deserialize(json, "edited.json"));
        Assert.Equal(path, ex.JsonPath);
        return ex;
    }

    [Fact]
    public void A_file_of_format_2_without_the_gridlock_tallies_is_refused_with_the_advice_to_rerun()
    {
        var ex = Refused(Edited(root =>
        {
            root["format"] = 2;
            Tallies(root).Remove("gridlock");
            Tallies(root).Remove("policyChanged");
        }), "$.format");
        Assert.Equal(2, ex.Line);
        Assert.Contains("gridlock", ex.Problem, StringComparison.Ordinal);
        Assert.Contains("rerun", ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_without_the_gridlock_tally_is_refused()
    {
        Refused(Edited(root => Tallies(root).Remove("gridlock")), "$.tallies.gridlock");
        Refused(Edited(root => Tallies(root).Remove("policyChanged")), "$.tallies.policyChanged");
    }

    [Fact]
    public void A_changed_gridlock_count_is_refused_by_the_checksum()
    {
        var ex = Refused(Edited(root => Set(root, "gridlock", Long(root, "gridlock") - 1)), "$.tallies.objectorCounts");
        Assert.Contains("gridlock", ex.Problem, StringComparison.Ordinal);

        // Moved together with the objector counts, every sum holds: only the checksum tells.
        Refused(
            Edited(root =>
            {
                Set(root, "gridlock", Long(root, "gridlock") - 1);
                SetAt(root, "objectorCounts", 1, At(root, "objectorCounts", 1) + 1);
            }),
            "$.tallies.checksum");
    }

    [Fact]
    public void Resealed_tallies_that_break_a_gridlock_sum_are_refused()
    {
        // More gridlock than trials not adopted.
        Refused(
            Edited(root =>
            {
                Set(root, "gridlock", Long(root, "trials") - Long(root, "adopted") + 1);
                Reseal(root);
            }),
            "$.tallies.gridlock");

        // More policy changes than adoptions.
        Refused(
            Edited(root =>
            {
                Set(root, "policyChanged", Long(root, "adopted") + 1);
                Reseal(root);
            }),
            "$.tallies.policyChanged");

        // Deadlocked trials turned into gridlock while their blockers stay: a State blocked more trials than were deadlocked.
        var blocked = JsonNode.Parse(ResultJson.Serialize(Result))!["tallies"]!["blocked"]!.AsArray().Select(b => b!.GetValue<long>()).ToList();
        int first = blocked.FindIndex(b => b > 0);
        Refused(
            Edited(root =>
            {
                long deadlocked = Long(root, "trials") - Long(root, "adopted") - Long(root, "gridlock");
                Set(root, "gridlock", Long(root, "gridlock") + deadlocked);
                var counts = Tallies(root)["objectorCounts"]!.AsArray();
                for (int k = 1; k < counts.Count; k++)
                {
                    counts[k] = 0;
                }

                SetAt(root, "objectorCounts", 0, Long(root, "adopted"));
                Reseal(root);
            }),
            $"$.tallies.blocked[{first}]");
    }
}
