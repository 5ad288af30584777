namespace ConsensusSim.Numerics;

/// <summary>
/// Logarithms and exponentials for values that reach a tally. <c>Math.Log</c> and <c>Math.Exp</c> call
/// the platform's C library, whose last bit differs between Linux, Windows and macOS; these use only IEEE operations
/// (add, multiply, divide, square root: correctly rounded everywhere; the JIT does not contract them into fused
/// multiply-adds), so a run gives the same bits on every machine.
/// </summary>
internal static class DeterministicMath
{
    private const double Ln2High = 6.93147180369123816490e-01; // 0x3FE62E42FEE00000: k·Ln2High is exact for |k| < 2¹¹
    private const double Ln2Low = 1.90821492927058770002e-10;
    private const double TwoTo54 = 18014398509481984.0;
    private const double HalfLogTwoPi = 0.91893853320467274178;
    private const double StirlingFrom = 15;

    // Remez coefficients of (log(1 + f) − 2s)/s − … in s² on [0, 0.1716] (fdlibm's e_log.c, Sun Microsystems 1993).
    private const double Lg1 = 6.666666666666735130e-01;
    private const double Lg2 = 3.999999999940941908e-01;
    private const double Lg3 = 2.857142874366239149e-01;
    private const double Lg4 = 2.222219843214978396e-01;
    private const double Lg5 = 1.818357216161805012e-01;
    private const double Lg6 = 1.531383769920937332e-01;
    private const double Lg7 = 1.479819860511658591e-01;

    /// <summary>
    /// The natural logarithm, below one unit in the last place (fdlibm's method: x = 2ᵏ·(1 + f) with 1 + f in
    /// [√½, √2), log(1 + f) = 2s + s·R(s²) with s = f/(2 + f)).
    /// </summary>
    /// <param name="x">Any value: 0 gives −∞, a negative value or NaN gives NaN, +∞ gives +∞; subnormals are exact inputs.</param>
    /// <returns>ln x.</returns>
    public static double Log(double x)
    {
        if (!(x > 0))
        {
            return x == 0 ? double.NegativeInfinity : double.NaN;
        }

        if (double.IsPositiveInfinity(x))
        {
            return x;
        }

        int k = 0;
        long bits = BitConverter.DoubleToInt64Bits(x);
        if (bits < 0x0010_0000_0000_0000L)
        {
            // Subnormal: scale into the normal range first.
            k = -54;
            bits = BitConverter.DoubleToInt64Bits(x * TwoTo54);
        }

        int high = (int)(bits >> 32);
        k += (high >> 20) - 1023;
        high &= 0x000F_FFFF;

        // Normalise the significand into [√½, √2): 0x95F64 is the top of √2's fraction bits minus 1.0's.
        int i = (high + 0x95F64) & 0x10_0000;
        double m = BitConverter.Int64BitsToDouble(((long)(high | (i ^ 0x3FF0_0000)) << 32) | (bits & 0xFFFF_FFFFL));
        k += i >> 20;
        double f = m - 1.0;
        double dk = k;
        if ((0x000F_FFFF & (2 + high)) < 3)
        {
            // |f| < 2⁻²⁰: two terms of the series are exact to rounding.
            if (f == 0)
            {
                return k == 0 ? 0 : (dk * Ln2High) + (dk * Ln2Low);
            }

            double r0 = f * f * (0.5 - (0.33333333333333333 * f));
            return k == 0 ? f - r0 : (dk * Ln2High) - ((r0 - (dk * Ln2Low)) - f);
        }

        double s = f / (2.0 + f);
        double z = s * s;
        double w = z * z;
        double t1 = w * (Lg2 + (w * (Lg4 + (w * Lg6))));
        double t2 = z * (Lg1 + (w * (Lg3 + (w * (Lg5 + (w * Lg7))))));
        double r = t2 + t1;
        int far = (high - 0x6147A) | (0x6B851 - high);
        if (far > 0)
        {
            // 1 + f in [1.38, √2) or below 0.72: f·f/2 carried separately keeps the error below one ulp.
            double halfSquare = 0.5 * f * f;
            return k == 0
                ? f - (halfSquare - (s * (halfSquare + r)))
                : (dk * Ln2High) - ((halfSquare - ((s * (halfSquare + r)) + (dk * Ln2Low))) - f);
        }

        return k == 0 ? f - (s * (f - r)) : (dk * Ln2High) - (((s * (f - r)) - (dk * Ln2Low)) - f);
    }

