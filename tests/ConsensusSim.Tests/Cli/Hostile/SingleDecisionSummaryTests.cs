using ConsensusSim.Tests.Support;

namespace ConsensusSim.Tests.Cli.Hostile;

/// <summary>
/// The single decision takes one vote whatever <c>maxRounds</c> says; the summary said "at most 5 round(s)" beside a
/// probability that did not move with it. It now says what the procedure does, and the results agree.
/// </summary>
public sealed class SingleDecisionSummaryTests : CliHarness
{
    private string Scenario(string name, int rounds)
    {
        string path = F(name);
        File.WriteAllText(path, $$"""
            {
              "name": "one vote",
              "states": ["AUT", "BEL", "RUS"],
              "proposal": { "statusQuo": [0.2, 0.1, 0.1], "draft": [0.55, 0.3, 0.3] },
              "defaults": { "idealPoint": [0.55, 0.35, 0.45], "salience": [0.5, 0.2, 0.3], "blockingCost": 0.06, "noise": 0.3 },
              "chair": { "strategy": "compromise", "step": 0.25 },
              "procedure": { "procedure": "single-decision", "maxRounds": {{rounds}} }
            }
            """);
        return path;
    }

    [Fact]
    public void The_summary_says_one_vote_and_that_the_round_limit_does_not_apply()
    {
        var five = Cli("run", Scenario("five.json", 5), "--trials", "20000");
        var one = Cli("run", Scenario("one.json", 1), "--trials", "20000");
        Assert.Equal((0, 0), (five.Code, one.Code));
        Assert.Contains("procedure single-decision: one vote (its maxRounds of 5 does not apply)", five.Out, StringComparison.Ordinal);
        Assert.Contains("procedure single-decision: one vote;", one.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("round(s)", five.Out, StringComparison.Ordinal);

        string Adopted(string output) => output.Split('\n').Single(l => l.TrimStart().StartsWith("P(adopted)", StringComparison.Ordinal));
        Assert.Equal(Adopted(one.Out), Adopted(five.Out));
    }
}
