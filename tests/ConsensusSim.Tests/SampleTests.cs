using ConsensusSim.Cli;
using ConsensusSim.Samples.Thesis;

namespace ConsensusSim.Tests;

public class SampleTests
{
    public static TheoryData<string> ScenarioFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "scenarios"), "*.json").Order())
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ScenarioFiles))]
    public void Every_sample_scenario_runs_from_the_command_line(string file)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = ConsensusSimCli.Run(["run", Path.Combine(AppContext.BaseDirectory, "scenarios", file), "--trials", "2000"], output, error);
        Assert.Equal(0, code);
        Assert.Empty(error.ToString());
        Assert.Contains("P(adopted)", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_required_sample_scenarios_exist()
    {
        string[] required =
        [
            "counter-terrorism-pc.json", "migration-mc.json", "trafficking-action-plan.json", "field-mission-mandate.json",
            "unified-budget.json", "chairmanship.json", "top-posts-package.json", "cross-dimensional-package.json",
        ];
        var present = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "scenarios")).Select(Path.GetFileName).ToHashSet();
        Assert.All(required, f => Assert.Contains(f, present));
    }

    [Fact]
    public void The_thesis_experiment_shows_cross_dimensional_threats_outlasting_politico_military_items()
    {
        var rates = ThesisExperiment.PassRates(trials: 2_000, seed: 1975);
        var topics = ThesisExperiment.Topics.ToList();
        int terrorism = topics.IndexOf("counter-terrorism"), trafficking = topics.IndexOf("trafficking-in-human-beings"), arms = topics.IndexOf("arms-control");

        // Same seed in every cell: raising tension can only add objections, so every column falls.
        for (int k = 0; k < topics.Count; k++)
        {
            for (int t = 1; t < ThesisExperiment.Tensions.Count; t++)
            {
                Assert.True(rates[t, k] <= rates[t - 1, k], $"{topics[k]} rises from tension {t - 1} to {t}");
            }
        }

        int high = ThesisExperiment.Tensions.Count - 2;
        Assert.True(rates[high, terrorism] > rates[high, arms] + 0.5);
        Assert.True(rates[high, trafficking] > rates[high, arms] + 0.5);
        Assert.Contains("| tension | counter-terrorism |", ThesisExperiment.Markdown(rates), StringComparison.Ordinal);
    }
}
