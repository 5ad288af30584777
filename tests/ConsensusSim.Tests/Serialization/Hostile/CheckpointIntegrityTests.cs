using System.Text.Json.Nodes;
using ConsensusSim.Serialization;
using ConsensusSim.Simulation;
using ConsensusSim.Tests.Support;
using static ConsensusSim.Tests.Support.ResultFileEdits;

namespace ConsensusSim.Tests.Serialization.Hostile;

/// <summary>
/// <c>run --resume</c> from a checkpoint that was edited or belongs to another scenario: refused with exit 2,
/// the file, line and JSON path named, and nothing written.
/// </summary>
public sealed class CheckpointIntegrityTests : CliHarness
{
    // Three States, three rounds: every objector count and round is populated in a few thousand trials.
    private const string ScenarioText = """{ "name": "Three rounds", "states": ["AUT","BEL","RUS"], "proposal": { "title": "t", "statusQuo": [0,0,0], "draft": [1,1,1] }, "behaviour": { "model": "fixed-objection" }, "defaults": { "objectionProbability": 0.3 }, "procedure": { "maxRounds": 3 } }""";

    private static readonly string[] Plan = ["--trials", "8000", "--chunk-size", "500", "--seed", "5"];

    private string Scenario => F("scenario.json");

    private string Checkpoint => F("run.ckpt");

    private string Output => F("out.json");

    /// <summary>A complete run's final checkpoint, as <c>run --checkpoint</c> leaves it.</summary>
    private void CompleteCheckpoint()
    {
        File.WriteAllText(Scenario, ScenarioText);
        Assert.Equal(0, Cli(["run", Scenario, .. Plan, "--checkpoint", Checkpoint]).Code);
    }

    /// <summary>An interrupted run's checkpoint, with at least two chunks still to do.</summary>
    private void PartialCheckpoint()
    {
        File.WriteAllText(Scenario, ScenarioText);
        using var cancel = new CancellationTokenSource();
        var partial = MonteCarloRunner.Run(
            ScenarioJson.Load(Scenario).Compile(),
            new SimulationOptions { Trials = 8000, ChunkSize = 500, Seed = 5, MaxDegreeOfParallelism = 1, CheckpointInterval = TimeSpan.Zero, Checkpoint = _ => cancel.Cancel() },
            null,
            cancel.Token);
        Assert.True(partial.Trials is > 0 and <= 7000, $"{partial.Trials} trials");
        File.WriteAllText(Checkpoint, ResultJson.Serialize(partial));
    }

    private string Resume(params string[] problem)
    {
        string before = File.ReadAllText(Checkpoint);
        var (code, output, error) = Cli(["run", Scenario, .. Plan, "--checkpoint", Checkpoint, "--resume", "--json", Output]);
        Assert.Equal(2, code);
        Assert.DoesNotContain("P(adopted)", output, StringComparison.Ordinal);
        foreach (string part in problem)
        {
            Assert.Contains(part, error, StringComparison.Ordinal);
        }

        Assert.False(File.Exists(Output));
        Assert.Equal(before, File.ReadAllText(Checkpoint));
        return error;
    }

    [Fact]
    public void A_checkpoint_with_one_changed_digit_of_tallies_adopted_is_refused()
    {
        CompleteCheckpoint();
        Edit(Checkpoint, root => Set(root, "adopted", ChangeOneDigit(Long(root, "adopted"))));
        Resume(Location(Checkpoint, "adopted"), "adoptedInRound");
    }

    [Fact]
    public void A_checkpoint_with_777_added_to_a_blocker_count_is_refused()
    {
        CompleteCheckpoint();
        Edit(Checkpoint, root => SetAt(root, "blocked", 2, At(root, "blocked", 2) + 777));
        // RUS still blocks fewer trials than were not adopted, but the blockers now outnumber the objections.
        Resume(Location(Checkpoint, "blocked"), "more than the 3,114 objections that objectorCounts records");
    }

    [Fact]
    public void A_checkpoint_with_100_trials_moved_between_objector_count_bins_is_refused()
    {
        CompleteCheckpoint();
        Edit(Checkpoint, root =>
        {
            SetAt(root, "objectorCounts", 1, At(root, "objectorCounts", 1) - 100);
            SetAt(root, "objectorCounts", 2, At(root, "objectorCounts", 2) + 100);
        });

        // Every sum still holds: only the checksum sees it.
        Resume(Location(Checkpoint, "checksum"), "do not match their checksum");
    }

    [Fact]
    public void A_checkpoint_claiming_one_extra_chunk_with_matching_trials_is_refused()
    {
        PartialCheckpoint();
        Edit(Checkpoint, root =>
        {
            // One more chunk of 500 trials, all adopted in round 1 with nobody objecting: consistent in every sum.
            AddUnopposedChunk(root, 500);
        });
        Resume(Location(Checkpoint, "checksum"), "do not match their checksum");
    }

    [Fact]
    public void A_checkpoint_of_a_scenario_with_fewer_rounds_is_refused_even_with_a_valid_checksum()
    {
        CompleteCheckpoint();
        Edit(Checkpoint, root =>
        {
            // Two rounds instead of three, the third round's adoptions folded into the second: consistent and resealed.
            DropThirdRound(root);
        });
        Resume(Checkpoint, "2 rounds", "3");
    }

    [Fact]
    public void A_checkpoint_of_a_scenario_with_fewer_States_is_refused_even_with_a_valid_checksum()
    {
        CompleteCheckpoint();
        Edit(Checkpoint, root =>
        {
            // RUS dropped: its blocker counts removed, the three-objector bin folded into the two-objector bin.
            DropThirdState(root);
        });
        Resume(Checkpoint, "2 States", "3");
    }

    [Fact]
    public void A_checkpoint_written_without_a_checksum_by_0_4_is_refused_with_the_advice_to_rerun()
    {
        CompleteCheckpoint();
        Edit(Checkpoint, root =>
        {
            root["format"] = 1;
            Tallies(root).Remove("checksum");
        });
        string error = Resume(Checkpoint, "$.format", "checksum", "rerun");
        Assert.Contains($"{Checkpoint}:2: $.format", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_checkpoint_reformatted_without_changing_a_number_still_resumes()
    {
        CompleteCheckpoint();
        var root = JsonNode.Parse(File.ReadAllText(Checkpoint))!;
        File.WriteAllText(Checkpoint, root.ToJsonString());
        Assert.Equal(0, Cli(["run", Scenario, .. Plan, "--checkpoint", Checkpoint, "--resume", "--json", Output]).Code);
        Assert.True(File.Exists(Output));
    }
}
