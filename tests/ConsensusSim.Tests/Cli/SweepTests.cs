using System.Globalization;
using ConsensusSim.Cli;
using ConsensusSim.Model;
using ConsensusSim.Serialization;
using ConsensusSim.Tests.Support;

namespace ConsensusSim.Tests.Cli;

public sealed class SweepTests : CliHarness
{
    private static string Scenario => Path.Combine(AppContext.BaseDirectory, "scenarios", "counter-terrorism-pc.json");

    [Fact]
    public void A_range_gives_exactly_the_grid_points()
    {
        var parsed = SweepGrid.Parameters(["tension=0:1:0.1", "topic=migration,arms-control"]);
        Assert.Equal(11, parsed[0].Values.Count);
        Assert.Equal("0.3", parsed[0].Values[3]);
        Assert.Equal("1", parsed[0].Values[10]);
        Assert.Equal(["migration", "arms-control"], parsed[1].Values);
    }

    [Fact]
    public void Variation_sets_values_at_paths_and_shorthands()
    {
        string json = File.ReadAllText(Scenario);
        var s = ScenarioVariation.Apply(json, [new("tension", "0.35"), new("overrides.RUS.blockingCost", "0.5"), new("proposal.draft[0]", "0.6"), new("procedure.useSilence", "true")]);
        Assert.Equal(0.35, s.Behaviour.Tension);
        Assert.Equal(Parameter.Fixed(0.5), s.Profiles["RUS"].BlockingCost);
        Assert.Equal(0.6, s.Proposal.Draft![0]);
        Assert.True(s.Procedure.UseSilence);
    }

    [Fact]
    public void A_varied_value_is_validated_like_a_file()
    {
        string json = File.ReadAllText(Scenario);
        var ex = Assert.Throws<ScenarioValidationException>(() => ScenarioVariation.Apply(json, [new("tension", "1.5")]));
        Assert.Contains(ex.Problems, p => p.Path == "$.behaviour.tension");
        Assert.Throws<ScenarioValidationException>(() => ScenarioVariation.Apply(json, [new("proposal.draft[7]", "0.5")]));
    }

