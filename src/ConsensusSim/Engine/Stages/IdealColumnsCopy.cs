using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ConsensusSim.Engine.Stages;

/// <summary>
/// Copies a stretch of States' ideal points from the State-major layout (index i·D + k) into the dimension-major
/// columns (index k·stride + i): a transposition, so every path writes the same bits. In one to three dimensions with
/// AVX-512 eight States at a time, from D vectors of their coordinates by two-source permutes, and with AVX2 four at a
/// time (<see cref="IdealColumnsCopy256"/>); either costs less than drawing the columns' uniforms a second time.
/// </summary>
internal static class IdealColumnsCopy
{
    private const int Lanes = 8;

    // Per column k, the permute indices: into the first two vectors (0–15; past them any index, replaced next), then
    // for D = 3 keeping those lanes (0–7) or taking the third vector's (8–15).
    private static readonly Vector512<long>[] PairFrom01 = Indices(2, (l, e) => e);
    private static readonly Vector512<long>[] TripleFrom01 = Indices(3, (l, e) => Math.Min(e, (2 * Lanes) - 1));
    private static readonly Vector512<long>[] TripleFrom2 = Indices(3, (l, e) => e < 2 * Lanes ? l : e - Lanes);

    /// <summary>Copies States [<paramref name="first"/>, <paramref name="end"/>) of <paramref name="ideal"/> into <paramref name="columns"/>.</summary>
    /// <param name="ideal">The State-major points.</param>
    /// <param name="columns">The dimension-major columns.</param>
    /// <param name="dimensions">D.</param>
    /// <param name="stride">The columns' spacing between dimensions.</param>
    /// <param name="first">The first State.</param>
    /// <param name="end">The State after the last.</param>
    /// <param name="vector">Whether the vector paths may be used (tests compare them with the scalar copy).</param>
    public static void Copy(double[] ideal, double[] columns, int dimensions, int stride, int first, int end, bool vector = true)
    {
        if (vector && Avx512F.IsSupported && dimensions <= 3 && end - first >= Lanes)
        {
            Permuted(ideal, columns, dimensions, stride, first, end);
            return;
        }

        if (vector && IdealColumnsCopy256.IsSupported && dimensions <= 3 && end - first >= IdealColumnsCopy256.Width)
        {
            IdealColumnsCopy256.Copy(ideal, columns, dimensions, stride, first, end);
            return;
        }

        for (int i = first; i < end; i++)
        {
            for (int k = 0; k < dimensions; k++)
            {
                columns[(k * stride) + i] = ideal[(i * dimensions) + k];
            }
        }
    }

    /// <summary>
    /// Eight States at a time, the last eight overlapping the ones before where the stretch is not a whole number of
    /// vectors. Column k's lane l is coordinate D·l + k of the group: from its first two vectors by one permute, and for
    /// D = 3 from the third by a second.
    /// </summary>
    private static void Permuted(double[] ideal, double[] columns, int d, int stride, int first, int end)
    {
        ref double source = ref MemoryMarshal.GetArrayDataReference(ideal);
        ref double target = ref MemoryMarshal.GetArrayDataReference(columns);
        int last = end - Lanes;
        if (d == 1)
        {
            for (int i = first; ; i = Math.Min(i + Lanes, last))
            {
                Vector512.LoadUnsafe(ref source, (nuint)i).StoreUnsafe(ref target, (nuint)i);
                if (i == last)
                {
                    return;
                }
            }
        }

        if (d == 2)
        {
            var (even, odd) = (PairFrom01[0], PairFrom01[1]);
            for (int i = first; ; i = Math.Min(i + Lanes, last))
            {
                ref double group = ref Unsafe.Add(ref source, i * 2);
                var a = Vector512.LoadUnsafe(ref group);
                var b = Vector512.LoadUnsafe(ref group, Lanes);
                Avx512F.PermuteVar8x64x2(a, even, b).StoreUnsafe(ref target, (nuint)i);
                Avx512F.PermuteVar8x64x2(a, odd, b).StoreUnsafe(ref target, (nuint)(stride + i));
                if (i == last)
                {
                    return;
                }
            }
        }

        var (x01, y01, z01) = (TripleFrom01[0], TripleFrom01[1], TripleFrom01[2]);
        var (x2, y2, z2) = (TripleFrom2[0], TripleFrom2[1], TripleFrom2[2]);
        for (int i = first; ; i = Math.Min(i + Lanes, last))
        {
            ref double group = ref Unsafe.Add(ref source, i * 3);
            var a = Vector512.LoadUnsafe(ref group);
            var b = Vector512.LoadUnsafe(ref group, Lanes);
            var c = Vector512.LoadUnsafe(ref group, 2 * Lanes);
            Avx512F.PermuteVar8x64x2(Avx512F.PermuteVar8x64x2(a, x01, b), x2, c).StoreUnsafe(ref target, (nuint)i);
            Avx512F.PermuteVar8x64x2(Avx512F.PermuteVar8x64x2(a, y01, b), y2, c).StoreUnsafe(ref target, (nuint)(stride + i));
            Avx512F.PermuteVar8x64x2(Avx512F.PermuteVar8x64x2(a, z01, b), z2, c).StoreUnsafe(ref target, (nuint)((2 * stride) + i));
            if (i == last)
            {
                return;
            }
        }
    }

    /// <summary>Per column k of D, the index of each lane l from its element e = D·l + k of the group.</summary>
    private static Vector512<long>[] Indices(int d, Func<int, int, int> index) =>
        [.. Enumerable.Range(0, d).Select(k => Vector512.Create([.. Enumerable.Range(0, Lanes).Select(l => (long)index(l, (d * l) + k))]))];
}
