using ConsensusSim.Numerics;

namespace ConsensusSim.Model;

/// <summary>
/// A state parameter that is either fixed or drawn once per trial from a distribution, which is how
/// a scenario expresses uncertainty about a State's position (as in expert-survey models).
/// </summary>
/// <remarks><threadsafety>Immutable.</threadsafety></remarks>
public sealed class Parameter : IEquatable<Parameter>
{
    private Parameter(ParameterDistribution distribution, double a, double b, double c, double d)
    {
        Distribution = distribution;
        _a = a;
        _b = b;
        _c = c;
        _d = d;
        _truncatedNormal = distribution == ParameterDistribution.TruncatedNormal ? new TruncatedNormalQuantile(a, b, c, d) : null;
    }

    private readonly double _a;
    private readonly double _b;
    private readonly double _c;
    private readonly double _d;

    // Built on the first Beta draw: tabulating costs about half a millisecond, which a parameter that is never drawn should not pay.
    private BetaQuantile? _betaQuantile;

    // Its constants (the interval in sd, the tail probabilities) cost a few evaluations of Φ: computed with the parameter.
    private readonly TruncatedNormalQuantile? _truncatedNormal;

    /// <summary>The kind of distribution.</summary>
    public ParameterDistribution Distribution { get; }

    /// <summary>Whether the value is the same in every trial.</summary>
    public bool IsFixed => Distribution == ParameterDistribution.Fixed;

    /// <summary>The smallest value a draw can take.</summary>
    public double Minimum => Distribution switch
    {
        ParameterDistribution.Fixed => _a,
        ParameterDistribution.Beta => 0.0,
        ParameterDistribution.Uniform => _a,
        _ => _c,
    };

    /// <summary>The largest value a draw can take.</summary>
    public double Maximum => Distribution switch
    {
        ParameterDistribution.Fixed => _a,
        ParameterDistribution.Beta => 1.0,
        ParameterDistribution.Uniform => _b,
        _ => _d,
    };

    /// <summary>The value of a fixed parameter, or the distribution's first parameter (lower bound, α or mean).</summary>
    internal double First => _a;

    /// <summary>The distribution's second parameter (upper bound, β or standard deviation); 0 for a fixed value.</summary>
    internal double Second => _b;

    /// <summary>The lower truncation bound of a truncated normal; 0 otherwise.</summary>
    internal double Third => _c;

    /// <summary>The upper truncation bound of a truncated normal; 0 otherwise.</summary>
    internal double Fourth => _d;

    /// <summary>A value that is the same in every trial.</summary>
    /// <param name="value">A finite number.</param>
    /// <returns>The parameter.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is NaN or infinite.</exception>
    public static Parameter Fixed(double value)
    {
        RequireFinite(value, nameof(value));
        return new Parameter(ParameterDistribution.Fixed, value, 0, 0, 0);
    }

    /// <summary>Uniform on [<paramref name="lower"/>, <paramref name="upper"/>].</summary>
    /// <param name="lower">The lower bound.</param>
    /// <param name="upper">The upper bound, above <paramref name="lower"/>.</param>
    /// <returns>The parameter.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A bound is not finite or the bounds are not increasing.</exception>
    public static Parameter Uniform(double lower, double upper)
    {
        RequireFinite(lower, nameof(lower));
        RequireFinite(upper, nameof(upper));
        if (!(upper > lower))
        {
            throw new ArgumentOutOfRangeException(nameof(upper), upper, "The upper bound must be greater than the lower bound.");
        }

        return new Parameter(ParameterDistribution.Uniform, lower, upper, 0, 0);
    }

    /// <summary>Beta(<paramref name="alpha"/>, <paramref name="beta"/>) on [0, 1].</summary>
    /// <param name="alpha">Shape α, in (0, 10⁶].</param>
    /// <param name="beta">Shape β, in (0, 10⁶].</param>
    /// <returns>The parameter.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A shape is not a positive finite number, or is above 10⁶.</exception>
    public static Parameter Beta(double alpha, double beta)
    {
        RequireBetaShape(alpha, nameof(alpha));
        RequireBetaShape(beta, nameof(beta));
        return new Parameter(ParameterDistribution.Beta, alpha, beta, 0, 0);
    }

