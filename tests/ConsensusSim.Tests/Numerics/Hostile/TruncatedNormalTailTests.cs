using System.Globalization;
using System.Text.Json;
using ConsensusSim.Serialization;
using ConsensusSim.Simulation;
using ConsensusSim.Tests.Support;

namespace ConsensusSim.Tests.Numerics.Hostile;

/// <summary>
/// A State whose objection probability is a normal truncated far from its mean, end to end: from the scenario file
/// through the draws and the vote to P(adopted). With one State and one round, P(adopted) = 1 − E[p] exactly.
/// </summary>
public class TruncatedNormalTailTests : CliHarness
{
    private const long Trials = 100_000;

    public static TheoryData<double, double, double, double> Tails() => new()
    {
        { 0, 0.1, 0.9, 1.0 },  // 9 to 10 sd above the mean: P(adopted) ≈ 0.089 (0.4 said 0)
        { 0, 0.05, 0.5, 1 },   // 10 to 20 sd above: ≈ 0.495 (0.4 said 0)
        { 100, 0.01, 0, 1 },   // 9,900 to 10,000 sd below: p ≈ 1 − 10⁻⁶, so P(adopted) ≈ 10⁻⁶ (0.4 said 1)
        { -100, 0.01, 0, 1 },  // 10,000 to 10,100 sd above: p ≈ 10⁻⁶
        { 0.5, 0.2, 0, 1 },
    };

    [Theory]
    [MemberData(nameof(Tails))]
    public void A_far_truncated_objection_probability_gives_the_exact_adoption_rate(double mean, double sd, double lower, double upper)
    {
        var scenario = ScenarioJson.Parse(Json(mean, sd, lower, upper));
        var result = MonteCarloRunner.Run(scenario.Compile(), new SimulationOptions { Trials = Trials, Seed = 5 });
        double exact = 1 - new ExactTruncatedNormal(mean, sd, lower, upper).Expectation;
        double se = Math.Sqrt(Math.Max(exact * (1 - exact), 1e-6) / Trials);
        Assert.InRange(result.Adopted.Probability, exact - (4 * se), exact + (4 * se));
    }

    [Fact]
    public void The_command_line_reports_the_exact_adoption_rate_for_a_state_nine_sd_out()
    {
        string scenario = F("nine-sd.json");
        string json = F("result.json");
        File.WriteAllText(scenario, Json(0, 0.1, 0.9, 1.0));
        var (code, _, error) = Cli("run", scenario, "--trials", Trials.ToString(CultureInfo.InvariantCulture), "--seed", "9", "--threads", "1", "--json", json);
        Assert.True(code == 0, error);

        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        double p = doc.RootElement.GetProperty("outcomes").GetProperty("adopted").GetProperty("probability").GetDouble();
        double exact = 1 - new ExactTruncatedNormal(0, 0.1, 0.9, 1.0).Expectation;
        double se = Math.Sqrt(exact * (1 - exact) / Trials);
        Assert.InRange(exact, 0.088, 0.090);
        Assert.InRange(p, exact - (4 * se), exact + (4 * se));
    }

    private static string Json(double mean, double sd, double lower, double upper) => string.Create(
        CultureInfo.InvariantCulture,
        $$"""
        {
          "name": "one State, objection probability truncated far out",
          "states": ["AUT"],
          "proposal": { "title": "t", "statusQuo": [0, 0, 0], "draft": [1, 1, 1] },
          "behaviour": { "model": "fixed-objection" },
          "defaults": { "objectionProbability": { "truncatedNormal": [{{mean:R}}, {{sd:R}}, {{lower:R}}, {{upper:R}}] } },
          "procedure": { "maxRounds": 1 }
        }
        """);
}