    [Fact]
    public void The_sweep_writes_tidy_rows_and_adoption_falls_with_tension_for_a_susceptible_topic()
    {
        string csv = Path.Combine(Dir, "results.csv");
        var output = new StringWriter();
        int code = ConsensusSimCli.Run(["sweep", Scenario, "--vary", "tension=0:1:0.5", "--vary", "topic=arms-control", "--trials", "4000", "--out", csv], output, new StringWriter());
        Assert.Equal(0, code);
        var lines = File.ReadAllLines(csv);
        Assert.Equal("point,tension,topic,outcome,probability,standard_error,ci95_lower,ci95_upper,trials,seed,sweep,design_points,mean_rounds_to_adoption,mean_ambition_when_adopted,mean_statements_when_adopted,mean_objectors,top_blockers,scenario,scenario_sha256,consensussim_version", lines[0]);
        var adopted = lines.Skip(1).Select(l => l.Split(',')).Where(f => f[3] == "adopted").ToList();
        Assert.Equal(3, adopted.Count);
        var p = adopted.Select(f => double.Parse(f[4], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(p[0] > p[1] && p[1] > p[2], string.Join(", ", p));
        Assert.All(lines.Skip(1), l => Assert.Equal(20, l.Split(',').Length));
        Assert.Single(lines.Skip(1).Select(l => l.Split(',')[10]).Distinct());
        Assert.All(lines.Skip(1), l => Assert.Equal("3", l.Split(',')[11]));
    }

    [Theory]
    [InlineData("tension")]
    [InlineData("tension=1:0:0.1")]
    [InlineData("tension=0:1:0")]
    [InlineData("tension=0:1:0.5,no")]
    [InlineData("tension=2")]
    [InlineData("nosuch.path=1")]
    public void A_bad_grid_exits_2_and_writes_nothing(string vary)
    {
        string csv = Path.Combine(Dir, "never.csv");
        var error = new StringWriter();
        int code = ConsensusSimCli.Run(["sweep", Scenario, "--vary", vary, "--out", csv, "--trials", "100"], new StringWriter(), error);
        Assert.Equal(2, code);
        Assert.NotEmpty(error.ToString());
        Assert.False(File.Exists(csv));
    }

    [Fact]
    public void A_Latin_hypercube_uses_every_stratum_of_every_parameter_once()
    {
        var points = SweepLatinHypercube.Points([("tension", 0, 1), ("blocCorrelation", 0.2, 0.6)], 20, seed: 7).ToList();
        Assert.Equal(20, points.Count);
        foreach (var (column, low, high) in new[] { (0, 0.0, 1.0), (1, 0.2, 0.6) })
        {
            var strata = points.Select(p => (int)((double.Parse(p[column].Value, System.Globalization.CultureInfo.InvariantCulture) - low) / (high - low) * 20)).Order().ToList();
            Assert.Equal(Enumerable.Range(0, 20), strata);
        }

        Assert.Equal(points.Select(p => p[0].Value), SweepLatinHypercube.Points([("tension", 0, 1), ("blocCorrelation", 0.2, 0.6)], 20, seed: 7).Select(p => p[0].Value));
    }

    [Fact]
    public void Latin_hypercube_and_design_file_sweeps_write_a_row_per_point_and_outcome()
    {
        string lhs = Path.Combine(Dir, "lhs.csv");
        Assert.Equal(0, ConsensusSimCli.Run(["sweep", Scenario, "--design", "lhs", "--points", "5", "--vary", "tension=0:1", "--trials", "2000", "--out", lhs], new StringWriter(), new StringWriter()));
        Assert.Equal(1 + (5 * SweepParts.CoreOutcomes.Length), File.ReadAllLines(lhs).Length);

        string design = Path.Combine(Dir, "design.csv");
        File.WriteAllLines(design, ["tension,proposal.topic", "0.2,migration", "0.9,arms-control"]);
        string out2 = Path.Combine(Dir, "from-file.csv");
        Assert.Equal(0, ConsensusSimCli.Run(["sweep", Scenario, "--design", design, "--trials", "2000", "--out", out2], new StringWriter(), new StringWriter()));
        var rows = File.ReadAllLines(out2);
        Assert.StartsWith("point,tension,proposal.topic,outcome", rows[0], StringComparison.Ordinal);
        Assert.Contains(rows, r => r.StartsWith("2,0.9,arms-control,adopted,", StringComparison.Ordinal));
    }

    [Fact]
    public void Sweep_results_do_not_depend_on_the_number_of_threads()
    {
        string one = Path.Combine(Dir, "one.csv");
        string two = Path.Combine(Dir, "two.csv");
        string[] args = ["sweep", Scenario, "--vary", "tension=0:1:0.25", "--trials", "3000"];
        Assert.Equal(0, ConsensusSimCli.Run([.. args, "--threads", "1", "--out", one], new StringWriter(), new StringWriter()));
        Assert.Equal(0, ConsensusSimCli.Run([.. args, "--threads", "2", "--out", two], new StringWriter(), new StringWriter()));
        Assert.Equal(File.ReadAllText(one), File.ReadAllText(two));
    }

    [Theory]
    [InlineData("--design", "lhs", "--vary", "tension=0:1")]
    [InlineData("--design", "lhs", "--points", "5", "--vary", "tension=1:0")]
    [InlineData("--design", "no-such-design.csv")]
    public void A_bad_design_exits_2(params string[] args)
    {
        string csv = Path.Combine(Dir, "never.csv");
        Assert.Equal(2, ConsensusSimCli.Run(["sweep", Scenario, .. args, "--out", csv, "--trials", "100"], new StringWriter(), new StringWriter()));
        Assert.False(File.Exists(csv));
    }

    [Theory]
    [InlineData("--trials", "0", "--trials must be between 1")]
    [InlineData("--trials", "1000000000001", "--trials must be between 1")]
    [InlineData("--threads", "0", "--threads must be between 1 and 1,024")]
    public void Bad_run_options_exit_2_before_any_point_runs(string option, string value, string message)
    {
        string csv = Path.Combine(Dir, "never.csv");
        var error = new StringWriter();
        Assert.Equal(2, ConsensusSimCli.Run(["sweep", Scenario, "--vary", "tension=0:1:0.5", "--out", csv, option, value], new StringWriter(), error));
        Assert.Contains(message, error.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(csv));
    }

    [Theory]
    [InlineData("simulation.seed=1,2", "--seed", "--seed sets one seed for every point, but the design varies 'simulation.seed'")]
    [InlineData("simulation.trials=10,20", "--trials", "--trials sets one trial count for every point, but the design varies 'simulation.trials'")]
    public void An_option_that_would_override_a_varied_setting_exits_2(string vary, string option, string message)
    {
        // An option set for every point must not silently replace what the design gives each point (its rows show that).
        string csv = Path.Combine(Dir, "never.csv");
        var error = new StringWriter();
        Assert.Equal(2, ConsensusSimCli.Run(["sweep", Scenario, "--vary", vary, "--out", csv, option, "50"], new StringWriter(), error));
        Assert.Contains(message, error.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(csv));
    }

    [Fact]
    public void Without_seed_each_point_runs_with_the_seed_the_design_gives_it()
    {
        string csv = Path.Combine(Dir, "seeds.csv");
        Assert.Equal(0, ConsensusSimCli.Run(["sweep", Scenario, "--vary", "simulation.seed=1,2", "--trials", "2000", "--out", csv], new StringWriter(), new StringWriter()));
        var swept = File.ReadLines(csv).Skip(1).Select(l => l.Split(',')).Where(c => c[2] == "adopted").Select(c => double.Parse(c[3], CultureInfo.InvariantCulture)).ToList();
        for (int seed = 1; seed <= 2; seed++)
        {
            string json = Path.Combine(Dir, $"seed-{seed}.json");
            Assert.Equal(0, ConsensusSimCli.Run(["run", Scenario, "--seed", $"{seed}", "--trials", "2000", "--json", json], new StringWriter(), new StringWriter()));
            Assert.Equal(ResultJson.Deserialize(File.ReadAllText(json)).Adopted.Probability, swept[seed - 1]);
        }
    }

    [Fact]
    public void A_conditional_sweep_adds_a_conditional_row_per_point_or_names_the_point_it_cannot_do()
    {
        string csv = F("conditional.csv");
        Assert.Equal(0, ConsensusSimCli.Run(["sweep", Scenario, "--vary", "tension=0.2,0.8", "--trials", "2000", "--seed", "3", "--conditional", "--out", csv], new StringWriter(), new StringWriter()));
        var rows = File.ReadAllLines(csv).Where(l => l.Contains(",adopted_conditional,", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, rows.Count);
        Assert.StartsWith("1,0.2,adopted_conditional,", rows[0], StringComparison.Ordinal);

        // A second round means a second vote: the point is named and nothing is written.
        string never = F("never.csv");
        var error = new StringWriter();
        Assert.Equal(2, ConsensusSimCli.Run(["sweep", Scenario, "--vary", "maxRounds=1,2", "--trials", "100", "--conditional", "--out", never], new StringWriter(), error));
        Assert.Contains("design point 2 (maxRounds=2)", error.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(never));
    }

    [Fact]
    public void A_conditional_only_sweep_writes_the_conditional_row_alone_at_every_point()
    {
        string csv = F("only.csv");
        var console = new StringWriter();
        Assert.Equal(0, ConsensusSimCli.Run(["sweep", Scenario, "--vary", "tension=0.2,0.8", "--trials", "2000", "--seed", "3", "--conditional-only", "--out", csv, "--chart", F("only")], console, new StringWriter()));
        string[] rows = [.. File.ReadAllLines(csv).Skip(1)];
        Assert.Equal(2, rows.Length);
        Assert.StartsWith("1,0.2,adopted_conditional,", rows[0], StringComparison.Ordinal);
        Assert.StartsWith("2,0.8,adopted_conditional,", rows[1], StringComparison.Ordinal);
        Assert.Contains("(conditional only)", console.ToString(), StringComparison.Ordinal);
        Assert.True(File.Exists(F("only.png")));
    }

    [Fact]
    public void The_sweep_draws_its_curves_with_bands()
    {
        string csv = F("curves.csv");
        Assert.Equal(0, ConsensusSimCli.Run(["sweep", Scenario, "--vary", "tension=0:1:0.5", "--vary", "topic=migration,arms-control", "--trials", "2000", "--out", csv, "--chart", F("curves")], new StringWriter(), new StringWriter()));
        using var png = SkiaSharp.SKBitmap.Decode(F("curves.png"));
        Assert.Equal(ConsensusSim.Reporting.ResultCharts.Width, png.Width);
        string svg = File.ReadAllText(F("curves.svg"));
        Assert.Contains("migration", svg, StringComparison.Ordinal);
        Assert.Contains("arms-control", svg, StringComparison.Ordinal);
    }
}