    /// <summary>Normal(<paramref name="mean"/>, <paramref name="standardDeviation"/>) truncated to [<paramref name="lower"/>, <paramref name="upper"/>].</summary>
    /// <param name="mean">The mean before truncation.</param>
    /// <param name="standardDeviation">The standard deviation before truncation, &gt; 0.</param>
    /// <param name="lower">The lower truncation bound.</param>
    /// <param name="upper">The upper truncation bound, above <paramref name="lower"/>.</param>
    /// <returns>The parameter.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is not finite, the deviation is not positive or the bounds are not increasing.</exception>
    public static Parameter TruncatedNormal(double mean, double standardDeviation, double lower, double upper)
    {
        RequireFinite(mean, nameof(mean));
        RequirePositive(standardDeviation, nameof(standardDeviation));
        RequireFinite(lower, nameof(lower));
        RequireFinite(upper, nameof(upper));
        if (!(upper > lower))
        {
            throw new ArgumentOutOfRangeException(nameof(upper), upper, "The upper bound must be greater than the lower bound.");
        }

        return new Parameter(ParameterDistribution.TruncatedNormal, mean, standardDeviation, lower, upper);
    }

    /// <summary>Converts a number to a fixed parameter.</summary>
    /// <param name="value">The value.</param>
    public static implicit operator Parameter(double value) => Fixed(value);

    /// <summary>Converts a number to a fixed parameter.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The parameter.</returns>
    public static Parameter FromDouble(double value) => Fixed(value);

    /// <summary>
    /// Draws a value by inverting the CDF at one uniform from the trial's stream, so each draw consumes exactly one number
    /// (Beta: see <see cref="BetaQuantile"/>; truncated normal: see <see cref="TruncatedNormalQuantile"/>).
    /// </summary>
    internal double Sample(ref TrialRandom random) => Distribution == ParameterDistribution.Fixed ? _a : Quantile(random.NextDouble());

    /// <summary>The value a draw takes when its uniform is <paramref name="u"/>: the quantile function, non-decreasing in u.</summary>
    /// <param name="u">A probability in [0, 1).</param>
    internal double Quantile(double u)
    {
        switch (Distribution)
        {
            case ParameterDistribution.Fixed:
                return _a;
            case ParameterDistribution.Uniform:
                // b − a overflows only for bounds beyond ±9·10³⁰⁷; then the weighted mean, whose terms cannot.
                double width = _b - _a;
                return double.IsFinite(width) ? _a + (width * u) : (_a * (1 - u)) + (_b * u);
            case ParameterDistribution.Beta:
                return BetaQuantileFunction().At(u);
            default:
                return _truncatedNormal!.At(u);
        }
    }

    private BetaQuantile BetaQuantileFunction()
    {
        // Two threads may both build it; they build the same table, and one wins.
        return Volatile.Read(ref _betaQuantile) ?? Interlocked.CompareExchange(ref _betaQuantile, new BetaQuantile(_a, _b), null) ?? _betaQuantile!;
    }

    /// <inheritdoc />
    public bool Equals(Parameter? other) =>
        other is not null && Distribution == other.Distribution && _a.Equals(other._a) && _b.Equals(other._b) && _c.Equals(other._c) && _d.Equals(other._d);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Parameter);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Distribution, _a, _b, _c, _d);

    /// <inheritdoc />
    public override string ToString() => Distribution switch
    {
        ParameterDistribution.Fixed => _a.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        ParameterDistribution.Uniform => FormattableString.Invariant($"uniform({_a}, {_b})"),
        ParameterDistribution.Beta => FormattableString.Invariant($"beta({_a}, {_b})"),
        _ => FormattableString.Invariant($"normal({_a}, {_b}) in [{_c}, {_d}]"),
    };

    private static void RequireFinite(double value, string name)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(name, value, "Must be a finite number.");
        }
    }

    /// <summary>
    /// Beyond 10⁶ a Beta distribution is a spike narrower than 10⁻³ around its mean whose CDF double precision cannot
    /// evaluate to better than 10⁻⁹ (x^a (1 − x)^b sums logarithms of order 10⁶), and the incomplete beta function's
    /// continued fraction needs of order √a terms: such a shape was silently drawn wrong (Beta(10³⁰⁰, 10³⁰⁰) gave 10⁻²⁹
    /// instead of ½) after seconds per draw. A fixed value or a truncated normal expresses such certainty.
    /// </summary>
    internal const double MaxBetaShape = 1e6;

    private static void RequireBetaShape(double value, string name)
    {
        RequirePositive(value, name);
        if (value > MaxBetaShape)
        {
            throw new ArgumentOutOfRangeException(name, value, "A Beta shape must be at most 1e6 (a spike that narrow is a fixed value or a truncated normal).");
        }
    }

    private static void RequirePositive(double value, string name)
    {
        if (!double.IsFinite(value) || value <= 0)
        {
            throw new ArgumentOutOfRangeException(name, value, "Must be a positive finite number.");
        }
    }
}
