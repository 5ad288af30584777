using System.Globalization;
using ConsensusSim.Analysis;
using ConsensusSim.Model;
using ConsensusSim.Serialization;
using ConsensusSim.Simulation;
using ConsensusSim.Engine;
using ConsensusSim.Tests.Support;

namespace ConsensusSim.Tests.Engine.Hostile;

/// <summary>
/// Probe item 3: a power-weighted rule weighs the powers as given. Rounding each power's share to
/// 1/10,000 gave 4 of 100,000 a weight of 0, and powers of 1e308 summed to infinity and every weight
/// to 0; both made a rule that A (and B) block adopt the draft every time.
/// </summary>
public sealed class PowerWeightTests : CliHarness
{
    private const long Trials = 20_000;

    /// <summary>Actors A, B, C … with these powers and objection probabilities, one dimension, one round, a power-weighted qualified majority.</summary>
    private static string Scenario(double[] powers, double[] objection, double weightShare)
    {
        static string N(double x) => x.ToString("R", CultureInfo.InvariantCulture);
        var codes = powers.Select((_, i) => ((char)('A' + i)).ToString()).ToArray();
        return $$"""
            {
              "name": "powers",
              "actors": [{{string.Join(", ", codes.Select((c, i) => $"{{ \"code\": \"{c}\", \"power\": {N(powers[i])} }}"))}}],
              "dimensions": ["human"],
              "proposal": { "title": "t", "statusQuo": [0], "draft": [1] },
              "rule": { "kind": "qualified-majority", "stateShare": 0, "weightShare": {{N(weightShare)}}, "weight": "power" },
              "behaviour": { "model": "fixed-objection" },
              "defaults": { "objectionProbability": 0 },
              "overrides": { {{string.Join(", ", codes.Select((c, i) => $"\"{c}\": {{ \"objectionProbability\": {N(objection[i])} }}"))}} },
              "procedure": { "maxRounds": 1 },
              "simulation": { "trials": {{Trials}}, "seed": 3 }
            }
            """;
    }

    private static double Simulated(double[] powers, double[] objection, double weightShare) =>
        MonteCarloRunner.Run(ScenarioJson.Parse(Scenario(powers, objection, weightShare)).Compile(), new SimulationOptions { Trials = Trials, Seed = 3 }).Adopted.Probability;

    [Theory]
    [InlineData(0.5)]
    [InlineData(1e-300)]
    [InlineData(1)]
    public void Powers_whose_sum_overflows_still_weigh_what_they_are(double weightShare)
    {
        // A and B (1e308 each) always object; C (power 1) alone carries 1 / (2e308 + 1) of the power.
        double[] powers = [1e308, 1e308, 1];
        double[] objection = [1, 1, 0];
        Assert.Equal(0, Simulated(powers, objection, weightShare));
        Assert.Equal(0, IndependentObjections.PowerWeightedMajorityProbability(objection, powers, 0, weightShare));
    }

    [Theory]
    [InlineData(1.0, 0.0)]
    [InlineData(0.99997, 0.0)]
    [InlineData(0.99996, 1.0)] // B carries exactly 99.996 %: "at least" that share adopts.
    [InlineData(0.99995, 1.0)]
    public void A_small_power_is_not_rounded_away(double weightShare, double expected)
    {
        // A (4) always objects; B (99,996) never does.
        double[] powers = [4, 99_996];
        double[] objection = [1, 0];
        Assert.Equal(expected, Simulated(powers, objection, weightShare));
        Assert.Equal(expected, IndependentObjections.PowerWeightedMajorityProbability(objection, powers, 0, weightShare));
    }

    [Fact]
    public void A_tie_decided_by_one_part_in_1e308_is_decided_exactly()
    {
        // Half of 2e308 + 1 is 1e308 + 0.5: A with C (1e308 + 1) reaches it, A alone (1e308) does not.
        double[] powers = [1e308, 1e308, 1];
        Assert.False(ScenarioCompiler.Weights(ScenarioJson.Parse(Scenario(powers, [0, 1, 0], 0.5))).IsExact);
        Assert.Equal(1, Simulated(powers, [0, 1, 0], 0.5));
        Assert.Equal(0, Simulated(powers, [0, 1, 1], 0.5));
        Assert.Equal(1, IndependentObjections.PowerWeightedMajorityProbability([0, 1, 0], powers, 0, 0.5));
        Assert.Equal(0, IndependentObjections.PowerWeightedMajorityProbability([0, 1, 1], powers, 0, 0.5));
    }

