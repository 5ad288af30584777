using System.Globalization;
using ConsensusSim.Cli;
using ConsensusSim.Tests.Support;

namespace ConsensusSim.Tests.Cli.Hostile;

/// <summary>
/// The values a sweep runs are the values its rows are labelled with, and distinct design points have
/// distinct values: steps below a fixed number of decimals are neither rounded together nor lost, and
/// steps a double cannot tell apart are refused.
/// </summary>
public sealed class SweepValueTests : CliHarness
{
    [Fact]
    public void A_range_of_steps_below_the_twelfth_decimal_labels_and_runs_every_value_distinctly()
    {
        var values = SweepGrid.Parameters(["tension=0:1e-12:1e-13"])[0].Values;

        Assert.Equal(["0", "1E-13", "2E-13", "3E-13", "4E-13", "5E-13", "6E-13", "7E-13", "8E-13", "9E-13", "1E-12"], values);

        File.WriteAllText(F("scenario.json"), SweepInputTests.Scenario);
        Assert.Equal(0, Cli("sweep", F("scenario.json"), "--vary", "tension=0:1e-12:1e-13", "--trials", "50", "--out", F("tiny.csv")).Code);
        var labels = File.ReadLines(F("tiny.csv")).Skip(1).Select(l => l.Split(',')[1]).Distinct().ToList();
        Assert.Equal(values, labels);
    }

    [Fact]
    public void A_range_of_subnormal_steps_is_labelled_with_the_exact_values_run()
    {
        var values = SweepGrid.Parameters(["tension=0:5e-320:1e-320"])[0].Values;

        Assert.Equal(6, values.Count);
        for (int k = 0; k < values.Count; k++)
        {
            Assert.Equal(k * 1e-320, double.Parse(values[k], CultureInfo.InvariantCulture));
        }
    }

    [Theory]
    [InlineData("tension=0.1:0.1000000000000001:1e-17", "the same number")]
    [InlineData("tension=0:1:1e-320", "countless values; at most 10,000 per parameter")]
    [InlineData("tension=1e300:1.0000000000000003e300:1e284", "the same number")]
    public void Steps_too_small_to_tell_values_apart_are_refused(string vary, string message)
    {
        File.WriteAllText(F("scenario.json"), SweepInputTests.Scenario);
        var (code, _, err) = Cli("sweep", F("scenario.json"), "--vary", vary, "--out", F("never.csv"));

        Assert.Equal(2, code);
        Assert.StartsWith($"consensussim: --vary '{vary}': ", err, StringComparison.Ordinal);
        Assert.Contains(message, err, StringComparison.Ordinal);
        Assert.Equal(["scenario.json"], HostileFiles.Listing(Dir));
    }

    [Fact]
    public void Ranges_of_decimal_steps_keep_their_short_labels()
    {
        Assert.Equal(["-0.3", "-0.2", "-0.1", "0", "0.1", "0.2", "0.3"], SweepGrid.Parameters(["x=-0.3:0.3:0.1"])[0].Values);
        Assert.Equal(["0", "0.1", "0.2", "0.3"], SweepGrid.Parameters(["x=0:0.3:0.1"])[0].Values);
        Assert.Equal(["0.1", "0.15", "0.2"], SweepGrid.Parameters(["x=0.10:0.20:0.05"])[0].Values);
        Assert.Equal(["1000", "1000.001", "1000.002"], SweepGrid.Parameters(["x=1000:1000.002:0.001"])[0].Values);
    }

    [Fact]
    public void A_Latin_hypercube_over_a_tiny_range_runs_distinct_values_inside_it()
    {
        var points = SweepLatinHypercube.Points([("tension", 0, 1e-12)], 20, seed: 7).Select(p => double.Parse(p[0].Value, CultureInfo.InvariantCulture)).ToList();

        Assert.Equal(20, points.Distinct().Count());
        Assert.All(points, x => Assert.InRange(x, 0, 1e-12));
        Assert.Equal(Enumerable.Range(0, 20), points.Select(x => (int)(x / 1e-12 * 20)).Order());
    }

    [Fact]
    public void A_Latin_hypercube_range_with_a_third_part_is_refused()
    {
        File.WriteAllText(F("scenario.json"), SweepInputTests.Scenario);
        var (code, _, err) = Cli("sweep", F("scenario.json"), "--design", "lhs", "--points", "3", "--vary", "tension=0:1:junk", "--out", F("never.csv"));

        Assert.Equal(2, code);
        Assert.Contains("--vary 'tension=0:1:junk': a Latin hypercube range is PATH=LOW:HIGH", err, StringComparison.Ordinal);
        Assert.Equal(["scenario.json"], HostileFiles.Listing(Dir));
    }
}
