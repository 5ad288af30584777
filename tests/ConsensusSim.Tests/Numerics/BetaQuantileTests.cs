using ConsensusSim.Model;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MathNet.Numerics;
using ConsensusSim.Numerics;

namespace ConsensusSim.Tests.Numerics;

/// <summary>The quantile function behind Beta parameters: exact where a closed form exists, the inverse of the CDF everywhere, monotone.</summary>
public class BetaQuantileTests
{
    private static readonly double[] Shapes = [0.1, 0.3, 0.5, 1, 2, 4, 10, 50];

    public static TheoryData<double, double> ShapePairs()
    {
        var data = new TheoryData<double, double>();
        foreach (double a in Shapes)
        {
            foreach (double b in Shapes)
            {
                data.Add(a, b);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ShapePairs))]
    public void The_quantile_inverts_the_cdf_across_the_whole_range(double a, double b)
    {
        var q = new BetaQuantile(a, b);
        for (int i = 1; i < 1000; i++)
        {
            double u = i / 1000.0;
            double x = q.At(u);
            Assert.InRange(x, 0, 1);

            // Against MathNet's independent I_x(a, b): u lies between the CDF a few doubles either side of x (where the
            // density is steep, near an end with a shape below 1, neighbouring doubles are far apart in probability),
            // up to 1e-13, or 1e-12 for shapes of 10 and more, where either CDF sums large logarithms in x^a (1 − x)^b / B(a, b).
            double below = x, above = x;
            for (int k = 0; k < 4; k++)
            {
                below = Math.Max(0, Math.BitDecrement(below));
                above = Math.Min(1, Math.BitIncrement(above));
            }

            double slack = Math.Max(a, b) >= 10 ? 1e-12 : 1e-13;
            Assert.True(
                SpecialFunctions.BetaRegularized(a, b, below) - slack <= u && u <= SpecialFunctions.BetaRegularized(a, b, above) + slack,
                $"Beta({a}, {b}) at u = {u}: x = {x}");
        }
    }

    [Theory]
    [InlineData(1e-12)]
    [InlineData(1e-8)]
    [InlineData(0.001)]
    [InlineData(0.37)]
    [InlineData(0.999)]
    [InlineData(1 - 1e-8)]
    public void Closed_forms_are_met_to_the_precision_the_cdf_allows_even_in_the_tails(double u)
    {
        // Beta(a, 1): F(x) = x^a; Beta(1, b): F(x) = 1 − (1 − x)^b; Beta(1, 1) is uniform. The tolerance is what a
        // CDF computed to 1e-15 allows: 1e-15 divided by the density there, relative 1e-13 on top.
        static void Near(double exact, double density, double actual) =>
            Assert.True(Math.Abs(actual - exact) <= (1e-15 / density) + (1e-13 * exact), $"{actual} against {exact}");

        double root = Math.Sqrt(u);
        Near(root, 2 * root, new BetaQuantile(2, 1).At(u));
        Near(u * u, 0.5 / Math.Sqrt(u * u), new BetaQuantile(0.5, 1).At(u));
        // 1 − c with c³ = 1 − u, written as u / (1 + c + c²) so that the reference does not cancel for small u.
        double cube = Math.Cbrt(1 - u);
        Near(u / (1 + cube + (cube * cube)), 3 * cube * cube, new BetaQuantile(1, 3).At(u));
        Near(u, 1, new BetaQuantile(1, 1).At(u));

        // Relative accuracy where the quantile is tiny: MathNet's general inverse stops at a CDF tolerance and is off by 0.3 % at u = 1e-10.
        double tiny = new BetaQuantile(2, 1).At(1e-10);
        Assert.True(Math.Abs(tiny - 1e-5) <= 1e-13 * 1e-5, $"{tiny} against 1e-5");

        // A shape of 0.1: F(x) = x^0.1, so the quantile u^10 is astronomically small and still relatively exact.
        double small = new BetaQuantile(0.1, 1).At(u);
        double exact = Math.Pow(u, 10);
        Assert.True(Math.Abs(small - exact) <= 1e-12 * exact + (1e-15 / (0.1 * Math.Pow(exact, -0.9))), $"{small} against {exact}");
    }

    [Fact]
    public void The_ends_and_out_of_range_probabilities_map_to_the_support()
    {
        var q = new BetaQuantile(4, 4);
        Assert.Equal(0, q.At(0));
        Assert.Equal(0, q.At(-1));
        Assert.Equal(1, q.At(1));
        Assert.Equal(1, q.At(2));
        Assert.True(double.IsNaN(q.At(double.NaN)));
        Assert.Equal(0.5, q.At(0.5), 1e-13);
    }

    [Property(MaxTest = 300)]
    public Property The_quantile_is_monotone(PositiveInt ai, PositiveInt bi, NormalFloat u1, NormalFloat u2)
    {
        double a = Shapes[ai.Get % Shapes.Length], b = Shapes[bi.Get % Shapes.Length];
        double x = Math.Abs(u1.Get) % 1, y = Math.Abs(u2.Get) % 1;
        var q = new BetaQuantile(a, b);
        return (Math.Min(x, y) == Math.Max(x, y) || q.At(Math.Min(x, y)) <= q.At(Math.Max(x, y))).Label($"Beta({a}, {b}) at {x}, {y}");
    }

    [Fact]
    public void Beta_parameters_sampled_by_the_engine_have_the_distributions_moments()
    {
        // 200,000 draws of Beta(2, 5): mean 2/7, variance 10/392; tolerance of 5 standard errors.
        var parameter = Parameter.Beta(2, 5);
        const int n = 200_000;
        double sum = 0, sumSquares = 0;
        for (long t = 0; t < n; t++)
        {
            var random = ConsensusSim.Numerics.TrialRandom.ForTrial(3, t);
            double x = parameter.Sample(ref random);
            sum += x;
            sumSquares += x * x;
        }

        double mean = sum / n, variance = (sumSquares / n) - (mean * mean);
        double exactMean = 2.0 / 7, exactVariance = 10.0 / 392;
        Assert.True(Math.Abs(mean - exactMean) <= 5 * Math.Sqrt(exactVariance / n), $"mean {mean}");
        Assert.True(Math.Abs(variance - exactVariance) <= 0.02 * exactVariance, $"variance {variance}");
    }
}
