using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using static ConsensusSim.Engine.NormalBlock;

namespace ConsensusSim.Engine;

/// <summary>The <see cref="Vector512{T}"/> path of <see cref="NormalBlock"/>: sixteen words per step, and two trials at once.</summary>
internal static class NormalBlock512
{
    /// <summary>Fills <paramref name="destination"/> as <see cref="NormalBlock.Fill(ulong, long, Span{float}, NormalPath)"/> does on this path.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Fill(ulong seed, long trialIndex, Span<float> destination)
    {
        var counter = FirstCounters(KeyOf(seed), trialIndex);
        var step = Vector512.Create(unchecked(8 * Golden));

        ref float dest = ref MemoryMarshal.GetReference(destination);
        int length = destination.Length;
        int offset = 0;
        while (true)
        {
            NextBlock(ref counter, step, out var x, out var y);
            if (length - offset >= BlockLength)
            {
                x.StoreUnsafe(ref dest, (nuint)offset);
                y.StoreUnsafe(ref dest, (nuint)(offset + 16));
                offset += BlockLength;
                if (offset == length)
                {
                    return;
                }
            }
            else
            {
                StoreTail(x, y, destination[offset..]);
                return;
            }
        }
    }

    /// <summary>
    /// The first two blocks (64 normals) of trial <paramref name="trial"/> of the stream keyed by <paramref name="key"/>
    /// (<see cref="NormalBlock.KeyOf"/>), in registers: normals 0–15, 16–31, 32–47 and 48–63, the same bits as
    /// <see cref="Fill(ulong, long, Span{float})"/> stores. The trial must be below <see cref="NormalBlock.TrialLimit"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void TwoBlocks(ulong key, long trial, out Vector512<float> e0, out Vector512<float> e1, out Vector512<float> e2, out Vector512<float> e3)
    {
        var counter = FirstCounters(key, trial);
        var step = Vector512.Create(unchecked(8 * Golden));
        NextBlock(ref counter, step, out e0, out e1);
        NextBlock(ref counter, step, out e2, out e3);
    }

    /// <summary>The next block of 32 normals of a stream, from its counters' Weyl states: cosines first, then sines.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void NextBlock(ref Vector512<ulong> counter, Vector512<ulong> step, out Vector512<float> cosines, out Vector512<float> sines)
    {
        var a = Mix(counter).AsUInt32();
        counter += step;
        var b = Mix(counter).AsUInt32();
        counter += step;
        var r = Radius(a);
        SinCos(b, out var sin, out var cos);
        cosines = r * cos;
        sines = r * sin;
    }

    /// <summary>The Weyl states K + (t·2²⁰ + k + 1)·γ of a trial's words 0 to 7, one per vector lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ulong> FirstCounters(ulong key, long trialIndex) =>
        Vector512.Create(key + (Counter(trialIndex, 0) * Golden)) + (Vector512.Create(0UL, 1, 2, 3, 4, 5, 6, 7) * Golden);

    /// <summary>
    /// Fills the blocks of two trials at once, each exactly as <see cref="NormalBlock.Fill(ulong, long, Span{float})"/> would: with
    /// two independent chains of hashing and Box–Muller interleaved, the processor overlaps their latencies,
    /// and the constants are loaded once for both.
    /// </summary>
    /// <param name="seed">The run's seed.</param>
    /// <param name="first">The first trial.</param>
    /// <param name="firstDestination">Its normals; a whole number of blocks.</param>
    /// <param name="second">The second trial.</param>
    /// <param name="secondDestination">Its normals; the same length.</param>
    public static void FillPair(ulong seed, long first, Span<float> firstDestination, long second, Span<float> secondDestination) =>
        FillPair(seed, first, firstDestination, seed, second, secondDestination);

