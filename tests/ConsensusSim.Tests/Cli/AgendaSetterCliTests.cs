using ConsensusSim.Tests.Support;

namespace ConsensusSim.Tests.Cli;

/// <summary>The agenda-setting Chair and gridlock as a user meets them on the command line.</summary>
public sealed class AgendaSetterCliTests : CliHarness
{
    private static string Sample => Path.Combine(AppContext.BaseDirectory, "scenarios", "veto-players-2d.json");

    [Fact]
    public void Describe_explains_the_whole_win_set_and_gridlock_in_words()
    {
        var (code, output, _) = Cli("describe", Sample);
        Assert.Equal(0, code);
        Assert.Contains("Proposes the point of [0, 1]^2 nearest CHE's ideal point by its quadratic loss", output, StringComparison.Ordinal);
        Assert.Contains("every State whose objection the rule counts", output, StringComparison.Ordinal);
        Assert.Contains("the whole win-set of the status quo", output, StringComparison.Ordinal);
        Assert.Contains("it tables nothing and the trial is gridlock", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_says_whom_the_Chair_needs_under_a_majority_rule()
    {
        string text = File.ReadAllText(Sample).Replace("\"chair\":", "\"rule\": \"simple-majority\", \"chair\":", StringComparison.Ordinal);
        File.WriteAllText(F("majority.json"), text);
        var (code, output, error) = Cli("describe", F("majority.json"));
        Assert.True(code == 0, error);
        Assert.Contains("a coalition large enough for the rule to adopt with everyone else objecting", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_of_the_veto_player_sample_reports_gridlock_and_policy_change_and_no_blocked_text()
    {
        var (code, output, error) = Cli("run", Sample, "--trials", "4000");
        Assert.True(code == 0, error);
        Assert.Contains("P(gridlock)", output, StringComparison.Ordinal);
        Assert.Contains("P(policy change)", output, StringComparison.Ordinal);

        // Without noise a tabled text is one every State accepts: nothing is deadlocked.
        Assert.Contains("P(deadlocked) = 0.0000", output, StringComparison.Ordinal);
    }
}
