using System.Text.Json;
using System.Text.Json.Nodes;
using ConsensusSim.Model;
using ConsensusSim.Serialization;
using ConsensusSim.Simulation;
using static ConsensusSim.Tests.Support.ResultFileEdits;

namespace ConsensusSim.Tests.Serialization.Hostile;

/// <summary>
/// The conditional-only flag of a result file, edited: turned off, turned on for a counting run, or beside counts. Each
/// is refused with the JSON path of what is wrong, even when the forger recomputed the checksum.
/// </summary>
public class ConditionalOnlyTallyTests
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private static string Edited(bool only, Action<JsonNode> edit)
    {
        var result = MonteCarloRunner.Run(Scenario.Default.Compile(), new SimulationOptions { Trials = 2_000, ChunkSize = 500, Seed = 6, ConditionalOnly = only, ConditionalMonteCarlo = true });
        var root = JsonNode.Parse(ResultJson.Serialize(result))!;
        edit(root);
        return root.ToJsonString(Indented);
    }

    private static void Refused(string json, string path) =>
        Assert.Equal(path, Assert.Throws<ResultFileException>(() => ResultJson.Deserialize(json, "edited.json")).JsonPath);

    [Fact]
    public void A_conditional_only_file_whose_flag_is_removed_is_refused_for_its_missing_counts()
    {
        // Read as a counting run, its trials took no vote: the objector counts do not add up, resealed or not.
        Refused(Edited(true, root => Tallies(root).Remove("conditionalOnly")), "$.tallies.objectorCounts");
        Refused(Edited(true, root => { Tallies(root).Remove("conditionalOnly"); Reseal(root); }), "$.tallies.objectorCounts");
    }

    [Fact]
    public void A_counting_file_flagged_conditional_only_is_refused_for_its_counts()
    {
        Refused(Edited(false, root => Tallies(root)["conditionalOnly"] = true), "$.tallies.conditionalOnly");
        Refused(Edited(false, root => { Tallies(root)["conditionalOnly"] = true; Reseal(root); }), "$.tallies.conditionalOnly");
    }

    [Fact]
    public void A_conditional_only_file_with_a_count_or_without_its_conditional_sums_is_refused()
    {
        Refused(Edited(true, root => { Set(root, "adopted", 3); SetAt(root, "adoptedInRound", 0, 3); Reseal(root); }), "$.tallies.conditionalOnly");
        Refused(Edited(true, root => { SetAt(root, "blocked", 5, 1); Reseal(root); }), "$.tallies.conditionalOnly");
        Refused(Edited(true, root => Tallies(root)["conditional"] = false), "$.tallies.conditional");

        // Unedited, it reads back as it was written.
        Assert.False(ResultJson.Deserialize(Edited(true, _ => { })).OutcomesCounted);
    }
}
