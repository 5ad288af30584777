
namespace ConsensusSim.Numerics;

/// <summary>
/// The quantile function of one Beta(a, b) distribution, solved until the CDF's residual is at rounding level
/// (10⁻¹⁴ for small shapes, 10⁻¹³ to 10⁻¹² for shapes of 10 to 50; relative accuracy where the quantile is tiny): a table of quantiles
/// brackets the root, then safeguarded Newton steps on the regularized incomplete beta function
/// (with B(a, b) computed once) converge in a few iterations. MathNet's general inverse CDF searches [0, 1] afresh for every draw;
/// a Beta parameter is drawn once per trial, so doing the search once per distribution pays. The logarithms, exponentials and
/// ln B are the library's own (<see cref="DeterministicMath"/>), so a draw has the same bits on every machine.
/// </summary>
/// <remarks><threadsafety>Immutable after construction; safe to share between threads.</threadsafety></remarks>
internal sealed class BetaQuantile
{
    // 256 intervals: the interpolated start is two or three Newton steps from the root; tabulating costs under a millisecond.
    private const int Intervals = 256;
    private const int MaxIterations = 100;
    private const double LogSmallestDouble = -744.44007192138126; // ln 2⁻¹⁰⁷⁴
    private const double LogHalfUlpOfOne = -37.429947750237046;   // ln 2⁻⁵⁴

    private readonly double _a;
    private readonly double _b;
    private readonly double _logBeta;
    private readonly double[] _knots;

    /// <summary>Tabulates the quantiles at 0, 1/256, …, 1 of Beta(<paramref name="a"/>, <paramref name="b"/>).</summary>
    /// <param name="a">The first shape, positive.</param>
    /// <param name="b">The second shape, positive.</param>
    public BetaQuantile(double a, double b)
    {
        _a = a;
        _b = b;
        _logBeta = DeterministicMath.LogBeta(a, b);
        _knots = new double[Intervals + 1];
        _knots[Intervals] = 1;

        // Each knot is solved between the previous one and 1, so the table is exact and increasing even in tails
        // where a general inverse CDF with an absolute tolerance returns noise.
        for (int j = 1; j < Intervals; j++)
        {
            double u = (double)j / Intervals;
            _knots[j] = Rounded(u) ?? Solve(u, _knots[j - 1], 1, Start(u, _knots[j - 1], 1));
        }
    }

    /// <summary>The x in [0, 1] with P(X ≤ x) = <paramref name="u"/>.</summary>
    /// <param name="u">A probability; 0 or less gives 0, 1 or more gives 1, NaN gives NaN.</param>
    /// <returns>The quantile.</returns>
    public double At(double u)
    {
        if (double.IsNaN(u))
        {
            return double.NaN;
        }

        if (u <= 0)
        {
            return 0;
        }

        if (u >= 1)
        {
            return 1;
        }

        if (Rounded(u) is { } end)
        {
            return end;
        }

        double position = u * Intervals;
        int j = Math.Min((int)position, Intervals - 1);

        // The neighbouring knots bracket the root even where a tabulated quantile is a few ulps off.
        double lo = _knots[Math.Max(j - 1, 0)];
        double hi = _knots[Math.Min(j + 2, Intervals)];
        double start = j == 0 || j == Intervals - 1
            ? Start(u, lo, hi)
            : _knots[j] + ((position - j) * (_knots[j + 1] - _knots[j]));
        return Solve(u, lo, hi, start);
    }

    /// <summary>
    /// A first guess in (lo, hi): in the outer intervals the tails' leading terms, I_x ≈ x^a / (a·B) near 0 and
    /// 1 − I_x ≈ (1 − x)^b / (b·B) near 1, which are exact in the limit where a linear guess is worst.
    /// </summary>
    private double Start(double u, double lo, double hi)
    {
        double guess = u < 0.5
            ? DeterministicMath.Exp(LogLowerTail(u))
            : 1 - DeterministicMath.Exp(LogUpperTail(u));
        return guess > lo && guess < hi ? guess : lo + ((hi - lo) / 2);
    }

    /// <summary>ln x from I_x ≈ x^a / (a·B), the lower tail's leading term.</summary>
    private double LogLowerTail(double u) => (DeterministicMath.Log(u * _a) + _logBeta) / _a;

