using ConsensusSim.Analysis;
using MathNet.Numerics.Distributions;

namespace ConsensusSim.Tests;

public class StandardNormalTests
{
    [Fact]
    public void Phi_is_within_1e_15_of_mathnets_erfc_based_value_everywhere()
    {
        double worst = 0;
        for (int k = -40_000; k <= 40_000; k++)
        {
            double x = k / 1000.0;
            worst = Math.Max(worst, Math.Abs(StandardNormal.Cdf(x) - Normal.CDF(0, 1, x)));
        }

        Assert.True(worst < 1e-15, $"largest absolute error {worst:E2}");
    }

    [Fact]
    public void Phi_has_its_exact_values_symmetry_and_limits()
    {
        Assert.Equal(0.5, StandardNormal.Cdf(0));
        Assert.Equal(0, StandardNormal.Cdf(double.NegativeInfinity));
        Assert.Equal(1, StandardNormal.Cdf(double.PositiveInfinity));
        Assert.True(double.IsNaN(StandardNormal.Cdf(double.NaN)));
        foreach (double x in new[] { 0.1, 1, 1.96, 3, 6, 7.5, 12 })
        {
            Assert.Equal(1, StandardNormal.Cdf(x) + StandardNormal.Cdf(-x), 15);
        }

        // The lower tail keeps its relative precision where probabilities are small (objections of careful States).
        Assert.Equal(Normal.CDF(0, 1, -5), StandardNormal.Cdf(-5), Normal.CDF(0, 1, -5) * 1e-9);
    }
}
