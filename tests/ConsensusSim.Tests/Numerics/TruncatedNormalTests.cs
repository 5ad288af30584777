using ConsensusSim.Model;
using ConsensusSim.Simulation;
using MathNet.Numerics.Distributions;
using ConsensusSim.Numerics;

namespace ConsensusSim.Tests.Numerics;

/// <summary>
/// Truncated-normal parameters against the exact distribution, across intervals at the mean, beside it, 10 sd out on either
/// side, beyond where Φ underflows, hair-narrow, and millions of sd out.
/// </summary>
public class TruncatedNormalTests
{
    public static TheoryData<double, double, double, double> Intervals() => new()
    {
        { 0, 1, -1, 1 },
        { 0, 1, -3, 0.5 },
        { 0, 1, 0.5, 3 },
        { 0.5, 0.2, 0, 1 },
        { 0.3, 0.1, 0.05, 1 },
        { 0, 0.1, 0.9, 1.0 },          // 9 to 10 sd above the mean: both of MathNet's CDFs round to 1
        { 0, 0.05, 0.5, 1 },           // 10 to 20 sd above
        { 100, 0.01, 0, 1 },           // 9,900 to 10,000 sd below
        { -100, 0.01, 0, 1 },          // 10,000 to 10,100 sd above
        { 0, 1, -10, 10 },
        { 0, 1, 9.5, 10.5 },
        { 0, 1, -10.5, -9.5 },
        { 0, 1, 10, 11 },
        { 0, 1, -11, -10 },
        { 0, 1, 39, 40 },              // beyond 37 sd, where Φ underflows
        { 0, 1, -40, -39 },
        { 0, 1, 30, 1e6 },
        { 0, 1, -1e6, -30 },
        { 1e6, 1, 0, 1 },
    };

    /// <summary>Intervals narrower than 10⁻⁸ sd, where the closed-form mean is rounding noise but the quantile function is exact.</summary>
    public static TheoryData<double, double, double, double> NarrowIntervals() => new()
    {
        { 0, 1e-3, 0.5, 0.5 + 1e-12 }, // a width of 10⁻⁹ sd, 500 sd out
        { 0, 1e-3, -0.5 - 1e-12, -0.5 },
        { 0.5, 1, 0.5, 0.5 + 1e-12 },
        { 0, 1, 5, 5 + 1e-10 },
    };

    [Theory]
    [MemberData(nameof(Intervals))]
    [MemberData(nameof(NarrowIntervals))]
    public void The_quantile_function_inverts_the_exact_cdf(double mean, double sd, double lower, double upper)
    {
        var parameter = Parameter.TruncatedNormal(mean, sd, lower, upper);
        var exact = new ExactTruncatedNormal(mean, sd, lower, upper);
        double previous = lower;
        double[] grid = [0, 1e-12, 1e-6, 0.001, 0.01, .. Enumerable.Range(1, 19).Select(k => k * 0.05), 0.99, 0.999, 1 - 1e-6, 1 - Math.Pow(2, -53)];
        foreach (double u in grid)
        {
            double x = parameter.Quantile(u);
            Assert.InRange(x, lower, upper);
            Assert.True(x >= previous, $"u = {u}: {x:R} below the previous quantile {previous:R}");
            previous = x;

            // u lies between the exact CDF a few doubles either side of x (neighbouring doubles are far apart in
            // probability where the interval is narrow), up to 10⁻⁹.
            double below = x, above = x;
            for (int k = 0; k < 4; k++)
            {
                below = Math.BitDecrement(below);
                above = Math.BitIncrement(above);
            }

            Assert.True(
                exact.Cdf(below) - 1e-9 <= u && u <= exact.Cdf(above) + 1e-9,
                $"u = {u}: x = {x:R}, exact CDF there {exact.Cdf(x):R}");
        }
    }