    /// <summary>Fills two blocks at once, each of its own stream (seed, trial), exactly as two calls of <see cref="NormalBlock.Fill(ulong, long, Span{float})"/> would.</summary>
    /// <param name="firstSeed">The first block's seed.</param>
    /// <param name="first">The first block's trial.</param>
    /// <param name="firstDestination">Its normals; a whole number of blocks.</param>
    /// <param name="secondSeed">The second block's seed.</param>
    /// <param name="second">The second block's trial.</param>
    /// <param name="secondDestination">Its normals; the same length.</param>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)] // its own method, so the JIT's inlining budget covers every helper inside it
    public static void FillPair(ulong firstSeed, long first, Span<float> firstDestination, ulong secondSeed, long second, Span<float> secondDestination)
    {
        if (!Vector512.IsHardwareAccelerated || firstDestination.Length != secondDestination.Length || firstDestination.Length % BlockLength != 0
            || (ulong)first >= TrialLimit || (ulong)second >= TrialLimit || firstDestination.Length > MaxLength)
        {
            NormalBlock.Fill(firstSeed, first, firstDestination);
            NormalBlock.Fill(secondSeed, second, secondDestination);
            return;
        }

        var counterA = FirstCounters(KeyOf(firstSeed), first);
        var counterB = FirstCounters(KeyOf(secondSeed), second);
        var step = Vector512.Create(unchecked(8 * Golden));

        ref float destA = ref MemoryMarshal.GetReference(firstDestination);
        ref float destB = ref MemoryMarshal.GetReference(secondDestination);
        for (int offset = 0; offset < firstDestination.Length; offset += BlockLength)
        {
            var ua = Mix(counterA).AsUInt32();
            var ub = Mix(counterB).AsUInt32();
            counterA += step;
            counterB += step;
            var va = Mix(counterA).AsUInt32();
            var vb = Mix(counterB).AsUInt32();
            counterA += step;
            counterB += step;
            var ra = Radius(ua);
            var rb = Radius(ub);
            SinCos(va, out var sinA, out var cosA);
            SinCos(vb, out var sinB, out var cosB);
            (ra * cosA).StoreUnsafe(ref destA, (nuint)offset);
            (ra * sinA).StoreUnsafe(ref destA, (nuint)(offset + 16));
            (rb * cosB).StoreUnsafe(ref destB, (nuint)offset);
            (rb * sinB).StoreUnsafe(ref destB, (nuint)(offset + 16));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ulong> Mix(Vector512<ulong> z)
    {
        z = (z ^ Vector512.ShiftRightLogical(z, 30)) * Mix1;
        z = (z ^ Vector512.ShiftRightLogical(z, 27)) * Mix2;
        return z ^ Vector512.ShiftRightLogical(z, 31);
    }

    /// <summary>√(−2 ln u1) per word; the same operations as NormalBlock's scalar pair and <see cref="LogUnit"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Radius(Vector512<uint> a)
    {
        var u1 = Vector512.ConvertToSingle((Vector512.ShiftRightLogical(a, 8) + Vector512<uint>.One).AsInt32()) * Unit24;
        var shifted = u1.AsInt32() - Vector512.Create(SqrtHalfBits);
        var e = Vector512.ConvertToSingle(Vector512.ShiftRightArithmetic(shifted, 23));
        var x = ((shifted & Vector512.Create(MantissaMask)) + Vector512.Create(SqrtHalfBits)).AsSingle() - Vector512<float>.One;
        var z = x * x;
        var z2 = z * z;
        var q0 = (((Vector512.Create(L1) * x) + Vector512.Create(L0)) + (((Vector512.Create(L3) * x) + Vector512.Create(L2)) * z)) + ((((Vector512.Create(L5) * x) + Vector512.Create(L4)) + (((Vector512.Create(L7) * x) + Vector512.Create(L6)) * z)) * z2);
        var y = (q0 + (Vector512.Create(L8) * (z2 * z2))) * (x * z);
        y += Vector512.Create(Ln2Low) * e;
        y += Vector512.Create(-0.5f) * z;
        var log = x + y;
        log += Vector512.Create(Ln2High) * e;
        return Vector512.Sqrt(Vector512.Create(-2f) * log);
    }

    /// <summary>sin and cos of 2π·⌊b/2⁸⌋/2²⁴ per word; the same operations as <see cref="SinCosTurn"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SinCos(Vector512<uint> b, out Vector512<float> sin, out Vector512<float> cos)
    {
        var w = Vector512.ShiftRightLogical(b, 8) + Vector512.Create(HalfQuadrant);
        var q = Vector512.ShiftRightLogical(w, 22) & Vector512.Create(3u);
        var phi = Vector512.ConvertToSingle((w & Vector512.Create(QuadrantMask)).AsInt32() - Vector512.Create((int)HalfQuadrant)) * PhiScale;
        var z = phi * phi;
        var s = ((((Vector512.Create(S3) * z) + Vector512.Create(S2)) * z + Vector512.Create(S1)) * z * phi) + phi;
        var c = (((((Vector512.Create(C3) * z) + Vector512.Create(C2)) * z + Vector512.Create(C1)) * z * z) - (Vector512.Create(0.5f) * z)) + Vector512<float>.One;
        var cosSign = Vector512.ShiftLeft((q + Vector512<uint>.One) & Vector512.Create(2u), 30);
        var sinSign = Vector512.ShiftLeft(q & Vector512.Create(2u), 30);
        var swap = Vector512.Equals(q & Vector512<uint>.One, Vector512<uint>.One).AsSingle();
        cos = (Vector512.ConditionalSelect(swap, s, c).AsUInt32() ^ cosSign).AsSingle();
        sin = (Vector512.ConditionalSelect(swap, c, s).AsUInt32() ^ sinSign).AsSingle();
    }
}
