using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ConsensusSim.Model;
using ConsensusSim.Numerics;

namespace ConsensusSim.Behaviour;

/// <summary>
/// One Chair's problem, in the form both solvers read: the States the Chair needs, packed one after another and stored
/// dimension-major (index d·<see cref="Stride"/> + j) so that a scan of all of them runs a vector of States at a time,
/// each with the loss it can bear (its capacity cⱼ = Lⱼ(q) − rⱼ − <see cref="WinSetSolver.Margin"/>: State j accepts p
/// when Lⱼ(p) ≤ cⱼ), and the Chair's own loss with its ties resolved toward the status quo. Arrays are sized once. A
/// vector lane computes exactly what the scalar <see cref="LossOf"/> computes, in the same order, so the bits do not
/// depend on the vector width.
/// </summary>
internal sealed class WinSetInstance
{
    /// <summary>Weight of a dimension the Chair does not care about, on which it then prefers the status quo.</summary>
    internal const double TieWeight = 1e-11;

    private readonly int[] _needed;
    private readonly double[] _required;
    private readonly double[] _ownIdeal;
    private bool _everyone;

    /// <summary>Whether the load scanned the States at <see cref="Target"/> (<see cref="_targetState"/>, <see cref="_targetExcess"/>).</summary>
    private bool _targetScanned;
    private int _targetState;
    private double _targetExcess;

    public WinSetInstance(int dimensions, int states)
    {
        // Whole vectors of the widest scan (WinSetWideScan), which is a whole number of Vector<double>.
        int lanes = Math.Max(WinSetWideScan.Lanes, Vector<double>.Count);
        Dimensions = dimensions;
        Stride = (states + lanes - 1) / lanes * lanes;
        _ownIdeal = new double[dimensions * Stride];
        Ideal = _ownIdeal;
        Salience = new double[dimensions * Stride];
        Capacity = new double[Stride];
        Excess = new double[Stride];
        _needed = new int[Stride];
        _required = new double[Stride];
        StatusQuo = new double[dimensions];
        Target = new double[dimensions];
        Weight = new double[dimensions];
        Lean = new double[dimensions];
    }

    public int Dimensions { get; }

    /// <summary>The States' spacing between two dimensions in the packed arrays: their number, rounded up to whole vectors.</summary>
    public int Stride { get; }

    public LossFunction Loss { get; private set; }

    /// <summary>The States the Chair needs.</summary>
    public int Count { get; private set; }

    /// <summary>The States rounded up to whole vectors of the widest scan: what a scan reads.</summary>
    public int Padded => (Count + WinSetWideScan.Lanes - 1) / WinSetWideScan.Lanes * WinSetWideScan.Lanes;

    /// <summary>Their ideal points, dimension-major: index d·Stride + j; the caller's own columns after <see cref="LoadTrialInPlace"/>.</summary>
    public double[] Ideal { get; private set; }

    /// <summary>Their saliences, laid out like <see cref="Ideal"/>.</summary>
    public double[] Salience { get; }

    /// <summary>The loss each can bear: it accepts p when Lⱼ(p) ≤ cⱼ.</summary>
    public double[] Capacity { get; }

    /// <summary>Scratch for the wide scans (<see cref="WinSetWideScan"/>): each State's excess at the point last scanned.</summary>
    public double[] Excess { get; }

    public double[] StatusQuo { get; }

    /// <summary>Where the Chair's loss is least on each dimension: its ideal point, or the status quo where it does not care.</summary>
    public double[] Target { get; }

    /// <summary>The Chair's weight on each dimension, at least <see cref="TieWeight"/>.</summary>
    public double[] Weight { get; }

    /// <summary>The sign of a − q on the dimensions the Chair cares about (0 elsewhere): the linear program's tie-break toward q.</summary>
    public double[] Lean { get; }

    /// <summary>
    /// Whether loading a trial also scans the States at <see cref="Target"/> for <see cref="MostViolated"/>: true unless
    /// the solver answers with the closed-form projection, whose scans take another form.
    /// </summary>
    public bool ScanTargetWhileLoading { get; set; } = true;

    /// <summary>The Chair's loss at the status quo.</summary>
    public double StatusQuoLoss { get; private set; }

    /// <summary>The Chair's largest loss anywhere in the box: no feasible point costs more, so a dual bound above it proves the win-set empty.</summary>
    public double WorstLoss { get; private set; }

    /// <summary>Every needed State accepts the status quo (its required gain is at most 0).</summary>
    public bool StatusQuoAcceptable { get; private set; }

    /// <summary>Some needed State's capacity is negative: it accepts no point at all, with the margin.</summary>
    public bool SomeoneAcceptsNothing { get; private set; }

