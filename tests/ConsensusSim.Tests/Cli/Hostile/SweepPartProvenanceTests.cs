using System.Diagnostics;
using ConsensusSim.Cli;
using ConsensusSim.Serialization;
using ConsensusSim.Simulation;
using ConsensusSim.Tests.Support;

namespace ConsensusSim.Tests.Cli.Hostile;

/// <summary>
/// Sweep parts that are not parts of one sweep, or not whole: 'merge' refuses them with exit 2, naming
/// the part and line, and writes nothing. Every row carries the sweep's identity (a hash of the scenario
/// file, the design, --trials, --seed and the version) and its number of design points, so a part of
/// another sweep, a duplicated row and a part cut short are told apart from a good part.
/// </summary>
public sealed class SweepPartProvenanceTests : CliHarness
{
    private string[] Sweep(string vary = "tension=0:1:0.5", string? scenario = null) =>
        ["sweep", scenario ?? WriteScenario(), "--vary", vary, "--trials", "200", "--seed", "3", "--threads", "1"];

    [Theory]
    [InlineData("--seed", "4")]
    [InlineData("--trials", "300")]
    [InlineData("--vary", "tension=0:1:0.25")]
    [InlineData("--scenario", "another")]
    public void A_part_of_another_sweep_is_refused_naming_it(string what, string value)
    {
        Assert.Equal(0, Cli([.. Sweep(), "--part", "1/2", "--out", F("part-1.csv")]).Code);
        string[] other = what switch
        {
            "--vary" => Sweep(value),
            "--scenario" => Sweep(scenario: WriteScenario("other.json", SweepInputTests.Scenario.Replace("\"blockingCost\": 0.06", "\"blockingCost\": 0.07", StringComparison.Ordinal))),
            _ => [.. Sweep().Select((a, i) => i > 0 && Sweep()[i - 1] == what ? value : a)],
        };
        Assert.Equal(0, Cli([.. other, "--part", "2/2", "--out", F("part-2.csv")]).Code);

        var (code, _, err) = Cli("merge", F("part-1.csv"), F("part-2.csv"), "--out", F("merged.csv"));

        Assert.Equal(2, code);
        Assert.Contains($"{F("part-2.csv")}:2: another sweep than {F("part-1.csv")}", err, StringComparison.Ordinal);
        AssertNothingWritten();
    }

    [Fact]
    public void A_duplicated_row_or_point_is_refused_at_its_line()
    {
        Assert.Equal(0, Cli([.. Sweep(), "--out", F("whole.csv")]).Code);
        var lines = File.ReadAllLines(F("whole.csv"));
        File.WriteAllLines(F("row.csv"), [.. lines[..3], lines[2], .. lines[3..]]);
        File.WriteAllLines(F("point.csv"), [.. lines[..8], .. lines[1..]]);

        foreach (var (file, line, message) in new[] { (F("row.csv"), 4, "point 1 has a second 'deadlocked' row"), (F("point.csv"), 9, "point 1 has a second 'adopted' row") })
        {
            var (code, _, err) = Cli("merge", file, "--out", F("merged.csv"));
            Assert.Equal(2, code);
            Assert.Contains($"{file}:{line}: {message}", err, StringComparison.Ordinal);
            AssertNothingWritten();
        }
    }

    [Fact]
    public void A_part_cut_short_is_refused_wherever_it_was_cut()
    {
        Assert.Equal(0, Cli([.. Sweep(), "--out", F("whole.csv")]).Code);
        string text = File.ReadAllText(F("whole.csv"));
        var lines = File.ReadAllLines(F("whole.csv"));
        File.WriteAllText(F("mid-row.csv"), text[..text.TrimEnd('\n').LastIndexOf(',')]);
        int outcomes = SweepParts.CoreOutcomes.Length;
        File.WriteAllLines(F("mid-point.csv"), lines[..(1 + outcomes + 4)]);
        File.WriteAllLines(F("last-point.csv"), lines[..(1 + (2 * outcomes))]);

        foreach (var (file, message) in new[]
        {
            (F("mid-row.csv"), $"{F("mid-row.csv")}:{lines.Length}: the last line has no line end"),
            (F("mid-point.csv"), $"{F("mid-point.csv")}:{outcomes + 2}: point 2 has 4 outcome rows"),
            (F("last-point.csv"), "design point(s) 3 missing"),
        })
        {
            var (code, _, err) = Cli("merge", file, "--out", F("merged.csv"));
            Assert.Equal(2, code);
            Assert.Contains(message, err, StringComparison.Ordinal);
            AssertNothingWritten();
        }
    }

