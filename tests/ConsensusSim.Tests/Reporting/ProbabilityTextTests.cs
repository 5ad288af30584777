using ConsensusSim.Analysis;
using ConsensusSim.Model;
using ConsensusSim.Reporting;
using ConsensusSim.Serialization;
using ConsensusSim.Simulation;

namespace ConsensusSim.Tests.Reporting;

/// <summary>Intervals print with the digits they need: a zero count's Wilson upper bound is above 0 and must not print as 0.0000.</summary>
public sealed class ProbabilityTextTests
{
    [Theory]
    [InlineData(20_000, "[0, 0.00019]")]
    [InlineData(100_000, "[0, 0.000038]")]
    [InlineData(1_000, "[0, 0.0038]")]
    public void Zero_successes_print_an_interval_from_0_to_a_positive_upper_bound(long trials, string expected)
    {
        var (lower, upper) = ProportionInterval.Wilson(0, trials);
        Assert.Equal(0, lower);
        Assert.True(upper > 0);

        Assert.Equal(expected, ProbabilityText.Interval(lower, upper));
    }

    [Fact]
    public void All_successes_print_an_interval_that_stops_short_of_1_visibly()
    {
        var (lower, upper) = ProportionInterval.Wilson(100_000, 100_000);
        Assert.Equal("[0.999962, 1]", ProbabilityText.Interval(lower, upper));
    }

    [Theory]
    [InlineData(0.9291, "0.9291")]
    [InlineData(0.0012, "0.0012")]
    [InlineData(0.00095, "0.00095")]
    [InlineData(0.5, "0.5000")]
    [InlineData(0.0, "0")]
    [InlineData(1.0, "1")]
    [InlineData(double.NaN, "n/a")]
    public void Probabilities_keep_four_decimals_or_two_significant_digits_whichever_is_more(double p, string expected) =>
        Assert.Equal(expected, ProbabilityText.Format(p));

    [Fact]
    public void Every_printed_bound_reads_back_within_half_a_unit_of_its_last_digit()
    {
        foreach (long count in new long[] { 0, 1, 3, 17, 500, 19_999, 20_000 })
        {
            var (lower, upper) = ProportionInterval.Wilson(count, 20_000);
            foreach (double bound in new[] { lower, upper })
            {
                string text = ProbabilityText.Format(bound);
                int decimals = text.Contains('.', StringComparison.Ordinal) ? text.Length - text.IndexOf('.', StringComparison.Ordinal) - 1 : 0;
                double unit = 1;
                for (int k = 0; k < decimals; k++)
                {
                    unit /= 10;
                }

                Assert.True(Math.Abs(double.Parse(text, System.Globalization.CultureInfo.InvariantCulture) - bound) <= unit / 2, $"{bound} printed as {text}");
                Assert.True(bound == 0 || text != "0" && text.Trim('0', '.').Length > 0, $"{bound} printed as {text}");
            }
        }
    }

    [Fact]
    public void The_report_prints_a_zero_count_interval_with_its_upper_bound()
    {
        var result = MonteCarloRunner.Run(Scenario.Default.Compile(), new SimulationOptions { Trials = 20_000 });
        Assert.Equal(0, result.Gridlock.Count);

        string html = HtmlReport.Render(Scenario.Default, result, new Dictionary<string, string>());

        Assert.Contains("<td>gridlock</td><td>0</td><td>[0, 0.00019]</td>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("[0.0000, 0.0000]", html, StringComparison.Ordinal);
    }
}
