using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ConsensusSim.Engine.Stages;

/// <summary>
/// The AVX2 path of <see cref="IdealColumnsCopy"/> in one to three dimensions: four States at a time, from D vectors of
/// their coordinates, two or three instructions per column (a copy in one dimension) where the scalar copy moves each
/// coordinate alone (about 1 ns each on the 2.6 GHz host).
/// </summary>
internal static class IdealColumnsCopy256
{
    /// <summary>The States a step copies: the fewest a stretch must have to take this path.</summary>
    public const int Width = Lanes;

    private const int Lanes = 4;

    /// <summary>Whether this path runs here.</summary>
    public static bool IsSupported => Avx2.IsSupported;

    /// <summary>
    /// Copies States [<paramref name="first"/>, <paramref name="end"/>), at least four, as <see cref="IdealColumnsCopy.Copy"/>
    /// does: the last four overlap the ones before where the stretch is not a whole number of vectors, and write the same
    /// values into the overlap.
    /// </summary>
    public static void Copy(double[] ideal, double[] columns, int d, int stride, int first, int end)
    {
        ref double source = ref MemoryMarshal.GetArrayDataReference(ideal);
        ref double target = ref MemoryMarshal.GetArrayDataReference(columns);
        int last = end - Lanes;
        for (int i = first; ; i = Math.Min(i + Lanes, last))
        {
            ref double group = ref Unsafe.Add(ref source, i * d);
            if (d == 1)
            {
                Vector256.LoadUnsafe(ref group).StoreUnsafe(ref target, (nuint)i);
            }
            else if (d == 2)
            {
                Pair(Vector256.LoadUnsafe(ref group), Vector256.LoadUnsafe(ref group, Lanes), ref target, (nuint)i, (nuint)stride);
            }
            else
            {
                Triple(Vector256.LoadUnsafe(ref group), Vector256.LoadUnsafe(ref group, Lanes), Vector256.LoadUnsafe(ref group, 2 * Lanes), ref target, (nuint)i, (nuint)stride);
            }

            if (i == last)
            {
                return;
            }
        }
    }

    /// <summary>
    /// From a = (x₀ y₀ x₁ y₁) and b = (x₂ y₂ x₃ y₃): the in-lane unpacks give (x₀ x₂ x₁ x₃) and (y₀ y₂ y₁ y₃), and
    /// swapping the middle two lanes orders each.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Pair(Vector256<double> a, Vector256<double> b, ref double target, nuint i, nuint stride)
    {
        const byte MiddleSwapped = 0b11_01_10_00;
        Avx2.Permute4x64(Avx.UnpackLow(a, b), MiddleSwapped).StoreUnsafe(ref target, i);
        Avx2.Permute4x64(Avx.UnpackHigh(a, b), MiddleSwapped).StoreUnsafe(ref target, stride + i);
    }

    /// <summary>
    /// From a = (x₀ y₀ z₀ x₁), b = (y₁ z₁ x₂ y₂) and c = (z₂ x₃ y₃ z₃): each column's four values are in four different
    /// lanes, so blends gather (x₀ x₃ x₂ x₁), (y₁ y₀ y₃ y₂) and (z₂ z₁ z₀ z₃), and one permute orders each.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Triple(Vector256<double> a, Vector256<double> b, Vector256<double> c, ref double target, nuint i, nuint stride)
    {
        // A blend's bit l takes lane l from its second operand; a permute's field l names the lane that lane l takes.
        Avx2.Permute4x64(Avx.Blend(Avx.Blend(a, b, 0b0100), c, 0b0010), 0b01_10_11_00).StoreUnsafe(ref target, i);
        Avx2.Permute4x64(Avx.Blend(Avx.Blend(a, b, 0b1001), c, 0b0100), 0b10_11_00_01).StoreUnsafe(ref target, stride + i);
        Avx2.Permute4x64(Avx.Blend(Avx.Blend(a, b, 0b0010), c, 0b1001), 0b11_00_01_10).StoreUnsafe(ref target, (2 * stride) + i);
    }
}
