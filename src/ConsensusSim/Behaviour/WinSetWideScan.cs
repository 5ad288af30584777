using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ConsensusSim.Behaviour;

/// <summary>
/// The solvers' scans of the States eight at a time where the machine has 256-bit vectors or wider (<see cref="Vector{T}"/>
/// keeps four): each lane computes what the narrower scans compute, in the same order, so every State's excess is the same
/// bits at either width. A scan stores the excesses and keeps only the lanes' maxima; the first State equal to the
/// largest is then the scalar loop's first strict maximum. That replaced tracking each lane's State and reading the
/// lanes one by one through memory, which took 7 % of a 3-D agenda-setter trial.
/// </summary>
/// <remarks>
/// Without AVX-512 the runtime carries out each 512-bit operation as two 256-bit ones, the same operation on each half, so
/// the lanes' values are unchanged. That still beats the solvers' own four-lane loops there: those broadcast each
/// coordinate and select each lane's State in every step, and the capacities pass scans the Chair's target here, a scan
/// the solver then does not repeat (an agenda-setter trial with random ideal points on the AVX2 host 1–7 % faster,
/// benchmarks/results/avx2/agenda-setter-avx2-bddce95.md).
/// </remarks>
internal static class WinSetWideScan
{
    /// <summary>The lanes of the widest vector any scan uses: the packed arrays' stride is a multiple of it.</summary>
    public const int Lanes = 8;

    /// <summary>Whether the scans here run (else the solvers' own, at <see cref="Vector{T}"/>'s width): with 512-bit vectors, or 256-bit ones in halves.</summary>
    public static bool Enabled => Vector256.IsHardwareAccelerated;

    /// <summary>
    /// <see cref="WinSetInstance.MostViolated"/>'s scan: for each State Σ_k s_jk ℓ(p_k − x_jk) − c_j, summed from 0 in
    /// dimension order, the largest and its first State.
    /// </summary>
    public static int MostViolated(WinSetInstance p, ReadOnlySpan<double> point, bool linear, out double excess)
    {
        return linear ? MostViolated<AbsoluteTerm>(p, point, out excess) : MostViolated<SquareTerm>(p, point, out excess);
    }

    /// <summary>The scan for one loss: the first three dimensions' broadcasts and rows held outside the loop over States.</summary>
    private static int MostViolated<TLoss>(WinSetInstance p, ReadOnlySpan<double> point, out double excess)
        where TLoss : ILossTerm
    {
        int stride = p.Stride, d = p.Dimensions, count = p.Count;
        ref double x0 = ref MemoryMarshal.GetArrayDataReference(p.Ideal);
        ref double s0 = ref MemoryMarshal.GetArrayDataReference(p.Salience);
        ref double x1 = ref Unsafe.Add(ref x0, d > 1 ? stride : 0);
        ref double s1 = ref Unsafe.Add(ref s0, d > 1 ? stride : 0);
        ref double x2 = ref Unsafe.Add(ref x0, d > 2 ? 2 * stride : 0);
        ref double s2 = ref Unsafe.Add(ref s0, d > 2 ? 2 * stride : 0);
        ref double capacity = ref MemoryMarshal.GetArrayDataReference(p.Capacity);
        ref double at = ref MemoryMarshal.GetReference(point);
        var p0 = Vector512.Create(at);
        var p1 = Vector512.Create(Unsafe.Add(ref at, d > 1 ? 1 : 0));
        var p2 = Vector512.Create(Unsafe.Add(ref at, d > 2 ? 2 : 0));
        ref double excesses = ref MemoryMarshal.GetArrayDataReference(p.Excess);
        var most = Vector512.Create(double.NegativeInfinity);
        for (int j = 0; j < count; j += Lanes)
        {
            nuint o = (nuint)j;
            var sum = Vector512<double>.Zero + (Vector512.LoadUnsafe(ref s0, o) * TLoss.Of(p0 - Vector512.LoadUnsafe(ref x0, o)));
            if (d > 1)
            {
                sum += Vector512.LoadUnsafe(ref s1, o) * TLoss.Of(p1 - Vector512.LoadUnsafe(ref x1, o));
            }

            if (d > 2)
            {
                sum += Vector512.LoadUnsafe(ref s2, o) * TLoss.Of(p2 - Vector512.LoadUnsafe(ref x2, o));
                for (int k = 3; k < d; k++)
                {
                    nuint offset = (nuint)((k * stride) + j);
                    var delta = Vector512.Create(Unsafe.Add(ref at, k)) - Vector512.LoadUnsafe(ref x0, offset);
                    sum += Vector512.LoadUnsafe(ref s0, offset) * TLoss.Of(delta);
                }
            }

            var e = sum - Vector512.LoadUnsafe(ref capacity, o);
            e.StoreUnsafe(ref excesses, o);
            most = Vector512.MaxNative(e, most);
        }

        return First(p, most, out excess);
    }

