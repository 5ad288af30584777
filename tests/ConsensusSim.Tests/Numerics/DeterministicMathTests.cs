using ConsensusSim.Analysis;
using ConsensusSim.Simulation;
using MathNet.Numerics.Distributions;
using ConsensusSim.Numerics;

namespace ConsensusSim.Tests.Numerics;

/// <summary>The library's own logarithm, Φ⁻¹ and Mills' ratio against the platform's and MathNet's independent implementations.</summary>
public class DeterministicMathTests
{
    [Fact]
    public void The_logarithm_is_within_one_ulp_of_math_log_over_the_whole_range()
    {
        var random = TrialRandom.ForTrial(3, 0);
        var values = new List<double> { 1, 2, 0.5, Math.E, 1 + 1e-10, 1 - 1e-10, 0.7, 1.4, 1.41, 0.71, double.Epsilon, 1e-310, double.MaxValue, 1e-300 };
        for (int k = 0; k < 200_000; k++)
        {
            // Random significands at random binary exponents, subnormals included, and values near 1.
            values.Add(Math.ScaleB(1 + random.NextDouble(), (int)(random.NextDouble() * 2098) - 1074));
            values.Add(1 + ((random.NextDouble() - 0.5) * 1e-4));
            values.Add(0.5 + random.NextDouble());
        }

        foreach (double x in values)
        {
            double exact = Math.Log(x);
            double own = DeterministicMath.Log(x);
            Assert.True(Math.Abs(own - exact) <= UlpOf(exact), $"ln {x:R}: {own:R} vs {exact:R}");
        }

        Assert.Equal(double.NegativeInfinity, DeterministicMath.Log(0));
        Assert.Equal(double.PositiveInfinity, DeterministicMath.Log(double.PositiveInfinity));
        Assert.True(double.IsNaN(DeterministicMath.Log(-1)));
        Assert.True(double.IsNaN(DeterministicMath.Log(double.NaN)));
    }

    [Fact]
    public void Log1p_and_expm1_keep_their_relative_precision_near_zero()
    {
        foreach (double x in new[] { 1e-300, 1e-17, -1e-17, 3e-12, -3e-12, 1e-6, -1e-6, 0.01, -0.01, 0.3, -0.3, -0.5, 0.5, 2, 1e10 })
        {
            Assert.Equal(Log1PReference(x), DeterministicMath.Log1P(x), Math.Abs(Log1PReference(x)) * 4e-16);
        }

        Assert.Equal(double.NegativeInfinity, DeterministicMath.Log1P(-1));
        foreach (double y in new[] { -1e-300, -1e-17, -3e-12, -1e-6, -0.01, -0.1, -0.3, -0.34, -0.35, -1, -5, -700, -800, double.NegativeInfinity })
        {
            Assert.Equal(ExpM1Reference(y), DeterministicMath.ExpM1(y), Math.Abs(ExpM1Reference(y)) * 4e-16);
        }
    }
    [Fact]
    public void The_exponential_is_within_two_ulps_of_math_exp_over_the_whole_range()
    {
        for (double y = -745; y <= 709.7; y += 0.0137)
        {
            double exact = Math.Exp(y);
            double own = DeterministicMath.Exp(y);
            Assert.True(Math.Abs(own - exact) <= 2 * UlpOf(exact), $"e^{y:R}: {own:R} vs {exact:R}");
        }

        Assert.Equal(0, DeterministicMath.Exp(-746));
        Assert.Equal(double.PositiveInfinity, DeterministicMath.Exp(710));
        Assert.Equal(1, DeterministicMath.Exp(0));
        Assert.True(double.IsNaN(DeterministicMath.Exp(double.NaN)));
    }

