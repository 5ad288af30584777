using System.Text.Json.Nodes;
using ConsensusSim.Tests.Support;

namespace ConsensusSim.Tests.Cli;

/// <summary><c>consensussim calibrate</c> on small specs generated here: three periods of a three-State vote.</summary>
public sealed class CalibrateCliTests : CliHarness
{
    public CalibrateCliTests()
    {
        File.WriteAllText(F("record.csv"), "era,item,adopted,attempts,topic\np1,vote,18,20,\np2,vote,12,20,\np3,vote,5,20,\np3,vote,2,2,migration\n");
        File.WriteAllText(F("vote.json"), """
            { "name": "vote", "states": ["AUT", "BEL", "CHE"], "behaviour": { "model": "fixed-objection", "blocCorrelation": 0.3 },
              "defaults": { "objectionProbability": 0.1 }, "proposal": { "title": "t", "statusQuo": [0, 0, 0], "draft": [1, 1, 1] } }
            """);
        File.WriteAllText(F("spec.json"), """
            {
              "name": "three periods",
              "observations": "record.csv",
              "periodPath": null,
              "templates": [ { "item": "vote", "scenario": "vote.json" } ],
              "parameters": [
                { "name": "objection", "path": "defaults.objectionProbability", "low": 0, "high": 0.6 },
                { "name": "tension", "path": "behaviour.tension", "low": 0, "high": 1 }
              ],
              "trials": 1000,
              "starts": 1
            }
            """);
    }

    [Fact]
    public void A_fit_prints_every_parameter_as_it_should_be_reported_and_writes_json_and_csv()
    {
        var (code, output, error) = Cli("calibrate", F("spec.json"), "--out", F("fit"));
        Assert.Equal(0, code);
        Assert.Contains("three periods: 3 cells fitted (3 by conditional Monte Carlo, 0 counted)", output, StringComparison.Ordinal);
        Assert.Contains("skipped 1 cells without a template: p3 vote/migration", output, StringComparison.Ordinal);
        Assert.Contains("tension    not identified: 0–1", output, StringComparison.Ordinal);
        Assert.Contains("Flagged (1 of 2, not reported as points): tension [Flat]", output, StringComparison.Ordinal);
        Assert.Contains("[1/3] profiled objection", error, StringComparison.Ordinal);

        var json = JsonNode.Parse(File.ReadAllText(F("fit/calibration.json")))!;
        Assert.Equal("fit", (string?)json["mode"]);
        Assert.Equal(3.841458820694124, (double)json["method"]!["profileThreshold"]!);
        Assert.Equal(0.0005, (double)json["method"]!["clampLow"]!);
        var parameters = json["fit"]!["parameters"]!.AsArray();
        Assert.Equal(["Flat"], parameters[1]!["flags"]!.AsArray().Select(f => (string?)f));
        Assert.Equal("conditional", (string?)json["fit"]!["cells"]![0]!["estimator"]);
        Assert.Equal("migration", (string?)json["fit"]!["skipped"]![0]!["topic"]);
        Assert.StartsWith("split,name,path,applies_to,low,high,prior_mean,prior_sd,estimate,lower,upper,flags,cells,reported,spec,seed,trials,consensussim_version\nall,objection,", File.ReadAllText(F("fit/parameters.csv")), StringComparison.Ordinal);
        Assert.Equal(5, File.ReadAllLines(F("fit/cells.csv")).Length);
        Assert.False(File.Exists(F("fit/scores.csv")));
    }

    [Fact]
    public void Rolling_origin_prints_one_line_of_scores_per_predicted_period()
    {
        var (code, output, _) = Cli("calibrate", F("spec.json"), "--rolling-origin", "--out", F("rolling"));
        Assert.Equal(0, code);
        Assert.Contains("(p1 has none before it)", output, StringComparison.Ordinal);
        Assert.Single(output.Split('\n'), l => l.TrimStart().StartsWith("p2 ", StringComparison.Ordinal));
        Assert.Single(output.Split('\n'), l => l.TrimStart().StartsWith("p3 ", StringComparison.Ordinal));
        Assert.Single(output.Split('\n'), l => l.TrimStart().StartsWith("all ", StringComparison.Ordinal));
        string[] scores = File.ReadAllLines(F("rolling/scores.csv"));
        Assert.Equal(4, scores.Length);
        Assert.StartsWith("p2,p1,1,20,", scores[1], StringComparison.Ordinal);
        Assert.Equal("rolling-origin", (string?)JsonNode.Parse(File.ReadAllText(F("rolling/calibration.json")))!["mode"]);
    }

    [Fact]
    public void A_held_out_period_is_scored_beside_the_baselines()
    {
        var (code, output, _) = Cli("calibrate", F("spec.json"), "--holdout", "period=p3", "--out", F("held"));
        Assert.Equal(0, code);
        Assert.Contains("Held out period=p3: 1 cells, 20 attempts", output, StringComparison.Ordinal);
        Assert.StartsWith("period=p3,p1 p2,1,20,", File.ReadAllLines(F("held/scores.csv"))[1], StringComparison.Ordinal);
        Assert.Contains("holdout,predicted,p3,vote,,5,20,,", File.ReadAllText(F("held/cells.csv")), StringComparison.Ordinal);
    }
}