    [Theory]
    [MemberData(nameof(Intervals))]
    public void Draws_average_to_the_exact_truncated_mean(double mean, double sd, double lower, double upper)
    {
        const int Draws = 200_000;
        var parameter = Parameter.TruncatedNormal(mean, sd, lower, upper);
        var random = TrialRandom.ForTrial(7, 0);
        double sum = 0, sumSquares = 0, first = parameter.Sample(ref random);
        for (int k = 1; k < Draws; k++)
        {
            // Deviations from the first draw keep the sums' precision when the interval is narrow and far from 0.
            double x = parameter.Sample(ref random) - first;
            Assert.InRange(x + first, lower, upper);
            sum += x;
            sumSquares += x * x;
        }

        double average = sum / Draws;
        double se = Math.Sqrt(Math.Max((sumSquares / Draws) - (average * average), 0) / Draws);
        double expected = new ExactTruncatedNormal(mean, sd, lower, upper).Expectation;

        Assert.InRange(first + average, expected - (5 * se), expected + (5 * se));
    }

    [Fact]
    public void A_narrow_interval_ten_thousand_sd_below_the_mean_draws_next_to_its_upper_bound()
    {
        // Normal(100, 0.01²) on [0, 1]: the excess below 1 is exponential with mean σ/9,900 ≈ 1.01·10⁻⁶.
        var parameter = Parameter.TruncatedNormal(100, 0.01, 0, 1);
        var random = TrialRandom.ForTrial(1, 0);
        for (int k = 0; k < 10_000; k++)
        {
            Assert.InRange(parameter.Sample(ref random), 1 - 1e-4, 1);
        }

        // The excess below 1 is at least σ/a·ln 1/(1 − v) with probability 1 − v: at v = 1 − 1/e, σ/a (R(a) ≈ 1/a to 10⁻⁸).
        Assert.Equal(1 - (0.01 / 9900), parameter.Quantile(Math.Exp(-1)), 1e-12);
    }

    [Fact]
    public void Each_draw_takes_exactly_one_number_from_the_stream()
    {
        // Other parameters' draws keep their positions in the trial's stream whatever the interval.
        foreach (var (mean, sd, lower, upper) in new[] { (0.0, 1.0, -1.0, 1.0), (0, 0.1, 0.9, 1.0), (100, 0.01, 0, 1), (0, 1e-3, 0.5, 0.5 + 1e-12), (0.5, 1, 0.5, 0.5 + 1e-12) })
        {
            var parameter = Parameter.TruncatedNormal(mean, sd, lower, upper);
            var drawn = TrialRandom.ForTrial(4, 2);
            var skipped = drawn;
            parameter.Sample(ref drawn);
            skipped.NextUInt64();
            Assert.Equal(skipped.NextUInt64(), drawn.NextUInt64());
        }
    }

    [Fact]
    public void Bounds_so_far_out_that_the_distance_overflows_give_the_nearer_bound()
    {
        Assert.Equal(1, Parameter.TruncatedNormal(1e308, 1e-300, 0, 1).Quantile(0.5));
        Assert.Equal(0, Parameter.TruncatedNormal(-1e308, 1e-300, 0, 1).Quantile(0.5));
        Assert.Equal(1, Parameter.TruncatedNormal(1e308, 1e-300, 0, 1).Quantile(0));

        // The width, 3·10³⁰⁸, overflows; the interval is ±1.5 sd.
        double low = Normal.CDF(0, 1, -1.5), high = Normal.CDF(0, 1, 1.5);
        double x = Parameter.TruncatedNormal(0, 1e308, -1.5e308, 1.5e308).Quantile(0.975);
        Assert.Equal(1e308 * Normal.InvCDF(0, 1, low + (0.975 * (high - low))), x, 1e308 * 1e-13);
    }

    [Fact]
    public void A_uniform_on_bounds_whose_width_overflows_still_draws_inside_them()
    {
        var parameter = Parameter.Uniform(-1e308, 1.5e308);
        Assert.Equal(-1e308, parameter.Quantile(0));
        Assert.Equal(0.25e308, parameter.Quantile(0.5), 1e293);
        Assert.True(double.IsFinite(parameter.Quantile(1 - Math.Pow(2, -53))));
    }
}