    /// <summary>
    /// <see cref="WinSetBallScan.MostViolated"/>'s scan: κ_j + |p|², then + w_k·x_jk in dimension order, the largest and
    /// its first State.
    /// </summary>
    public static int MostViolatedExpanded(WinSetInstance p, double[] offsets, ReadOnlySpan<double> weight, double square, out double excess)
    {
        int stride = p.Stride, d = p.Dimensions, count = p.Count;
        ref double ideal = ref MemoryMarshal.GetArrayDataReference(p.Ideal);
        ref double offset = ref MemoryMarshal.GetArrayDataReference(offsets);
        ref double w = ref MemoryMarshal.GetReference(weight);
        ref double excesses = ref MemoryMarshal.GetArrayDataReference(p.Excess);
        var most = Vector512.Create(double.NegativeInfinity);
        var base0 = Vector512.Create(square);
        for (int j = 0; j < count; j += Lanes)
        {
            var e = Vector512.LoadUnsafe(ref offset, (nuint)j) + base0;
            for (int k = 0; k < d; k++)
            {
                e += Vector512.Create(Unsafe.Add(ref w, k)) * Vector512.LoadUnsafe(ref ideal, (nuint)((k * stride) + j));
            }

            e.StoreUnsafe(ref excesses, (nuint)j);
            most = Vector512.MaxNative(e, most);
        }

        return First(p, most, out excess);
    }

    /// <summary>
    /// <see cref="WinSetInstance"/>'s capacities cⱼ = (Lⱼ(q) − rⱼ) − margin for every lane up to <see cref="WinSetInstance.Padded"/>,
    /// the loss summed from 0 in dimension order; whether some rⱼ is positive and some cⱼ negative. In the same pass, what
    /// <see cref="MostViolated"/> finds at the Chair's target, where every solver looks first: the same sums in the same
    /// order, from the same loads (<paramref name="state"/> and <paramref name="excess"/>), when <paramref name="scanTarget"/>;
    /// else −1 and −∞.
    /// </summary>
    public static (bool SomeRequirePositive, bool SomeNegative) Capacities(WinSetInstance p, double[] required, bool linear, bool scanTarget, out int state, out double excess) =>
        (linear, scanTarget) switch
        {
            (true, true) => Capacities<AbsoluteTerm, Scanned>(p, required, out state, out excess),
            (true, false) => Capacities<AbsoluteTerm, Unscanned>(p, required, out state, out excess),
            (false, true) => Capacities<SquareTerm, Scanned>(p, required, out state, out excess),
            _ => Capacities<SquareTerm, Unscanned>(p, required, out state, out excess),
        };

