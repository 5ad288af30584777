using ConsensusSim.Cli;
using ConsensusSim.Tests.Support;

namespace ConsensusSim.Tests.Cli.Hostile;

/// <summary>
/// A sweep's files are written as 'run' writes its own: a link is written through to its target and stays
/// a link, an existing file keeps its permissions, a FIFO is written into, <c>-</c> is standard output
/// (with the progress for people on standard error), and no temporary file outlives the sweep.
/// </summary>
public sealed class SweepOutputFileTests : CliHarness
{
    private string[] Sweep => ["sweep", Scenario(), "--vary", "tension=0:1:0.5", "--trials", "200", "--seed", "3"];

    [Fact]
    public void Links_given_as_outputs_are_written_through_and_stay_links()
    {
        Directory.CreateDirectory(F("results"));
        File.WriteAllText(F("results/rows.csv"), "old");
        File.CreateSymbolicLink(F("rows.csv"), Path.Combine("results", "rows.csv"));
        File.CreateSymbolicLink(F("curve.png"), Path.Combine("results", "curve.png"));

        var (code, _, err) = Cli([.. Sweep, "--out", F("rows.csv"), "--chart", F("curve")]);

        Assert.True(code == 0, err);
        Assert.Equal(Path.Combine("results", "rows.csv"), new FileInfo(F("rows.csv")).LinkTarget);
        Assert.Equal(Path.Combine("results", "curve.png"), new FileInfo(F("curve.png")).LinkTarget);
        Assert.StartsWith("point,tension,", File.ReadAllText(F("results/rows.csv")), StringComparison.Ordinal);
        Assert.True(new FileInfo(F("results/curve.png")).Length > 0);
        Assert.Equal(["curve.png", "curve.svg", "results", "results/curve.png", "results/rows.csv", "rows.csv", "scenario.json"], HostileFiles.Listing(Dir));
    }

    [SkippableFact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void An_existing_output_keeps_its_permissions()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "Unix permissions.");
        File.WriteAllText(F("rows.csv"), "old");
        File.SetUnixFileMode(F("rows.csv"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);

        Assert.Equal(0, Cli([.. Sweep, "--out", F("rows.csv")]).Code);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(F("rows.csv")));
        Assert.Equal(["rows.csv", "scenario.json"], HostileFiles.Listing(Dir));
    }

    [Theory]
    [InlineData("-")]
    [InlineData("/dev/stdout")]
    public void A_dash_is_standard_output_with_the_progress_on_standard_error(string path)
    {
        string cwd = Directory.GetCurrentDirectory();
        var (code, output, err) = Cli([.. Sweep, "--out", path]);
        bool made = File.Exists(Path.Combine(cwd, "-"));
        if (made)
        {
            File.Delete(Path.Combine(cwd, "-"));
        }

        Assert.Equal(0, code);
        Assert.False(made, "a file named '-' was created");
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("point,tension,outcome,", lines[0], StringComparison.Ordinal);
        Assert.Equal(1 + (3 * SweepParts.CoreOutcomes.Length), lines.Length);
        Assert.Contains("point 3/3", err, StringComparison.Ordinal);
        Assert.Contains("written to standard output", err, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void A_FIFO_given_as_the_output_is_written_into_and_stays_a_FIFO()
    {
        string fifo = HostileFiles.Fifo(F("rows.fifo"));
        string? received = null;
        var reader = new Thread(() => received = File.ReadAllText(fifo)) { IsBackground = true };
        reader.Start();
        var (code, _, err) = HostileFiles.Within(60, fifo, [.. Sweep, "--out", fifo]);

        Assert.True(code == 0, err);
        Assert.Equal("fifo", HostileFiles.TypeOf(fifo));
        Assert.True(reader.Join(TimeSpan.FromSeconds(30)), "nothing came through the FIFO");
        Assert.StartsWith("point,tension,outcome,", received, StringComparison.Ordinal);
        Assert.Equal(["rows.fifo", "scenario.json"], HostileFiles.Listing(Dir));
    }

    [Fact]
    public void An_output_over_an_input_reached_through_a_link_is_refused()
    {
        File.CreateSymbolicLink(F("alias.csv"), Scenario());
        var (code, _, err) = Cli([.. Sweep, "--out", F("alias.csv")]);

        Assert.Equal(2, code);
        Assert.Contains($"--out {F("alias.csv")} is the input file", err, StringComparison.Ordinal);
        Assert.Equal(SweepInputTests.Scenario, File.ReadAllText(F("scenario.json")));
    }

    private string Scenario()
    {
        if (!File.Exists(F("scenario.json")))
        {
            File.WriteAllText(F("scenario.json"), SweepInputTests.Scenario);
        }

        return F("scenario.json");
    }
}
