using System.Globalization;
using System.Text.RegularExpressions;
using ConsensusSim.Cli;
using ConsensusSim.Serialization;
using ConsensusSim.Simulation;
using ConsensusSim.Tests.Support;

namespace ConsensusSim.Tests.Cli;

public sealed class CliOutputTests : CliHarness
{
    [Fact]
    public void Out_writes_the_result_and_tidy_csv_files()
    {
        var (code, output, _) = Cli("run", "--trials", "20000", "--seed", "3", "--out", F("results"));
        Assert.Equal(0, code);
        Assert.Contains("outcomes.csv", output, StringComparison.Ordinal);

        var result = ResultJson.Deserialize(File.ReadAllText(F("results/result.json")));
        var outcomes = File.ReadAllLines(F("results/outcomes.csv"));
        Assert.Equal("outcome,count,trials,probability,standard_error,ci95_lower,ci95_upper,scenario,scenario_sha256,seed,consensussim_version", outcomes[0]);
        Assert.EndsWith($",{result.Provenance.ScenarioName},{result.Provenance.ScenarioSha256},3,{result.Provenance.Version}", outcomes[1], StringComparison.Ordinal);
        var adopted = outcomes.Single(l => l.StartsWith("adopted,", StringComparison.Ordinal)).Split(',');
        Assert.Equal(result.Adopted.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), adopted[1]);
        Assert.Equal(result.Adopted.Probability, double.Parse(adopted[3], System.Globalization.CultureInfo.InvariantCulture));

