using ConsensusSim.Model;
using ConsensusSim.Numerics;

namespace ConsensusSim.Tests.Numerics;

/// <summary>
/// Beta parameters at the ends of the shapes they accept: quantiles that underflow, spikes 10⁶ strong, two-point
/// limits, and shapes beyond 10⁶, which are refused.
/// </summary>
public class BetaExtremeShapeTests
{
    [Theory]
    [InlineData(1e-300)]
    [InlineData(1e-10)]
    [InlineData(0.005)]
    [InlineData(0.01)]
    [InlineData(0.1)]
    [InlineData(10)]
    [InlineData(1e3)]
    [InlineData(1e6)]
    public void Beta_with_one_shape_1_follows_its_closed_form(double shape)
    {
        // Beta(a, 1): P(X ≤ x) = xᵃ, so the quantile is u^(1/a); Beta(1, b): 1 − (1 − u)^(1/b). Small shapes put the
        // lower quantiles far below 10⁻³⁰⁰, or below the smallest double.
        var lower = new BetaQuantile(shape, 1);
        var upper = new BetaQuantile(1, shape);
        for (int k = 1; k < 1000; k++)
        {
            double u = k / 1000.0;
            double x = Math.Pow(u, 1 / shape);
            Assert.True(Math.Abs(lower.At(u) - x) <= (1e-11 * x) + double.Epsilon, $"Beta({shape}, 1) at {u}: {lower.At(u):R} vs {x:R}");
            double y = 1 - Math.Pow(1 - u, 1 / shape);
            Assert.True(Math.Abs(upper.At(u) - y) <= (1e-10 * y) + 2.3e-16, $"Beta(1, {shape}) at {u}: {upper.At(u):R} vs {y:R}");
        }
    }

    [Theory]
    [InlineData(1e-300)]
    [InlineData(1e-10)]
    [InlineData(5e-324)]
    public void Vanishing_shapes_split_the_mass_between_0_and_1(double shape)
    {
        // Beta(ε, ε) tends to ½ at 0 and ½ at 1: every quantile below ½ is 0 to rounding, every one above it 1 (the
        // median itself is ½ by symmetry, where the CDF is flat to within ε).
        var q = new BetaQuantile(shape, shape);
        for (int k = 1; k < 100; k++)
        {
            double u = k / 100.0;
            if (k != 50)
            {
                Assert.Equal(u < 0.5 ? 0 : 1, q.At(u));
            }
        }
    }

    [Theory]
    [InlineData(1e6, 1e6, 0.1, 0.49954690313516383982)]
    [InlineData(1e6, 1e6, 0.998, 0.50101758291504696395)]
    [InlineData(0.005, 1e6, 0.5, 3.5083356280146343966e-67)]
    [InlineData(0.1, 1e6, 0.5, 5.9339137131026219197e-10)]
    [InlineData(1e6, 1000, 0.5, 0.99900133131648733157)]
    public void Quantiles_at_shapes_of_a_million_match_40_digit_values(double a, double b, double u, double exact)
    {
        // The expected quantiles were solved with mpmath at 30 digits (quadrature of the density).
        Assert.Equal(exact, new BetaQuantile(a, b).At(u), Math.Abs(exact) * 1e-9);
    }

    [Fact]
    public void A_spike_of_shape_a_million_is_symmetric_with_the_normal_spread()
    {
        // Beta(10⁶, 10⁶): sd 1/(2√(2·10⁶ + 1)), no skew, excess kurtosis κ = −6/(2·10⁶ + 3); Cornish–Fisher puts the
        // quantile at z + κ(z³ − 3z)/24 sd, to terms of order κ², 10⁻¹¹ sd.
        const double kurtosis = -6 / (2e6 + 3);
        var q = new BetaQuantile(1e6, 1e6);
        double sd = 1 / (2 * Math.Sqrt(2e6 + 1));
        Assert.Equal(0.5, q.At(0.5), 1e-13);
        foreach (double z in new[] { -3.0, -1, 1, 2.5 })
        {
            double u = MathNet.Numerics.Distributions.Normal.CDF(0, 1, z);
            Assert.Equal(0.5 + (sd * (z + (kurtosis * ((z * z * z) - (3 * z)) / 24))), q.At(u), 1e-7 * sd);
            Assert.Equal(1, q.At(u) + q.At(1 - u), 1e-12);
        }
    }

    [Theory]
    [InlineData(1e300, 1, "alpha")]
    [InlineData(1, 2e6, "beta")]
    [InlineData(1e6 + 1, 1e6, "alpha")]
    public void A_shape_beyond_a_million_is_refused_naming_it(double alpha, double beta, string name)
    {
        // Beta(10³⁰⁰, 10³⁰⁰) was drawn as 10⁻²⁹ instead of ½, after 20 s of tabulation.
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Parameter.Beta(alpha, beta));
        Assert.Equal(name, ex.ParamName);
        Assert.Equal(ParameterDistribution.Beta, Parameter.Beta(1e6, 1e6).Distribution);
    }
}
