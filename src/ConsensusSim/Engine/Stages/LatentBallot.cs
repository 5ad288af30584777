using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ConsensusSim.Engine.Stages;

/// <summary>
/// A vote of the latent-normal behaviours: draws the vote's noise, adds each State's bloc shock to its own noise, and
/// marks the States whose latent value falls below their objection threshold.
/// </summary>
internal sealed class LatentBallot
{
    private readonly int _n;
    private readonly NoiseSource _noise;
    private readonly double[] _blocShared;
    private readonly bool _vectorVote;

    public LatentBallot(KernelPlan plan, NoiseSource noise)
    {
        var c = plan.Scenario;
        _n = c.StateCount;
        _noise = noise;
        _vectorVote = plan.VectorVote;
        var correlated = plan.CorrelatedBlocs;
        int shocks = correlated.Length;
        int padded = plan.Padded;
        _blocShared = [.. correlated.Select(b => Math.Sqrt(c.BlocCorrelation[b]))];
        double[] blocOwn = [.. c.BlocCorrelation.Select(rho => Math.Sqrt(1 - rho))];
        SharedShock = new float[Math.Max(shocks + 1, LatentVote.MaxVectorBlocs)];
        var scales = new double[LatentVote.MaxVectorBlocs];
        _blocShared.AsSpan(0, Math.Min(shocks, scales.Length)).CopyTo(scales);
        ShockScaleLow = Vector512.Create(scales.AsSpan(0, 8));
        ShockScaleHigh = Vector512.Create(scales.AsSpan(8, 8));
        ShockScaleSlots0To3 = Vector256.Create(scales.AsSpan(0, 4));
        ShockScaleSlots4To7 = Vector256.Create(scales.AsSpan(4, 4));
        OwnPerState = new float[padded];
        BlocPerState = new int[padded];
        for (int i = 0; i < _n; i++)
        {
            OwnPerState[i] = (float)blocOwn[c.Bloc[i]];
            int slot = correlated.IndexOf(c.Bloc[i]);
            BlocPerState[i] = slot >= 0 ? slot : shocks;
        }

        ObjectMask = new ulong[(padded + 63) / 64];
        OneWord = padded == LatentVote.WordStates;
        FewShocksSuffice = BlocPerState.Max() < FewShockSlots;
    }

    /// <summary>Whether the padded States fill exactly one word of objector bits, the unrolled vote's (<see cref="LatentVote.EvaluateWord(System.Runtime.Intrinsics.Vector512{float}, ref float, ref float, ref int, ref float, ref float, out int)"/>).</summary>
    public bool OneWord { get; }

    /// <summary>Whether no State reads a shock slot from <see cref="FewShockSlots"/> on, so that <see cref="FewShocks(float[], int, Vector512{double})"/> may stand for <see cref="Shocks(float[], int, Vector512{double}, Vector512{double})"/>.</summary>
    public bool FewShocksSuffice { get; }

    /// <summary>Per padded State: its own-noise weight √(1 − ρ).</summary>
    public float[] OwnPerState { get; }

    /// <summary>Per padded State: the slot of its bloc's shock (blocs without shared noise share the last slot, whose shock is 0).</summary>
    public int[] BlocPerState { get; }

    /// <summary>The last vote's shocks per slot, √ρ·η rounded to float.</summary>
    public float[] SharedShock { get; }

    /// <summary>One bit per padded State: whether it objected in the last vote.</summary>
    public ulong[] ObjectMask { get; }

    /// <summary>√ρ of the first eight shock slots, 0 beyond the correlated blocs.</summary>
    public Vector512<double> ShockScaleLow { get; }

    /// <summary>√ρ of shock slots 8 to 15.</summary>
    public Vector512<double> ShockScaleHigh { get; }

    /// <summary>√ρ of shock slots 0 to 3, for the eight-State steps of <see cref="LatentVote256"/>.</summary>
    public Vector256<double> ShockScaleSlots0To3 { get; }

    /// <summary>√ρ of shock slots 4 to 7.</summary>
    public Vector256<double> ShockScaleSlots4To7 { get; }

