using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ConsensusSim.Numerics;

/// <summary>
/// Eight quantiles at once, for a loop that draws eight trials' parameter together: the polynomial pieces of eight lanes
/// are loaded row by row and transposed, so that the Horner steps run on all eight, with the same operations in the same
/// order as <see cref="At(double)"/> and so the same bits lane by lane.
/// </summary>
internal sealed partial class QuantileTable
{
    /// <summary>
    /// Whether <see cref="At(Vector512{double})"/> runs in vectors here: it wants AVX-512 for the transposes and conversions
    /// and AVX2 for the gather of the cells. Elsewhere it is eight calls of <see cref="At(double)"/>.
    /// </summary>
    internal static bool EightAtOnce => Avx512F.IsSupported && Avx512DQ.IsSupported && Avx2.IsSupported;

    /// <summary>
    /// <see cref="At(double)"/> of eight probabilities, lane by lane the same bits. Lanes the table does not cover (0, 1, NaN,
    /// the far tails and octaves left to the exact function) are given by the scalar evaluation.
    /// </summary>
    /// <param name="u">The probabilities.</param>
    /// <returns>The quantiles.</returns>
    internal Vector512<double> At(Vector512<double> u) => Evaluate(Locate(u));

    /// <summary>
    /// The first half of <see cref="At(Vector512{double})"/>: each lane's piece and its place on it. Split so that a loop
    /// can run the halves some trials apart, each a chain of dependent operations short enough to overlap with the trials.
    /// </summary>
    /// <param name="u">The probabilities.</param>
    /// <returns>The pieces, for <see cref="Evaluate(in EightPieces)"/>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal EightPieces Locate(Vector512<double> u)
    {
        // A table of no pieces (every octave left to the exact function) has no piece 0 for the lanes it hands back to read.
        if (!EightAtOnce || _coefficients.Length == 0)
        {
            return new EightPieces(u, default, default, Vector512<long>.Zero);
        }

        var inside = Vector512.GreaterThan(u, Vector512<double>.Zero) & Vector512.LessThan(u, Vector512<double>.One);
        var upper = Vector512.GreaterThanOrEqual(u, Vector512.Create(0.5)).AsInt64();

        // Both operands are positive and not NaN in the lanes kept, where vminpd is Math.Min.
        var w = Avx512F.Min(u, Vector512<double>.One - u);
        var o = Vector512.Max(Vector512.Create(1022L) - (w.AsInt64() >>> 52), Vector512<long>.One);
        var covered = inside.AsInt64() & Vector512.LessThan((o - Vector512<long>.One).AsUInt64(), Vector512.Create((ulong)Octaves)).AsInt64();
        var index = (upper & Vector512.Create((long)Octaves)) + o - Vector512<long>.One;
        var cell = Avx512F.ConvertToVector512Int64(GatherCells(Avx512F.ConvertToVector256Int32(index & covered)));
        var level = cell & Vector512.Create((long)LevelMask);
        var tabulated = covered & ~Vector512.Equals(level, Vector512.Create((long)ExactLevel));

        // The scalar steps, lane by lane: t·2^L with t = w·2^(o+1) − 1, its integer part below 2^L, y ∈ [−1, 1].
        var q = ((w * PowersOfTwo(o + Vector512<long>.One)) - Vector512<double>.One) * PowersOfTwo(level);
        var whole = Avx512F.ConvertToVector256Int32WithTruncation(q);
        var lastPiece = Avx2.ShiftLeftLogicalVariable(Vector256<int>.One, Avx512F.ConvertToVector256Int32(level).AsUInt32()) - Vector256<int>.One;
        var sub = Vector256.Min(whole, lastPiece);
        var y = (Vector512.Create(2.0) * (q - Avx512F.ConvertToVector512Double(sub))) - Vector512<double>.One;

        // Lanes left to the scalar evaluation read piece 0, which exists, and their result is replaced.
        var row = ((Avx512F.ConvertToVector256Int32(cell >>> LevelBits) + sub) * Coefficients) & Avx512F.ConvertToVector256Int32(tabulated);
        return new EightPieces(u, y, row, tabulated);
    }

    /// <summary>The second half of <see cref="At(Vector512{double})"/>: the pieces' polynomials, clamped, the lanes not tabulated given by the scalar evaluation.</summary>
    /// <param name="pieces">The pieces, from <see cref="Locate"/>.</param>
    /// <returns>The quantiles.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal Vector512<double> Evaluate(in EightPieces pieces)
    {
        if (!EightAtOnce || _coefficients.Length == 0)
        {
            return Scalar(pieces.U, Vector512<long>.AllBitsSet);
        }

        var p = Horner(pieces.Row, pieces.Y);
        p = Vector512.ConditionalSelect(
            Vector512.LessThan(p, Vector512.Create(_min)),
            Vector512.Create(_min),
            Vector512.ConditionalSelect(Vector512.GreaterThan(p, Vector512.Create(_max)), Vector512.Create(_max), p));
        return Vector512.EqualsAll(pieces.Tabulated, Vector512<long>.AllBitsSet) ? p : Scalar(pieces.U, ~pieces.Tabulated, p);
    }

