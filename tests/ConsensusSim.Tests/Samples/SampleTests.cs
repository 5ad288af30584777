using ConsensusSim.Cli;
using ConsensusSim.Samples.Thesis;
using ConsensusSim.Tests.Support;

namespace ConsensusSim.Tests.Samples;

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
        Assert.Empty(CliHarness.WithoutProgress(error.ToString()).Trim());
        Assert.Contains("P(adopted)", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_required_sample_scenarios_exist()
    {
        string[] required =
        [
            "counter-terrorism-pc.json", "migration-mc.json", "trafficking-action-plan.json", "field-mission-mandate.json",
            "unified-budget.json", "chairmanship.json", "top-posts-package.json", "cross-dimensional-package.json", "cascading-package.json",
            "veto-players-2d.json",
        ];
        var present = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "scenarios")).Select(Path.GetFileName).ToHashSet();
        Assert.All(required, f => Assert.Contains(f, present));
    }

    [Fact]
    public void The_thesis_experiment_shows_cross_dimensional_threats_outlasting_conflict_prevention()
    {
        var rates = ThesisExperiment.PassRates(trials: 2_000, seed: 1975);
        var topics = ThesisExperiment.Topics.ToList();

        // Conflict prevention keeps the catalog's assumed κ (no topic row to fit it); arms control's κ is fitted (0.32).
        int terrorism = topics.IndexOf("counter-terrorism"), trafficking = topics.IndexOf("trafficking-in-human-beings"), conflict = topics.IndexOf("conflict-prevention");

        // Same seed in every cell: raising tension can only add objections, so every column falls.
        for (int k = 0; k < topics.Count; k++)
        {
            for (int t = 1; t < ThesisExperiment.Tensions.Count; t++)
            {
                Assert.True(rates[t, k] <= rates[t - 1, k], $"{topics[k]} rises from tension {t - 1} to {t}");
            }
        }

        int high = ThesisExperiment.Tensions.Count - 2;
        Assert.True(rates[high, terrorism] > rates[high, conflict] + 0.5);
        Assert.True(rates[high, trafficking] > rates[high, conflict] + 0.5);
        Assert.Contains("| tension | counter-terrorism |", ThesisExperiment.Markdown(rates), StringComparison.Ordinal);
    }
}

public sealed class CodeSampleTests : CliHarness
{
    [Fact]
    public void The_quick_start_sample_runs_and_matches_the_exact_answer()
    {
        string text = ConsensusSim.Samples.QuickStart.QuickStart.Run(trials: 50_000);
        Assert.Contains("Counter-terrorism decision at the Permanent Council: P(adopted) = 0.", text, StringComparison.Ordinal);
        var line = text.Split('\n').Single(l => l.StartsWith("Independent objections", StringComparison.Ordinal));
        double simulated = double.Parse(line.Split("simulated ")[1].Split(',')[0], System.Globalization.CultureInfo.InvariantCulture);

        // Exact 0.5639; 4 standard errors at 50,000 trials is 0.0089.
        Assert.InRange(simulated, 0.5639 - 0.0089, 0.5639 + 0.0089);
    }

    [Fact]
    public void The_sweep_chart_sample_draws_two_falling_curves()
    {
        var points = ConsensusSim.Samples.SweepChart.TensionSweep.Run(trials: 2_000);
        Assert.Equal(22, points.Count);
        foreach (var series in points.GroupBy(p => p.Series))
        {
            var ordered = series.OrderBy(p => p.X).ToList();
            Assert.All(ordered.Zip(ordered.Skip(1)), pair => Assert.True(pair.Second.Probability <= pair.First.Probability));
        }

        ConsensusSim.Samples.SweepChart.TensionSweep.Draw(points, F("sweep"));
        Assert.True(new FileInfo(F("sweep.png")).Length > 1000);
    }
}
