using System.Text.Json;
using System.Text.Json.Nodes;
using ConsensusSim.Model;
using ConsensusSim.Serialization;
using ConsensusSim.Simulation;
using ConsensusSim.Engine;
using ConsensusSim.Tests.Support;
using static ConsensusSim.Tests.Support.ResultFileEdits;

namespace ConsensusSim.Tests.Serialization.Hostile;

/// <summary>
/// The library's reading of result and checkpoint files: every edit is refused with a <see cref="ResultFileException"/>
/// naming the JSON path and line, and files as the library writes them, in any layout, are accepted.
/// </summary>
public class ResultFileReaderTests
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private static readonly CompiledScenario ThreeRounds = Scenarios.FixedObjection([0.3, 0.3, 0.3], maxRounds: 3).Compile();

    private static SimulationResult Run(CompiledScenario scenario, ShardSpec? shard = null) =>
        MonteCarloRunner.Run(scenario, new SimulationOptions { Trials = 8000, ChunkSize = 500, Seed = 5, Shard = shard });

    private static string Edited(Action<JsonNode> edit, SimulationResult? result = null)
    {
        var root = JsonNode.Parse(ResultJson.Serialize(result ?? Run(ThreeRounds)))!;
        edit(root);
        return root.ToJsonString(Indented);
    }

    private static ResultFileException Refused(string json, string path)
    {
        var ex = Assert.Throws<ResultFileException>(() => ResultJson.Deserialize(json, "edited.json"));
        Assert.Equal(path, ex.JsonPath);
        Assert.Equal("edited.json", ex.Source);
        Assert.StartsWith($"edited.json:{ex.Line}: {path}: ", ex.Message, StringComparison.Ordinal);
        return ex;
    }

    [Fact]
    public void A_result_read_back_equals_the_result_written_in_any_layout()
    {
        var result = Run(ThreeRounds);
        string json = ResultJson.Serialize(result);
        string compact = JsonNode.Parse(json)!.ToJsonString();
        var reordered = JsonNode.Parse(json)!.AsObject();
        var tallies = reordered["tallies"]!.AsObject();
        var reversed = new JsonObject(tallies.Reverse().Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));
        reordered["tallies"] = reversed;

        Assert.Equal(json, ResultJson.Serialize(ResultJson.Deserialize(compact)));
        Assert.Equal(json, ResultJson.Serialize(ResultJson.Deserialize(reordered.ToJsonString())));
    }

    [Fact]
    public void Results_of_every_sample_scenario_shard_and_option_pass_the_checks()
    {
        // The consistency checks must never refuse a file the library wrote: packages, escalation, silence, statements, the Chair.
        foreach (string file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "scenarios"), "*.json"))
        {
            var compiled = ScenarioJson.Load(file).Compile();
            bool conditional = MonteCarloRunner.SupportsConditionalMonteCarlo(compiled, out _);
            var whole = MonteCarloRunner.Run(compiled, new SimulationOptions { Trials = 3000, ChunkSize = 400, Seed = 3, ConditionalMonteCarlo = conditional });
            var shard = MonteCarloRunner.Run(compiled, new SimulationOptions { Trials = 3000, ChunkSize = 400, Seed = 3, Shard = new ShardSpec(2, 3) });
            var precise = MonteCarloRunner.Run(compiled, new SimulationOptions { Trials = 100_000, ChunkSize = 400, Seed = 3, Precision = 0.02 });
            foreach (var result in new[] { whole, shard, precise })
            {
                string json = ResultJson.Serialize(result);
                Assert.Equal(json, ResultJson.Serialize(ResultJson.Deserialize(json, file)));
            }
        }
    }

    [Fact]
    public void One_changed_digit_of_adopted_is_refused_by_the_sums_and_by_the_checksum()
    {
        Refused(Edited(root => Set(root, "adopted", ChangeOneDigit(Long(root, "adopted")))), "$.tallies.adopted");

        // Rounds changed to match, and the checksum recomputed: the histogram of ambition still counts the old total.
        var ex = Refused(
            Edited(root =>
            {
                long adopted = Long(root, "adopted");
                Set(root, "adopted", adopted + 10);
                SetAt(root, "adoptedInRound", 0, At(root, "adoptedInRound", 0) + 10);
                Reseal(root);
            }),
            "$.tallies.ambitionHistogram");
        Assert.Contains("adopted", ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Trials_moved_between_objector_count_bins_are_refused()
    {
        Refused(
            Edited(root =>
            {
                SetAt(root, "objectorCounts", 1, At(root, "objectorCounts", 1) - 100);
                SetAt(root, "objectorCounts", 2, At(root, "objectorCounts", 2) + 100);
            }),
            "$.tallies.checksum");

        // Out of the no-objector bin, resealed: fewer trials without objectors than were adopted without one.
        Refused(
            Edited(root =>
            {
                SetAt(root, "objectorCounts", 0, At(root, "objectorCounts", 0) - 100);
                SetAt(root, "objectorCounts", 1, At(root, "objectorCounts", 1) + 100);
                Reseal(root);
            }),
            "$.tallies.objectorCounts[0]");
    }

    [Fact]
    public void A_blocker_count_above_the_trials_not_adopted_is_refused_even_with_a_valid_checksum()
    {
        var ex = Refused(Edited(root => { SetAt(root, "blocked", 1, Long(root, "trials")); Reseal(root); }), "$.tallies.blocked[1]");
        Assert.Contains(ThreeRounds.Scenario.States[1], ex.Problem, StringComparison.Ordinal);
        Refused(Edited(root => { SetAt(root, "soleBlocker", 0, At(root, "blocked", 0) + 1); Reseal(root); }), "$.tallies.soleBlocker[0]");
        Refused(Edited(root => { SetAt(root, "blocked", 2, -1); Reseal(root); }), "$.tallies.blocked[2]");
    }

    [Theory]
    [InlineData("completedChunks", 1, "$.tallies.completedChunks")]
    [InlineData("firstChunk", 1, "$.tallies.firstChunk")]
    [InlineData("endChunk", 1, "$.tallies.endChunk")]
    public void A_chunk_range_that_is_not_the_runs_is_refused_even_with_a_valid_checksum(string field, long added, string path)
    {
        Refused(Edited(root => { Set(root, field, Long(root, field) + added); Reseal(root); }), path);
    }

    [Fact]
    public void A_shard_whose_chunks_are_not_its_own_is_refused_even_with_a_valid_checksum()
    {
        var shard = Run(ThreeRounds, new ShardSpec(2, 2));
        Refused(Edited(root => { Set(root, "shardIndex", 1); Reseal(root); }, shard), "$.tallies.firstChunk");
        Refused(Edited(root => { Set(root, "shardCount", 40); Reseal(root); }, shard), "$.tallies.shardCount");
    }

    [Fact]
    public void Malformed_files_name_the_path_and_line_of_the_problem()
    {
        Assert.Equal(1, Refused("not json", "$").Line);
        Refused(Edited(root => Tallies(root).Remove("escalated")), "$.tallies.escalated");
        Refused(Edited(root => Tallies(root)["seed"] = "five"), "$.tallies.seed");
        Refused(Edited(root => Tallies(root)["adopted"] = 1.5), "$.tallies.adopted");
        Refused(Edited(root => Tallies(root)["states"]![0] = 7), "$.tallies.states[0]");
        Refused(Edited(root => Tallies(root)["blocked"]!.AsArray().Add(0)), "$.tallies.blocked");
        Refused(Edited(root => Tallies(root)["checksum"] = "md5:0"), "$.tallies.checksum");
        Refused(Edited(root => root.AsObject().Remove("tallies")), "$.tallies");
        Refused("[1, 2]", "$");

        // No array is sized from a number in the file before it is checked.
        Refused(Edited(root => Set(root, "maxRounds", int.MaxValue)), "$.tallies.maxRounds");

        // A property given twice could show a reader one value and the library another.
        string json = ResultJson.Serialize(Run(ThreeRounds));
        string twice = json.Replace("\"adopted\":", "\"adopted\": 1, \"adopted\":", StringComparison.Ordinal);
        Assert.Throws<ResultFileException>(() => ResultJson.Deserialize(twice));
    }

    [Fact]
    public void A_file_of_format_1_without_a_checksum_is_refused_with_the_advice_to_rerun()
    {
        var ex = Refused(Edited(root => { root["format"] = 1; Tallies(root).Remove("checksum"); }), "$.format");
        Assert.Equal(2, ex.Line);
        Assert.Contains("rerun", ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Resuming_from_a_result_with_other_rounds_or_States_throws_an_argument_exception_not_an_index_error()
    {
        var fewerRounds = ResultJson.Deserialize(Edited(root =>
        {
            DropThirdRound(root);
        }));
        var ex = Assert.Throws<ArgumentException>(() => MonteCarloRunner.Run(ThreeRounds, new SimulationOptions { Trials = 8000, ChunkSize = 500, Seed = 5, ResumeFrom = fewerRounds }));
        Assert.Equal("options.ResumeFrom", ex.ParamName);
        Assert.Contains("it has 2 rounds, this run's scenario 3", ex.Message, StringComparison.Ordinal);

        var fewerStates = ResultJson.Deserialize(Edited(root =>
        {
            DropThirdState(root);
        }));
        ex = Assert.Throws<ArgumentException>(() => MonteCarloRunner.Run(ThreeRounds, new SimulationOptions { Trials = 8000, ChunkSize = 500, Seed = 5, ResumeFrom = fewerStates }));
        Assert.Equal("options.ResumeFrom", ex.ParamName);
        Assert.Contains("it has 2 States", ex.Message, StringComparison.Ordinal);

        var merge = Assert.Throws<ResultMergeException>(() => SimulationResult.Merge([Run(ThreeRounds, new ShardSpec(1, 2)), ResultJson.Deserialize(Edited(
            root =>
            {
                var rounds = Tallies(root)["adoptedInRound"]!.AsArray();
                rounds.Add(0);
                Set(root, "maxRounds", 4);
                Reseal(root);
            },
            Run(ThreeRounds, new ShardSpec(2, 2))))]));
        Assert.Contains("part 2 (shard 2/2) has 4 rounds, part 1 has 3", merge.Problems);
    }
}
