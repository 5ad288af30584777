using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ConsensusSim.Numerics;

namespace ConsensusSim.Engine.Stages;

/// <summary>
/// The chance that none of a bloc's States objects, given the bloc's standard normal shock η: the product
/// f(η) = Πᵢ Φ((√ρ·η − θᵢ) / √(1 − ρ)) over States whose thresholds θᵢ are fixed for the run. It depends on η alone,
/// so it is tabulated once per run and a conditional-only trial pays one lookup per bloc instead of one Φ per State.
/// Between nodes it is the cubic Hermite interpolant of f and f′ (both exact at the nodes, from
/// <see cref="StandardNormal"/>); the nodes lie 1/128 apart in the States' own units, (√ρ/√(1 − ρ))·Δη ≤ 1/128, where
/// the interpolant is within Δx⁴/384 · max |f⁗| of f — below 10⁻⁹ for any number of States (tested, with the worst
/// case, every State at one threshold). Past |η| = <see cref="Reach"/> (a chance below 10⁻¹⁶ per draw) the product is
/// taken State by State with <see cref="TabulatedNormalCdf"/>.
/// </summary>
internal sealed class BlocAdoptionTable
{
    /// <summary>The table covers η in [−Reach, Reach].</summary>
    public const double Reach = 8.5;

    /// <summary>Nodes per unit of the States' own noise.</summary>
    private const double NodesPerUnit = 128;

    /// <summary>A bloc whose table would need more nodes (ρ close to 1) is multiplied out State by State instead.</summary>
    private const int MaxNodes = 1 << 15;

    private readonly double _shared;
    private readonly double _inverseOwn;
    private readonly double[] _thresholds;
    private readonly double _inverseStep;
    private readonly double _intervals;

    // Per interval, the cubic's four coefficients in t ∈ [0, 1), 32 bytes together.
    private readonly double[]? _cubic;

    private BlocAdoptionTable(double shared, double own, double[] thresholds, int intervals)
    {
        _shared = shared;
        _inverseOwn = 1 / own;
        _thresholds = thresholds;
        if (intervals > 0)
        {
            _intervals = intervals;
            _inverseStep = intervals / (2 * Reach);
            _cubic = Tabulate(intervals);
        }
    }

    /// <summary>Whether the product is tabulated (false: it is multiplied out State by State in every trial).</summary>
    public bool Tabulated => _cubic is not null;

    /// <summary>Whether the product has no State in it (f = 1 at every shock).</summary>
    public bool IsOne => _thresholds.Length == 0;

    /// <summary>η ↦ its place in the table, (η + <see cref="Reach"/>) times this: interval k covers places [k, k + 1).</summary>
    public double InverseStep => _inverseStep;

    /// <summary>The number of intervals; 0 when the product is not tabulated.</summary>
    public double Intervals => _intervals;

    /// <summary>The address of the cubics' coefficients, four per interval (pinned for the table's life; null when not tabulated).</summary>
    public unsafe double* Coefficients => _cubic is { } cubic ? (double*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(cubic)) : null;

