namespace ConsensusSim.Analysis;

/// <summary>
/// Logarithms and exponentials for values that reach a tally. <see cref="Math.Log(double)"/> and <see cref="Math.Exp"/> call
/// the platform's C library, whose last bit differs between Linux, Windows and macOS; these use only IEEE operations
/// (add, multiply, divide, square root: correctly rounded everywhere; the JIT does not contract them into fused
/// multiply-adds), so a run gives the same bits on every machine.
/// </summary>
internal static class DeterministicMath
{
    private const double Ln2High = 6.93147180369123816490e-01; // 0x3FE62E42FEE00000: k·Ln2High is exact for |k| < 2¹¹
    private const double Ln2Low = 1.90821492927058770002e-10;
    private const double TwoTo54 = 18014398509481984.0;

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
