using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using ConsensusSim.Numerics;

namespace ConsensusSim.Engine;

/// <summary>
/// The uniforms a trial's ideal points are drawn from: a counter-based block addressed by (seed, trial), one uniform per
/// (State, dimension) whatever the States' distributions, so the <see cref="Vector512{T}"/>, <see cref="Vector256{T}"/>
/// and scalar paths give bit-identical output and changing one State's distribution moves no other State's point.
/// </summary>
/// <remarks>
/// <para><b>Words.</b> Uniform i (0 ≤ i &lt; n·D, State i / D's coordinate i mod D) of trial t is
/// u = ⌊w / 2¹¹⌋·2⁻⁵³ in [0, 1) — the map of <see cref="TrialRandom.NextDouble"/> — of the word
/// w = Mix(K + (t·2²⁰ + i + 1)·γ), the counter layout and constants of <see cref="NormalBlock"/>, with the key
/// K = <see cref="NormalBlock.KeyOf"/>(seed ⊕ Mix(<see cref="StreamOffset"/>)).</para>
/// <para><b>Apart from the other streams.</b> The noise blocks' keys are KeyOf of seed (a first vote),
/// seed ⊕ Mix(0x5DEECE66DA3B1C27 + v) (later votes) and seed ⊕ Mix(0x9E3779B97F4A7C15 + item) ⊕ Mix(…) (a package's
/// fallback items). Mix is a bijection, so this key equals a vote's only if the offset were 0 or one of those offsets plus
/// a small count, which it is not (the tests check the fallback items' combinations for the counts a run can reach). The
/// rare-event, fallback and retaliation streams (<see cref="TrialRandom.ForTrial"/> of seed ⊕ Mix(their offset)) are
/// xoshiro256** streams seeded elsewhere on the SplitMix64 cycle. As for the noise blocks' later votes, distinct keys
/// give distinct stretches of one SplitMix64 cycle, which meet only with probability about 4·T·w / 2⁶⁴ for T trials of
/// w words.</para>
/// <para><b>Bit identity.</b> The words are integer arithmetic; ⌊w / 2¹¹⌋ has 53 bits, so its conversion to double and
/// the product by 2⁻⁵³ are exact on every path, as is low + width·u evaluated as one product and one sum (the JIT does
/// not contract them into a fused multiply-add).</para>
/// </remarks>
internal static class IdealPointUniforms
{
    /// <summary>The most uniforms a trial has: its counters in <see cref="NormalBlock"/>'s layout.</summary>
    public const int MaxLength = NormalBlock.WordsPerTrial;

    /// <summary>Keys the ideal points' stream (any constant would do; this one is fixed forever).</summary>
    internal const ulong StreamOffset = 0xD6E8FEB86659FD93UL;

    /// <summary>2⁻⁵³, the spacing of the uniforms.</summary>
    internal const double Unit = 1.0 / (1UL << 53);

    /// <summary>The stream's key for a run's seed.</summary>
    /// <param name="seed">The run's seed.</param>
    /// <returns>K = KeyOf(seed ⊕ Mix(<see cref="StreamOffset"/>)).</returns>
    internal static ulong KeyOf(ulong seed) => NormalBlock.KeyOf(seed ^ SplitMix64.Mix(StreamOffset));

    /// <summary>Uniform <paramref name="index"/> of trial <paramref name="trialIndex"/>: the scalar definition every path reproduces.</summary>
    /// <param name="key">The stream's key, <see cref="KeyOf"/>.</param>
    /// <param name="trialIndex">The trial.</param>
    /// <param name="index">The uniform, i·D + k for State i's dimension k.</param>
    /// <returns>⌊Mix(K + (t·2²⁰ + index + 1)·γ) / 2¹¹⌋·2⁻⁵³.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double At(ulong key, long trialIndex, int index) => (NormalBlock.Word(key, trialIndex, index) >> 11) * Unit;

