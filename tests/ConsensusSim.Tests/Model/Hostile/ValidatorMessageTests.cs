using ConsensusSim.Serialization;
using ConsensusSim.Simulation;
using ConsensusSim.Engine;
using ConsensusSim.Tests.Support;

namespace ConsensusSim.Tests.Model.Hostile;

/// <summary>
/// Probe item 20 (validator and messages): JSON Schema integers written as 1e3 or -0 are whole
/// numbers; a bad distribution, a misspelt "all" and a conditional estimate without variance are
/// explained in words rather than with framework suffixes or NaN.
/// </summary>
public sealed class ValidatorMessageTests : CliHarness
{
    /// <summary>A three-State scenario, one property per line: states on line 3, defaults on line 6, simulation on line 7.</summary>
    private static string Scenario(string states = "[\"AUT\", \"BEL\", \"RUS\"]", string objection = "0.1", string simulation = "{ \"trials\": 1000, \"seed\": 1 }", string procedure = "{ \"maxRounds\": 1 }") =>
        "{\n"
        + "  \"name\": \"three\",\n"
        + $"  \"states\": {states},\n"
        + "  \"proposal\": { \"statusQuo\": [0, 0, 0], \"draft\": [1, 1, 1] },\n"
        + "  \"behaviour\": { \"model\": \"fixed-objection\", \"blocCorrelation\": 0.3 },\n"
        + $"  \"defaults\": {{ \"objectionProbability\": {objection} }},\n"
        + $"  \"simulation\": {simulation},\n"
        + $"  \"procedure\": {procedure}\n"
        + "}\n";

    [Theory]
    [InlineData("{ \"trials\": 1e3, \"seed\": -0 }", 1000L, 0UL)]
    [InlineData("{ \"trials\": 1000.0, \"seed\": 7.0 }", 1000L, 7UL)]
    [InlineData("{ \"trials\": 0.25e4, \"seed\": 1.8446744073709551615e19 }", 2500L, ulong.MaxValue)]
    [InlineData("{ \"trials\": 1E+3, \"seed\": 0e999999999999999999 }", 1000L, 0UL)]
    public void Whole_numbers_in_any_json_notation_are_accepted_as_the_schema_says(string simulation, long trials, ulong seed)
    {
        var scenario = ScenarioJson.Parse(Scenario(simulation: simulation, procedure: "{ \"maxRounds\": 2e0 }"));
        Assert.Equal((trials, seed, 2), (scenario.Trials, scenario.Seed, scenario.Procedure.MaxRounds));
    }

    [Theory]
    [InlineData("{ \"trials\": 1000.5 }", "$.simulation.trials: Expected a whole number, found 1000.5.")]
    [InlineData("{ \"trials\": 1e-3 }", "$.simulation.trials: Expected a whole number, found 1e-3.")]
    [InlineData("{ \"trials\": 1e400 }", "$.simulation.trials: 1e400 is out of range: expected a whole number from -9223372036854775808 to 9223372036854775807.")]
    [InlineData("{ \"trials\": 1e99999999999999999999 }", "$.simulation.trials: 1e99999999999999999999 is out of range")]
    [InlineData("{ \"seed\": -1 }", "$.simulation.seed: The seed must be a whole number from 0 to 18446744073709551615; found -1.")]
    [InlineData("{ \"seed\": 1.8446744073709551616e19 }", "$.simulation.seed: The seed must be a whole number from 0 to 18446744073709551615; found 1.8446744073709551616e19.")]
    [InlineData("{ \"seed\": 0.5 }", "$.simulation.seed: The seed must be a whole number from 0 to 18446744073709551615; found 0.5.")]
    public void A_number_that_is_not_whole_or_out_of_range_is_refused_at_its_path(string simulation, string message)
    {
        File.WriteAllText(F("numbers.json"), Scenario(simulation: simulation));
        var (code, _, error) = Cli("run", F("numbers.json"), "--json", F("result.json"));
        Assert.Equal(2, code);
        Assert.Contains("numbers.json:7: " + message, error, StringComparison.Ordinal);
        Assert.Equal(["numbers.json"], HostileFiles.Listing(Dir));
    }