    /// <summary>
    /// Every needed State has the same positive saliences and the Chair's weights are proportional to them (equal
    /// saliences, say): under quadratic loss every acceptable set is then a ball in one metric (<see cref="WinSetBallProjection"/>).
    /// </summary>
    public bool SharedMetric { get; private set; }

    /// <summary>State j's ideal coordinate on dimension k.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double X(int j, int k) => Ideal[(k * Stride) + j];

    /// <summary>State j's salience on dimension k.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double S(int j, int k) => Salience[(k * Stride) + j];

    /// <summary>Packs the needed States and the Chair's loss; the arguments are checked by the caller.</summary>
    public void Load(
        ReadOnlySpan<double> statusQuo,
        ReadOnlySpan<double> chairIdeal,
        ReadOnlySpan<double> chairSalience,
        ReadOnlySpan<double> idealPoints,
        ReadOnlySpan<double> salience,
        ReadOnlySpan<double> required,
        ReadOnlySpan<bool> needed,
        LossFunction loss)
    {
        LoadShape(chairSalience, salience, needed, loss);
        LoadTrial(statusQuo, chairIdeal, idealPoints, required);
    }

    /// <summary>What a run keeps from trial to trial: who is needed, their saliences, the Chair's weights and the loss.</summary>
    public void LoadShape(ReadOnlySpan<double> chairSalience, ReadOnlySpan<double> salience, ReadOnlySpan<bool> needed, LossFunction loss)
    {
        int d = Dimensions, m = 0;
        Loss = loss;
        _targetScanned = false;
        for (int i = 0; i < needed.Length; i++)
        {
            if (needed[i])
            {
                _needed[m++] = i;
            }
        }

        Count = m;
        _everyone = m == needed.Length;

        // Lanes past the last State require −∞: their capacity is +∞, never violated, and q is no less acceptable.
        _required.AsSpan(m).Fill(double.NegativeInfinity);
        for (int k = 0; k < d; k++)
        {
            Weight[k] = chairSalience[k] > TieWeight ? chairSalience[k] : TieWeight;
            for (int j = 0; j < m; j++)
            {
                Salience[(k * Stride) + j] = salience[(_needed[j] * d) + k];
            }
        }

        SharedMetric = m > 0 && HasSharedMetric();
    }

