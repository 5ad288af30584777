using ConsensusSim.Osce;
using ConsensusSim.Serialization;

namespace ConsensusSim.Tests.Samples;

/// <summary>
/// A sample's topic brings the catalog's susceptibility κ (fitted where the record allows, seeds/README.md). A sample
/// that sets another κ for its topic says so in its comment and is listed here with the reason.
/// </summary>
public class SampleTopicTests
{
    /// <summary>Sample file → why it sets κ for its topic; every other sample keeps the catalog's.</summary>
    private static readonly Dictionary<string, string> Intended = new()
    {
        [Path.Combine("scenarios", "veto-players-2d.json")] = "the veto-player experiment has no hostage-taking",
    };

    [Theory]
    [MemberData(nameof(SampleEraTests.SampleFiles), MemberType = typeof(SampleEraTests))]
    public void A_sample_keeps_its_topics_catalog_susceptibility_unless_it_says_why(string file)
    {
        string path = Path.Combine(AppContext.BaseDirectory, file);
        var scenario = ScenarioJson.Load(path);
        var overrides = scenario.Proposals
            .Where(p => p.Susceptibility is double k && OsceCatalog.Default.TryGetFieldOfWork(p.Topic, out var field) && k != field.Susceptibility)
            .Select(p => $"{p.Title}: {p.Topic} κ = {p.Susceptibility}")
            .ToList();

        if (Intended.ContainsKey(file))
        {
            Assert.NotEmpty(overrides);
            string comment = string.Concat(File.ReadLines(path).TakeWhile(l => l.StartsWith("//", StringComparison.Ordinal)));
            Assert.Contains("susceptibility", comment, StringComparison.Ordinal);
        }
        else
        {
            Assert.True(overrides.Count == 0, $"{file} overrides its topic's catalog κ: {string.Join("; ", overrides)}. Let the catalog's value stand, or say why in the sample's comment and list it in {nameof(Intended)}.");
        }
    }

    [Fact]
    public void The_unified_budget_sample_runs_on_the_catalogs_fitted_budget_susceptibility()
    {
        var scenario = ScenarioJson.Load(Path.Combine(AppContext.BaseDirectory, "scenarios", "unified-budget.json"));
        Assert.Equal("budget", scenario.Proposal.Topic);
        Assert.Null(scenario.Proposal.Susceptibility);
    }
}
