using System.Numerics;
using System.Runtime.InteropServices;

namespace ConsensusSim.Engine.Stages;

/// <summary>
/// Elementwise loops over the States, a vector of them at a time and the rest one by one. Each lane does the one IEEE
/// operation the scalar loop did, so the bits are the same; over 57 States the scalar loops cost more than the vector
/// gain computation they surround.
/// </summary>
internal static class StateVectors
{
    /// <summary>result[i] = a[i] − b[i] for the first result.Length States.</summary>
    public static void Subtract(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> result)
    {
        int n = result.Length, lanes = Vector<double>.Count, i = 0;
        ref double x = ref MemoryMarshal.GetReference(a[..n]);
        ref double y = ref MemoryMarshal.GetReference(b[..n]);
        ref double z = ref MemoryMarshal.GetReference(result);
        for (; i + lanes <= n; i += lanes)
        {
            (Vector.LoadUnsafe(ref x, (nuint)i) - Vector.LoadUnsafe(ref y, (nuint)i)).StoreUnsafe(ref z, (nuint)i);
        }

        for (; i < n; i++)
        {
            result[i] = a[i] - b[i];
        }
    }

    /// <summary>result[i] = a[i] · factor for the first result.Length States.</summary>
    public static void Scale(ReadOnlySpan<double> a, double factor, Span<double> result)
    {
        int n = result.Length, lanes = Vector<double>.Count, i = 0;
        ref double x = ref MemoryMarshal.GetReference(a[..n]);
        ref double z = ref MemoryMarshal.GetReference(result);
        var f = new Vector<double>(factor);
        for (; i + lanes <= n; i += lanes)
        {
            (Vector.LoadUnsafe(ref x, (nuint)i) * f).StoreUnsafe(ref z, (nuint)i);
        }

        for (; i < n; i++)
        {
            result[i] = a[i] * factor;
        }
    }

    /// <summary>Sets a mask per State for <see cref="AnyObjects"/>: all bits where <paramref name="needed"/>, none elsewhere.</summary>
    public static void Mask(ReadOnlySpan<bool> needed, long[] mask)
    {
        for (int i = 0; i < mask.Length; i++)
        {
            mask[i] = needed[i] ? -1L : 0;
        }
    }

    /// <summary>
    /// Whether some State of <paramref name="mask"/> has a positive <see cref="ThresholdStage.ObjectionMargin"/>
    /// (h − g) − τ: at zero noise it would object. A State outside the mask has its margin masked to +0, never positive.
    /// </summary>
    public static bool AnyObjects(ReadOnlySpan<double> hostage, ReadOnlySpan<double> gain, ReadOnlySpan<double> cost, long[] mask)
    {
        int n = mask.Length, lanes = Vector<double>.Count, i = 0;
        ref double h = ref MemoryMarshal.GetReference(hostage[..n]);
        ref double g = ref MemoryMarshal.GetReference(gain[..n]);
        ref double c = ref MemoryMarshal.GetReference(cost[..n]);
        ref long m = ref MemoryMarshal.GetArrayDataReference(mask);
        var any = Vector<long>.Zero;
        for (; i + lanes <= n; i += lanes)
        {
            var margin = (Vector.LoadUnsafe(ref h, (nuint)i) - Vector.LoadUnsafe(ref g, (nuint)i)) - Vector.LoadUnsafe(ref c, (nuint)i);
            var masked = Vector.AsVectorDouble(Vector.AsVectorInt64(margin) & Vector.LoadUnsafe(ref m, (nuint)i));
            any |= Vector.GreaterThan(masked, Vector<double>.Zero);
        }

        if (any != Vector<long>.Zero)
        {
            return true;
        }

        for (; i < n; i++)
        {
            if (mask[i] != 0 && ThresholdStage.ObjectionMargin(hostage[i], gain[i], cost[i]) > 0)
            {
                return true;
            }
        }

        return false;
    }
}
