using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ConsensusSim.Engine;

/// <summary>
/// <see cref="LatentVote"/>'s vector vote for processors with 256-bit vectors but not 512-bit ones (AVX2 without AVX-512:
/// most laptops and desktops, and many servers): eight States a step, the blocs' shocks in one register of eight slots,
/// so at most seven correlated blocs and the zero slot. The same float multiply, then add, and the same comparisons as
/// the other paths, so the same bits.
/// </summary>
internal static class LatentVote256
{
    /// <summary>States per step.</summary>
    private const int Step = 8;

    /// <summary>The shock slots one register holds: the most blocs, the zero slot included, this path votes on.</summary>
    public const int MaxBlocs = 8;

    /// <summary>Whether this machine runs this path at speed.</summary>
    public static bool Available => Avx2.IsSupported && Vector256.IsHardwareAccelerated;

    /// <summary>
    /// The blocs' shocks √ρ·η of slots 0 to 7 from the normals η that follow the States: the same double multiply and rounding
    /// to float as the other paths (slots past the last correlated bloc get ±0, their scale being 0).
    /// </summary>
    /// <param name="noise">The vote's first normal; eight values past the States must follow.</param>
    /// <param name="states">The States, whose normals come first.</param>
    /// <param name="scaleLow">√ρ of slots 0 to 3.</param>
    /// <param name="scaleHigh">√ρ of slots 4 to 7.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Shocks(ref float noise, int states, Vector256<double> scaleLow, Vector256<double> scaleHigh)
    {
        var eta = Vector256.LoadUnsafe(ref noise, (nuint)states);
        return Vector256.Narrow(Vector256.WidenLower(eta) * scaleLow, Vector256.WidenUpper(eta) * scaleHigh);
    }

    /// <summary>
    /// The vote of exactly one word of 64 padded States, unrolled: the statements are counted in a vector and the objectors'
    /// bits are assembled only in the votes that have one (the reference trial: one in seventy).
    /// </summary>
    /// <param name="shocks">The blocs' shocks, slot by slot.</param>
    /// <param name="e">The States' normals ε.</param>
    /// <param name="w">Their own-noise weights.</param>
    /// <param name="b">Their shock slots.</param>
    /// <param name="o">Their objection thresholds.</param>
    /// <param name="s">Their statement thresholds.</param>
    /// <param name="statements">The States below their statement threshold that do not object.</param>
    /// <returns>The objector bits.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong EvaluateWord(Vector256<float> shocks, ref float e, ref float w, ref int b, ref float o, ref float s, out int statements)
    {
        var objecting = Vector256<float>.Zero;
        var count = Vector256<int>.Zero;
        Tally(shocks, ref e, ref w, ref b, ref o, ref s, 0, ref objecting, ref count);
        Tally(shocks, ref e, ref w, ref b, ref o, ref s, 8, ref objecting, ref count);
        Tally(shocks, ref e, ref w, ref b, ref o, ref s, 16, ref objecting, ref count);
        Tally(shocks, ref e, ref w, ref b, ref o, ref s, 24, ref objecting, ref count);
        Tally(shocks, ref e, ref w, ref b, ref o, ref s, 32, ref objecting, ref count);
        Tally(shocks, ref e, ref w, ref b, ref o, ref s, 40, ref objecting, ref count);
        Tally(shocks, ref e, ref w, ref b, ref o, ref s, 48, ref objecting, ref count);
        Tally(shocks, ref e, ref w, ref b, ref o, ref s, 56, ref objecting, ref count);

        // Each lane of a comparison is 0 or −1.
        statements = -Vector256.Sum(count);
        return objecting == Vector256<float>.Zero ? 0 : Objectors(shocks, ref e, ref w, ref b, ref o, LatentVote.WordStates);
    }