    [Theory]
    [InlineData(new[] { 1e308, 1e308, 1 }, new[] { 0.5, 1, 0.3 }, 0.5, 0.35)]   // adopted when A and C support
    [InlineData(new[] { 4.0, 99_996 }, new[] { 0.3, 0.2 }, 0.99997, 0.56)]      // adopted when both support
    [InlineData(new[] { 0.1, 0.2, 0.3 }, new[] { 0.5, 0.5, 0.5 }, 0.5, 0.625)] // {C} and {A, B} carry exactly half of 0.6: five of eight coalitions
    public void Uncertain_objections_under_extreme_powers_agree_with_the_exact_probability(double[] powers, double[] objection, double weightShare, double expected)
    {
        double exact = IndependentObjections.PowerWeightedMajorityProbability(objection, powers, 0, weightShare);
        Assert.Equal(expected, exact, 12);

        double simulated = Simulated(powers, objection, weightShare);
        double se = Math.Sqrt(exact * (1 - exact) / Trials);
        Assert.True(Math.Abs(simulated - exact) <= 4 * se, $"simulated {simulated}, exact {exact}, 4 SE {4 * se}");
    }

    [Fact]
    public void The_command_line_reports_the_blocked_rule_as_never_adopted()
    {
        File.WriteAllText(F("powers.json"), Scenario([4, 99_996], [1, 0], 0.99997));
        var (code, output, _) = Cli("run", F("powers.json"), "--trials", "1000");
        Assert.Equal(0, code);
        Assert.Contains("P(adopted)    = 0.0000", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1e309", "Must be a finite number")]
    [InlineData("-1", "A power must lie in [0, ∞)")]
    [InlineData("\"Infinity\"", "Must be a finite number; NaN and infinity")]
    public void A_power_that_is_not_a_finite_non_negative_number_is_refused_at_its_path(string power, string message)
    {
        File.WriteAllText(F("bad.json"), Scenario([1, 1], [0, 0], 0.5).Replace("\"power\": 1 }", $"\"power\": {power} }}", StringComparison.Ordinal));
        var (code, _, error) = Cli("run", F("bad.json"), "--json", F("result.json"));
        Assert.Equal(2, code);
        Assert.Contains($"bad.json:3: $.actors[0].power: {message}", error, StringComparison.Ordinal);
        Assert.Equal(["bad.json"], HostileFiles.Listing(Dir));
    }

    [Fact]
    public void All_powers_zero_under_a_power_rule_is_refused()
    {
        var ex = Assert.Throws<ScenarioValidationException>(() => ScenarioJson.Parse(Scenario([0, 0], [0, 0], 0.5)));
        Assert.Contains(ex.Problems, p => p.Path == "$.rule.weight" && p.Message.Contains("above 0", StringComparison.Ordinal));
    }

    [Fact]
    public void The_exact_analysis_refuses_weights_whose_table_would_not_fit_its_budget()
    {
        // Before, this allocated two tables of 3 × 2³¹ doubles and died of memory.
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => IndependentObjections.QualifiedMajorityProbability([0.1, 0.1], [int.MaxValue, int.MaxValue], 1, 1));
        Assert.Equal("weights", ex.ParamName);
        Assert.Contains(IndependentObjections.MaxTableCells.ToString("N0", CultureInfo.InvariantCulture), ex.Message, StringComparison.Ordinal);

        var bad = Assert.Throws<ArgumentException>(() => IndependentObjections.PowerWeightedMajorityProbability([0.1, 0.1], [double.PositiveInfinity, 1], 0, 0.5));
        Assert.Equal("powers", bad.ParamName);
        var share = Assert.Throws<ArgumentOutOfRangeException>(() => IndependentObjections.PowerWeightedMajorityProbability([0.1], [1], 0, 1.5));
        Assert.Equal("weightShare", share.ParamName);
    }
}