    private bool HasSharedMetric()
    {
        for (int k = 0; k < Dimensions; k++)
        {
            double s = Salience[k * Stride];
            if (!(s > TieWeight) || !(Weight[k] > TieWeight) || Weight[k] * Salience[0] != Weight[0] * s)
            {
                return false;
            }

            for (int j = 1; j < Count; j++)
            {
                if (Salience[(k * Stride) + j] != s)
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>
    /// What changes from trial to trial: q, the Chair's ideal point, the States' ideal points and the gains they require.
    /// The ideal points are State-major (index i·D + d), or with <paramref name="columnStride"/> &gt; 0 dimension-major
    /// (index d·columnStride + i), as a caller that keeps them so passes them without a transposition.
    /// </summary>
    public void LoadTrial(ReadOnlySpan<double> statusQuo, ReadOnlySpan<double> chairIdeal, ReadOnlySpan<double> idealPoints, ReadOnlySpan<double> required, int columnStride = 0)
    {
        int d = Dimensions, m = Count, stride = Stride;
        Ideal = _ownIdeal;
        statusQuo[..d].CopyTo(StatusQuo);
        LoadChair(chairIdeal);
        ref int index = ref MemoryMarshal.GetArrayDataReference(_needed);
        ref double ideal = ref MemoryMarshal.GetArrayDataReference(Ideal);
        ref double source = ref MemoryMarshal.GetReference(idealPoints);
        ref double gains = ref MemoryMarshal.GetArrayDataReference(_required);
        if (_everyone && columnStride > 0)
        {
            VectorCopy.Copy(required[..m], _required.AsSpan(0, m));
            for (int k = 0; k < d; k++)
            {
                idealPoints.Slice(k * columnStride, m).CopyTo(Ideal.AsSpan(k * stride, m));
            }
        }
        else if (_everyone)
        {
            // Column by column: each store runs along one dimension's row of the packed arrays.
            VectorCopy.Copy(required[..m], _required.AsSpan(0, m));
            for (int k = 0; k < d; k++)
            {
                ref double column = ref Unsafe.Add(ref ideal, k * stride);
                ref double from = ref Unsafe.Add(ref source, k);
                for (int j = 0; j < m; j++)
                {
                    Unsafe.Add(ref column, j) = Unsafe.Add(ref from, j * d);
                }
            }
        }
        else
        {
            // Where State i's coordinate k is in the source: i·D + k State-major, k·columnStride + i dimension-major.
            (int perState, int perDimension) = columnStride > 0 ? (1, columnStride) : (d, 1);
            for (int j = 0; j < m; j++)
            {
                int i = Unsafe.Add(ref index, j);
                Unsafe.Add(ref gains, j) = required[i];
                for (int k = 0; k < d; k++)
                {
                    Unsafe.Add(ref ideal, (k * stride) + j) = Unsafe.Add(ref source, (i * perState) + (k * perDimension));
                }
            }
        }

        LoadCapacities();
    }

    /// <summary>
    /// Whether <see cref="LoadTrialInPlace"/> may read columns laid out with <paramref name="columnStride"/>: every State
    /// is needed, so packed State j is State j, and the columns are spaced as the packed arrays are.
    /// </summary>
    public bool CanLoadInPlace(int columnStride) => _everyone && columnStride == Stride;

    /// <summary>
    /// <see cref="LoadTrial"/> for dimension-major <paramref name="columns"/> that <see cref="CanLoadInPlace"/>: the
    /// scans read them where they are instead of a copy (a copy of every coordinate, every trial). Lanes past the last
    /// State are read too and must be finite; their capacity is +∞ whatever they hold.
    /// </summary>
    public void LoadTrialInPlace(ReadOnlySpan<double> statusQuo, ReadOnlySpan<double> chairIdeal, double[] columns, ReadOnlySpan<double> required)
    {
        Debug.Assert(CanLoadInPlace(Stride) && columns.Length >= Dimensions * Stride, "Columns must be spaced as the packed arrays, with every State needed.");
        Ideal = columns;
        statusQuo[..Dimensions].CopyTo(StatusQuo);
        LoadChair(chairIdeal);
        VectorCopy.Copy(required[..Count], _required.AsSpan(0, Count));
        LoadCapacities();
    }

    /// <summary>cⱼ = (Lⱼ(q) − rⱼ) − margin, a vector of States at a time; and whether q is acceptable to all, and something to each.</summary>
    private void LoadCapacities()
    {
        if (WinSetWideScan.Enabled)
        {
            (bool positiveRequired, bool negativeCapacity) = WinSetWideScan.Capacities(this, _required, Loss == LossFunction.Linear, ScanTargetWhileLoading, out _targetState, out _targetExcess);
            StatusQuoAcceptable = !positiveRequired;
            SomeoneAcceptsNothing = negativeCapacity;
            _targetScanned = ScanTargetWhileLoading && Count > 0;
            return;
        }

        _targetScanned = false;

        int stride = Stride, lanes = Vector<double>.Count, d = Dimensions;
        ref double ideal = ref MemoryMarshal.GetArrayDataReference(Ideal);
        ref double salience = ref MemoryMarshal.GetArrayDataReference(Salience);
        ref double gains = ref MemoryMarshal.GetArrayDataReference(_required);
        ref double capacities = ref MemoryMarshal.GetArrayDataReference(Capacity);
        bool linear = Loss == LossFunction.Linear;
        var margin = new Vector<double>(WinSetSolver.Margin);
        var positive = Vector<double>.Zero;
        var negative = Vector<double>.Zero;
        // Up to a whole wide vector: the wide scans read the lanes past the last State, which must be +∞ (never violated).
        for (int j = 0, end = Padded; j < end; j += lanes)
        {
            var sum = Vector<double>.Zero;
            for (int k = 0; k < d; k++)
            {
                nuint at = (nuint)((k * stride) + j);
                var delta = new Vector<double>(StatusQuo[k]) - Vector.LoadUnsafe(ref ideal, at);
                var s = Vector.LoadUnsafe(ref salience, at);
                sum += linear ? s * Vector.Abs(delta) : s * (delta * delta);
            }

            var r = Vector.LoadUnsafe(ref gains, (nuint)j);
            var capacity = sum - r - margin;
            capacity.StoreUnsafe(ref capacities, (nuint)j);
            positive = Vector.Max(positive, r);
            negative = Vector.Min(negative, capacity);
        }

        StatusQuoAcceptable = !Vector.GreaterThanAny(positive, Vector<double>.Zero);
        SomeoneAcceptsNothing = Vector.LessThanAny(negative, Vector<double>.Zero);
    }

    private void LoadChair(ReadOnlySpan<double> chairIdeal)
    {
        double atQ = 0, worst = 0;
        for (int k = 0; k < Dimensions; k++)
        {
            bool cares = Weight[k] > TieWeight;
            Target[k] = cares ? chairIdeal[k] : StatusQuo[k];
            Lean[k] = cares ? Sign(chairIdeal[k] - StatusQuo[k]) : 0;
            atQ += Weight[k] * Of(StatusQuo[k] - Target[k]);
            worst += Weight[k] * Math.Max(Of(Target[k]), Of(1 - Target[k]));
        }

        StatusQuoLoss = atQ;
        WorstLoss = worst;
    }

    /// <summary>Math.Sign's value for a number (not NaN), without its call.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Sign(double x) => x > 0 ? 1 : x < 0 ? -1 : 0;

    /// <summary>ℓ(δ): |δ| or δ².</summary>
    public double Of(double delta) => Loss == LossFunction.Linear ? Math.Abs(delta) : delta * delta;

    /// <summary>Needed State j's loss at p.</summary>
    public double LossOf(int j, ReadOnlySpan<double> p)
    {
        double sum = 0;
        for (int k = 0; k < Dimensions; k++)
        {
            sum += S(j, k) * Of(p[k] - X(j, k));
        }

        return sum;
    }

    /// <summary>The Chair's loss at p, ties included.</summary>
    public double ChairLoss(ReadOnlySpan<double> p)
    {
        double sum = 0;
        for (int k = 0; k < Dimensions; k++)
        {
            sum += Weight[k] * Of(p[k] - Target[k]);
        }

        return sum;
    }

    /// <summary>
    /// The needed State whose loss at p most exceeds its capacity (the first such), and by how much (negative when all
    /// accept p with room): a vector of States at a time. A lane computes exactly
    /// <see cref="LossOf"/> − cⱼ and keeps its first strict maximum; across lanes the largest wins, ties to the first
    /// State — the scalar loop's answer at any vector width.
    /// </summary>
    public int MostViolated(ReadOnlySpan<double> p, out double excess)
    {
        if (_targetScanned && IsTarget(p))
        {
            excess = _targetExcess;
            return _targetState;
        }

        if (WinSetWideScan.Enabled)
        {
            return WinSetWideScan.MostViolated(this, p, Loss == LossFunction.Linear, out excess);
        }

        int stride = Stride, lanes = Vector<double>.Count, d = Dimensions;
        ref double ideal = ref MemoryMarshal.GetArrayDataReference(Ideal);
        ref double salience = ref MemoryMarshal.GetArrayDataReference(Salience);
        ref double capacity = ref MemoryMarshal.GetArrayDataReference(Capacity);
        var most = new Vector<double>(double.NegativeInfinity);
        var where = Vector<long>.Zero;
        var index = Vector<long>.Indices;
        var step = new Vector<long>(lanes);
        bool linear = Loss == LossFunction.Linear;
        for (int j = 0; j < Count; j += lanes, index += step)
        {
            var sum = Vector<double>.Zero;
            for (int k = 0; k < d; k++)
            {
                nuint at = (nuint)((k * stride) + j);
                var delta = new Vector<double>(p[k]) - Vector.LoadUnsafe(ref ideal, at);
                var s = Vector.LoadUnsafe(ref salience, at);
                sum += linear ? s * Vector.Abs(delta) : s * (delta * delta);
            }

            var e = sum - Vector.LoadUnsafe(ref capacity, (nuint)j);
            var larger = Vector.GreaterThan(e, most);
            most = Vector.ConditionalSelect(larger, e, most);
            where = Vector.ConditionalSelect(larger, index, where);
        }

        long first = FirstLargest(most, where, out excess);
        return Count == 0 ? -1 : (int)first;
    }

    /// <summary>Whether p is <see cref="Target"/> to the bit, where the load already scanned the States.</summary>
    private bool IsTarget(ReadOnlySpan<double> p) => SameBits(p[..Dimensions], Target);

    /// <summary>Whether two points are the same doubles bit for bit (so −0 is not 0), as a cached scan requires.</summary>
    internal static bool SameBits(ReadOnlySpan<double> a, ReadOnlySpan<double> b) =>
        MemoryMarshal.Cast<double, long>(a).SequenceEqual(MemoryMarshal.Cast<double, long>(b));

    /// <summary>
    /// Across the lanes of a scan, the largest value and the State it belongs to, ties to the first State: each lane holds
    /// its own first strict maximum, so this is the scalar loop's answer at any vector width.
    /// </summary>
    internal static long FirstLargest(Vector<double> most, Vector<long> where, out double largest)
    {
        largest = double.NegativeInfinity;
        long first = -1;
        for (int l = 0; l < Vector<double>.Count; l++)
        {
            if (most[l] > largest || (most[l] == largest && where[l] < first))
            {
                largest = most[l];
                first = where[l];
            }
        }

        return first;
    }
}