    [Fact]
    public void A_part_without_the_sweep_columns_or_with_an_edited_one_is_refused()
    {
        Assert.Equal(0, Cli([.. Sweep(), "--out", F("whole.csv")]).Code);
        var lines = File.ReadAllLines(F("whole.csv"));
        File.WriteAllLines(F("old.csv"), ["point,tension,outcome,probability,standard_error,ci95_lower,ci95_upper,trials,seed", "1,0,adopted,1,0,1,1,10,1"]);
        string[] edited = lines[5].Split(',');
        edited[10] = "4";
        File.WriteAllLines(F("points.csv"), [.. lines[..5], string.Join(',', edited), .. lines[6..]]);
        File.WriteAllLines(F("value.csv"), [.. lines[..5], "1,0.7" + lines[5][3..], .. lines[6..]]);

        foreach (var (file, message) in new[]
        {
            (F("old.csv"), $"{F("old.csv")}:1: its last columns are not sweep,design_points"),
            (F("points.csv"), $"{F("points.csv")}:6: design_points 4 differs from the 3 of {F("points.csv")}:2"),
            (F("value.csv"), $"{F("value.csv")}:6: point 1's varied values or seed differ from its row at line 2"),
        })
        {
            var (code, _, err) = Cli("merge", file, "--out", F("merged.csv"));
            Assert.Equal(2, code);
            Assert.Contains(message, err, StringComparison.Ordinal);
            AssertNothingWritten();
        }
    }

    [Theory]
    [InlineData("2147483647")]
    [InlineData("100001")]
    [InlineData("0")]
    [InlineData("-5")]
    public void Absurd_points_are_refused_at_once(string points)
    {
        Assert.Equal(0, Cli([.. Sweep(), "--out", F("whole.csv")]).Code);
        var clock = Stopwatch.StartNew();
        var (code, _, err) = Cli("merge", F("whole.csv"), "--points", points, "--out", F("merged.csv"));

        Assert.Equal(2, code);
        Assert.Contains($"--points must be between 1 and 100,000 (a sweep's design points); got {points}.", err, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"refused after {clock.Elapsed}");
        AssertNothingWritten();
    }

    [Fact]
    public void Points_that_disagree_with_the_parts_are_refused()
    {
        Assert.Equal(0, Cli([.. Sweep(), "--out", F("whole.csv")]).Code);
        var (code, _, err) = Cli("merge", F("whole.csv"), "--points", "5", "--out", F("merged.csv"));

        Assert.Equal(2, code);
        Assert.Contains("--points 5, but the parts are of a sweep of 3 design points", err, StringComparison.Ordinal);
        AssertNothingWritten();
    }

    [Fact]
    public void Parts_of_one_sweep_still_merge_into_the_one_machine_file()
    {
        Assert.Equal(0, Cli([.. Sweep(), "--out", F("whole.csv")]).Code);
        Assert.Equal(0, Cli([.. Sweep(), "--part", "1/2", "--out", F("part-1.csv")]).Code);
        Assert.Equal(0, Cli([.. Sweep(), "--part", "2/2", "--out", F("part-2.csv")]).Code);

        Assert.Equal(0, Cli("merge", F("part-2.csv"), F("part-1.csv"), "--out", F("merged.csv")).Code);
        Assert.Equal(File.ReadAllText(F("whole.csv")), File.ReadAllText(F("merged.csv")));
        Assert.EndsWith(",sweep,design_points,mean_rounds_to_adoption,mean_ambition_when_adopted,mean_statements_when_adopted,mean_objectors,top_blockers,scenario,scenario_sha256,consensussim_version", File.ReadLines(F("whole.csv")).First(), StringComparison.Ordinal);
    }

    [Fact]
    public void Parts_of_a_package_sweep_with_quoted_values_merge_into_the_one_machine_file()
    {
        string package = Path.Combine(AppContext.BaseDirectory, "scenarios", "cross-dimensional-package.json");
        string[] sweep = ["sweep", package, "--vary", "name=say \"yes\",no", "--vary", "behaviour.tension=0.2,0.8", "--trials", "300", "--seed", "3"];
        Assert.Equal(0, Cli([.. sweep, "--out", F("whole.csv")]).Code);
        Assert.Equal(0, Cli([.. sweep, "--part", "1/3", "--out", F("part-1.csv")]).Code);
        Assert.Equal(0, Cli([.. sweep, "--part", "2/3", "--out", F("part-2.csv")]).Code);
        Assert.Equal(0, Cli([.. sweep, "--part", "3/3", "--out", F("part-3.csv")]).Code);

        var (code, _, err) = Cli("merge", F("part-1.csv"), F("part-2.csv"), F("part-3.csv"), "--out", F("merged.csv"));

        Assert.True(code == 0, err);
        Assert.Equal(File.ReadAllText(F("whole.csv")), File.ReadAllText(F("merged.csv")));
        Assert.Contains("\"say \"\"yes\"\"\",", File.ReadAllText(F("whole.csv")), StringComparison.Ordinal);
        Assert.Contains(",adopted_separately:Migration governance,", File.ReadAllText(F("whole.csv")), StringComparison.Ordinal);
    }

    [Fact]
    public void The_outcome_rows_merge_expects_first_are_those_every_result_names_first()
    {
        var result = MonteCarloRunner.Run(ConsensusSim.Model.Scenario.Default.Compile(), new SimulationOptions { Trials = 100 });

        Assert.Equal(SweepParts.CoreOutcomes, ResultCsv.NamedOutcomes(result).Select(o => o.Key).Take(SweepParts.CoreOutcomes.Length));
    }

    private string WriteScenario(string name = "scenario.json", string text = SweepInputTests.Scenario)
    {
        if (!File.Exists(F(name)))
        {
            File.WriteAllText(F(name), text);
        }

        return F(name);
    }

    private void AssertNothingWritten() =>
        Assert.DoesNotContain(HostileFiles.Listing(Dir), f => f.StartsWith("merged.csv", StringComparison.Ordinal));
}