    private static (bool SomeRequirePositive, bool SomeNegative) Capacities<TLoss, TTarget>(WinSetInstance p, double[] required, out int state, out double excess)
        where TLoss : ILossTerm
        where TTarget : ITargetScan
    {
        int stride = p.Stride, d = p.Dimensions;
        ref double x0 = ref MemoryMarshal.GetArrayDataReference(p.Ideal);
        ref double s0 = ref MemoryMarshal.GetArrayDataReference(p.Salience);
        ref double x1 = ref Unsafe.Add(ref x0, d > 1 ? stride : 0);
        ref double s1 = ref Unsafe.Add(ref s0, d > 1 ? stride : 0);
        ref double x2 = ref Unsafe.Add(ref x0, d > 2 ? 2 * stride : 0);
        ref double s2 = ref Unsafe.Add(ref s0, d > 2 ? 2 * stride : 0);
        ref double gains = ref MemoryMarshal.GetArrayDataReference(required);
        ref double capacities = ref MemoryMarshal.GetArrayDataReference(p.Capacity);
        ref double q = ref MemoryMarshal.GetArrayDataReference(p.StatusQuo);
        ref double target = ref MemoryMarshal.GetArrayDataReference(p.Target);
        ref double excesses = ref MemoryMarshal.GetArrayDataReference(p.Excess);

        // As in the scan: the first three dimensions' broadcasts and rows held outside the loop over States.
        var q0 = Vector512.Create(q);
        var q1 = Vector512.Create(Unsafe.Add(ref q, d > 1 ? 1 : 0));
        var q2 = Vector512.Create(Unsafe.Add(ref q, d > 2 ? 2 : 0));
        var t0 = Vector512.Create(target);
        var t1 = Vector512.Create(Unsafe.Add(ref target, d > 1 ? 1 : 0));
        var t2 = Vector512.Create(Unsafe.Add(ref target, d > 2 ? 2 : 0));
        var margin = Vector512.Create(WinSetSolver.Margin);
        var positive = Vector512<double>.Zero;
        var negative = Vector512<double>.Zero;
        var most = Vector512.Create(double.NegativeInfinity);
        for (int j = 0, end = p.Padded; j < end; j += Lanes)
        {
            nuint o = (nuint)j;
            var sum = Vector512<double>.Zero;
            var atTarget = Vector512<double>.Zero;
            AddLoss<TLoss, TTarget>(ref sum, ref atTarget, Vector512.LoadUnsafe(ref x0, o), Vector512.LoadUnsafe(ref s0, o), q0, t0);
            if (d > 1)
            {
                AddLoss<TLoss, TTarget>(ref sum, ref atTarget, Vector512.LoadUnsafe(ref x1, o), Vector512.LoadUnsafe(ref s1, o), q1, t1);
            }

            if (d > 2)
            {
                AddLoss<TLoss, TTarget>(ref sum, ref atTarget, Vector512.LoadUnsafe(ref x2, o), Vector512.LoadUnsafe(ref s2, o), q2, t2);
                for (int k = 3; k < d; k++)
                {
                    nuint at = (nuint)((k * stride) + j);
                    AddLoss<TLoss, TTarget>(
                        ref sum,
                        ref atTarget,
                        Vector512.LoadUnsafe(ref x0, at),
                        Vector512.LoadUnsafe(ref s0, at),
                        Vector512.Create(Unsafe.Add(ref q, k)),
                        Vector512.Create(Unsafe.Add(ref target, k)));
                }
            }

            var r = Vector512.LoadUnsafe(ref gains, (nuint)j);
            var capacity = sum - r - margin;
            capacity.StoreUnsafe(ref capacities, (nuint)j);
            if (TTarget.Enabled)
            {
                var e = atTarget - capacity;
                e.StoreUnsafe(ref excesses, (nuint)j);
                most = Vector512.MaxNative(e, most);
            }

            // Only the signs of the extremes are asked, and no value is NaN (the gains are finite, those of lanes past the
            // last State −∞, whose capacities are then +∞): the processor's max and min, without Vector512.Max's cases for
            // NaN and signed zeros, which took a third of this loop's instructions.
            positive = Vector512.MaxNative(positive, r);
            negative = Vector512.MinNative(negative, capacity);
        }

        excess = double.NegativeInfinity;
        state = TTarget.Enabled ? First(p, most, out excess) : -1;
        return (Vector512.GreaterThanAny(positive, Vector512<double>.Zero), Vector512.LessThanAny(negative, Vector512<double>.Zero));
    }

    /// <summary>
    /// <see cref="WinSetBallScan"/>'s offsets κⱼ = −cⱼ + Σ_k s_k x_jk² for every lane up to <see cref="WinSetInstance.Padded"/>;
    /// the largest |κⱼ| over the lanes that are not −∞. In the same pass, <see cref="MostViolatedExpanded"/>'s scan with
    /// <paramref name="weight"/> and <paramref name="square"/> (the same sums in the same order): its State and excess.
    /// </summary>
    public static double OffsetsAndScan(WinSetInstance p, double[] offsets, ReadOnlySpan<double> weight, double square, out int state, out double excess)
    {
        int stride = p.Stride, d = p.Dimensions;
        ref double ideal = ref MemoryMarshal.GetArrayDataReference(p.Ideal);
        ref double capacity = ref MemoryMarshal.GetArrayDataReference(p.Capacity);
        ref double offset = ref MemoryMarshal.GetArrayDataReference(offsets);
        ref double metric = ref MemoryMarshal.GetArrayDataReference(p.Salience);
        ref double w = ref MemoryMarshal.GetReference(weight);
        ref double excesses = ref MemoryMarshal.GetArrayDataReference(p.Excess);
        var largest = Vector512<double>.Zero;
        var never = Vector512.Create(double.NegativeInfinity);
        var most = Vector512.Create(double.NegativeInfinity);
        var base0 = Vector512.Create(square);
        for (int j = 0, end = p.Padded; j < end; j += Lanes)
        {
            var sum = -Vector512.LoadUnsafe(ref capacity, (nuint)j);
            for (int k = 0; k < d; k++)
            {
                var x = Vector512.LoadUnsafe(ref ideal, (nuint)((k * stride) + j));
                sum += Vector512.Create(Unsafe.Add(ref metric, k * stride)) * (x * x);
            }

            sum.StoreUnsafe(ref offset, (nuint)j);
            // |κ| or 0, never NaN: the processor's max, as in the capacities pass.
            largest = Vector512.MaxNative(largest, Vector512.ConditionalSelect(Vector512.Equals(sum, never), Vector512<double>.Zero, Vector512.Abs(sum)));
            var e = sum + base0;
            for (int k = 0; k < d; k++)
            {
                e += Vector512.Create(Unsafe.Add(ref w, k)) * Vector512.LoadUnsafe(ref ideal, (nuint)((k * stride) + j));
            }

            e.StoreUnsafe(ref excesses, (nuint)j);
            most = Vector512.MaxNative(e, most);
        }

        state = First(p, most, out excess);
        var half = Vector256.MaxNative(largest.GetLower(), largest.GetUpper());
        var quarter = Vector128.MaxNative(half.GetLower(), half.GetUpper());
        return Math.Max(quarter.GetElement(0), quarter.GetElement(1));
    }

