using ConsensusSim.Tests.Support;

namespace ConsensusSim.Tests.Cli;

public sealed class SweepCheckpointCliTests : CliHarness
{
    private static string Scenario => Path.Combine(AppContext.BaseDirectory, "scenarios", "counter-terrorism-pc.json");

    [Fact]
    public void A_sweep_run_again_with_its_checkpoint_folder_reads_every_finished_point_and_writes_the_same_rows()
    {
        string[] sweep = ["sweep", Scenario, "--vary", "tension=0:1:0.5", "--trials", "2000", "--seed", "3", "--checkpoint", F("points")];
        var (code, first, error) = Cli([.. sweep, "--out", F("first.csv")]);
        Assert.True(code == 0, error);
        Assert.Equal(3, Directory.GetFiles(F("points"), "point-*.json").Length);
        Assert.DoesNotContain("(from --checkpoint)", first, StringComparison.Ordinal);

        var (again, second, _) = Cli([.. sweep, "--out", F("second.csv")]);
        Assert.Equal(0, again);
        Assert.Equal(3, second.Split('\n').Count(l => l.EndsWith("(from --checkpoint)", StringComparison.Ordinal)));
        Assert.Equal(File.ReadAllText(F("first.csv")), File.ReadAllText(F("second.csv")));
    }

    [Fact]
    public void A_point_file_of_another_sweep_exits_2_naming_the_option()
    {
        Assert.Equal(0, Cli("sweep", Scenario, "--vary", "tension=0,1", "--trials", "2000", "--seed", "3", "--checkpoint", F("points"), "--out", F("a.csv")).Code);
        var (code, _, error) = Cli("sweep", Scenario, "--vary", "tension=0,1", "--trials", "2000", "--seed", "4", "--checkpoint", F("points"), "--out", F("b.csv"));

        Assert.Equal(2, code);
        Assert.Contains($"--checkpoint {F("points")}: ", error, StringComparison.Ordinal);
        Assert.Contains("point-1.json belongs to another sweep", error, StringComparison.Ordinal);
        Assert.False(File.Exists(F("b.csv")));
    }

    [Fact]
    public void Slurm_sweep_tasks_keep_a_checkpoint_folder_per_part()
    {
        var (code, _, error) = Cli("slurm", Scenario, "--trials", "2000", "--shards", "2", "--out", F("job"), "--vary", "tension=0:1:0.25");
        Assert.True(code == 0, error);
        Assert.Contains($"--checkpoint '{F("job")}/checkpoints'/part-$part", File.ReadAllText(F("job/run.sbatch")), StringComparison.Ordinal);
    }

    [Fact]
    public void Sweep_rows_carry_the_points_other_estimates_after_design_points()
    {
        Assert.Equal(0, Cli("sweep", Scenario, "--vary", "tension=0,1", "--trials", "2000", "--out", F("rows.csv")).Code);
        var lines = File.ReadAllLines(F("rows.csv"));
        Assert.EndsWith(",sweep,design_points,mean_rounds_to_adoption,mean_ambition_when_adopted,mean_statements_when_adopted,mean_objectors,top_blockers,scenario,scenario_sha256,consensussim_version", lines[0], StringComparison.Ordinal);
        var tense = lines.Skip(1).Select(l => l.Split(',')).Where(f => f[0] == "2").ToList();
        Assert.Single(tense.Select(f => string.Join(',', f[^8..^3])).Distinct());
        Assert.Matches(@"^[A-Z]{3}:0\.\d+(;[A-Z]{3}:0\.\d+){0,2}$", tense[0][^4]);
        Assert.True(double.Parse(tense[0][^5], System.Globalization.CultureInfo.InvariantCulture) > 0);
    }
}