    [Theory]
    [InlineData("{ \"uniform\": [0.3, 0.3] }", "uniform", "the upper bound 0.3 must be greater than the lower bound 0.3 (the form is [lower, upper]).")]
    [InlineData("{ \"uniform\": [0.5, 0.2] }", "uniform", "the upper bound 0.2 must be greater than the lower bound 0.5 (the form is [lower, upper]).")]
    [InlineData("{ \"beta\": [2, 0] }", "beta", "the shape beta (second) must be greater than 0; it is 0.")]
    [InlineData("{ \"truncatedNormal\": [0.5, -0.1, 0, 1] }", "truncatedNormal", "the standard deviation (second) must be greater than 0; it is -0.1.")]
    [InlineData("{ \"truncatedNormal\": [0.5, 0.1, 1, 1] }", "truncatedNormal", "the upper bound 1 must be greater than the lower bound 1 (the form is [mean, sd, lower, upper]).")]
    public void A_bad_distribution_is_explained_once_in_words(string distribution, string name, string reason)
    {
        File.WriteAllText(F("dist.json"), Scenario(objection: distribution));
        var (code, _, error) = Cli("validate", F("dist.json"));
        Assert.Equal(2, code);
        string line = Assert.Single(error.Split('\n'), l => l.Contains("$.defaults", StringComparison.Ordinal));
        Assert.Equal($"{F("dist.json")}:6: $.defaults.objectionProbability.{name}: Invalid '{name}' distribution: {reason}", line.TrimEnd('\r'));
        Assert.DoesNotContain("(Parameter", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"ALL\"", "the string \"ALL\"")]
    [InlineData("\"AUT\"", "the string \"AUT\"")]
    [InlineData("57", "57")]
    public void States_that_are_neither_all_nor_a_list_are_refused_with_the_word_all(string states, string found)
    {
        File.WriteAllText(F("states.json"), Scenario(states: states));
        var (code, _, error) = Cli("validate", F("states.json"));
        Assert.Equal(2, code);
        Assert.Contains($"states.json:3: $.states: Expected \"all\" (in lower case) or an array of State codes, found {found}.", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_conditional_run_without_variance_says_so_instead_of_printing_nan()
    {
        // Nobody ever objects: every trial's conditional probability is 1, as is counting's.
        File.WriteAllText(F("sure.json"), Scenario(objection: "0"));
        var (code, output, _) = Cli("run", F("sure.json"), "--conditional", "--trials", "2000");
        Assert.Equal(0, code);
        Assert.Contains("conditional Monte Carlo: no variance to reduce (every trial's probability is 1)", output, StringComparison.Ordinal);
        Assert.DoesNotContain("NaN", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { 1.0, 1.0, 1.0 }, "no variance to reduce (every trial's probability is 1)")]
    [InlineData(new[] { 0.0, 0.0 }, "no variance to reduce (every trial's probability is 0)")]
    [InlineData(new[] { 0.5, 0.5, 0.5 }, "no variance left (every trial's probability is the same)")]
    [InlineData(new[] { 0.5 }, "variance not estimated (it needs at least two trials)")]
    [InlineData(new double[0], "variance not estimated (it needs at least two trials)")]
    [InlineData(new[] { 0.0, 1.0 }, "variance 0.5x smaller")]
    public void The_variance_reduction_is_described_in_words_in_every_case(double[] probabilities, string expected)
    {
        var acc = new TrialAccumulator(1, 1) { Trials = probabilities.Length };
        foreach (double p in probabilities)
        {
            acc.AddConditional(p);
        }

        var estimate = new ConditionalEstimate(acc);
        Assert.Equal(expected, estimate.DescribeVarianceReduction());
        Assert.Contains(expected, estimate.ToString(), StringComparison.Ordinal);
    }
}
