
namespace ConsensusSim.Numerics;

/// <summary>
/// The quantile function of one normal distribution truncated to [c, d], accurate however far the interval lies from
/// the mean. Inverting Φ directly fails there: beyond about 8 sd above the mean Φ rounds to 1 at both bounds, and every
/// draw lands on a bound. So each interval is sampled in the tail where its probabilities keep their precision:
/// <list type="bullet">
/// <item>within <see cref="FarOut"/> sd of the mean, through Φ and Φ⁻¹ at the lower tail, an interval above the mean being
/// reflected below it (Φ(−β) and Φ(−α) are small but exact where Φ(α) and Φ(β) round to 1);</item>
/// <item>wholly beyond <see cref="FarOut"/> sd, where Φ itself underflows from 37 sd on, by the excess over the nearer
/// bound: log(Q(a + e)/Q(a)) = −e(a + e/2) + log(R(a + e)/R(a)) with R Mills' ratio, inverted by Newton's method from
/// the exponential-tail guess (log Q is concave and the guess lies beyond the root, so the steps close in from one side);</item>
/// <item>narrower than 2⁻²⁷ sd, where the density is an exponential to rounding, by that exponential's inverse.</item>
/// </list>
/// The draw is the bound plus an excess wherever it can be, so it keeps its precision next to the bound; all the
/// arithmetic is the library's own (<see cref="StandardNormal"/>, <see cref="DeterministicMath"/>), so the same on every
/// machine. Every constant that does not depend on the uniform is computed once, here.
/// </summary>
/// <remarks><threadsafety>Immutable; safe to share between threads.</threadsafety></remarks>
internal sealed class TruncatedNormalQuantile
{
    /// <summary>How many standard deviations from the mean an interval must lie to be sampled by its excess over the bound.</summary>
    internal const double FarOut = 10;

    // 2⁻²⁷: across a narrower interval e²/2 stays below 2⁻⁵⁵, so the density is exp(−a·e) to rounding.
    private const double NarrowWidth = 7.450580596923828125e-9;

    // 2⁻⁵³: an exponential whose rate times the width is smaller is flat to rounding.
    private const double FlatTilt = 1.1102230246251565e-16;

    private const int MaxNewtonSteps = 12;

    private readonly double _mean;
    private readonly double _sd;
    private readonly double _lower;
    private readonly double _upper;
    private readonly Method _method;

    // Central methods: Φ at the working interval's lower end, and its probability.
    private readonly double _pLow;
    private readonly double _mass;

    // Excess methods: the nearer bound's distance from the mean a ≥ 0 in sd, the width w in sd, the share W of the
    // tail beyond a that lies inside the interval (1 − Q(a + w)/Q(a), or 1 − e^(−a·w) when narrow), and R(a).
    private readonly double _near;
    private readonly double _width;
    private readonly double _share;
    private readonly double _millsNear;

    /// <summary>Prepares sampling Normal(<paramref name="mean"/>, <paramref name="sd"/>²) truncated to [<paramref name="lower"/>, <paramref name="upper"/>].</summary>
    /// <param name="mean">The mean before truncation, finite.</param>
    /// <param name="sd">The standard deviation before truncation, positive and finite.</param>
    /// <param name="lower">c, finite.</param>
    /// <param name="upper">d, finite and above c.</param>
    public TruncatedNormalQuantile(double mean, double sd, double lower, double upper)
    {
        _mean = mean;
        _sd = sd;
        _lower = lower;
        _upper = upper;

        // Differences of finite doubles may overflow to ±∞, never to NaN: the comparisons below stay meaningful.
        double alpha = (lower - mean) / sd;
        double beta = (upper - mean) / sd;
        _width = (upper - lower) / sd;
        if (double.IsPositiveInfinity(alpha) || double.IsNegativeInfinity(beta))
        {
            // So many sd out that the distance overflows: all the mass is at the nearer bound.
            _method = double.IsPositiveInfinity(alpha) ? Method.AtLower : Method.AtUpper;
        }
        else if (_width <= NarrowWidth)
        {
            _method = alpha >= 0 ? Method.NarrowAbove : beta <= 0 ? Method.NarrowBelow : Method.Flat;
            _near = _method == Method.NarrowAbove ? alpha : _method == Method.NarrowBelow ? -beta : 0;
            double tilt = _near * _width;
            _method = tilt >= FlatTilt ? _method : Method.Flat;
            _share = -DeterministicMath.ExpM1(-tilt);
        }
        else if (alpha >= FarOut || beta <= -FarOut)
        {
            _method = alpha >= FarOut ? Method.TailAbove : Method.TailBelow;
            _near = alpha >= FarOut ? alpha : -beta;
            _millsNear = StandardNormal.MillsRatio(_near);
            _share = double.IsPositiveInfinity(_width) ? 1 : -DeterministicMath.ExpM1(LogTailRatio(_width));
        }
        else if (alpha > 0)
        {
            // Above the mean: the mirror image of [−β, −α], whose Φ values are small rather than rounded to 1.
            _method = Method.CentralReflected;
            _pLow = StandardNormal.PreciseCdf(-beta);
            _mass = StandardNormal.PreciseCdf(-alpha) - _pLow;
        }
        else
        {
            _method = Method.Central;
            _pLow = StandardNormal.PreciseCdf(alpha);
            _mass = StandardNormal.PreciseCdf(beta) - _pLow;
        }
    }

