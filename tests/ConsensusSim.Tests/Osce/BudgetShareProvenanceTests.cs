using ConsensusSim.Engine;
using ConsensusSim.Model;
using ConsensusSim.Osce;

namespace ConsensusSim.Tests.Osce;

/// <summary>
/// The budget-share column is mostly placeholder (the per-State scale of contributions could not be read), so every
/// row says which kind of value it holds and where it is documented (seeds/SOURCES.md).
/// </summary>
public class BudgetShareProvenanceTests
{
    private static readonly SeedTable States = SeedTable.Load("participating-states.csv");

    /// <summary>The States whose share rests on a cited (approximate) figure; every other row is a placeholder.</summary>
    private static readonly string[] Sourced = ["DEU", "FRA", "GBR", "ITA", "KAZ", "RUS", "USA", "UZB"];

    [Fact]
    public void Every_budget_share_names_its_confidence_tag_and_its_entry_in_the_sources()
    {
        for (int r = 0; r < States.RowCount; r++)
        {
            string code = States.Text(r, "code"), source = States.Text(r, "budget_share_source");
            Assert.Matches(@"^\[(S|S-para|M|D)\] ", source);
            Assert.Matches(@"SOURCES\.md B\d", source);
            Assert.Equal(Sourced.Contains(code), source.StartsWith("[S]", StringComparison.Ordinal));
            Assert.Equal(!Sourced.Contains(code), source.StartsWith("[D] placeholder", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Budget_weights_are_whole_hundredths_of_a_percent_summing_to_the_whole_scale()
    {
        // Weighted thresholds are shares of the total weight, so a scale whose rounded shares do not add to exactly
        // 100.00 would be normalised by its own total; today's column adds to exactly 10,000 hundredths.
        int total = OsceCatalog.Default.States.Sum(s => ScenarioCompiler.WeightOf(s, VotingWeight.BudgetShare));
        Assert.Equal(10_000, total);
        var usa = OsceCatalog.Default.States.Single(s => s.Code == "USA");
        Assert.Equal(1_300, ScenarioCompiler.WeightOf(usa, VotingWeight.BudgetShare));
    }
}
