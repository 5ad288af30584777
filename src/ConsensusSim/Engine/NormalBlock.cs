using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using ConsensusSim.Numerics;

namespace ConsensusSim.Engine;

/// <summary>
/// A block of standard normal floats for one trial, from a counter-based stream addressed by (seed, trial):
/// every 64-bit word is the SplitMix64 finaliser of its own counter, then Box–Muller in float with the project's
/// own log and sin/cos polynomials, so the <see cref="Vector512{T}"/>, <see cref="Vector256{T}"/> and scalar
/// paths give bit-identical output.
/// </summary>
/// <remarks>
/// <para><b>Words.</b> Word i (0 ≤ i &lt; 2²⁰) of trial t is output number t·2²⁰ + i of the SplitMix64 generator
/// (Steele, Lea and Flood 2014) seeded with the key K = Mix(seed ⊕ <c>0xE32BE59BD9B4E019</c>):
/// <c>Mix(K + (t·2²⁰ + i + 1)·γ)</c>, γ = <c>0x9E3779B97F4A7C15</c>. Each trial therefore reads its own stretch of one
/// SplitMix64 stream, consecutive within the trial. Mix is a bijection and the counters of one key are distinct, so no
/// two words of one stream come from the same counter: no trial can repeat or overlap another trial's words. A trial's
/// later votes use other keys (seed ⊕ Mix(offset + v)), whose streams are other stretches of the same SplitMix64 cycle;
/// they meet a first vote's words only if the keys lie within the run's span of each other, with probability about
/// 4·T·w / 2⁶⁴ for T trials of w words (2⁻¹⁷ at 10¹² trials of 32 words, 2⁻³⁰ at 10⁸). Nothing is set up per trial (a
/// lane-seeded generator spent as much on seeding as on drawing a 57-State trial's 32 words). Across trials, word i
/// follows the stream with stride 2²⁰·γ: 24 bit transitions, as many as Java's SplittableRandom requires of a stream
/// increment, though not odd as it also requires — the 20 low counter bits stay fixed across trials (the period of
/// that subsequence is 2⁴⁴, the trial limit) and the finaliser's first xor-shift, by 30 bits, mixes them from above.</para>
/// <para><b>Blocks.</b> Block b of 32 normals takes words 16b to 16b + 15: A_k = word 16b + k and B_k = word 16b + 8 + k
/// (0 ≤ k &lt; 8). Each word is two 32-bit halves, low then high, giving 16 halves A_j and B_j: half j comes from word
/// j / 2 (the low half when j is even). Block element j (0 ≤ j &lt; 16) is r_j·cos θ_j and element
/// 16 + j is r_j·sin θ_j, where r_j = √(−2 ln u1) with u1 = (⌊A_j / 2⁸⌋ + 1)·2⁻²⁴ in (0, 1], and
/// θ_j = 2π·u2 with u2 = ⌊B_j / 2⁸⌋·2⁻²⁴ in [0, 1). Only the top 24 bits of each half are used (a
/// float's precision), so |z| ≤ √(48 ln 2) ≈ 5.77; a true normal exceeds that with probability 8·10⁻⁹.
/// A destination whose length is not a multiple of 32 gets a prefix of the last block, so a shorter
/// fill is always a prefix of a longer one.</para>
/// <para><b>Approximations.</b> ln uses exponent extraction to m in [√½, √2) and Cephes' degree-9
/// logf polynomial in m − 1, evaluated by Estrin's scheme for a short dependency chain; sin and cos
/// take the quadrant from the top two bits of u2 and evaluate Cephes' sinf/cosf polynomials on
/// [−π/4, π/4). Over all 2²⁴ possible inputs the measured maximum
/// error is 8.1·10⁻⁸ relative for ln (asserted below <see cref="LogBound"/>) and 9.1·10⁻⁸ absolute for
/// sin and cos (asserted below <see cref="SinCosBound"/>), against double-precision Math.Log, Sin and Cos.</para>
/// <para><b>Bit identity.</b> All paths run the same float operations in the same order: plain
/// multiply and add (the JIT does not contract them into FMA), IEEE square root, exact integer to float
/// conversions and integer sign and quadrant handling.</para>
/// </remarks>
internal static class NormalBlock
{
    /// <summary>Normals produced per block (sixteen words, two normals per pair of 32-bit halves).</summary>
    public const int BlockLength = 32;