    private enum Method
    {
        Central,
        CentralReflected,
        TailAbove,
        TailBelow,
        NarrowAbove,
        NarrowBelow,
        Flat,
        AtLower,
        AtUpper,
    }

    /// <summary>The x in [c, d] with P(X ≤ x) = <paramref name="u"/>; non-decreasing in u.</summary>
    /// <param name="u">A probability in [0, 1].</param>
    /// <returns>The quantile.</returns>
    public double At(double u)
    {
        double x = _method switch
        {
            Method.Central => _mean + (_sd * StandardNormal.Quantile(_pLow + (u * _mass))),
            Method.CentralReflected => _mean - (_sd * StandardNormal.Quantile(_pLow + ((1 - u) * _mass))),
            Method.TailAbove => _lower + (_sd * TailExcess(u)),
            Method.TailBelow => _upper - (_sd * TailExcess(1 - u)),
            Method.NarrowAbove => _lower + (_sd * NarrowExcess(u)),
            Method.NarrowBelow => _upper - (_sd * NarrowExcess(1 - u)),
            Method.AtLower => _lower,
            Method.AtUpper => _upper,
            _ => _lower + (u * (_upper - _lower)), // flat: narrower than 2⁻²⁷ sd, so upper − lower is finite
        };

        // Rounding may step a hair outside; a draw must not.
        return Math.Clamp(x, _lower, _upper);
    }

    /// <summary>The excess e over the nearer bound with P(excess ≤ e) = v, for an interval wholly beyond <see cref="FarOut"/> sd.</summary>
    private double TailExcess(double v)
    {
        // Solve log(Q(a + e)/Q(a)) = log(1 − v·W).
        double target = DeterministicMath.Log1P(-v * _share);
        if (target == 0)
        {
            return 0;
        }

        if (double.IsNegativeInfinity(target))
        {
            return _width;
        }

        // The root of −e(a + e/2) = target, without cancellation and without squaring a (which may be huge). Since
        // R decreases, the true log-ratio lies below this quadratic's, so the guess is at or beyond the root.
        double a = _near;
        double e = -2 * target / (a * (1 + Math.Sqrt(1 - (2 * target / a / a))));
        e = Math.Min(e, _width);
        for (int step = 0; step < MaxNewtonSteps; step++)
        {
            // d/de log Q(a + e) = −1/R(a + e).
            double move = (LogTailRatio(e) - target) * StandardNormal.MillsRatio(a + e);
            double next = e + move;
            if (!(move < 0) || next == e)
            {
                break;
            }

            e = next;
        }

        return e;
    }

    /// <summary>log(Q(a + e)/Q(a)) with Q the upper tail of the standard normal.</summary>
    private double LogTailRatio(double e) =>
        (-e * (_near + (e / 2))) + DeterministicMath.Log(StandardNormal.MillsRatio(_near + e) / _millsNear);

    /// <summary>The excess with P(excess ≤ e) = v for the density e^(−a·e) on [0, w].</summary>
    private double NarrowExcess(double v) => -DeterministicMath.Log1P(-v * _share) / _near;
}