    /// <summary>
    /// <see cref="EvaluateWord"/> of two trials on the same thresholds, where no objection threshold is above its statement
    /// threshold: each step loads the States' weights, shock slots and thresholds once for both trials, whose work is
    /// independent and interleaves; without AVX-512 the generator keeps the vector units busy, and the loads and the loop's
    /// work around a vote shared this way take about a seventh of the vote's cost off the reference trial. A trial's
    /// statements are counted as the States below their statement threshold less the objectors, which only the votes with
    /// an objector count; that equals <see cref="EvaluateWord"/>'s count because every objector is below its statement
    /// threshold. Both take the latent values from the same method, so the objectors are the same.
    /// </summary>
    /// <param name="shocks">The first trial's blocs' shocks, slot by slot.</param>
    /// <param name="otherShocks">The second trial's.</param>
    /// <param name="e">The first trial's normals ε.</param>
    /// <param name="otherE">The second trial's.</param>
    /// <param name="w">The States' own-noise weights.</param>
    /// <param name="b">Their shock slots.</param>
    /// <param name="o">Their objection thresholds.</param>
    /// <param name="s">Their statement thresholds.</param>
    /// <param name="objectors">The first trial's objector bits.</param>
    /// <param name="statements">Its States below their statement threshold that do not object.</param>
    /// <param name="otherObjectors">The second trial's objector bits.</param>
    /// <param name="otherStatements">Its statements.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void EvaluateWordPairNested(
        Vector256<float> shocks,
        Vector256<float> otherShocks,
        ref float e,
        ref float otherE,
        ref float w,
        ref int b,
        ref float o,
        ref float s,
        out ulong objectors,
        out int statements,
        out ulong otherObjectors,
        out int otherStatements)
    {
        var objecting = Vector256<float>.Zero;
        var count = Vector256<int>.Zero;
        var otherObjecting = Vector256<float>.Zero;
        var otherCount = Vector256<int>.Zero;
        TallyPair(shocks, otherShocks, ref e, ref otherE, ref w, ref b, ref o, ref s, 0, ref objecting, ref count, ref otherObjecting, ref otherCount);
        TallyPair(shocks, otherShocks, ref e, ref otherE, ref w, ref b, ref o, ref s, 8, ref objecting, ref count, ref otherObjecting, ref otherCount);
        TallyPair(shocks, otherShocks, ref e, ref otherE, ref w, ref b, ref o, ref s, 16, ref objecting, ref count, ref otherObjecting, ref otherCount);
        TallyPair(shocks, otherShocks, ref e, ref otherE, ref w, ref b, ref o, ref s, 24, ref objecting, ref count, ref otherObjecting, ref otherCount);
        TallyPair(shocks, otherShocks, ref e, ref otherE, ref w, ref b, ref o, ref s, 32, ref objecting, ref count, ref otherObjecting, ref otherCount);
        TallyPair(shocks, otherShocks, ref e, ref otherE, ref w, ref b, ref o, ref s, 40, ref objecting, ref count, ref otherObjecting, ref otherCount);
        TallyPair(shocks, otherShocks, ref e, ref otherE, ref w, ref b, ref o, ref s, 48, ref objecting, ref count, ref otherObjecting, ref otherCount);
        TallyPair(shocks, otherShocks, ref e, ref otherE, ref w, ref b, ref o, ref s, 56, ref objecting, ref count, ref otherObjecting, ref otherCount);

        statements = -Vector256.Sum(count);
        otherStatements = -Vector256.Sum(otherCount);
        objectors = objecting == Vector256<float>.Zero ? 0 : Objectors(shocks, ref e, ref w, ref b, ref o, LatentVote.WordStates);
        otherObjectors = otherObjecting == Vector256<float>.Zero ? 0 : Objectors(otherShocks, ref otherE, ref w, ref b, ref o, LatentVote.WordStates);
        statements -= BitOperations.PopCount(objectors);
        otherStatements -= BitOperations.PopCount(otherObjectors);
    }

    /// <summary>
    /// The vote of <paramref name="length"/> padded States (a multiple of eight), word by word, as
    /// <see cref="LatentVote.Evaluate"/> gives it.
    /// </summary>
    /// <returns>The States below their statement threshold that do not object.</returns>
    public static int Evaluate(Vector256<float> shocks, ref float e, ref float w, ref int b, ref float o, ref float s, ref ulong words, int length)
    {
        var objecting = Vector256<float>.Zero;
        var count = Vector256<int>.Zero;
        for (int i = 0; i < length; i += Step)
        {
            Tally(shocks, ref e, ref w, ref b, ref o, ref s, i, ref objecting, ref count);
        }

        // Summed before the calls below: a vector live across a call is kept on the stack, and the JIT then stored and
        // reloaded it in every step of the loop above.
        int statements = -Vector256.Sum(count);
        for (int word = 0; word * LatentVote.WordStates < length; word++)
        {
            int first = word * LatentVote.WordStates;
            Unsafe.Add(ref words, word) = objecting == Vector256<float>.Zero
                ? 0
                : Objectors(
                    shocks,
                    ref Unsafe.Add(ref e, first),
                    ref Unsafe.Add(ref w, first),
                    ref Unsafe.Add(ref b, first),
                    ref Unsafe.Add(ref o, first),
                    Math.Min(LatentVote.WordStates, length - first));
        }

        return statements;
    }

    /// <summary>One step of eight States: adds their objection lanes to <paramref name="objecting"/> and counts their statements (as −1s).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Tally(Vector256<float> shocks, ref float e, ref float w, ref int b, ref float o, ref float s, int i, ref Vector256<float> objecting, ref Vector256<int> count)
    {
        var z = Latent(shocks, ref e, ref w, ref b, i);
        var objects = Vector256.LessThan(z, Vector256.LoadUnsafe(ref o, (nuint)i));
        var below = Vector256.LessThan(z, Vector256.LoadUnsafe(ref s, (nuint)i));
        objecting |= objects;
        count += Vector256.AndNot(below, objects).AsInt32();
    }

    /// <summary>
    /// One step of eight States in each of two trials on the same nested thresholds: adds each trial's objection lanes to
    /// its <c>objecting</c> and counts its States below their statement thresholds, objectors included (as −1s).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void TallyPair(
        Vector256<float> shocks,
        Vector256<float> otherShocks,
        ref float e,
        ref float otherE,
        ref float w,
        ref int b,
        ref float o,
        ref float s,
        int i,
        ref Vector256<float> objecting,
        ref Vector256<int> count,
        ref Vector256<float> otherObjecting,
        ref Vector256<int> otherCount)
    {
        var slots = Vector256.LoadUnsafe(ref b, (nuint)i);
        var weights = Vector256.LoadUnsafe(ref w, (nuint)i);
        var objectBelow = Vector256.LoadUnsafe(ref o, (nuint)i);
        var statementBelow = Vector256.LoadUnsafe(ref s, (nuint)i);
        var z = Latent(shocks, slots, weights, ref e, i);
        var otherZ = Latent(otherShocks, slots, weights, ref otherE, i);
        objecting |= Vector256.LessThan(z, objectBelow);
        count += Vector256.LessThan(z, statementBelow).AsInt32();
        otherObjecting |= Vector256.LessThan(otherZ, objectBelow);
        otherCount += Vector256.LessThan(otherZ, statementBelow).AsInt32();
    }

    /// <summary>The latent values z of States <paramref name="i"/> to i + 7: their bloc's shock plus their own weighted noise.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Latent(Vector256<float> shocks, ref float e, ref float w, ref int b, int i) =>
        Latent(shocks, Vector256.LoadUnsafe(ref b, (nuint)i), Vector256.LoadUnsafe(ref w, (nuint)i), ref e, i);

    /// <summary>The latent values z of States <paramref name="i"/> to i + 7 from their shock slots and weights already loaded (two trials share them).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Latent(Vector256<float> shocks, Vector256<int> slots, Vector256<float> weights, ref float e, int i) =>
        Avx2.PermuteVar8x32(shocks, slots) + (weights * Vector256.LoadUnsafe(ref e, (nuint)i));

    /// <summary>The objector bits of up to one word of States, recomputed (out of line: only votes with an objector need them).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ulong Objectors(Vector256<float> shocks, ref float e, ref float w, ref int b, ref float o, int length)
    {
        ulong bits = 0;
        for (int i = 0; i < length; i += Step)
        {
            var z = Latent(shocks, ref e, ref w, ref b, i);
            bits |= (ulong)Vector256.LessThan(z, Vector256.LoadUnsafe(ref o, (nuint)i)).ExtractMostSignificantBits() << i;
        }

        return bits;
    }
}