    /// <summary>Words per trial in the counter layout: trial t owns counters t·2²⁰ to t·2²⁰ + 2²⁰ − 1.</summary>
    public const int WordsPerTrial = 1 << CounterShift;

    /// <summary>The most normals one fill may draw (two per word); a longer destination is refused.</summary>
    public const int MaxLength = 2 * WordsPerTrial;

    /// <summary>The largest trial index plus one: t·2²⁰ must stay below 2⁶⁴.</summary>
    public const long TrialLimit = 1L << (64 - CounterShift);

    /// <summary>Documented bound on the relative error of <see cref="LogUnit"/> against <c>Math.Log</c>.</summary>
    public const double LogBound = 1.5e-7;

    /// <summary>Documented bound on the absolute error of <see cref="SinCosTurn"/> against <c>Math.Sin</c> and <c>Math.Cos</c>.</summary>
    public const double SinCosBound = 1.2e-7;

    internal const int CounterShift = 20;
    internal const ulong Golden = 0x9E3779B97F4A7C15UL;
    internal const ulong KeyOffset = 0xE32BE59BD9B4E019UL;
    internal const ulong Mix1 = 0xBF58476D1CE4E5B9UL;
    internal const ulong Mix2 = 0x94D049BB133111EBUL;

    // Uniforms and angle.
    internal const float Unit24 = 5.9604644775390625E-8f; // 2^-24
    internal const uint HalfQuadrant = 1u << 21;
    internal const uint QuadrantMask = (1u << 22) - 1;
    internal const float PhiScale = 3.7450702821e-7f; // (float)(π/2) · 2^-22; any value works for bit identity, since all paths share it

    // ln: m in [√½, √2) via the bit pattern of √½.
    internal const int SqrtHalfBits = 0x3F3504F3;
    internal const int MantissaMask = 0x007FFFFF;
    internal const float L8 = 7.0376836292E-2f;
    internal const float L7 = -1.1514610310E-1f;
    internal const float L6 = 1.1676998740E-1f;
    internal const float L5 = -1.2420140846E-1f;
    internal const float L4 = 1.4249322787E-1f;
    internal const float L3 = -1.6668057665E-1f;
    internal const float L2 = 2.0000714765E-1f;
    internal const float L1 = -2.4999993993E-1f;
    internal const float L0 = 3.3333331174E-1f;
    internal const float Ln2Low = -2.12194440E-4f;
    internal const float Ln2High = 0.693359375f;

    // sin and cos on [−π/4, π/4].
    internal const float S3 = -1.9515295891E-4f;
    internal const float S2 = 8.3321608736E-3f;
    internal const float S1 = -1.6666654611E-1f;
    internal const float C3 = 2.443315711809948E-5f;
    internal const float C2 = -1.388731625493765E-3f;
    internal const float C1 = 4.166664568298827E-2f;

    /// <summary>Fills <paramref name="destination"/> with independent N(0, 1) floats of trial <paramref name="trialIndex"/>, on the widest accelerated path.</summary>
    /// <param name="seed">The run's seed.</param>
    /// <param name="trialIndex">The trial, in [0, <see cref="TrialLimit"/>).</param>
    /// <param name="destination">Where the normals go; up to <see cref="MaxLength"/>.</param>
    public static void Fill(ulong seed, long trialIndex, Span<float> destination) => Fill(seed, trialIndex, destination, NormalPath.Auto);

