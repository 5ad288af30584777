using ConsensusSim.Tests.Support;
using ConsensusSim.Cli;
using ConsensusSim.Model;
using ConsensusSim.Simulation;
using ConsensusSim.Serialization;

namespace ConsensusSim.Tests.Cli;

/// <summary>The files that hold a run's result are one piece: declared before the run, filled from the result, written together.</summary>
public sealed class ResultFilesTests : CliHarness
{
    private static readonly SimulationResult Result = MonteCarloRunner.Run(Scenario.Default.Compile(), new SimulationOptions { Trials = 2_000, Seed = 3, MaxDegreeOfParallelism = 1 });

    [Fact]
    public void The_json_the_checkpoint_and_the_folder_s_result_hold_the_same_bytes()
    {
        var plan = new OutputPlan(TextWriter.Null, []);
        var files = ResultFiles.Declare(plan, ("--json", F("result.json")), F("checkpoint.json"), F("out"));
        Assert.Equal([F("result.json"), F("checkpoint.json"), Path.Combine(F("out"), "result.json")], files.Holders);
        Assert.False(Directory.Exists(F("out")));

        files.Set(Result, new Dictionary<string, object?> { ["test"] = 1 }, Scenario.Default);
        plan.Commit();

        byte[] json = File.ReadAllBytes(F("result.json"));
        Assert.Equal(json, File.ReadAllBytes(F("checkpoint.json")));
        Assert.Equal(json, File.ReadAllBytes(Path.Combine(F("out"), "result.json")));
        foreach (string name in new[] { "outcomes.csv", "blockers.csv", "report.html" })
        {
            Assert.True(File.Exists(Path.Combine(F("out"), name)), name);
        }

        Assert.Contains("\"test\": 1", File.ReadAllText(F("result.json")), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_folder_no_scenario_is_needed()
    {
        var plan = new OutputPlan(TextWriter.Null, []);
        var files = ResultFiles.Declare(plan, ("--out", F("merged.json")));
        files.Set(Result, new Dictionary<string, object?>(), scenario: null);
        Assert.Equal([F("merged.json")], plan.Commit());
        Assert.Null(files.CheckpointWriter());
        Assert.Equal([F("merged.json")], files.Holders);
    }
}
