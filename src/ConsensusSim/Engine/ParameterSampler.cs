using ConsensusSim.Model;
using ConsensusSim.Numerics;

namespace ConsensusSim.Engine;

/// <summary>
/// How the engine draws one parameter per trial: one uniform from the trial's stream, turned into a value by the
/// distribution's quantile function, which for a Beta or truncated normal is a <see cref="QuantileTable"/> built once
/// per run and distribution (a few nanoseconds a draw instead of an inversion), exact to <see cref="Tolerance"/>.
/// </summary>
/// <remarks><threadsafety>Immutable; safe to share between the workers of a run.</threadsafety></remarks>
internal sealed class ParameterSampler
{
    /// <summary>
    /// The absolute error each piece of a table is fitted to at its check points, in units of the distribution's scale
    /// (1 for a Beta; the smaller of σ and the interval's width for a truncated normal). Between check points the error
    /// stays below <see cref="Bound"/>, which the tests check on a dense grid of probabilities reaching 2⁻⁵³ from either end.
    /// </summary>
    internal const double Tolerance = 1e-10;

    /// <summary>The stated accuracy of a tabulated draw against the exact quantile, in units of the distribution's scale.</summary>
    internal const double Bound = 1e-9;

    private readonly Parameter _parameter;
    private readonly QuantileTable? _table;

    private ParameterSampler(Parameter parameter, QuantileTable? table)
    {
        _parameter = parameter;
        _table = table;
    }

    /// <summary>Whether draws come from a table rather than the exact quantile (false for fixed and uniform parameters, which need none).</summary>
    public bool Tabulated => _table is not null;

    /// <summary>The table draws come from; null when they come from the distribution itself.</summary>
    internal QuantileTable? Table => _table;

    /// <summary>The sampler of <paramref name="parameter"/>, tabulating its quantile function if it needs one.</summary>
    public static ParameterSampler For(Parameter parameter) => new(parameter, Tabulate(parameter));

    /// <summary>This trial's value: one uniform, always, so common random numbers hold across scenarios.</summary>
    public double Draw(ref TrialRandom random) =>
        _table is { } table ? table.At(random.NextDouble()) : _parameter.Sample(ref random);

    /// <summary>The value a random parameter takes when its uniform is <paramref name="u"/>, as <see cref="Draw"/> turns the uniform it draws.</summary>
    /// <param name="u">A probability in [0, 1).</param>
    public double At(double u) => _table is { } table ? table.At(u) : _parameter.Quantile(u);

    /// <summary>
    /// The table of a Beta or truncated normal's quantile function, or null for other distributions. Above ½ it evaluates
    /// the mirrored distribution at 1 − u, which keeps the precision that solving at u near 1 loses.
    /// </summary>
    internal static QuantileTable? Tabulate(Parameter p)
    {
        switch (p.Distribution)
        {
            case ParameterDistribution.Beta:
                var lower = new BetaQuantile(p.First, p.Second);
                var mirror = p.First == p.Second ? lower : new BetaQuantile(p.Second, p.First);
                return QuantileTable.Build(lower.At, w => 1 - mirror.At(w), 0, 1, Tolerance);
            case ParameterDistribution.TruncatedNormal:
                var below = new TruncatedNormalQuantile(p.First, p.Second, p.Third, p.Fourth);
                var reflected = new TruncatedNormalQuantile(-p.First, p.Second, -p.Fourth, -p.Third);
                double scale = Math.Min(p.Second, p.Fourth - p.Third);
                return QuantileTable.Build(below.At, w => -reflected.At(w), p.Third, p.Fourth, Tolerance * scale);
            default:
                return null;
        }
    }
}
