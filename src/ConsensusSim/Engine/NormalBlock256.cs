using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using static ConsensusSim.Engine.NormalBlock;

namespace ConsensusSim.Engine;

/// <summary>The <see cref="Vector256{T}"/> path of <see cref="NormalBlock"/>, for processors without 512-bit vectors.</summary>
internal static class NormalBlock256
{
    /// <summary>Fills <paramref name="destination"/> as <see cref="NormalBlock.Fill(ulong, long, Span{float}, NormalPath)"/> does on this path.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Fill(ulong seed, long trialIndex, Span<float> destination)
    {
        var first = Vector256.Create(KeyOf(seed) + (Counter(trialIndex, 0) * Golden));
        var counterLo = first + (Vector256.Create(0UL, 1, 2, 3) * Golden);
        var counterHi = first + (Vector256.Create(4UL, 5, 6, 7) * Golden);
        var step = Vector256.Create(unchecked(8 * Golden));

        ref float dest = ref MemoryMarshal.GetReference(destination);
        int length = destination.Length;
        int offset = 0;
        for (; length - offset >= BlockLength; offset += BlockLength)
        {
            WholeBlock(counterLo, counterHi, step, ref dest, offset);
            counterLo += step + step;
            counterHi += step + step;
        }

        if (offset < length)
        {
            PartBlock(counterLo, counterHi, step, destination[offset..]);
        }
    }

    /// <summary>The first destination.Length (&lt; 32) normals of the block <see cref="WholeBlock"/> would draw (out of line: at most once a fill, so the loop keeps no buffer).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void PartBlock(Vector256<ulong> counterLo, Vector256<ulong> counterHi, Vector256<ulong> step, Span<float> destination)
    {
        Span<float> block = stackalloc float[BlockLength];
        WholeBlock(counterLo, counterHi, step, ref MemoryMarshal.GetReference(block), 0);
        block[..destination.Length].CopyTo(destination);
    }

    /// <summary>
    /// One whole block of 32 normals from the words at <paramref name="counterLo"/>, <paramref name="counterHi"/> and a
    /// <paramref name="step"/> on. Out of line on purpose: inlined in a loop, the compiler hoists the polynomials'
    /// constants out of it and, with sixteen vector registers, keeps them and the two halves' partial results on the
    /// stack, about forty 32-byte stores and reloads a block over 1.1 KB; where that stretch of stack meets other hot
    /// addresses modulo 4 KB (a load waits behind an earlier store that agrees in the low 12 bits), every trial of the
    /// process runs a quarter slower. Here the constants are read where used, and the block needs no stack.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void WholeBlock(Vector256<ulong> counterLo, Vector256<ulong> counterHi, Vector256<ulong> step, ref float dest, int offset)
    {
        var aLo = Mix(counterLo).AsUInt32();
        var aHi = Mix(counterHi).AsUInt32();
        var bLo = Mix(counterLo + step).AsUInt32();
        var bHi = Mix(counterHi + step).AsUInt32();
        var rLo = Radius(aLo);
        var rHi = Radius(aHi);
        SinCos(bLo, out var sinLo, out var cosLo);
        SinCos(bHi, out var sinHi, out var cosHi);
        (rLo * cosLo).StoreUnsafe(ref dest, (nuint)offset);
        (rHi * cosHi).StoreUnsafe(ref dest, (nuint)(offset + 8));
        (rLo * sinLo).StoreUnsafe(ref dest, (nuint)(offset + 16));
        (rHi * sinHi).StoreUnsafe(ref dest, (nuint)(offset + 24));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> Mix(Vector256<ulong> z)
    {
        z = (z ^ Vector256.ShiftRightLogical(z, 30)) * Mix1;
        z = (z ^ Vector256.ShiftRightLogical(z, 27)) * Mix2;
        return z ^ Vector256.ShiftRightLogical(z, 31);
    }

    /// <summary>√(−2 ln u1) per word, four-lane version.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Radius(Vector256<uint> a)
    {
        var u1 = Vector256.ConvertToSingle((Vector256.ShiftRightLogical(a, 8) + Vector256<uint>.One).AsInt32()) * Unit24;
        var shifted = u1.AsInt32() - Vector256.Create(SqrtHalfBits);
        var e = Vector256.ConvertToSingle(Vector256.ShiftRightArithmetic(shifted, 23));
        var x = ((shifted & Vector256.Create(MantissaMask)) + Vector256.Create(SqrtHalfBits)).AsSingle() - Vector256<float>.One;
        var z = x * x;
        var z2 = z * z;
        var q0 = (((Vector256.Create(L1) * x) + Vector256.Create(L0)) + (((Vector256.Create(L3) * x) + Vector256.Create(L2)) * z)) + ((((Vector256.Create(L5) * x) + Vector256.Create(L4)) + (((Vector256.Create(L7) * x) + Vector256.Create(L6)) * z)) * z2);
        var y = (q0 + (Vector256.Create(L8) * (z2 * z2))) * (x * z);
        y += Vector256.Create(Ln2Low) * e;
        y += Vector256.Create(-0.5f) * z;
        var log = x + y;
        log += Vector256.Create(Ln2High) * e;
        return Vector256.Sqrt(Vector256.Create(-2f) * log);
    }

    /// <summary>sin and cos per word, four-lane version.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SinCos(Vector256<uint> b, out Vector256<float> sin, out Vector256<float> cos)
    {
        var w = Vector256.ShiftRightLogical(b, 8) + Vector256.Create(HalfQuadrant);
        var q = Vector256.ShiftRightLogical(w, 22) & Vector256.Create(3u);
        var phi = Vector256.ConvertToSingle((w & Vector256.Create(QuadrantMask)).AsInt32() - Vector256.Create((int)HalfQuadrant)) * PhiScale;
        var z = phi * phi;
        var s = ((((Vector256.Create(S3) * z) + Vector256.Create(S2)) * z + Vector256.Create(S1)) * z * phi) + phi;
        var c = (((((Vector256.Create(C3) * z) + Vector256.Create(C2)) * z + Vector256.Create(C1)) * z * z) - (Vector256.Create(0.5f) * z)) + Vector256<float>.One;
        var cosSign = Vector256.ShiftLeft((q + Vector256<uint>.One) & Vector256.Create(2u), 30);
        var sinSign = Vector256.ShiftLeft(q & Vector256.Create(2u), 30);
        var swap = Vector256.Equals(q & Vector256<uint>.One, Vector256<uint>.One).AsSingle();
        cos = (Vector256.ConditionalSelect(swap, s, c).AsUInt32() ^ cosSign).AsSingle();
        sin = (Vector256.ConditionalSelect(swap, c, s).AsUInt32() ^ sinSign).AsSingle();
    }
}