    /// <summary>ln(1 − x) from 1 − I_x ≈ (1 − x)^b / (b·B), the upper tail's leading term.</summary>
    private double LogUpperTail(double u) => (DeterministicMath.Log((1 - u) * _b) + _logBeta) / _b;

    /// <summary>
    /// 0 or 1 where the quantile rounds to it: where the tail's leading term puts x below the smallest double, or 1 − x
    /// below half an ulp of 1. The leading term is exact to rounding there (its next terms are of order b·x and a·(1 − x),
    /// below 10⁻²⁸⁰ for shapes up to 10⁶, the largest shape a parameter accepts), and a search could not reach such an x from
    /// the table: with a shape of 0.005 the quantile at ½ is 10⁻⁶⁰.
    /// </summary>
    private double? Rounded(double u) =>
        LogLowerTail(u) < LogSmallestDouble ? 0
        : LogUpperTail(u) < LogHalfUlpOfOne ? 1
        : null;

    /// <summary>Safeguarded Newton on I_x(a, b) = u inside [lo, hi], which must hold the root.</summary>
    private double Solve(double u, double lo, double hi, double x)
    {
        if (!(hi > lo))
        {
            return lo;
        }

        for (int iteration = 0; iteration < MaxIterations; iteration++)
        {
            double logX = DeterministicMath.Log(x), logY = DeterministicMath.Log(1 - x);
            double front = DeterministicMath.Exp((_a * logX) + (_b * logY) - _logBeta);
            double excess = Cdf(x, front) - u;
            if (excess == 0)
            {
                return x;
            }

            if (excess < 0)
            {
                lo = x;
            }
            else
            {
                hi = x;
            }

            double density = front / (x * (1 - x));
            double next = x - (excess / density);
            if (!(next > lo && next < hi))
            {
                // Bisect; geometrically across orders of magnitude, where x^a with a small shape puts the root.
                // From 0, the smallest double stands in for the lower end (the root is not below it, or Rounded said so).
                double floor = Math.Max(lo, double.Epsilon);
                next = hi > 2 * floor ? Math.Sqrt(floor) * Math.Sqrt(hi) : lo + ((hi - lo) / 2);
            }

            // Relative to the nearer end: near 1, what matters is 1 − x, which a step relative to x would swamp.
            if (next == x || Math.Abs(next - x) <= 1e-13 * Math.Min(x, 1 - x) || hi - lo <= 1e-15 * Math.Min(x, 1 - x))
            {
                return next;
            }

            x = next;
        }

        return x;
    }

    /// <summary>
    /// The regularized incomplete beta function I_x(a, b) for x in (0, 1), given x^a (1 − x)^b / B(a, b):
    /// the continued fraction of Numerical Recipes (§6.4, modified Lentz), on the side where it converges fast.
    /// Unlike a general implementation, B(a, b) is computed once per distribution, not per call.
    /// </summary>
    internal double Cdf(double x, double front) =>
        x < (_a + 1) / (_a + _b + 2)
            ? front * ContinuedFraction(_a, _b, x) / _a
            : 1 - (front * ContinuedFraction(_b, _a, 1 - x) / _b);

    private static double ContinuedFraction(double a, double b, double x)
    {
        const double Tiny = 1e-300;
        const double Tolerance = 4e-16; // two units in the last place of 1
        double sum = a + b, up = a + 1, down = a - 1;
        double c = 1, d = 1 - (sum * x / up);
        d = 1 / (Math.Abs(d) < Tiny ? Tiny : d);
        double h = d;
        for (int m = 1; m <= 10_000; m++)
        {
            int m2 = 2 * m;
            double even = m * (b - m) * x / ((down + m2) * (a + m2));
            d = 1 + (even * d);
            d = 1 / (Math.Abs(d) < Tiny ? Tiny : d);
            c = 1 + (even / c);
            c = Math.Abs(c) < Tiny ? Tiny : c;
            h *= d * c;
            double odd = -(a + m) * (sum + m) * x / ((a + m2) * (up + m2));
            d = 1 + (odd * d);
            d = 1 / (Math.Abs(d) < Tiny ? Tiny : d);
            c = 1 + (odd / c);
            c = Math.Abs(c) < Tiny ? Tiny : c;
            double step = d * c;
            h *= step;
            if (Math.Abs(step - 1) <= Tolerance)
            {
                break;
            }
        }

        return h;
    }
}
