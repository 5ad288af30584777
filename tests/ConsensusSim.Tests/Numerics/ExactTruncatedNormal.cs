using MathNet.Numerics.Distributions;

namespace ConsensusSim.Tests.Numerics;

/// <summary>
/// Normal(mean, sd²) truncated to [lower, upper], computed in the test independently of the library: MathNet's Φ where
/// the interval straddles the mean; for an interval on one side, the tail ratio Q(a + e)/Q(a) = e^(−e(a + e/2))·R(a + e)/R(a)
/// with Mills' ratio R from MathNet below 3 sd and from its continued fraction beyond, which neither underflows nor
/// rounds to 1 however far out the interval lies.
/// </summary>
internal sealed record ExactTruncatedNormal(double Mean, double Sd, double Lower, double Upper)
{
    private double Alpha => (Lower - Mean) / Sd;

    private double Beta => (Upper - Mean) / Sd;

    private double Width => (Upper - Lower) / Sd;

    /// <summary>P(X ≤ x).</summary>
    public double Cdf(double x)
    {
        if (x <= Lower)
        {
            return 0;
        }

        if (x >= Upper)
        {
            return 1;
        }

        if (Alpha >= 0)
        {
            return ExpM1(LogTail(Alpha, (x - Lower) / Sd)) / ExpM1(LogTail(Alpha, Width));
        }

        if (Beta <= 0)
        {
            return 1 - (ExpM1(LogTail(-Beta, (Upper - x) / Sd)) / ExpM1(LogTail(-Beta, Width)));
        }

        double low = Normal.CDF(0, 1, Alpha);
        return (Normal.CDF(0, 1, (x - Mean) / Sd) - low) / (Normal.CDF(0, 1, Beta) - low);
    }

    /// <summary>E[X] = μ + σ(φ(α) − φ(β))/(Φ(β) − Φ(α)), in the tail as μ + σ(1 − ρ)/(R(a) − ρR(b)) with ρ = φ(b)/φ(a).</summary>
    public double Expectation
    {
        get
        {
            if (Alpha >= 0)
            {
                return Mean + (Sd * TailMean(Alpha, Width));
            }

            if (Beta <= 0)
            {
                return Mean - (Sd * TailMean(-Beta, Width));
            }

            return Mean + (Sd * (Normal.PDF(0, 1, Alpha) - Normal.PDF(0, 1, Beta)) / (Normal.CDF(0, 1, Beta) - Normal.CDF(0, 1, Alpha)));
        }
    }

    /// <summary>E[Z | a ≤ Z ≤ a + w] for a ≥ 0.</summary>
    private static double TailMean(double a, double w)
    {
        double rho = Math.Exp(-w * (a + (w / 2)));
        return (1 - rho) / (Mills(a) - (rho * Mills(a + w)));
    }

    /// <summary>
    /// log(Q(a + e)/Q(a)); within 10⁻⁶/(a + 1) of a by its Taylor series −e/R + (e²/2)(aR − 1)/R² (as (log Q)′ = −1/R and
    /// R′ = aR − 1), where the ratio of two Mills' ratios would be rounding noise beside the result.
    /// </summary>
    private static double LogTail(double a, double e)
    {
        double r = Mills(a);
        return e * (a + 1) < 1e-6
            ? (-e / r) + (e * e / 2 * ((a * r) - 1) / (r * r))
            : (-e * (a + (e / 2))) + Math.Log(Mills(a + e) / r);
    }

    private static double Mills(double a) =>
        a < 3 ? Normal.CDF(0, 1, -a) / Normal.PDF(0, 1, a) : DeterministicMathTests.ContinuedFractionMills(a);

    private static double ExpM1(double y) => Math.Abs(y) < 1e-5 ? y + (y * y / 2) + (y * y * y / 6) : Math.Exp(y) - 1;
}
