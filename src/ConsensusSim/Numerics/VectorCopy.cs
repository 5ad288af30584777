using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ConsensusSim.Numerics;

/// <summary>
/// Copies of short arrays that vector loops read next (<c>ThresholdStage.PrepareAll</c>, the vote, the win-set scans):
/// stored a vector at a time, so that each of those loads finds one store to take its value from. The runtime's block
/// copy stores with another alignment at the tail, and a load that spans two stores still in flight waits for them to
/// reach the cache: on the AVX2 host that wait was about a tenth of an agenda-setter trial. Where the processor has
/// 512-bit vectors the copy stores whole 512-bit ones, as the vote loads its thresholds: a narrower load still finds its
/// value within one store, a wider one would span two.
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
        ref T x = ref MemoryMarshal.GetReference(source[..n]);
        ref T z = ref MemoryMarshal.GetReference(result);
        if (Vector512.IsHardwareAccelerated)
        {
            for (int lanes = Vector512<T>.Count; i + lanes <= n; i += lanes)
            {
                Vector512.LoadUnsafe(ref x, (nuint)i).StoreUnsafe(ref z, (nuint)i);
            }
        }
        else
        {
            for (int lanes = Vector<T>.Count; i + lanes <= n; i += lanes)
            {
                Vector.LoadUnsafe(ref x, (nuint)i).StoreUnsafe(ref z, (nuint)i);
            }
        }

        for (; i < n; i++)
        {
            result[i] = source[i];
        }
    }
}