    /// <summary>The cells at eight indices, each in range (<see cref="Build"/> allocates the cells pinned, so their address holds).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private unsafe Vector256<int> GatherCells(Vector256<int> index) =>
        Avx2.GatherVector256((int*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_cells)), index, 4);

    /// <summary>2^k lane by lane, for k in a double's normal range.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> PowersOfTwo(Vector512<long> k) => ((k + Vector512.Create(1023L)) << 52).AsDouble();

    /// <summary>The polynomial of each lane's piece (its coefficients begin at <paramref name="row"/>) at its <paramref name="y"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Vector512<double> Horner(Vector256<int> row, Vector512<double> y)
    {
        ref double c = ref MemoryMarshal.GetArrayDataReference(_coefficients);
        var r0 = Vector512.LoadUnsafe(ref c, (nuint)row.GetElement(0));
        var r1 = Vector512.LoadUnsafe(ref c, (nuint)row.GetElement(1));
        var r2 = Vector512.LoadUnsafe(ref c, (nuint)row.GetElement(2));
        var r3 = Vector512.LoadUnsafe(ref c, (nuint)row.GetElement(3));
        var r4 = Vector512.LoadUnsafe(ref c, (nuint)row.GetElement(4));
        var r5 = Vector512.LoadUnsafe(ref c, (nuint)row.GetElement(5));
        var r6 = Vector512.LoadUnsafe(ref c, (nuint)row.GetElement(6));
        var r7 = Vector512.LoadUnsafe(ref c, (nuint)row.GetElement(7));

        // An 8×8 transpose in three steps: pairs of rows interleaved, then pairs of pairs, then halves.
        var a0 = Avx512F.UnpackLow(r0, r1);
        var a1 = Avx512F.UnpackHigh(r0, r1);
        var a2 = Avx512F.UnpackLow(r2, r3);
        var a3 = Avx512F.UnpackHigh(r2, r3);
        var a4 = Avx512F.UnpackLow(r4, r5);
        var a5 = Avx512F.UnpackHigh(r4, r5);
        var a6 = Avx512F.UnpackLow(r6, r7);
        var a7 = Avx512F.UnpackHigh(r6, r7);
        var evens = Vector512.Create(0L, 1, 8, 9, 4, 5, 12, 13);
        var odds = Vector512.Create(2L, 3, 10, 11, 6, 7, 14, 15);
        var b0 = Avx512F.PermuteVar8x64x2(a0, evens, a2); // column 0 of rows 0–3, then column 4
        var b1 = Avx512F.PermuteVar8x64x2(a1, evens, a3); // columns 1 and 5
        var b2 = Avx512F.PermuteVar8x64x2(a0, odds, a2);  // columns 2 and 6
        var b3 = Avx512F.PermuteVar8x64x2(a1, odds, a3);  // columns 3 and 7
        var b4 = Avx512F.PermuteVar8x64x2(a4, evens, a6);
        var b5 = Avx512F.PermuteVar8x64x2(a5, evens, a7);
        var b6 = Avx512F.PermuteVar8x64x2(a4, odds, a6);
        var b7 = Avx512F.PermuteVar8x64x2(a5, odds, a7);
        var low = Vector512.Create(0L, 1, 2, 3, 8, 9, 10, 11);
        var high = Vector512.Create(4L, 5, 6, 7, 12, 13, 14, 15);

        var p = Avx512F.PermuteVar8x64x2(b3, high, b7);
        p = Vector512.FusedMultiplyAdd(p, y, Avx512F.PermuteVar8x64x2(b2, high, b6));
        p = Vector512.FusedMultiplyAdd(p, y, Avx512F.PermuteVar8x64x2(b1, high, b5));
        p = Vector512.FusedMultiplyAdd(p, y, Avx512F.PermuteVar8x64x2(b0, high, b4));
        p = Vector512.FusedMultiplyAdd(p, y, Avx512F.PermuteVar8x64x2(b3, low, b7));
        p = Vector512.FusedMultiplyAdd(p, y, Avx512F.PermuteVar8x64x2(b2, low, b6));
        p = Vector512.FusedMultiplyAdd(p, y, Avx512F.PermuteVar8x64x2(b1, low, b5));
        return Vector512.FusedMultiplyAdd(p, y, Avx512F.PermuteVar8x64x2(b0, low, b4));
    }

    /// <summary>The scalar <see cref="At(double)"/> in the lanes of <paramref name="scalar"/>, the others of <paramref name="vector"/> (out of line: rarely needed).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private Vector512<double> Scalar(Vector512<double> u, Vector512<long> scalar, Vector512<double> vector = default)
    {
        Span<double> lanes = stackalloc double[Vector512<double>.Count];
        for (int lane = 0; lane < lanes.Length; lane++)
        {
            lanes[lane] = scalar.GetElement(lane) != 0 ? At(u.GetElement(lane)) : vector.GetElement(lane);
        }

        return Vector512.Create<double>(lanes);
    }
}

/// <summary>
/// Eight probabilities located in a <see cref="QuantileTable"/>: where each lane's polynomial's coefficients begin and the
/// lane's place y ∈ [−1, 1] on it, and which lanes the table covers (the others are evaluated one by one).
/// </summary>
/// <param name="U">The probabilities.</param>
/// <param name="Y">Each lane's place on its piece.</param>
/// <param name="Row">Each lane's first coefficient's index.</param>
/// <param name="Tabulated">All bits set in the lanes the polynomials give.</param>
internal readonly record struct EightPieces(Vector512<double> U, Vector512<double> Y, Vector256<int> Row, Vector512<long> Tabulated);