    /// <summary>The table of the States with thresholds <paramref name="thresholds"/> in a bloc whose noise is shared with weight √ρ = <paramref name="shared"/> and own weight √(1 − ρ) = <paramref name="own"/> (above 0).</summary>
    /// <param name="shared">√ρ.</param>
    /// <param name="own">√(1 − ρ), above 0 unless there are no thresholds.</param>
    /// <param name="thresholds">Each State's objection threshold θ on its latent normal (±∞ allowed).</param>
    /// <returns>The table.</returns>
    public static BlocAdoptionTable For(double shared, double own, double[] thresholds)
    {
        if (thresholds.Length == 0)
        {
            // No State in the product (a bloc whose States are all taken one by one): f = 1.
            return new BlocAdoptionTable(shared, 1, [], 0);
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(own);
        double perEta = Math.Max(shared / own, 1.0 / 16) * NodesPerUnit;
        double intervals = Math.Ceiling(2 * Reach * perEta);
        return new BlocAdoptionTable(shared, own, thresholds, intervals > MaxNodes ? 0 : (int)intervals);
    }

    /// <summary>
    /// The exact product for States without shared noise (shock 0, own weight 1), Πᵢ Φ(−θᵢ): a constant of the run, so
    /// nothing is tabulated.
    /// </summary>
    /// <param name="thresholds">Each State's objection threshold θ (±∞ allowed).</param>
    /// <returns>The product.</returns>
    public static double UnsharedProduct(double[] thresholds) => new BlocAdoptionTable(0, 1, thresholds, 0).ExactAt(0);

    /// <summary>f(η), in [0, 1].</summary>
    /// <param name="eta">The bloc's standard normal shock.</param>
    /// <returns>The chance that none of the States objects, given the shock.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double At(double eta)
    {
        double u = (eta + Reach) * _inverseStep;
        if (_cubic is not { } cubic || !(u >= 0 && u < _intervals))
        {
            return Multiplied(eta);
        }

        int k = (int)u;
        double t = u - k;
        int at = 4 * k;
        double f = Math.FusedMultiplyAdd(Math.FusedMultiplyAdd(Math.FusedMultiplyAdd(cubic[at + 3], t, cubic[at + 2]), t, cubic[at + 1]), t, cubic[at]);
        return Math.Clamp(f, 0, 1);
    }

    /// <summary>f(η) State by State, in the order of the thresholds.</summary>
    /// <param name="eta">The bloc's shock.</param>
    /// <returns>The product.</returns>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public double Multiplied(double eta)
    {
        double s = _shared * eta, product = 1;
        foreach (double theta in _thresholds)
        {
            double x = (s - theta) * _inverseOwn;
            product *= TabulatedNormalCdf.CdfOrOne(x);
        }

        return product;
    }

    /// <summary>f(η) with the library's exact Φ (what the table interpolates).</summary>
    /// <param name="eta">The bloc's shock.</param>
    /// <returns>The product.</returns>
    public double ExactAt(double eta) => ExactWithSlope(eta).Value;

    /// <summary>f and its derivative at every node, exactly, turned into each interval's cubic.</summary>
    private double[] Tabulate(int intervals)
    {
        var value = new double[intervals + 1];
        var slope = new double[intervals + 1];
        double step = 2 * Reach / intervals;
        for (int k = 0; k <= intervals; k++)
        {
            (value[k], slope[k]) = ExactWithSlope(-Reach + (k * step));
        }

        // Pinned, so that lookups for several trials at once can load from it by address.
        var cubic = GC.AllocateArray<double>(4 * intervals, pinned: true);
        for (int k = 0; k < intervals; k++)
        {
            // Hermite's cubic in t = (η − ηₖ)/Δη: the derivatives scaled by Δη.
            double v0 = value[k], v1 = value[k + 1], s0 = slope[k] * step, s1 = slope[k + 1] * step;
            cubic[4 * k] = v0;
            cubic[(4 * k) + 1] = s0;
            cubic[(4 * k) + 2] = (3 * (v1 - v0)) - (2 * s0) - s1;
            cubic[(4 * k) + 3] = (2 * (v0 - v1)) + s0 + s1;
        }

        return cubic;
    }

    /// <summary>f(η) and f′(η), the product rule applied State by State (no division, so no trouble where a factor is 0).</summary>
    private (double Value, double Slope) ExactWithSlope(double eta)
    {
        double s = _shared * eta, product = 1, derivative = 0;
        double chain = _shared * _inverseOwn;
        foreach (double theta in _thresholds)
        {
            double x = (s - theta) * _inverseOwn;
            double cdf = StandardNormal.Cdf(x);
            double density = Math.Abs(x) < StandardNormal.Far ? StandardNormal.Pdf(x) * chain : 0;
            derivative = (derivative * cdf) + (product * density);
            product *= cdf;
        }

        return (product, derivative);
    }
}