        var blockers = File.ReadAllLines(F("results/blockers.csv"));
        Assert.Equal("state,name,blocked_trials,sole_blocker_trials,trials,frequency,sole_blocker_frequency,scenario,scenario_sha256,seed,consensussim_version", blockers[0]);
        Assert.Equal(58, blockers.Length);
        Assert.StartsWith("RUS,Russian Federation,", blockers[1], StringComparison.Ordinal);
    }

    [Fact]
    public void A_probability_near_one_is_printed_inside_its_interval()
    {
        // One State objecting with 10⁻⁴: seed 6 has one deadlock in 20,000 trials, P(adopted) = 0.99995, which four decimals
        // would round to 1.0000, outside the interval printed beside it.
        File.WriteAllText(F("s.json"), """
            {"name": "near one", "states": ["DNK"], "proposal": {"statusQuo": [0.2, 0.1, 0.1], "draft": [0.5, 0.3, 0.3]},
             "behaviour": {"model": "fixed-objection"}, "defaults": {"objectionProbability": 1e-4}}
            """);
        var (code, output, _) = Cli("run", F("s.json"), "--trials", "20000", "--seed", "6", "--json", F("r.json"));
        Assert.Equal(0, code);
        var adopted = ResultJson.Deserialize(File.ReadAllText(F("r.json"))).Adopted;
        Assert.InRange(adopted.Probability, 0.999, 0.99999);
        var line = Regex.Match(output, @"P\(adopted\)\s+= (\S+)\s+95% CI \[(\S+), (\S+)\]");
        Assert.True(line.Success, output);
        double[] shown = [.. Enumerable.Range(1, 3).Select(g => double.Parse(line.Groups[g].Value, CultureInfo.InvariantCulture))];
        Assert.InRange(shown[0], shown[1], shown[2]);
        Assert.True(Math.Abs(shown[0] - adopted.Probability) <= 5e-7, $"printed {line.Groups[1].Value} for {adopted.Probability}");
    }

    [Fact]
    public void Csv_writes_the_estimates_of_an_empty_run_as_NA()
    {
        var empty = MonteCarloRunner.Run(ConsensusSim.Model.Scenario.Default.Compile(), new SimulationOptions { Trials = 1000 }, null, new CancellationToken(canceled: true));
        Assert.Equal(0, empty.Trials);
        var outcomes = ResultCsv.Outcomes(empty);
        Assert.Contains("adopted,0,0,NA,NA,0,1", outcomes, StringComparison.Ordinal);
    }

    [Fact]
    public void Progress_prints_plain_lines_with_the_running_estimate_when_not_on_a_terminal()
    {
        var lines = new StringWriter();
        var reporter = new ProgressReporter(lines);
        reporter.Report(new SimulationProgress(0, 100, 0));
        Thread.Sleep(1100);
        reporter.Report(new SimulationProgress(50_000, 100_000, 40_000));
        reporter.Report(new SimulationProgress(60_000, 100_000, 48_000));
        string text = lines.ToString();
        Assert.Single(text.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("50,000/100,000 trials (50%)", text, StringComparison.Ordinal);
        Assert.Contains("P(adopted) ≈ 0.8000", text, StringComparison.Ordinal);
        Assert.Contains("ETA", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_lists_States_by_bloc_the_rule_and_the_procedure()
    {
        var (code, output, _) = Cli("describe", Path.Combine(AppContext.BaseDirectory, "scenarios", "field-mission-mandate.json"));
        Assert.Equal(0, code);
        Assert.Contains("csto-bloc           6: ARM, BLR, KAZ, KGZ, RUS, TJK", output, StringComparison.Ordinal);
        Assert.Contains("Rule: Consensus", output, StringComparison.Ordinal);
        Assert.Contains("Procedure: OSCE consensus procedure (consensus), up to 3 rounds", output, StringComparison.Ordinal);
        Assert.Contains("Field operations (κ = 0.06)", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_says_which_positions_are_uncertain_and_how_they_are_drawn()
    {
        File.WriteAllText(F("uncertain.json"), """
            {
              "name": "uncertain",
              "states": ["AUT", "BEL"],
              "dimensions": ["security", "economy", "rights"],
              "proposal": { "topic": "migration", "statusQuo": [{ "uniform": [0.1, 0.3] }, 0.1, { "beta": [2, 8] }], "draft": [0.5, { "truncatedNormal": [0.5, 0.1, 0.2, 0.8] }, 0.3] },
              "defaults": { "idealPoint": [0.5, 0.5, 0.5], "salience": [0.4, 0.3, 0.3], "blockingCost": 0.05, "noise": 0.1, "linkage": 0.2 }
            }
            """);
        var (code, output, _) = Cli("describe", F("uncertain.json"));
        Assert.Equal(0, code);
        Assert.Contains("status quo [uniform on [0.1, 0.3], 0.1, beta(2, 8)] → draft [0.5, normal(0.5, 0.1) in [0.2, 0.8], 0.3] on security, economy, rights", output, StringComparison.Ordinal);
        Assert.Contains("Uncertain, drawn anew in every trial (independently, after the States' parameters): the status quo on security, rights; the draft on economy", output, StringComparison.Ordinal);

        var (_, fixedOutput, _) = Cli("describe", Path.Combine(AppContext.BaseDirectory, "scenarios", "field-mission-mandate.json"));
        Assert.DoesNotContain("Uncertain", fixedOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void Init_writes_a_valid_commented_starter_and_never_overwrites()
    {
        Assert.Equal(0, Cli("init", "Border management", "--out", F("starter.json")).Code);
        string text = File.ReadAllText(F("starter.json"));
        Assert.StartsWith("// Starter scenario", text, StringComparison.Ordinal);
        Assert.Equal("Border management", ScenarioJson.Parse(text).Name);
        Assert.Equal(0, Cli("validate", F("starter.json")).Code);

        var again = Cli("init", "Other", "--out", F("starter.json"));
        Assert.Equal(2, again.Code);
        Assert.Contains("already exists", again.Err, StringComparison.Ordinal);
    }
}

public sealed class CliHelpTests : CliHarness
{
    [Theory]
    [InlineData("run")]
    [InlineData("validate")]
    [InlineData("describe")]
    [InlineData("init")]
    [InlineData("sweep")]
    [InlineData("merge")]
    [InlineData("power")]
    [InlineData("graph")]
    public void Every_command_documents_itself_with_an_example(string command)
    {
        var (code, output, _) = Cli(command, "--help");
        Assert.Equal(0, code);
        Assert.Contains("Example", output, StringComparison.Ordinal);
        Assert.Contains("consensussim " + command, output, StringComparison.Ordinal);
    }

    [Fact]
    public void Result_files_record_the_command_options_and_machine()
    {
        Assert.Equal(0, Cli("run", "--trials", "3000", "--threads", "1", "--json", F("r.json")).Code);
        var run = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(F("r.json")))!["provenance"]!["run"]!;
        Assert.Equal(1, (int)run["options"]!["threads"]!);
        Assert.Equal(Environment.ProcessorCount, (int)run["machine"]!["processors"]!);
        // The vote's width in this process, which the tool's process shares.
        string vectors = ConsensusSim.Engine.LatentVote.Wide ? "AVX-512"
            : ConsensusSim.Engine.LatentVote256.Available ? "AVX2"
            : System.Runtime.Intrinsics.Vector128.IsHardwareAccelerated ? "128-bit" : "none";
        Assert.Equal(vectors, (string)run["machine"]!["vectorInstructions"]!);
        Assert.StartsWith("consensussim ", (string)run["command"]!, StringComparison.Ordinal);
    }
}
