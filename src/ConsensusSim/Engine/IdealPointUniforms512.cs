using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using static ConsensusSim.Engine.NormalBlock;

namespace ConsensusSim.Engine;

/// <summary>The <see cref="Vector512{T}"/> path of <see cref="IdealPointUniforms"/>: eight coordinates per step.</summary>
internal static class IdealPointUniforms512
{
    /// <summary>
    /// <see cref="IdealPointUniforms.Draw"/> on this path, for at least eight elements: where the count is not a whole
    /// number of vectors, the last vector overlaps the one before it instead of running past the end, and writes the
    /// same values into the overlap.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Draw(ulong key, long trialIndex, int first, int step, ref double low, ref double width, ref ulong mask, ref double destination, int count)
    {
        const int Lanes = 8;
        var lanes = Vector512.Create(0UL, 1, 2, 3, 4, 5, 6, 7) * unchecked((ulong)step * Golden);
        var advance = Vector512.Create(unchecked((ulong)(Lanes * step) * Golden));
        var state = Vector512.Create(key + (Counter(trialIndex, first) * Golden)) + lanes;
        int last = count - Lanes, p = 0;
        for (; p <= last; p += Lanes)
        {
            One(state, ref low, ref width, ref mask, ref destination, p);
            state += advance;
        }

        if (p < count)
        {
            One(Vector512.Create(key + (Counter(trialIndex, first + (last * step)) * Golden)) + lanes, ref low, ref width, ref mask, ref destination, last);
        }
    }

    /// <summary>The eight elements from <paramref name="p"/> on, from the Weyl states of their words.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void One(Vector512<ulong> state, ref double low, ref double width, ref ulong mask, ref double destination, int p)
    {
        var u = Vector512.ConvertToDouble(Vector512.ShiftRightLogical(Mix(state), 11)) * IdealPointUniforms.Unit;
        var lo = Vector512.LoadUnsafe(ref low, (nuint)p);
        var drawn = lo + (Vector512.LoadUnsafe(ref width, (nuint)p) * u);
        Vector512.ConditionalSelect(Vector512.LoadUnsafe(ref mask, (nuint)p).AsDouble(), drawn, lo).StoreUnsafe(ref destination, (nuint)p);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ulong> Mix(Vector512<ulong> z)
    {
        z = (z ^ Vector512.ShiftRightLogical(z, 30)) * Mix1;
        z = (z ^ Vector512.ShiftRightLogical(z, 27)) * Mix2;
        return z ^ Vector512.ShiftRightLogical(z, 31);
    }
}
