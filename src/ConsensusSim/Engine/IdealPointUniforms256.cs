using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using static ConsensusSim.Engine.NormalBlock;

namespace ConsensusSim.Engine;

/// <summary>The <see cref="Vector256{T}"/> path of <see cref="IdealPointUniforms"/>: four coordinates per step, for processors without 512-bit vectors.</summary>
internal static class IdealPointUniforms256
{
    /// <summary>
    /// <see cref="IdealPointUniforms.Draw"/> on this path, for at least four elements: where the count is not a whole
    /// number of vectors, the last vector overlaps the one before it instead of running past the end, and writes the
    /// same values into the overlap.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Draw(ulong key, long trialIndex, int first, int step, ref double low, ref double width, ref ulong mask, ref double destination, int count)
    {
        const int Lanes = 4;
        var lanes = Vector256.Create(0UL, 1, 2, 3) * unchecked((ulong)step * Golden);
        var advance = Vector256.Create(unchecked((ulong)(Lanes * step) * Golden));
        var state = Vector256.Create(key + (Counter(trialIndex, first) * Golden)) + lanes;
        int last = count - Lanes, p = 0;
        for (; p <= last; p += Lanes)
        {
            One(state, ref low, ref width, ref mask, ref destination, p);
            state += advance;
        }

        if (p < count)
        {
            One(Vector256.Create(key + (Counter(trialIndex, first + (last * step)) * Golden)) + lanes, ref low, ref width, ref mask, ref destination, last);
        }
    }

    /// <summary>The four elements from <paramref name="p"/> on, from the Weyl states of their words.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void One(Vector256<ulong> state, ref double low, ref double width, ref ulong mask, ref double destination, int p)
    {
        var u = Vector256.ConvertToDouble(Vector256.ShiftRightLogical(Mix(state), 11)) * IdealPointUniforms.Unit;
        var lo = Vector256.LoadUnsafe(ref low, (nuint)p);
        var drawn = lo + (Vector256.LoadUnsafe(ref width, (nuint)p) * u);
        Vector256.ConditionalSelect(Vector256.LoadUnsafe(ref mask, (nuint)p).AsDouble(), drawn, lo).StoreUnsafe(ref destination, (nuint)p);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> Mix(Vector256<ulong> z)
    {
        z = (z ^ Vector256.ShiftRightLogical(z, 30)) * Mix1;
        z = (z ^ Vector256.ShiftRightLogical(z, 27)) * Mix2;
        return z ^ Vector256.ShiftRightLogical(z, 31);
    }
}