    [Theory]
    [InlineData(1e-300, 690.77552789821370518)]
    [InlineData(0.5, 0.57236494292470008707)]
    [InlineData(3.7, 1.4280723266653881292)]
    [InlineData(14.999, 25.188546870546927907)]
    [InlineData(15.0, 25.1912211827386815)]
    [InlineData(1e6, 12815504.56914761166)]
    public void Log_gamma_matches_40_digit_values(double z, double exact)
    {
        // The expected values are from mpmath at 30 digits; below 15 the result is ln Γ(z + n) − ln(z…(z + n − 1)), a
        // difference of numbers near 25, so within a few units of 10⁻¹⁵.
        Assert.Equal(exact, DeterministicMath.LogGamma(z), Math.Max(Math.Abs(exact) * 4e-16, 1e-14));
    }

    [Theory]
    [InlineData(1e6, 1e6, -1386300.0033629211163)]
    [InlineData(0.1, 1e6, 0.8711616409377844149)]
    [InlineData(1e-300, 1.0, 690.77552789821370518)]
    [InlineData(15.0, 15.0, -20.87459660169064601)]
    [InlineData(0.5, 0.5, 1.1447298858494001741)]
    [InlineData(20.0, 1e6, -236.97051697085100008)]
    [InlineData(3.0, 1e5, -33.845659214100742951)]
    public void Log_beta_keeps_its_precision_when_a_shape_is_large(double a, double b, double exact)
    {
        // ln Γ(10⁶) + ln Γ(10⁶) − ln Γ(2·10⁶) would be 10⁻⁹ off; the shape-by-shape Stirling difference is not.
        Assert.Equal(exact, DeterministicMath.LogBeta(a, b), Math.Max(Math.Abs(exact) * 1e-15, 3e-14));
        Assert.Equal(exact, DeterministicMath.LogBeta(b, a), Math.Max(Math.Abs(exact) * 1e-15, 3e-14));
    }

    [Fact]
    public void Phi_inverse_agrees_with_mathnet_at_hundreds_of_points_down_to_1e_minus_300()
    {
        var probabilities = new List<double>();
        for (int k = 1; k < 1000; k++)
        {
            probabilities.Add(k / 1000.0);
        }

        for (int e = 4; e <= 300; e++)
        {
            probabilities.Add(Math.Pow(10, -e));
            probabilities.Add(3.7 * Math.Pow(10, -e));
        }

        probabilities.AddRange([0.075, 0.0749999, 0.925, 0.9250001, 1 - 1e-10, 1 - 1e-15, 1 - 1.1e-16]);
        foreach (double p in probabilities)
        {
            double exact = Normal.InvCDF(0, 1, p);
            double own = StandardNormal.Quantile(p);
            Assert.True(Math.Abs(own - exact) <= 2e-15 * Math.Max(Math.Abs(exact), 1e-3), $"p = {p:R}: {own:R} vs MathNet {exact:R}");
        }
    }

    [Fact]
    public void The_precise_phi_keeps_its_relative_precision_in_the_lower_tail()
    {
        // Hart's Φ is within 10⁻¹⁵ absolutely but 10⁻⁸ relatively near −8; the tail-sampling Φ must be relatively exact.
        for (double x = -37.5; x <= 8; x += 0.005)
        {
            double exact = x < -3 ? TailReference(-x) : Normal.CDF(0, 1, x);
            double tail = Math.Min(exact, 1 - exact);
            Assert.True(Math.Abs(StandardNormal.PreciseCdf(x) - exact) <= (1e-14 * tail) + (x > 0 ? 2.3e-16 : 1e-300), $"Φ({x:R}): {StandardNormal.PreciseCdf(x):R} vs MathNet {exact:R}");
        }

        Assert.Equal(0.5, StandardNormal.PreciseCdf(0));
        Assert.Equal(0, StandardNormal.PreciseCdf(-40));
        Assert.Equal(1, StandardNormal.PreciseCdf(40));
        Assert.Equal(0, StandardNormal.PreciseCdf(double.NegativeInfinity));
        Assert.True(double.IsNaN(StandardNormal.PreciseCdf(double.NaN)));
    }

