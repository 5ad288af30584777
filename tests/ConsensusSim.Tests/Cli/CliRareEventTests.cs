using System.Text.Json.Nodes;
using ConsensusSim.Tests.Support;

namespace ConsensusSim.Tests.Cli;

public sealed class CliRareEventTests : CliHarness
{
    [Fact]
    public void Run_with_rare_prints_and_writes_the_importance_sampled_estimate()
    {
        // Two States objecting with 0.3 each: P(adopted) = 0.49, in reach of every estimator.
        File.WriteAllText(F("scenario.json"), HostileFiles.Scenario());
        var run = Cli("run", F("scenario.json"), "--trials", "4000", "--seed", "3", "--rare", "adopted", "--json", F("result.json"));
        Assert.Equal(0, run.Code);
        Assert.Contains("importance sampling", run.Out, StringComparison.Ordinal);
        Assert.Matches(@"not rare here: counting saw it in 1,\d{3} of 4,000 trials; read the counted estimate", run.Out);
        var rare = JsonNode.Parse(File.ReadAllText(F("result.json")))!["outcomes"]!["rareEvent"]!;
        Assert.Equal("adopted", rare["outcome"]!.GetValue<string>());
        double p = rare["probability"]!.GetValue<double>(), se = rare["standardError"]!.GetValue<double>();
        Assert.InRange(0.49, p - (4 * se) - 1e-9, p + (4 * se) + 1e-9);
    }

    [Fact]
    public void A_rare_outcome_gets_no_advice_to_read_the_count()
    {
        // The sample's routine text fails about once in 1.5 million: counting sees nothing, importance sampling is the estimate.
        string scenario = Path.Combine(AppContext.BaseDirectory, "scenarios", "routine-text-failing.json");
        var run = Cli("run", scenario, "--trials", "2000", "--rare", "deadlocked");
        Assert.Equal(0, run.Code);
        Assert.Contains("importance sampling", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("not rare here", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_prints_the_importance_sampled_estimate_of_the_whole_run()
    {
        File.WriteAllText(F("scenario.json"), HostileFiles.Scenario());
        string[] run = ["run", F("scenario.json"), "--trials", "4000", "--seed", "3", "--rare", "adopted", "--chunk-size", "1000"];
        var whole = Cli([.. run, "--json", F("whole.json")]);
        Assert.Equal(0, Cli([.. run, "--shard", "1/2", "--json", F("part-1.json")]).Code);
        Assert.Equal(0, Cli([.. run, "--shard", "2/2", "--json", F("part-2.json")]).Code);

        var merged = Cli("merge", F("part-1.json"), F("part-2.json"), "--out", F("merged.json"));
        Assert.Equal(0, merged.Code);
        string line = whole.Out.Split('\n').Single(l => l.Contains("importance sampling", StringComparison.Ordinal)).Trim();
        Assert.Contains(line, merged.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_refuses_an_unknown_rare_outcome_and_a_scenario_it_does_not_apply_to()
    {
        Assert.Equal(2, Cli("run", "--trials", "100", "--rare", "sometimes").Code);
        var refused = Cli("run", "--trials", "100", "--rare", "adopted");
        Assert.Equal(2, refused.Code);
        Assert.Contains("does not apply", refused.Err, StringComparison.Ordinal);
    }
}
