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

    private const int CounterShift = 20;
    private const ulong Golden = 0x9E3779B97F4A7C15UL;
    private const ulong KeyOffset = 0xE32BE59BD9B4E019UL;
    private const ulong Mix1 = 0xBF58476D1CE4E5B9UL;
    private const ulong Mix2 = 0x94D049BB133111EBUL;

    // Uniforms and angle.
    private const float Unit24 = 5.9604644775390625E-8f; // 2^-24
    private const uint HalfQuadrant = 1u << 21;
    private const uint QuadrantMask = (1u << 22) - 1;
    private const float PhiScale = 3.7450702821e-7f; // (float)(π/2) · 2^-22; any value works for bit identity, since all paths share it

    // ln: m in [√½, √2) via the bit pattern of √½.
    private const int SqrtHalfBits = 0x3F3504F3;
    private const int MantissaMask = 0x007FFFFF;
    private const float L8 = 7.0376836292E-2f;
    private const float L7 = -1.1514610310E-1f;
    private const float L6 = 1.1676998740E-1f;
    private const float L5 = -1.2420140846E-1f;
    private const float L4 = 1.4249322787E-1f;
    private const float L3 = -1.6668057665E-1f;
    private const float L2 = 2.0000714765E-1f;
    private const float L1 = -2.4999993993E-1f;
    private const float L0 = 3.3333331174E-1f;
    private const float Ln2Low = -2.12194440E-4f;
    private const float Ln2High = 0.693359375f;

    // sin and cos on [−π/4, π/4].
    private const float S3 = -1.9515295891E-4f;
    private const float S2 = 8.3321608736E-3f;
    private const float S1 = -1.6666654611E-1f;
    private const float C3 = 2.443315711809948E-5f;
    private const float C2 = -1.388731625493765E-3f;
    private const float C1 = 4.166664568298827E-2f;

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
                FillVector512(seed, trialIndex, destination);
                break;
            case NormalPath.Vector256:
                FillVector256(seed, trialIndex, destination);
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
    private static ulong Counter(long trialIndex, int index) => (unchecked((ulong)trialIndex) << CounterShift) + (ulong)index + 1;

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

    private static void FillVector512(ulong seed, long trialIndex, Span<float> destination)
    {
        var counter = FirstCounters(KeyOf(seed), trialIndex);
        var step = Vector512.Create(unchecked(8 * Golden));

        ref float dest = ref MemoryMarshal.GetReference(destination);
        int length = destination.Length;
        int offset = 0;
        while (true)
        {
            var a = Mix(counter).AsUInt32();
            counter += step;
            var b = Mix(counter).AsUInt32();
            counter += step;
            var r = Radius(a);
            SinCos(b, out var sin, out var cos);
            var x = r * cos;
            var y = r * sin;
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

    /// <summary>The Weyl states K + (t·2²⁰ + k + 1)·γ of a trial's words 0 to 7, one per vector lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ulong> FirstCounters(ulong key, long trialIndex) =>
        Vector512.Create(key + (Counter(trialIndex, 0) * Golden)) + (Vector512.Create(0UL, 1, 2, 3, 4, 5, 6, 7) * Golden);

    private static void FillVector256(ulong seed, long trialIndex, Span<float> destination)
    {
        var first = Vector256.Create(KeyOf(seed) + (Counter(trialIndex, 0) * Golden));
        var counterLo = first + (Vector256.Create(0UL, 1, 2, 3) * Golden);
        var counterHi = first + (Vector256.Create(4UL, 5, 6, 7) * Golden);
        var step = Vector256.Create(unchecked(8 * Golden));

        ref float dest = ref MemoryMarshal.GetReference(destination);
        int length = destination.Length;
        int offset = 0;
        while (true)
        {
            var aLo = Mix(counterLo).AsUInt32();
            var aHi = Mix(counterHi).AsUInt32();
            counterLo += step;
            counterHi += step;
            var bLo = Mix(counterLo).AsUInt32();
            var bHi = Mix(counterHi).AsUInt32();
            counterLo += step;
            counterHi += step;
            var rLo = Radius(aLo);
            var rHi = Radius(aHi);
            SinCos(bLo, out var sinLo, out var cosLo);
            SinCos(bHi, out var sinHi, out var cosHi);
            var x0 = rLo * cosLo;
            var x1 = rHi * cosHi;
            var y0 = rLo * sinLo;
            var y1 = rHi * sinHi;
            if (length - offset >= BlockLength)
            {
                x0.StoreUnsafe(ref dest, (nuint)offset);
                x1.StoreUnsafe(ref dest, (nuint)(offset + 8));
                y0.StoreUnsafe(ref dest, (nuint)(offset + 16));
                y1.StoreUnsafe(ref dest, (nuint)(offset + 24));
                offset += BlockLength;
                if (offset == length)
                {
                    return;
                }
            }
            else
            {
                StoreTail(Vector512.Create(x0, x1), Vector512.Create(y0, y1), destination[offset..]);
                return;
            }
        }
    }

    /// <summary>
    /// Fills the blocks of two trials at once, each exactly as <see cref="Fill(ulong, long, Span{float})"/> would: with
    /// two independent chains of hashing and Box–Muller interleaved, the processor overlaps their latencies,
    /// and the constants are loaded once for both.
    /// </summary>
    /// <param name="seed">The run's seed.</param>
    /// <param name="first">The first trial.</param>
    /// <param name="firstDestination">Its normals; a whole number of blocks.</param>
    /// <param name="second">The second trial.</param>
    /// <param name="secondDestination">Its normals; the same length.</param>
    [MethodImpl(MethodImplOptions.NoInlining)] // its own method, so the JIT's inlining budget covers every helper inside it
    public static void FillPair(ulong seed, long first, Span<float> firstDestination, long second, Span<float> secondDestination)
    {
        if (!Vector512.IsHardwareAccelerated || firstDestination.Length != secondDestination.Length || firstDestination.Length % BlockLength != 0
            || (ulong)first >= TrialLimit || (ulong)second >= TrialLimit || firstDestination.Length > MaxLength)
        {
            Fill(seed, first, firstDestination);
            Fill(seed, second, secondDestination);
            return;
        }

        ulong key = KeyOf(seed);
        var counterA = FirstCounters(key, first);
        var counterB = FirstCounters(key, second);
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

    /// <summary>Writes the first destination.Length (&lt; 32) values of a block; out of line so the hot loop keeps no buffer.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void StoreTail(Vector512<float> cosines, Vector512<float> sines, Span<float> destination)
    {
        Block tail = default;
        Span<float> t = tail;
        cosines.CopyTo(t);
        sines.CopyTo(t[16..]);
        t[..destination.Length].CopyTo(destination);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ulong> Mix(Vector512<ulong> z)
    {
        z = (z ^ Vector512.ShiftRightLogical(z, 30)) * Mix1;
        z = (z ^ Vector512.ShiftRightLogical(z, 27)) * Mix2;
        return z ^ Vector512.ShiftRightLogical(z, 31);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> Mix(Vector256<ulong> z)
    {
        z = (z ^ Vector256.ShiftRightLogical(z, 30)) * Mix1;
        z = (z ^ Vector256.ShiftRightLogical(z, 27)) * Mix2;
        return z ^ Vector256.ShiftRightLogical(z, 31);
    }

    /// <summary>√(−2 ln u1) per word; the same operations as <see cref="Pair"/> and <see cref="LogUnit"/>.</summary>
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

    /// <summary>One block of floats, for the tail of a destination.</summary>
    [InlineArray(BlockLength)]
    private struct Block
    {
        private float _element;
    }
}
