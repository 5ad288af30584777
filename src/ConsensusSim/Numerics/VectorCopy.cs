using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ConsensusSim.Numerics;

/// <summary>
/// Copies of short arrays that vector loops read next (<c>ThresholdStage.PrepareAll</c>, the vote, the win-set scans):
/// stored a vector at a time, so that each of those loads finds one store to take its value from. The runtime's block
/// copy stores with another alignment at the tail, and a load that spans two stores still in flight waits for them to
/// reach the cache: on the AVX2 host that wait was about a tenth of an agenda-setter trial. Where the processor has
/// 512-bit vectors the runtime's copy is kept: there the vote loads 512 bits and the stages 256, so no one width of
/// store serves every reader, and no AVX-512 machine was at hand to measure which pays.
/// </summary>
internal static class VectorCopy
{
    /// <summary>result[i] = source[i] for the first result.Length elements.</summary>
    /// <param name="source">At least as long as <paramref name="result"/>.</param>
    /// <param name="result">Where the elements go.</param>
    public static void Copy<T>(ReadOnlySpan<T> source, Span<T> result)
        where T : unmanaged
    {
        int n = result.Length, i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            source[..n].CopyTo(result);
            return;
        }

        ref T x = ref MemoryMarshal.GetReference(source[..n]);
        ref T z = ref MemoryMarshal.GetReference(result);
        for (int lanes = Vector<T>.Count; i + lanes <= n; i += lanes)
        {
            Vector.LoadUnsafe(ref x, (nuint)i).StoreUnsafe(ref z, (nuint)i);
        }

        for (; i < n; i++)
        {
            result[i] = source[i];
        }
    }
}
