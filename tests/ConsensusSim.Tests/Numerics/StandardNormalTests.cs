using System.Runtime.Intrinsics;
using ConsensusSim.Analysis;
using ConsensusSim.Simulation;
using MathNet.Numerics.Distributions;
using ConsensusSim.Numerics;

namespace ConsensusSim.Tests.Numerics;

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
    public void The_exponential_is_within_1e_15_relative_of_math_exp_on_the_range_phi_needs()
    {
        double worst = 0;
        for (int k = 0; k <= 708_000; k++)
        {
            double y = -k / 1000.0;
            double exact = Math.Exp(y);
            worst = Math.Max(worst, Math.Abs(StandardNormal.Exp(y) - exact) / exact);
        }

        Assert.True(worst < 1e-15, $"largest relative error {worst:E2}");
    }

    [Fact]
    public void Eight_lanes_give_the_same_bits_as_one_value_at_a_time()
    {
        // Random values over every branch: central, far tail, beyond 37, infinities, ±0.
        var random = TrialRandom.ForTrial(17, 0);
        var values = new List<double> { 0, -0.0, double.PositiveInfinity, double.NegativeInfinity, 7.07106781186547, -7.07106781186547, 37, -37, 37.2, -40, 1, -1, 8, -8, 50, -50 };
        values.AddRange([0.5, -1, 2, -3, 4.5, -6.9, 7, 0.01]);           // a batch entirely in the central form
        values.AddRange([7.5, -8, 12, -20, 36.9, -7.1, 9, 30]);          // a batch entirely in the far form
        for (int k = 0; k < 20_000; k++)
        {
            values.Add((random.NextDouble() - 0.5) * 90);
            values.Add((random.NextDouble() - 0.5) * 16);
        }

        for (int k = 0; k + 8 <= values.Count; k += 8)
        {
            var lanes = StandardNormal.Cdf(Vector512.Create(values.GetRange(k, 8).ToArray()));
            var exps = StandardNormal.Exp(Vector512.Create(values.GetRange(k, 8).Select(v => -Math.Min(Math.Abs(v), 37.5) * Math.Min(Math.Abs(v), 37.5) / 2).ToArray()));
            for (int j = 0; j < 8; j++)
            {
                double v = values[k + j];
                Assert.Equal(BitConverter.DoubleToInt64Bits(StandardNormal.Cdf(v)), BitConverter.DoubleToInt64Bits(lanes[j]));
                double a = Math.Min(Math.Abs(v), 37.5);
                Assert.Equal(BitConverter.DoubleToInt64Bits(StandardNormal.Exp(-a * a / 2)), BitConverter.DoubleToInt64Bits(exps[j]));
            }
        }
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