    /// <summary>Fills <paramref name="destination"/> with uniforms 0, 1, … of a trial on a chosen path (tests and benchmarks).</summary>
    /// <param name="seed">The run's seed.</param>
    /// <param name="trialIndex">The trial, in [0, <see cref="NormalBlock.TrialLimit"/>).</param>
    /// <param name="destination">Where the uniforms go; up to <see cref="MaxLength"/>.</param>
    /// <param name="path">The implementation; a vector path that is not accelerated still runs, slowly.</param>
    /// <exception cref="ArgumentOutOfRangeException">The trial is out of range or the destination longer than <see cref="MaxLength"/>.</exception>
    public static void Fill(ulong seed, long trialIndex, Span<double> destination, NormalPath path = NormalPath.Auto)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(trialIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(trialIndex, NormalBlock.TrialLimit);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(destination.Length, MaxLength, nameof(destination));
        int n = destination.Length;
        double[] low = new double[n], width = new double[n];
        ulong[] mask = new ulong[n];
        Array.Fill(width, 1.0);
        Array.Fill(mask, ulong.MaxValue);
        Draw(KeyOf(seed), trialIndex, 0, 1, low, width, mask, destination, path);
    }

    /// <summary>
    /// Writes <c>destination[l] = mask[l] ≠ 0 ? low[l] + (width[l] * u) : low[l]</c> for l below the destination's length,
    /// u the uniform number <paramref name="first"/> + l·<paramref name="step"/> of the trial: a stretch of States'
    /// coordinates in either layout, State-major (step 1) or one dimension of the dimension-major columns (step D).
    /// </summary>
    /// <param name="key">The stream's key, <see cref="KeyOf"/>.</param>
    /// <param name="trialIndex">The trial.</param>
    /// <param name="first">The uniform of the first element.</param>
    /// <param name="step">The uniforms between two elements.</param>
    /// <param name="low">Per element, the interval's lower end, or the value kept where the mask is 0.</param>
    /// <param name="width">Per element, the interval's width.</param>
    /// <param name="mask">Per element, all ones where the element is drawn, 0 where it keeps <paramref name="low"/>.</param>
    /// <param name="destination">Where the values go; the inputs are at least as long. The last uniform's index must stay below <see cref="MaxLength"/>.</param>
    /// <param name="path">The implementation.</param>
    public static void Draw(ulong key, long trialIndex, int first, int step, ReadOnlySpan<double> low, ReadOnlySpan<double> width, ReadOnlySpan<ulong> mask, Span<double> destination, NormalPath path)
    {
        int count = destination.Length;
        if (low.Length < count || width.Length < count || mask.Length < count)
        {
            throw new ArgumentException("The interval and mask cover fewer elements than the destination.", nameof(low));
        }

        if (path == NormalPath.Auto)
        {
            path = Vector512.IsHardwareAccelerated ? NormalPath.Vector512
                : Vector256.IsHardwareAccelerated ? NormalPath.Vector256
                : NormalPath.Scalar;
        }

        ref double lowRef = ref MemoryMarshal.GetReference(low);
        ref double widthRef = ref MemoryMarshal.GetReference(width);
        ref ulong maskRef = ref MemoryMarshal.GetReference(mask);
        ref double dest = ref MemoryMarshal.GetReference(destination);
        switch (path)
        {
            // A stretch shorter than a vector has no vector of its own to overlap its tail with.
            case NormalPath.Vector512 when count >= Vector512<double>.Count:
                IdealPointUniforms512.Draw(key, trialIndex, first, step, ref lowRef, ref widthRef, ref maskRef, ref dest, count);
                break;
            case NormalPath.Vector256 when count >= Vector256<double>.Count:
                IdealPointUniforms256.Draw(key, trialIndex, first, step, ref lowRef, ref widthRef, ref maskRef, ref dest, count);
                break;
            case NormalPath.Vector512 or NormalPath.Vector256 or NormalPath.Scalar:
                DrawScalar(key, trialIndex, first, step, low, width, mask, destination);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(path), path, "Unknown path.");
        }
    }

    /// <summary>The scalar definition of <see cref="Draw"/>.</summary>
    private static void DrawScalar(ulong key, long trialIndex, int first, int step, ReadOnlySpan<double> low, ReadOnlySpan<double> width, ReadOnlySpan<ulong> mask, Span<double> destination)
    {
        for (int l = 0; l < destination.Length; l++)
        {
            destination[l] = mask[l] != 0 ? low[l] + (width[l] * At(key, trialIndex, first + (l * step))) : low[l];
        }
    }
}
