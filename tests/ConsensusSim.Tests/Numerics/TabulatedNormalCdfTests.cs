using System.Runtime.Intrinsics;
using ConsensusSim.Numerics;
using ConsensusSim.Tests.Support;

namespace ConsensusSim.Tests.Numerics;

/// <summary>
/// The tabulated Φ that conditional Monte Carlo multiplies is the library's exact Φ to a stated accuracy over its
/// whole range: relative error below 2·10⁻¹⁰ for −7 ≤ x ≤ 0 (the lower tail, where a product of probabilities needs it),
/// absolute error below 10⁻¹⁵ where Φ &gt; ½, and the exact value itself beyond the table. Between −8.5 and −7 the exact
/// Φ's own relative error (Hart's algorithm against erfc) reaches 10⁻⁸ and changes form at 7.07; there the table is
/// held to 10⁻⁸ of it and of erfc: factors below 10⁻¹¹, whose error moves no trial's probability by 10⁻¹⁹.
/// </summary>
public class TabulatedNormalCdfTests
{
    [Fact]
    public void It_is_within_2e_10_relative_in_the_lower_tail_and_1e_15_absolute_above_of_the_exact_phi()
    {
        // Every node of the table, every point midway between two, and a fine grid between (|d| up to 1/128).
        double worstRelative = 0, worstFar = 0, worstTrue = 0, worstAbsolute = 0;
        for (int k = -40 * 4096; k <= 40 * 4096; k++)
        {
            double x = k / 4096.0;
            double exact = StandardNormal.Cdf(x), tabulated = TabulatedNormalCdf.Cdf(x);
            if (x < -7)
            {
                worstFar = Math.Max(worstFar, exact == 0 ? Math.Abs(tabulated) : Math.Abs(tabulated - exact) / exact);
                if (x > -TabulatedNormalCdf.Limit)
                {
                    double erfc = 0.5 * MathNet.Numerics.SpecialFunctions.Erfc(-x / Math.Sqrt(2));
                    worstTrue = Math.Max(worstTrue, Math.Abs(tabulated - erfc) / erfc);
                }
            }
            else if (x <= 0)
            {
                worstRelative = Math.Max(worstRelative, Math.Abs(tabulated - exact) / exact);
            }
            else
            {
                worstAbsolute = Math.Max(worstAbsolute, Math.Abs(tabulated - exact));
            }
        }

        Assert.True(worstRelative < 2e-10, $"largest relative error on [-7, 0]: {worstRelative:E2}");
        Assert.True(worstFar < 1e-8, $"largest relative error below -7: {worstFar:E2}");
        Assert.True(worstTrue < 1e-8, $"largest relative error against erfc below -7: {worstTrue:E2}");
        Assert.True(worstAbsolute < 1e-15, $"largest absolute error above 0: {worstAbsolute:E2}");
    }

    [Fact]
    public void Beyond_the_table_it_is_the_exact_phi_and_at_the_edges_it_stays_finite()
    {
        foreach (double x in new[] { 8.5, -8.5, 9, -9, -20, 37, -38, double.PositiveInfinity, double.NegativeInfinity })
        {
            Assert.Equal(StandardNormal.Cdf(x), TabulatedNormalCdf.Cdf(x));
        }

        Assert.True(double.IsNaN(TabulatedNormalCdf.Cdf(double.NaN)));
        Assert.Equal(0.5, TabulatedNormalCdf.Cdf(0));
        Assert.Equal(0.5, TabulatedNormalCdf.Cdf(-0.0));
        double justInside = Math.BitDecrement(TabulatedNormalCdf.Limit);
        Assert.InRange(TabulatedNormalCdf.Cdf(-justInside), 0, 1e-16);
        Assert.Equal(StandardNormal.Cdf(-justInside), TabulatedNormalCdf.Cdf(-justInside), StandardNormal.Cdf(-justInside) * 1e-8);
    }

    [SkippableFact]
    public void Eight_lanes_give_the_same_bits_as_one_value_at_a_time_with_and_without_the_one_past_the_table()
    {
        Skip.IfNot(VectorPaths.Wide, "This machine has no AVX-512: the eight-lane function, which only the conditional stage's wide products call, does not run here.");
        // Batches inside the table, batches that straddle its end, and the edges.
        var random = TrialRandom.ForTrial(23, 0);
        var values = new List<double> { 0, -0.0, 8.5, -8.5, Math.BitDecrement(8.5), -Math.BitDecrement(8.5), 1.0 / 128, -1.0 / 128, double.PositiveInfinity, double.NegativeInfinity };
        for (int k = 0; k < 40_000; k++)
        {
            values.Add((random.NextDouble() - 0.5) * 17);
            values.Add((random.NextDouble() - 0.5) * (k % 3 == 0 ? 40 : 10));
        }

        for (int k = 0; k + 8 <= values.Count; k += 8)
        {
            var x = Vector512.Create(values.GetRange(k, 8).ToArray());
            var lanes = TabulatedNormalCdf.Cdf(x);
            var orOne = TabulatedNormalCdf.CdfOrOne(x);
            for (int j = 0; j < 8; j++)
            {
                Assert.Equal(BitConverter.DoubleToInt64Bits(TabulatedNormalCdf.Cdf(values[k + j])), BitConverter.DoubleToInt64Bits(lanes[j]));
                Assert.Equal(BitConverter.DoubleToInt64Bits(TabulatedNormalCdf.CdfOrOne(values[k + j])), BitConverter.DoubleToInt64Bits(orOne[j]));
            }
        }
    }
}