    /// <summary>Fills <paramref name="destination"/> on a chosen path (tests and benchmarks); all paths give the same bits.</summary>
    /// <param name="seed">The run's seed.</param>
    /// <param name="trialIndex">The trial, in [0, <see cref="TrialLimit"/>).</param>
    /// <param name="destination">Where the normals go; up to <see cref="MaxLength"/>.</param>
    /// <param name="path">The implementation; a vector path that is not accelerated still runs, slowly.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="trialIndex"/> is negative or not below <see cref="TrialLimit"/>, or the destination is longer than <see cref="MaxLength"/>.</exception>
    public static void Fill(ulong seed, long trialIndex, Span<float> destination, NormalPath path)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(trialIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(trialIndex, TrialLimit);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(destination.Length, MaxLength, nameof(destination));
        if (destination.IsEmpty)
        {
            return;
        }

        if (path == NormalPath.Auto)
        {
            path = Vector512.IsHardwareAccelerated ? NormalPath.Vector512
                : Vector256.IsHardwareAccelerated ? NormalPath.Vector256
                : NormalPath.Scalar;
        }

        switch (path)
        {
            case NormalPath.Vector512:
                NormalBlock512.Fill(seed, trialIndex, destination);
                break;
            case NormalPath.Vector256:
                NormalBlock256.Fill(seed, trialIndex, destination);
                break;
            case NormalPath.Scalar:
                FillScalar(seed, trialIndex, destination);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(path), path, "Unknown path.");
        }
    }

    /// <summary>The SplitMix64 key of a seed's stream (see the remarks on the type).</summary>
    /// <param name="seed">The run's seed (or a vote's seed).</param>
    /// <returns>K = Mix(seed ⊕ 0xE32BE59BD9B4E019).</returns>
    internal static ulong KeyOf(ulong seed) => SplitMix64.Mix(seed ^ KeyOffset);

    /// <summary>Word <paramref name="index"/> of trial <paramref name="trialIndex"/> (see the remarks on the type).</summary>
    /// <param name="key">The stream's key, <see cref="KeyOf"/>.</param>
    /// <param name="trialIndex">The trial.</param>
    /// <param name="index">The word, below <see cref="WordsPerTrial"/>.</param>
    /// <returns>Mix(K + (t·2²⁰ + i + 1)·γ).</returns>
    internal static ulong Word(ulong key, long trialIndex, int index) =>
        SplitMix64.Mix(key + (Counter(trialIndex, index) * Golden));

    /// <summary>The counter of a trial's word: t·2²⁰ + i + 1, the SplitMix64 output number plus one.</summary>
    internal static ulong Counter(long trialIndex, int index) => (unchecked((ulong)trialIndex) << CounterShift) + (ulong)index + 1;

    /// <summary>ln u for u in (0, 1] (the scalar kernel shared by every path's definition).</summary>
    /// <param name="u">A positive normal float, at most 1 (larger values also work up to the float range).</param>
    /// <returns>The approximation of ln u.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static float LogUnit(float u)
    {
        int shifted = BitConverter.SingleToInt32Bits(u) - SqrtHalfBits;
        int exponent = shifted >> 23;
        float x = BitConverter.Int32BitsToSingle((shifted & MantissaMask) + SqrtHalfBits) - 1f;
        float e = exponent;
        float z = x * x;
        // Estrin's scheme: the same polynomial as Cephes' Horner form with a third of the latency.
        float z2 = z * z;
        float q0 = (((L1 * x) + L0) + (((L3 * x) + L2) * z)) + ((((L5 * x) + L4) + (((L7 * x) + L6) * z)) * z2);
        float y = (q0 + (L8 * (z2 * z2))) * (x * z);
        y += Ln2Low * e;
        y += -0.5f * z;
        float result = x + y;
        return result + (Ln2High * e);
    }

    /// <summary>sin and cos of 2π·v/2²⁴ for a 24-bit <paramref name="v"/>.</summary>
    /// <param name="v">The angle in units of 2⁻²⁴ turn, below 2²⁴.</param>
    /// <param name="sin">The sine.</param>
    /// <param name="cos">The cosine.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void SinCosTurn(uint v, out float sin, out float cos)
    {
        // v + half a quadrant = q·2²² + (t + 2²¹): the angle is q quadrants plus φ = t·(π/2)/2²², |φ| ≤ π/4.
        uint w = v + HalfQuadrant;
        uint q = (w >> 22) & 3;
        float phi = (int)(w & QuadrantMask) - (int)HalfQuadrant;
        phi *= PhiScale;
        float z = phi * phi;
        float s = ((((S3 * z) + S2) * z + S1) * z * phi) + phi;
        float c = (((((C3 * z) + C2) * z + C1) * z * z) - (0.5f * z)) + 1f;
        uint cosSign = ((q + 1) & 2) << 30;
        uint sinSign = (q & 2) << 30;
        bool swap = (q & 1) != 0;
        float cq = swap ? s : c;
        float sq = swap ? c : s;
        cos = BitConverter.UInt32BitsToSingle(BitConverter.SingleToUInt32Bits(cq) ^ cosSign);
        sin = BitConverter.UInt32BitsToSingle(BitConverter.SingleToUInt32Bits(sq) ^ sinSign);
    }

    private static void FillScalar(ulong seed, long trialIndex, Span<float> destination)
    {
        ulong key = KeyOf(seed);
        Span<float> block = stackalloc float[BlockLength];
        for (int offset = 0, word = 0; offset < destination.Length; offset += BlockLength, word += 16)
        {
            for (int k = 0; k < 8; k++)
            {
                ulong a = Word(key, trialIndex, word + k);
                ulong b = Word(key, trialIndex, word + 8 + k);
                Pair(block, 2 * k, (uint)a, (uint)b);
                Pair(block, (2 * k) + 1, (uint)(a >> 32), (uint)(b >> 32));
            }

            int count = Math.Min(BlockLength, destination.Length - offset);
            block[..count].CopyTo(destination.Slice(offset, count));
        }
    }

    private static void Pair(Span<float> block, int j, uint a, uint b)
    {
        float u1 = (int)((a >> 8) + 1);
        u1 *= Unit24;
        float r = MathF.Sqrt(-2f * LogUnit(u1));
        SinCosTurn(b >> 8, out float sin, out float cos);
        block[j] = r * cos;
        block[16 + j] = r * sin;
    }

    /// <summary>
    /// Fills the blocks of two trials at once, each exactly as <see cref="Fill(ulong, long, Span{float})"/> would
    /// (see <see cref="NormalBlock512.FillPair(ulong, long, Span{float}, ulong, long, Span{float})"/>).
    /// </summary>
    /// <param name="seed">The run's seed.</param>
    /// <param name="first">The first trial.</param>
    /// <param name="firstDestination">Its normals; a whole number of blocks.</param>
    /// <param name="second">The second trial.</param>
    /// <param name="secondDestination">Its normals; the same length.</param>
    public static void FillPair(ulong seed, long first, Span<float> firstDestination, long second, Span<float> secondDestination) =>
        NormalBlock512.FillPair(seed, first, firstDestination, second, secondDestination);

    /// <summary>Fills two blocks of streams of their own at once, each exactly as <see cref="Fill(ulong, long, Span{float})"/> would.</summary>
    /// <param name="firstSeed">The first block's seed.</param>
    /// <param name="first">The first block's trial.</param>
    /// <param name="firstDestination">Its normals; a whole number of blocks.</param>
    /// <param name="secondSeed">The second block's seed.</param>
    /// <param name="second">The second block's trial.</param>
    /// <param name="secondDestination">Its normals; the same length.</param>
    public static void FillPair(ulong firstSeed, long first, Span<float> firstDestination, ulong secondSeed, long second, Span<float> secondDestination) =>
        NormalBlock512.FillPair(firstSeed, first, firstDestination, secondSeed, second, secondDestination);

    /// <summary>Writes the first destination.Length (&lt; 32) values of a block; out of line so the hot loop keeps no buffer.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static void StoreTail(Vector512<float> cosines, Vector512<float> sines, Span<float> destination)
    {
        Block tail = default;
        Span<float> t = tail;
        cosines.CopyTo(t);
        sines.CopyTo(t[16..]);
        t[..destination.Length].CopyTo(destination);
    }

    /// <summary>One block of floats, for the tail of a destination.</summary>
    [InlineArray(BlockLength)]
    private struct Block
    {
        private float _element;
    }
}