    /// <summary>eʸ over the whole range, within two units in the last place (one where the result is normal and y ≤ 709).</summary>
    /// <param name="y">Any value: below −745.2 gives 0, above 709.8 gives +∞, NaN gives NaN.</param>
    /// <returns>eʸ.</returns>
    public static double Exp(double y)
    {
        if (y >= -708 && y <= 709)
        {
            // StandardNormal.Exp's reduction holds wherever 2ᵏ is a normal double.
            return StandardNormal.Exp(y);
        }

        if (double.IsNaN(y))
        {
            return y;
        }

        if (y > 709.8)
        {
            return double.PositiveInfinity;
        }

        if (y < -745.2)
        {
            return 0;
        }

        // Halving y is exact; squaring rounds once more (and into the subnormals, as it must, below −708).
        double half = StandardNormal.Exp(y / 2);
        return half * half;
    }

    /// <summary>
    /// ln Γ(z) for z &gt; 0: Stirling's series to the z⁻¹³ term from 15 on (truncation below 10⁻¹⁹), and
    /// ln Γ(z) = ln Γ(z + n) − ln(z(z + 1)…(z + n − 1)) below.
    /// </summary>
    /// <param name="z">A positive value.</param>
    /// <returns>ln Γ(z).</returns>
    public static double LogGamma(double z)
    {
        double shift = 0;
        if (z < StirlingFrom)
        {
            // z's own logarithm apart: z(z + 1)… would be subnormal, and imprecise, for z below 10⁻³¹⁰.
            shift = Log(z);
            double product = 1;
            for (z += 1; z < StirlingFrom; z += 1)
            {
                product *= z;
            }

            shift += Log(product);
        }

        return ((z - 0.5) * Log(z)) - z + HalfLogTwoPi + StirlingTail(z) - shift;
    }

    /// <summary>
    /// ln B(a, b) for positive shapes, without the cancellation of ln Γ(a) + ln Γ(b) − ln Γ(a + b) when a shape is large
    /// (each term near 10⁷ for a shape of 10⁶, so 10⁻⁹ off): Stirling's forms are subtracted analytically, leaving
    /// (a − ½)·ln(a/(a + b)) + (b − ½)·ln(1 − a/(a + b)) − ½·ln(a + b) + ½·ln 2π when both are large (a ≤ b), and
    /// ln Γ(a) − (b − ½)·ln(1 + a/b) − a·ln(a + b) + a when only b is.
    /// </summary>
    /// <param name="a">The first shape.</param>
    /// <param name="b">The second shape.</param>
    /// <returns>ln B(a, b).</returns>
    public static double LogBeta(double a, double b)
    {
        if (a > b)
        {
            (a, b) = (b, a);
        }

        if (b < StirlingFrom)
        {
            return LogGamma(a) + LogGamma(b) - LogGamma(a + b);
        }

        double sum = a + b;
        double tails = StirlingTail(b) - StirlingTail(sum);
        if (a < StirlingFrom)
        {
            return LogGamma(a) - ((b - 0.5) * Log1P(a / b)) - (a * Log(sum)) + a + tails;
        }

        // ln(b/(a + b)) as ln(1 − a/(a + b)): b/(a + b) near 1 would carry its rounding, times b, into the result.
        double share = a / sum;
        return HalfLogTwoPi - (0.5 * Log(sum)) + ((a - 0.5) * Log(share)) + ((b - 0.5) * Log1P(-share)) + StirlingTail(a) + tails;
    }

