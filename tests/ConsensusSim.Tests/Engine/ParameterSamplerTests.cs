using ConsensusSim.Engine;
using ConsensusSim.Model;
using ConsensusSim.Numerics;
using Xunit.Abstractions;

namespace ConsensusSim.Tests.Engine;

/// <summary>
/// The tabulated quantile functions a trial draws its Beta and truncated-normal parameters from, against the exact
/// ones: within <see cref="ParameterSampler.Bound"/> (10⁻⁹ of the distribution's scale) at every probability of a
/// dense grid — 2¹⁷ points across (0, 1) and, in each of the 53 octaves of either tail down to a trial's smallest
/// uniform 2⁻⁵³, 64 more — and one uniform per draw.
/// </summary>
public class ParameterSamplerTests(ITestOutputHelper output)
{
    public static TheoryData<double, double> BetaShapes() => new()
    {
        { 4, 4 },      // the default scenario's
        { 1, 1 },
        { 2, 5 },
        { 0.5, 0.5 },
        { 0.2, 3 },
        { 10, 0.3 },
        { 50, 50 },
        { 0.05, 0.05 },
        { 1000, 2 },
    };

    public static TheoryData<double, double, double, double> Intervals() => new()
    {
        { 0.5, 0.2, 0, 1 },
        { 0.3, 0.1, 0.05, 1 },
        { 0, 1, -10, 10 },
        { 0, 1, 0.5, 3 },
        { 0, 0.05, 0.5, 1 },    // 10 to 20 sd above the mean
        { 100, 0.01, 0, 1 },    // 9,900 sd below
        { 0, 1, 39, 40 },       // beyond where Φ underflows
        { 0.5, 1e-3, 0, 1 },
    };

    [Theory]
    [MemberData(nameof(BetaShapes))]
    public void A_tabulated_Beta_draw_is_within_the_stated_bound_of_the_exact_quantile_everywhere(double a, double b)
    {
        var table = ParameterSampler.Tabulate(Parameter.Beta(a, b));
        Assert.NotNull(table);
        // The exact quantile, above ½ through the mirrored Beta(b, a)'s: solving I_x(a, b) = u there loses 1 − x to the
        // rounding of u near 1 (at u = 1 − 2⁻⁵³ a Beta(50, 50) quantile is off by 10⁻³), solving I_y(b, a) = 1 − u does not.
        var below = new BetaQuantile(a, b);
        var mirrored = new BetaQuantile(b, a);
        double worst = WorstError(table, u => u < 0.5 ? below.At(u) : 1 - mirrored.At(1 - u), 1);
        output.WriteLine($"Beta({a}, {b}): {table.Pieces} pieces, {table.ExactOctaves} octaves exact, worst error {worst:E2} at {WorstAt:R}");
        Assert.True(worst <= ParameterSampler.Bound, $"worst error {worst}");
    }

    [Theory]
    [MemberData(nameof(Intervals))]
    public void A_tabulated_truncated_normal_draw_is_within_the_stated_bound_of_the_exact_quantile_everywhere(double mean, double sd, double lower, double upper)
    {
        var table = ParameterSampler.Tabulate(Parameter.TruncatedNormal(mean, sd, lower, upper));
        Assert.NotNull(table);

        // The exact quantile, above ½ through the mirrored interval's, which keeps the precision 1 − u would lose.
        var below = new TruncatedNormalQuantile(mean, sd, lower, upper);
        var mirrored = new TruncatedNormalQuantile(-mean, sd, -upper, -lower);
        double Exact(double u) => u < 0.5 ? below.At(u) : -mirrored.At(1 - u);
        double worst = WorstError(table, Exact, Math.Min(sd, upper - lower));
        output.WriteLine($"N({mean}, {sd}) in [{lower}, {upper}]: {table.Pieces} pieces, {table.ExactOctaves} octaves exact, worst error {worst:E2} of the scale at {WorstAt:R}");
        Assert.True(worst <= ParameterSampler.Bound, $"worst error {worst}");
    }

    [Fact]
    public void A_tabulated_draw_takes_exactly_one_uniform_from_the_trial_stream()
    {
        var sampler = ParameterSampler.For(Parameter.Beta(4, 4));
        Assert.True(sampler.Tabulated);
        var random = TrialRandom.ForTrial(7, 3);
        var copy = random;
        double value = sampler.Draw(ref random);
        double u = copy.NextDouble();
        Assert.Equal(copy.NextUInt64(), random.NextUInt64());
        Assert.InRange(Math.Abs(value - new BetaQuantile(4, 4).At(u)), 0, ParameterSampler.Bound);
    }

    [Fact]
    public void The_ends_of_the_unit_interval_give_the_ends_of_the_support()
    {
        var table = ParameterSampler.Tabulate(Parameter.Beta(2, 3))!;
        Assert.Equal(0, table.At(0));
        Assert.Equal(1, table.At(1));
        Assert.True(double.IsNaN(table.At(double.NaN)));
    }

    private static double WorstAt;

    /// <summary>The largest |table − exact| over the grid, divided by <paramref name="scale"/>.</summary>
    private static double WorstError(QuantileTable table, Func<double, double> exact, double scale)
    {
        double worst = 0;
        void Check(double u)
        {
            double error = Math.Abs(table.At(u) - exact(u)) / scale;
            Assert.False(double.IsNaN(error), $"NaN at u = {u}");
            if (error > worst)
            {
                worst = error;
                WorstAt = u;
            }
        }

        const int Grid = 1 << 17;
        for (int k = 0; k < Grid; k++)
        {
            Check((k + 0.5) / Grid);
        }

        // Each tail octave [2^−(o+1), 2^−o) at 64 points, its ends included, on the doubles a trial's uniform can take.
        for (int o = 1; o <= 53; o++)
        {
            for (int j = 0; j <= 64; j++)
            {
                double w = Math.ScaleB(1 + (j / 64.0), -(o + 1));
                w = Math.Max(Math.Round(Math.ScaleB(w, 53)), 1) * Math.ScaleB(1, -53);
                Check(w);
                Check(1 - w);
            }
        }

        return worst;
    }
}