    /// <summary>Draws this vote's noise and marks the objectors in <see cref="ObjectMask"/>; returns the statements.</summary>
    public int Draw(ReadOnlySpan<float> objectBelow, ReadOnlySpan<float> statementBelow)
    {
        var noise = _noise.NextVote();
        var shared = SharedShock;
        var scale = _blocShared;

        // The eight-State vote reads slots the scalar loop writes (the others stay 0).
        if (_vectorVote && LatentVote.Wide)
        {
            Shocks(noise, _n, ShockScaleLow, ShockScaleHigh).StoreUnsafe(ref shared[0]);
        }
        else
        {
            for (int b = 0; b < scale.Length; b++)
            {
                shared[b] = (float)(scale[b] * noise[_n + b]);
            }
        }

        return LatentVote.Evaluate(noise, OwnPerState, BlocPerState, shared.AsSpan(0, _vectorVote ? shared.Length : scale.Length + 1), objectBelow, statementBelow, ObjectMask, _vectorVote);
    }

    /// <summary>
    /// The blocs' shocks √ρ·η of a vote, sixteen at once: the same double multiply and rounding to float as the scalar
    /// loop of <see cref="Draw"/>; blocs past the last correlated one get ±0 (their scale is 0), which is the vector
    /// vote's zero slot (z + ±0 compares alike).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Shocks(float[] noise, int states, Vector512<double> scaleLow, Vector512<double> scaleHigh) =>
        Shocks(ref noise[0], states, scaleLow, scaleHigh);

    /// <summary><see cref="Shocks(float[], int, Vector512{double}, Vector512{double})"/> of the normals from <paramref name="noise"/> on, which sixteen values past the States must follow.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Shocks(ref float noise, int states, Vector512<double> scaleLow, Vector512<double> scaleHigh)
    {
        var eta = Vector512.LoadUnsafe(ref noise, (nuint)states);
        return Vector512.Narrow(Vector512.WidenLower(eta) * scaleLow, Vector512.WidenUpper(eta) * scaleHigh);
    }

    /// <summary>The shock slots <see cref="FewShocks(float[], int, Vector512{double})"/> computes: where no State reads a slot from this one on, it may be used.</summary>
    public const int FewShockSlots = 8;

    /// <summary>
    /// The shocks of <see cref="Shocks(float[], int, Vector512{double}, Vector512{double})"/> where no State reads a slot past 7: the same double multiply and rounding of slots
    /// 0 to 7, in half the width; slots 8 to 15 are +0 instead of ±0, and unread.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> FewShocks(float[] noise, int states, Vector512<double> scaleLow) => FewShocks(ref noise[0], states, scaleLow);

    /// <summary><see cref="FewShocks(float[], int, Vector512{double})"/> of the normals from <paramref name="noise"/> on, which eight values past the States must follow.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> FewShocks(ref float noise, int states, Vector512<double> scaleLow) =>
        ScaleFew(Vector256.LoadUnsafe(ref noise, (nuint)states), scaleLow);

    /// <summary>
    /// <see cref="FewShocks(ref float, int, Vector512{double})"/> of normals in registers: <paramref name="last"/> holds normals
    /// 48–63 of a block of 64, and the j-th normal after the States is normal 48 + <paramref name="index"/>[j], or one of the
    /// zeros that follow the block where that index is 16 to 31; an index below 0 would wrap (only its low five bits count).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> FewShocks(Vector512<float> last, Vector512<int> index, Vector512<double> scaleLow) =>
        ScaleFew(Avx512F.PermuteVar16x32x2(last, index, Vector512<float>.Zero).GetLower(), scaleLow);

    /// <summary>The shocks √ρ·η of slots 0 to 7 from their standard normals η, as <see cref="Shocks(ref float, int, Vector512{double}, Vector512{double})"/> rounds them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> ScaleFew(Vector256<float> eta, Vector512<double> scaleLow) =>
        Avx512F.ConvertToVector256Single(Avx512F.ConvertToVector512Double(eta) * scaleLow).ToVector512();

    /// <summary>Whether State <paramref name="i"/> objected in the last vote.</summary>
    public bool IsObjector(int i) => (ObjectMask[i >> 6] & (1UL << (i & 63))) != 0;
}