    /// <summary>ln Γ(z) − ((z − ½)·ln z − z + ½·ln 2π) for z ≥ 15: 1/(12z) − 1/(360z³) + 1/(1260z⁵) − 1/(1680z⁷) + 1/(1188z⁹) − 691/(360360z¹¹) + 1/(156z¹³).</summary>
    private static double StirlingTail(double z)
    {
        double inverse = 1 / z;
        double square = inverse * inverse;
        double series = 1.0 / 156;
        series = (series * square) - (691.0 / 360360);
        series = (series * square) + (1.0 / 1188);
        series = (series * square) - (1.0 / 1680);
        series = (series * square) + (1.0 / 1260);
        series = (series * square) - (1.0 / 360);
        return ((series * square) + (1.0 / 12)) * inverse;
    }

    /// <summary>ln(1 + x), accurate for small x (Goldberg's correction: the rounding of 1 + x is divided out).</summary>
    /// <param name="x">A value of at least −1; −1 gives −∞.</param>
    /// <returns>ln(1 + x).</returns>
    public static double Log1P(double x)
    {
        double u = 1.0 + x;
        if (u == 1.0)
        {
            return x;
        }

        double log = Log(u);
        return double.IsInfinity(u) ? log : log * x / (u - 1.0);
    }

    /// <summary>
    /// xⁿ for a whole n ≥ 0 by repeated squaring: a fixed sequence of correctly rounded multiplications, so the same bits
    /// everywhere (<c>Math.Pow</c> is the platform's), within about 2·log₂ n units in the last place.
    /// </summary>
    /// <param name="x">The base.</param>
    /// <param name="n">The exponent, at least 0; 0 gives 1.</param>
    /// <returns>xⁿ.</returns>
    public static double Pow(double x, int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        double result = 1;
        for (double square = x; n > 0; n >>= 1, square *= square)
        {
            if ((n & 1) != 0)
            {
                result *= square;
            }
        }

        return result;
    }

    /// <summary>eʸ − 1 for y ≤ 0, accurate to a few units in the last place including for tiny |y|.</summary>
    /// <param name="y">A value of at most 0; −∞ gives −1.</param>
    /// <returns>eʸ − 1.</returns>
    public static double ExpM1(double y)
    {
        if (y < -0.34657359027997264)
        {
            // Beyond ln 2 / 2 the result is below −0.29: subtracting 1 loses nothing.
            return y < -708 ? -1.0 : StandardNormal.Exp(y) - 1.0;
        }

        // Taylor to degree 14 (truncation below 10⁻¹⁸ on [−ln 2 / 2, 0]): y·(1 + y/2 + y²/6 + …).
        double p = 1.0 / 87178291200;
        p = Math.FusedMultiplyAdd(p, y, 1.0 / 6227020800);
        p = Math.FusedMultiplyAdd(p, y, 1.0 / 479001600);
        p = Math.FusedMultiplyAdd(p, y, 1.0 / 39916800);
        p = Math.FusedMultiplyAdd(p, y, 1.0 / 3628800);
        p = Math.FusedMultiplyAdd(p, y, 1.0 / 362880);
        p = Math.FusedMultiplyAdd(p, y, 1.0 / 40320);
        p = Math.FusedMultiplyAdd(p, y, 1.0 / 5040);
        p = Math.FusedMultiplyAdd(p, y, 1.0 / 720);
        p = Math.FusedMultiplyAdd(p, y, 1.0 / 120);
        p = Math.FusedMultiplyAdd(p, y, 1.0 / 24);
        p = Math.FusedMultiplyAdd(p, y, 1.0 / 6);
        p = Math.FusedMultiplyAdd(p, y, 0.5);
        p = Math.FusedMultiplyAdd(p, y, 1.0);
        return p * y;
    }
}
