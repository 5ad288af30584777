using System.Globalization;
using ConsensusSim.Cli;
using ConsensusSim.Serialization;
using ConsensusSim.Tests.Support;

namespace ConsensusSim.Tests.Cli;

/// <summary>What the command line prints and writes for a scenario whose agenda setter sometimes tables nothing.</summary>
public sealed class GridlockCliTests : CliHarness
{
    /// <summary>Two actors uniform on [0, 1], status quo 0.5, the Chair one of them: gridlock in half the trials.</summary>
    private string ScenarioFile()
    {
        string path = F("gridlock.json");
        File.WriteAllText(path, """
            {
              "name": "Gridlock between two actors",
              "actors": [{ "code": "A0", "name": "Actor 0" }, { "code": "A1", "name": "Actor 1" }],
              "dimensions": ["d"],
              "proposal": { "topic": "counter-terrorism", "statusQuo": [0.5], "draft": [1.0] },
              "chair": { "strategy": "agenda-setter", "state": "A0" },
              "defaults": { "idealPoint": [{ "uniform": [0, 1] }], "salience": [1.0], "blockingCost": 0, "noise": 0.1, "linkage": 0 },
              "procedure": { "maxRounds": 1 }
            }
            """);
        return path;
    }

    [Fact]
    public void Run_prints_gridlock_and_policy_change_and_writes_them_to_every_file()
    {
        var (code, output, error) = Cli("run", ScenarioFile(), "--trials", "8000", "--seed", "4", "--out", F("out"));
        Assert.True(code == 0, error);

        // Gridlock when the two ideal points straddle 0.5: probability 0.5, standard error 0.006 over 8,000 trials.
        var result = ResultJson.Deserialize(File.ReadAllText(F("out/result.json")));
        Assert.InRange(result.Gridlock.Probability, 0.5 - 0.025, 0.5 + 0.025);
        var ci = CultureInfo.InvariantCulture;
        Assert.Contains(string.Create(ci, $"P(gridlock)   = {result.Gridlock.Probability:0.0000}  95% CI [{result.Gridlock.Ci95Lower:0.0000}, {result.Gridlock.Ci95Upper:0.0000}]"), output, StringComparison.Ordinal);
        Assert.Contains(string.Create(ci, $"P(policy change) = {result.PolicyChange.Probability:0.0000}"), output, StringComparison.Ordinal);
        Assert.Contains(string.Create(ci, $"over the {8000 - result.Gridlock.Count:N0} trials that took a vote"), output, StringComparison.Ordinal);

        var outcomes = File.ReadAllLines(F("out/outcomes.csv"));
        Assert.StartsWith(string.Create(ci, $"gridlock,{result.Gridlock.Count},8000,"), outcomes.Single(l => l.StartsWith("gridlock,", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.StartsWith(string.Create(ci, $"policy_change,{result.PolicyChange.Count},8000,"), outcomes.Single(l => l.StartsWith("policy_change,", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains("<td>gridlock</td>", File.ReadAllText(F("out/report.html")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_sweep_writes_a_gridlock_and_a_policy_change_row_per_point()
    {
        var (code, _, error) = Cli("sweep", ScenarioFile(), "--vary", "proposal.statusQuo[0]=0.5,0.9", "--trials", "4000", "--out", F("sweep.csv"));
        Assert.True(code == 0, error);
        var lines = File.ReadAllLines(F("sweep.csv"));
        Assert.Equal(1 + (2 * SweepParts.CoreOutcomes.Length), lines.Length);
        var gridlock = lines.Where(l => l.Split(',')[2] == "gridlock").Select(l => l.Split(',')).ToList();
        Assert.Equal(2, gridlock.Count);

        // Gridlock exactly when the two ideal points straddle the status quo: 2q(1 − q), 0.5 at q = 0.5 and 0.18 at q = 0.9;
        // 4,000 trials give standard errors of 0.008 and 0.006, so ±0.03 is about four of them.
        double atHalf = double.Parse(gridlock[0][3], CultureInfo.InvariantCulture), atNine = double.Parse(gridlock[1][3], CultureInfo.InvariantCulture);
        Assert.InRange(atHalf, 0.5 - 0.03, 0.5 + 0.03);
        Assert.InRange(atNine, 0.18 - 0.03, 0.18 + 0.03);
        Assert.Single(lines, l => l.Split(',')[2] == "policy_change" && l.StartsWith("1,", StringComparison.Ordinal));
    }
}