    /// <summary>
    /// The first State whose excess (stored by the scan) equals the largest, and that excess: the scalar loop's first strict
    /// maximum, as States tied with it come later. The lanes' maxima keep the earlier value where a new one is not
    /// larger (no excess is NaN: positions and weights are finite, and lanes past the last State are −∞), so the largest
    /// is exact; of two zeros of either sign the State found reports its own, as the scalar loop does. −1 and −∞ when
    /// every State is −∞, or there is none.
    /// </summary>
    private static int First(WinSetInstance p, Vector512<double> most, out double excess)
    {
        var half = Vector256.MaxNative(most.GetLower(), most.GetUpper());
        var quarter = Vector128.MaxNative(half.GetLower(), half.GetUpper());
        double top = Math.Max(quarter.GetElement(0), quarter.GetElement(1));
        excess = double.NegativeInfinity;
        if (!(top > double.NegativeInfinity))
        {
            return -1;
        }

        ref double excesses = ref MemoryMarshal.GetArrayDataReference(p.Excess);
        // Half vectors: a load of a whole vector just stored waited for the store where a half did not (in perf).
        var value = Vector256.Create(top);
        for (int j = 0; ; j += Lanes / 2)
        {
            uint equal = Vector256.Equals(Vector256.LoadUnsafe(ref excesses, (nuint)j), value).ExtractMostSignificantBits();
            if (equal != 0)
            {
                int first = j + BitOperations.TrailingZeroCount(equal);
                excess = Unsafe.Add(ref excesses, first);
                return first;
            }
        }
    }

    /// <summary>One dimension's term of the loss at q and, if scanned, at the target, added to each sum.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddLoss<TLoss, TTarget>(ref Vector512<double> sum, ref Vector512<double> atTarget, Vector512<double> x, Vector512<double> s, Vector512<double> q, Vector512<double> t)
        where TLoss : ILossTerm
        where TTarget : ITargetScan
    {
        sum += s * TLoss.Of(q - x);
        if (TTarget.Enabled)
        {
            atTarget += s * TLoss.Of(t - x);
        }
    }

    /// <summary>Whether the capacities pass also scans the States at the Chair's target.</summary>
    private interface ITargetScan
    {
        static abstract bool Enabled { get; }
    }

    /// <summary>It does: the solver will look there first.</summary>
    private readonly struct Scanned : ITargetScan
    {
        public static bool Enabled => true;
    }

    /// <summary>It does not: the closed-form projection scans in its own form.</summary>
    private readonly struct Unscanned : ITargetScan
    {
        public static bool Enabled => false;
    }

    /// <summary>ℓ applied to a vector of differences.</summary>
    private interface ILossTerm
    {
        static abstract Vector512<double> Of(Vector512<double> delta);
    }

    /// <summary>ℓ(δ) = |δ|.</summary>
    private readonly struct AbsoluteTerm : ILossTerm
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<double> Of(Vector512<double> delta) => Vector512.Abs(delta);
    }

    /// <summary>ℓ(δ) = δ².</summary>
    private readonly struct SquareTerm : ILossTerm
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<double> Of(Vector512<double> delta) => delta * delta;
    }
}
