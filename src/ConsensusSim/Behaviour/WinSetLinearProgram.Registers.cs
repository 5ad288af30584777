using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ConsensusSim.Behaviour;

// The ratio test held in registers for the bases of a Chair in two or three dimensions (four or six rows): the sums
// that RatioTest makes one entry at a time through memory, where each entry's sum waited for the store of the one
// before, and for six rows the choice of the leaving row, which the scalar test makes with branches on signs that
// change from pivot to pivot. With four rows those branches are mostly foreseen, and the register choice was 2 % slower
// in a two-dimensional agenda-setter trial: there only the sums are kept in a register.
internal sealed partial class WinSetLinearProgram
{
    /// <summary>Whether a basis of four or six rows may use the ratio test's register forms (for tests that compare them with the scalar one).</summary>
    public bool VectorRatioTest { get; set; } = true;

    /// <summary>Whether <see cref="SixRowRatioTest"/> takes the ratio test: a basis of 6 rows, and 256-bit vectors.</summary>
    private bool SixRows => _n == 6 && Vector256.IsHardwareAccelerated && VectorRatioTest;

    /// <summary>Whether the ratio test sums its multipliers in <see cref="FourRowMultipliersAndWeights"/>: a basis of 4 rows, and 256-bit vectors.</summary>
    private bool FourRows => _n == 4 && Vector256.IsHardwareAccelerated && VectorRatioTest;

    /// <summary><see cref="MultipliersAndWeights"/> for a basis of four rows: the same sums, each in a register until stored.</summary>
    private void FourRowMultipliersAndWeights()
    {
        ref double inverse = ref MemoryMarshal.GetArrayDataReference(_inverse);
        ref double cost = ref MemoryMarshal.GetArrayDataReference(_cost);
        ref double entering = ref MemoryMarshal.GetArrayDataReference(_entering);
        var lambda = Vector256<double>.Zero;
        var alpha = Vector256<double>.Zero;
        for (int i = 0; i < 4; i++)
        {
            var row = Vector256.LoadUnsafe(ref inverse, (nuint)(i * 4));
            lambda += row * Vector256.Create(Unsafe.Add(ref cost, i));
            alpha += row * Vector256.Create(Unsafe.Add(ref entering, i));
        }

        (-lambda).StoreUnsafe(ref MemoryMarshal.GetArrayDataReference(_lambda));
        alpha.StoreUnsafe(ref MemoryMarshal.GetArrayDataReference(_alpha));
    }

    /// <summary>
    /// <see cref="RatioTest"/> for a basis of 6 rows, with the same result: λ and α summed over M⁻¹'s rows in row
    /// order (entries 0–3 in one vector, 4–5 in another), every ratio max(λᵢ, 0)/αᵢ computed at once, the least over
    /// αᵢ above the floor taken, and only the rows tied with it compared one by one.
    /// </summary>
    private int SixRowRatioTest(bool bland)
    {
        ref double inverse = ref MemoryMarshal.GetArrayDataReference(_inverse);
        ref double cost = ref MemoryMarshal.GetArrayDataReference(_cost);
        ref double entering = ref MemoryMarshal.GetArrayDataReference(_entering);
        var lambdaLow = Vector256<double>.Zero;
        var alphaLow = Vector256<double>.Zero;
        var lambdaHigh = Vector128<double>.Zero;
        var alphaHigh = Vector128<double>.Zero;
        for (int i = 0; i < 6; i++)
        {
            ref double row = ref Unsafe.Add(ref inverse, i * 6);
            double ci = Unsafe.Add(ref cost, i), ai = Unsafe.Add(ref entering, i);
            var low = Vector256.LoadUnsafe(ref row);
            var high = Vector128.LoadUnsafe(ref row, 4);
            lambdaLow += low * Vector256.Create(ci);
            alphaLow += low * Vector256.Create(ai);
            lambdaHigh += high * Vector128.Create(ci);
            alphaHigh += high * Vector128.Create(ai);
        }

        ref double alpha = ref MemoryMarshal.GetArrayDataReference(_alpha);
        alphaLow.StoreUnsafe(ref alpha);
        alphaHigh.StoreUnsafe(ref alpha, 4);

        // No value here is NaN, and the sign of a zero |α| or ratio decides nothing (−0 == +0 in every comparison below):
        // the processor's max and min serve, without Math.Max's cases for NaN and signed zeros.
        double largest = Largest(Vector256.Abs(alphaLow), Vector128.Abs(alphaHigh));
        double floor = Math.Max(1e-9 * largest, 1e-14);
        var eligibleLow = Vector256.GreaterThan(alphaLow, Vector256.Create(floor));
        var eligibleHigh = Vector128.GreaterThan(alphaHigh, Vector128.Create(floor));
        uint eligible = eligibleLow.ExtractMostSignificantBits() | (eligibleHigh.ExtractMostSignificantBits() << 4);
        if (eligible == 0)
        {
            return -1;
        }

        // The sums are −λ (MultipliersAndWeights negates them): max(λ, 0) / α, divided lane by lane as the scalar loop does.
        var ratioLow = Vector256.ConditionalSelect(
            eligibleLow,
            Vector256.MaxNative(-lambdaLow, Vector256<double>.Zero) / alphaLow,
            Vector256.Create(double.PositiveInfinity));
        var ratioHigh = Vector128.ConditionalSelect(
            eligibleHigh,
            Vector128.MaxNative(-lambdaHigh, Vector128<double>.Zero) / alphaHigh,
            Vector128.Create(double.PositiveInfinity));
        double best = Least(ratioLow, ratioHigh);
        uint tied = eligible & (Vector256.Equals(ratioLow, Vector256.Create(best)).ExtractMostSignificantBits()
            | (Vector128.Equals(ratioHigh, Vector128.Create(best)).ExtractMostSignificantBits() << 4));

        // The scalar loop's rule among the rows tied at the least ratio: the first with the least key (Bland) or else
        // the first with the largest α.
        int leaving = BitOperations.TrailingZeroCount(tied);
        for (tied &= tied - 1; tied != 0; tied &= tied - 1)
        {
            int i = BitOperations.TrailingZeroCount(tied);
            if (bland ? _key[i] < _key[leaving] : Unsafe.Add(ref alpha, i) > Unsafe.Add(ref alpha, leaving))
            {
                leaving = i;
            }
        }

        return leaving;
    }

    /// <summary>The largest lane of both (no lane is NaN, and ±0 need not be told apart).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Largest(Vector256<double> low, Vector128<double> high)
    {
        var v = Vector128.MaxNative(Vector128.MaxNative(low.GetLower(), low.GetUpper()), high);
        return Vector128.MaxNative(v, Vector128.Shuffle(v, Vector128.Create(1L, 0L))).ToScalar();
    }

    /// <summary>The least lane of both (no lane is NaN, and ±0 need not be told apart).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Least(Vector256<double> low, Vector128<double> high)
    {
        var v = Vector128.MinNative(Vector128.MinNative(low.GetLower(), low.GetUpper()), high);
        return Vector128.MinNative(v, Vector128.Shuffle(v, Vector128.Create(1L, 0L))).ToScalar();
    }
}
