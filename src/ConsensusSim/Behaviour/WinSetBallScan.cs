using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ConsensusSim.Behaviour;

/// <summary>
/// The most violated State for <see cref="WinSetBallProjection"/>, from the expanded form of a ball's excess: with one
/// metric s for all, |p − xⱼ|² − cⱼ = |p|² + κⱼ − 2⟨p, xⱼ⟩ where κⱼ = |xⱼ|² − cⱼ is taken once per instance, so a scan
/// costs one multiply-add per State and dimension where the exact form (<see cref="WinSetInstance.MostViolated"/>) costs
/// three operations more. The two differ by rounding only, by at most <see cref="Guard"/> for points of the box: below
/// the acceptance threshold by more than the guard a point is accepted by the exact test too, and within the guard of
/// the threshold the exact form decides.
/// </summary>
internal sealed class WinSetBallScan
{
    /// <summary>Machine epsilon, 2⁻⁵²: the spacing of doubles at 1 (twice the unit roundoff).</summary>
    private const double MachineEpsilon = 2.220446049250313e-16;

    private readonly WinSetInstance _p;
    private readonly double[] _offset;
    private readonly double[] _weight;
    private readonly double[] _first;
    private double _guard;

    /// <summary>Whether the load scanned the States at <see cref="_first"/> (<see cref="_firstState"/>, <see cref="_firstExcess"/>).</summary>
    private bool _firstScanned;
    private int _firstState;
    private double _firstExcess;

    public WinSetBallScan(WinSetInstance problem)
    {
        _p = problem;
        _offset = new double[problem.Stride];
        _weight = new double[problem.Dimensions];
        _first = new double[problem.Dimensions];
    }

    /// <summary>
    /// How far the expanded form may be from the exact one: a few roundings of the largest term, |κ| + |p|² + 2Σ s_k|p_k|
    /// with coordinates in [0, 1], bounded once per instance by the largest |κⱼ| plus 3·Σ s_k.
    /// </summary>
    public double Guard => _guard;

    /// <summary>
    /// κⱼ for the loaded instance (lanes past the last State get −∞: never violated), and, where the wide scans run, in
    /// the same pass the scan at <paramref name="first"/>, the point the projection looks at first.
    /// </summary>
    public void Load(ReadOnlySpan<double> first)
    {
        var p = _p;
        if (WinSetWideScan.Enabled)
        {
            double square = Weigh(first);
            SetGuard(WinSetWideScan.OffsetsAndScan(p, _offset, _weight, square, out _firstState, out _firstExcess));
            first[..p.Dimensions].CopyTo(_first);
            _firstScanned = p.Count > 0;
            return;
        }

        _firstScanned = false;

        int d = p.Dimensions, stride = p.Stride, lanes = Vector<double>.Count;
        ref double ideal = ref MemoryMarshal.GetArrayDataReference(p.Ideal);
        ref double capacity = ref MemoryMarshal.GetArrayDataReference(p.Capacity);
        ref double offset = ref MemoryMarshal.GetArrayDataReference(_offset);
        var largest = Vector<double>.Zero;
        var never = new Vector<double>(double.NegativeInfinity);
        for (int j = 0, end = p.Padded; j < end; j += lanes)
        {
            var sum = -Vector.LoadUnsafe(ref capacity, (nuint)j);
            for (int k = 0; k < d; k++)
            {
                var x = Vector.LoadUnsafe(ref ideal, (nuint)((k * stride) + j));
                sum += new Vector<double>(p.S(0, k)) * (x * x);
            }

            sum.StoreUnsafe(ref offset, (nuint)j);
            largest = Vector.Max(largest, Vector.ConditionalSelect(Vector.Equals(sum, never), Vector<double>.Zero, Vector.Abs(sum)));
        }

        double scale = 0;
        for (int l = 0; l < lanes; l++)
        {
            scale = Math.Max(scale, largest[l]);
        }

        SetGuard(scale);
    }

    /// <summary>The expanded form's weights −2·s_k·p_k for <paramref name="point"/>, and its |p|² in the metric.</summary>
    private double Weigh(ReadOnlySpan<double> point)
    {
        var p = _p;
        double square = 0;
        for (int k = 0; k < p.Dimensions; k++)
        {
            double s = p.S(0, k);
            square += s * point[k] * point[k];
            _weight[k] = -2 * s * point[k];
        }

        return square;
    }

    /// <summary>Whether <paramref name="point"/> is the point the load scanned, to the bit.</summary>
    private bool IsFirst(ReadOnlySpan<double> point) => WinSetInstance.SameBits(point[.._first.Length], _first);

    /// <summary>The guard from the largest |κⱼ| (see <see cref="Guard"/>).</summary>
    private void SetGuard(double scale)
    {
        var p = _p;
        double metric = 0;
        for (int k = 0; k < p.Dimensions; k++)
        {
            metric += p.S(0, k);
        }

        _guard = 64 * (p.Dimensions + 2) * (scale + (3 * metric)) * MachineEpsilon;
    }

    /// <summary>
    /// The State whose ball p violates most, and by how much, in the expanded form; exact to within <see cref="Guard"/>.
    /// Ties go to the first State, as in the exact scan.
    /// </summary>
    public int MostViolated(ReadOnlySpan<double> point, out double excess)
    {
        var p = _p;
        int d = p.Dimensions, stride = p.Stride, lanes = Vector<double>.Count;
        if (_firstScanned && IsFirst(point))
        {
            excess = _firstExcess;
            return _firstState;
        }

        double square = Weigh(point);
        if (WinSetWideScan.Enabled)
        {
            return WinSetWideScan.MostViolatedExpanded(p, _offset, _weight, square, out excess);
        }

        ref double ideal = ref MemoryMarshal.GetArrayDataReference(p.Ideal);
        ref double offset = ref MemoryMarshal.GetArrayDataReference(_offset);
        var most = new Vector<double>(double.NegativeInfinity);
        var where = Vector<long>.Zero;
        var index = Vector<long>.Indices;
        var step = new Vector<long>(lanes);
        var base0 = new Vector<double>(square);
        for (int j = 0; j < p.Count; j += lanes, index += step)
        {
            var e = Vector.LoadUnsafe(ref offset, (nuint)j) + base0;
            for (int k = 0; k < d; k++)
            {
                e += new Vector<double>(_weight[k]) * Vector.LoadUnsafe(ref ideal, (nuint)((k * stride) + j));
            }

            var larger = Vector.GreaterThan(e, most);
            most = Vector.ConditionalSelect(larger, e, most);
            where = Vector.ConditionalSelect(larger, index, where);
        }

        long first = WinSetInstance.FirstLargest(most, where, out excess);

        return p.Count == 0 ? -1 : (int)first;
    }
}
