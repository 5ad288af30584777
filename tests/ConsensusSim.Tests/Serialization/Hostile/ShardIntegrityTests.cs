using ConsensusSim.Tests.Support;

using static ConsensusSim.Tests.Support.ResultFileEdits;

namespace ConsensusSim.Tests.Serialization.Hostile;

/// <summary><c>merge</c> of shard results of which one was edited: refused with exit 2, the file, line and JSON path named, nothing written.</summary>
public sealed class ShardIntegrityTests : CliHarness
{
    private const string ScenarioText = """{ "name": "Three rounds", "states": ["AUT","BEL","RUS"], "proposal": { "title": "t", "statusQuo": [0,0,0], "draft": [1,1,1] }, "behaviour": { "model": "fixed-objection" }, "defaults": { "objectionProbability": 0.3 }, "procedure": { "maxRounds": 3 } }""";

    private string Merged => F("merged.json");

    /// <summary>Runs both shards of one run and returns the second's file, the one the tests edit.</summary>
    private string TwoShards()
    {
        File.WriteAllText(F("scenario.json"), ScenarioText);
        for (int i = 1; i <= 2; i++)
        {
            Assert.Equal(0, Cli("run", F("scenario.json"), "--trials", "8000", "--chunk-size", "500", "--seed", "5", "--shard", $"{i}/2", "--json", F($"part-{i}.json")).Code);
        }

        return F("part-2.json");
    }

    private string Merge(params string[] problem)
    {
        var (code, output, error) = Cli("merge", F("part-1.json"), F("part-2.json"), "--out", Merged);
        Assert.Equal(2, code);
        Assert.Empty(output);
        foreach (string part in problem)
        {
            Assert.Contains(part, error, StringComparison.Ordinal);
        }

        Assert.False(File.Exists(Merged));
        return error;
    }

    [Fact]
    public void A_shard_with_one_changed_digit_of_tallies_adopted_is_refused()
    {
        string part = TwoShards();
        Edit(part, root => Set(root, "adopted", ChangeOneDigit(Long(root, "adopted"))));
        Merge(Location(part, "adopted"), "adoptedInRound");
    }

    [Fact]
    public void A_shard_with_777_added_to_a_blocker_count_is_refused()
    {
        string part = TwoShards();
        Edit(part, root => SetAt(root, "blocked", 0, At(root, "blocked", 0) + 777));
        // A shard holds half the trials: 777 more puts AUT above the trials the shard did not adopt.
        Merge(Location(part, "blocked", 0), "for AUT, more than the", "trials not adopted");
    }

    [Fact]
    public void A_shard_with_100_trials_moved_between_objector_count_bins_is_refused()
    {
        string part = TwoShards();
        Edit(part, root =>
        {
            SetAt(root, "objectorCounts", 1, At(root, "objectorCounts", 1) - 100);
            SetAt(root, "objectorCounts", 2, At(root, "objectorCounts", 2) + 100);
        });
        Merge(Location(part, "checksum"), "do not match their checksum");
    }

    [Fact]
    public void A_shard_claiming_one_extra_chunk_with_matching_trials_is_refused()
    {
        string part = TwoShards();
        Edit(part, root =>
        {
            // Shard 2/2 of 16 chunks is chunks 8 to 15; it now claims chunk 7 as well, with 500 more trials, all adopted.
            Set(root, "firstChunk", Long(root, "firstChunk") - 1);
            AddUnopposedChunk(root, 500);
        });
        Merge(Location(part, "firstChunk"), "shard 2/2 of 16 chunks starts at chunk 8");
    }

    [Fact]
    public void A_shard_of_a_scenario_with_fewer_rounds_is_refused_even_with_a_valid_checksum()
    {
        string part = TwoShards();
        Edit(part, root =>
        {
            DropThirdRound(root);
        });
        Merge("part 2 (shard 2/2) has 2 rounds, part 1 has 3", $"part 2 is {part}");
    }

    [Fact]
    public void A_shard_of_a_scenario_with_fewer_States_is_refused_even_with_a_valid_checksum()
    {
        string part = TwoShards();
        Edit(part, root =>
        {
            DropThirdState(root);
        });
        Merge("part 2 (shard 2/2) has 2 States, part 1 has 3", $"part 2 is {part}");
    }

    [Fact]
    public void A_shard_written_without_a_checksum_by_0_4_is_refused_with_the_advice_to_rerun()
    {
        string part = TwoShards();
        Edit(part, root =>
        {
            root["format"] = 1;
            Tallies(root).Remove("checksum");
        });
        Merge($"{part}:2: $.format", "no checksum", "rerun");
    }
}
