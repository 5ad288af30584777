namespace ConsensusSim.Numerics;

/// <summary>
/// Φ with relative precision in the tails, and Mills' ratio, by Cody's rational Chebyshev approximations (ACM TOMS 715,
/// 1993; the form R's pnorm uses): x·P(x²)/Q(x²) within 0.674 of the mean, e^(−y²/2)·P(y)/Q(y) up to √32, and
/// e^(−y²/2)/y·(1/√(2π) − P(1/y²)/Q(1/y²)) beyond. <see cref="Cdf(double)"/> is as accurate in absolute terms, which is
/// what products of probabilities near 1 need, but its error relative to Φ(−8) is 10⁻⁸; a truncated normal 10 sd from its
/// mean is sampled from Φ's tail values alone, and needs them to the last digits. The exponential is split as
/// e^(−s²/2)·e^(−(y − s)(y + s)/2) with s = ⌊16y⌋/16, so that the rounding of y² is not magnified in the far tail.
/// </summary>
internal static partial class StandardNormal
{
    private const double SmallRange = 0.67448975;
    private const double MiddleRange = 5.656854249492380195206754896838; // √32
    private const double SqrtTwoPiPrecise = 2.5066282746310005024157652848110;
    private const double Underflow = 37.5; // e^(−37.5²/2) is still normal; Φ(−37.5) = 4.6·10⁻³⁰⁸

    private static readonly double[] SmallNumerator = [2.2352520354606839287, 161.02823106855587881, 1067.6894854603709582, 18154.981253343561249, 0.065682337918207449113];
    private static readonly double[] SmallDenominator = [47.20258190468824187, 976.09855173777669322, 10260.932208618978205, 45507.789335026729956];
    private static readonly double[] MiddleNumerator =
    [
        0.39894151208813466764, 8.8831497943883759412, 93.506656132177855979, 597.27027639480026226, 2494.5375852903726711,
        6848.1904505362823326, 11602.651437647350124, 9842.7148383839780218, 1.0765576773720192317e-8,
    ];

    private static readonly double[] MiddleDenominator =
    [
        22.266688044328115691, 235.38790178262499861, 1519.377599407554805, 6485.558298266760755, 18615.571640885098091,
        34900.952721145977266, 38912.003286093271411, 19685.429676859990727,
    ];

    private static readonly double[] FarNumeratorTail = [0.21589853405795699, 0.1274011611602473639, 0.022235277870649807, 0.001421619193227893466, 2.9112874951168792e-5, 0.02307344176494017303];
    private static readonly double[] FarDenominatorTail = [1.28426009614491121, 0.468238212480865118, 0.0659881378689285515, 0.00378239633202758244, 7.29751555083966205e-5];

    /// <summary>Φ(x), to about 10⁻¹⁵ relative to the smaller of Φ(x) and 1 − Φ(x) (so relative in the lower tail); 0 below −37.5.</summary>
    /// <param name="x">Any value; NaN gives NaN.</param>
    /// <returns>The probability.</returns>
    public static double PreciseCdf(double x)
    {
        if (double.IsNaN(x))
        {
            return double.NaN;
        }

        double y = Math.Abs(x);
        if (y <= SmallRange)
        {
            return 0.5 + SmallPart(x);
        }

        // 1 − Φ(y) = e^(−y²/2)·R(y)/√(2π).
        double tail = y > Underflow ? 0 : SplitGaussian(y) * ScaledMills(y);
        return x < 0 ? tail : 1 - tail;
    }

    /// <summary>Mills' ratio R(a) = (1 − Φ(a))/φ(a) for a ≥ 0, to about 10⁻¹⁵ relative; no exponential beyond 0.674, so none to underflow.</summary>
    /// <param name="a">A value of at least 0; +∞ gives 0.</param>
    /// <returns>The ratio, in (0, √(π/2)].</returns>
    public static double MillsRatio(double a)
    {
        if (a <= SmallRange)
        {
            return (0.5 - SmallPart(a)) * SqrtTwoPiPrecise / Exp(-(a * a) * 0.5);
        }

        return ScaledMills(a) * SqrtTwoPiPrecise;
    }

    /// <summary>Φ(x) − ½ for |x| ≤ 0.674: x·P(x²)/Q(x²).</summary>
    private static double SmallPart(double x)
    {
        double square = x * x;
        double numerator = SmallNumerator[4] * square;
        double denominator = square;
        for (int i = 0; i < 3; i++)
        {
            numerator = (numerator + SmallNumerator[i]) * square;
            denominator = (denominator + SmallDenominator[i]) * square;
        }

        return x * (numerator + SmallNumerator[3]) / (denominator + SmallDenominator[3]);
    }

    /// <summary>R(y)/√(2π) for y &gt; 0.674.</summary>
    private static double ScaledMills(double y)
    {
        if (y <= MiddleRange)
        {
            double numerator = MiddleNumerator[8] * y;
            double denominator = y;
            for (int i = 0; i < 7; i++)
            {
                numerator = (numerator + MiddleNumerator[i]) * y;
                denominator = (denominator + MiddleDenominator[i]) * y;
            }

            return (numerator + MiddleNumerator[7]) / (denominator + MiddleDenominator[7]);
        }

        // 1/y² underflows to 0 for huge y, leaving R = 1/y, its limit.
        double inverseSquare = 1 / y / y;
        double num = FarNumeratorTail[5] * inverseSquare;
        double den = inverseSquare;
        for (int i = 0; i < 4; i++)
        {
            num = (num + FarNumeratorTail[i]) * inverseSquare;
            den = (den + FarDenominatorTail[i]) * inverseSquare;
        }

        double correction = inverseSquare * (num + FarNumeratorTail[4]) / (den + FarDenominatorTail[4]);
        return (InverseSqrtTwoPi - correction) / y;
    }

    /// <summary>e^(−y²/2) for 0 ≤ y ≤ 37.5, with y² split so its rounding is not magnified.</summary>
    private static double SplitGaussian(double y)
    {
        double s = Math.Truncate(y * 16) / 16;
        double del = (y - s) * (y + s);
        return Exp(-s * s * 0.5) * Exp(-del * 0.5);
    }
}