    [Fact]
    public void Phi_inverse_inverts_phi_with_relative_precision_in_the_lower_tail()
    {
        // Where Φ(z) is tiny, Φ⁻¹ must still recover z: that is what lets a truncated normal far below its mean be sampled.
        for (double z = -37; z <= 8; z += 0.01)
        {
            double p = StandardNormal.PreciseCdf(z);
            Assert.Equal(z, StandardNormal.Quantile(p), 1e-13 * Math.Max(1, Math.Abs(z)) + (z > 0 ? 2e-15 / Normal.PDF(0, 1, z) : 0));
        }

        Assert.Equal(double.NegativeInfinity, StandardNormal.Quantile(0));
        Assert.Equal(double.PositiveInfinity, StandardNormal.Quantile(1));
        Assert.Equal(0, StandardNormal.Quantile(0.5));
        Assert.True(double.IsNaN(StandardNormal.Quantile(-0.1)));
        Assert.True(double.IsNaN(StandardNormal.Quantile(double.NaN)));
    }

    [Fact]
    public void Mills_ratio_matches_the_tail_over_the_density_and_the_continued_fraction_far_out()
    {
        for (double a = 0; a < 30; a += 0.01)
        {
            double exact = a < 3 ? Normal.CDF(0, 1, -a) / Normal.PDF(0, 1, a) : ContinuedFractionMills(a);
            Assert.Equal(exact, StandardNormal.MillsRatio(a), exact * 1e-14);
        }

        foreach (double a in new[] { 30.0, 37.5, 100, 1e4, 1e7, 1e8, 2e8, 1e150, 1e300 })
        {
            double exact = ContinuedFractionMills(a);
            Assert.Equal(exact, StandardNormal.MillsRatio(a), exact * 1e-14);
        }

        Assert.Equal(0, StandardNormal.MillsRatio(double.PositiveInfinity));
    }

    /// <summary>ln(1 + x): in 28-digit decimal arithmetic by 2·atanh(x/(2 + x)) where 1 + x would round, the platform's log where it is exact.</summary>
    private static double Log1PReference(double x)
    {
        if (Math.Abs(x) < 1e-10)
        {
            return x - (x * x / 2);
        }

        if (Math.Abs(x) > 0.5)
        {
            return Math.Log(1 + x); // 1 + x is exact for the values used
        }

        decimal s = (decimal)x / (2 + (decimal)x), power = s, sum = 0;
        for (int k = 1; k < 80; k += 2)
        {
            sum += power / k;
            power *= s * s;
        }

        return (double)(2 * sum);
    }

    /// <summary>eʸ − 1: the Taylor series in 28-digit decimal arithmetic near 0, the platform's exp beyond −0.35 (no cancellation there).</summary>
    private static double ExpM1Reference(double y)
    {
        if (y > -1e-10)
        {
            return y + (y * y / 2);
        }

        if (y < -0.35)
        {
            return Math.Exp(y) - 1;
        }

        decimal term = (decimal)y, sum = term;
        for (int k = 2; k < 40; k++)
        {
            term *= (decimal)y / k;
            sum += term;
        }

        return (double)sum;
    }

    /// <summary>
    /// 1 − Φ(a) for a ≥ 3 as φ(a)·R(a), with R from its continued fraction and e^(−a²/2) split so that the rounding of a²
    /// is not magnified (MathNet's erfc is 10⁻¹³ off relatively near −36, where this agrees with 40-digit arithmetic).
    /// </summary>
    private static double TailReference(double a)
    {
        double s = Math.Truncate(a * 16) / 16;
        return Math.Exp(-s * s / 2) * Math.Exp(-(a - s) * (a + s) / 2) / Math.Sqrt(2 * Math.PI) * ContinuedFractionMills(a);
    }

    /// <summary>R(a) = 1/(a + 1/(a + 2/(a + 3/(a + …)))), evaluated from the bottom; with 200 terms exact to rounding from a = 3 on.</summary>
    internal static double ContinuedFractionMills(double a)
    {
        double t = a;
        for (int k = 200; k >= 1; k--)
        {
            t = a + (k / t);
        }

        return 1 / t;
    }

    private static double UlpOf(double x) => Math.BitIncrement(Math.Abs(x)) - Math.Abs(x);
}
