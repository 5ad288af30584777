using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ConsensusSim.Numerics;

/// <summary>
/// The random stream of one trial: xoshiro256** whose state is derived by SplitMix64 from
/// (run seed, trial index), so a trial's draws never depend on threads, chunks or shards.
/// </summary>
/// <remarks>
/// The project owns its generator because <c>System.Random(seed)</c> is a legacy algorithm whose
/// sequence the runtime may change, and MathNet's generators lock on every draw by default.
/// <threadsafety>A mutable value type: give each thread its own copy.</threadsafety>
/// </remarks>
public struct TrialRandom
{
    private const double DoubleUnit = 1.0 / (1UL << 53);
    private const ulong TrialOffset = 0x632BE59BD9B4E019UL;

    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    /// <summary>
    /// Refused: a stream needs a state, from <see cref="ForTrial"/>, <see cref="FromSplitMix"/> or <see cref="FromState"/>.
    /// Without one the state is all zeros, which xoshiro never leaves: every draw would be 0 and
    /// <see cref="NextNormal"/> would never return. (<c>default(TrialRandom)</c> has that state too; it is only a placeholder.)
    /// </summary>
    /// <exception cref="InvalidOperationException">Always.</exception>
    public TrialRandom() =>
        throw new InvalidOperationException("A TrialRandom needs a state: create it with TrialRandom.ForTrial(seed, trial), FromSplitMix or FromState.");

    /// <summary>Creates the stream of trial <paramref name="trialIndex"/> of a run seeded with <paramref name="seed"/>.</summary>
    /// <param name="seed">The run's seed.</param>
    /// <param name="trialIndex">The zero-based index of the trial within the run; negative indices give streams no trial draws from (a sweep design uses -1).</param>
    /// <returns>A generator positioned at the start of that trial's stream.</returns>
    public static TrialRandom ForTrial(ulong seed, long trialIndex)
    {
        return FromSplitMix(SplitMixStart(seed, trialIndex));
    }

    /// <summary>
    /// The first <see cref="NextDouble"/> of trial <paramref name="trialIndex"/>'s stream, without the rest of its state:
    /// xoshiro256**'s first output reads only the second state word, the second SplitMix64 output. For a trial that draws
    /// one uniform and nothing after it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double FirstDouble(ulong seed, long trialIndex) =>
        (Scramble(SplitMix64.Output(SplitMixStart(seed, trialIndex), 2)) >> 11) * DoubleUnit;

    /// <summary>
    /// <see cref="FirstDouble"/> of trials <paramref name="firstTrial"/> to firstTrial + 7, lane by lane the same bits: for a
    /// loop that draws eight trials' one uniform at once (its products want AVX-512 DQ to be fast).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<double> FirstDoubles(ulong seed, long firstTrial)
    {
        var trials = Vector512.Create(unchecked((ulong)firstTrial)) + Vector512<ulong>.Indices;
        var start = Vector512.Create(seed) ^ SplitMix64.Mix(trials + Vector512.Create(TrialOffset));
        var s1 = SplitMix64.Output(start, 2) * Vector512.Create(5UL);
        var scrambled = ((s1 << 7) | (s1 >>> 57)) * Vector512.Create(9UL);

        // Below 2^53, so the conversion is exact, as the scalar one is.
        return Vector512.ConvertToDouble(scrambled >>> 11) * Vector512.Create(DoubleUnit);
    }

    /// <summary>
    /// The SplitMix64 state trial <paramref name="trialIndex"/>'s stream is seeded from. Mixing the index before the XOR
    /// keeps trial → start state a bijection for one seed, so no two trials of a run share a stream (unlike seed +
    /// trialIndex schemes).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong SplitMixStart(ulong seed, long trialIndex) =>
        seed ^ SplitMix64.Mix(unchecked((ulong)trialIndex) + TrialOffset);

    /// <summary>xoshiro256**'s output function of its second state word.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Scramble(ulong s1) => ulong.RotateLeft(s1 * 5, 7) * 9;

    /// <summary>Creates a generator whose 256-bit state is four outputs of SplitMix64 started at <paramref name="splitMixState"/>.</summary>
    /// <param name="splitMixState">The initial SplitMix64 state.</param>
    /// <returns>The seeded generator.</returns>
    public static TrialRandom FromSplitMix(ulong splitMixState)
    {
        var r = default(TrialRandom);
        r._s0 = SplitMix64.Next(ref splitMixState);
        r._s1 = SplitMix64.Next(ref splitMixState);
        r._s2 = SplitMix64.Next(ref splitMixState);
        r._s3 = SplitMix64.Next(ref splitMixState);
        return r;
    }

    /// <summary>Creates a generator from an explicit xoshiro256** state (used by known-answer tests).</summary>
    /// <param name="s0">State word 0.</param>
    /// <param name="s1">State word 1.</param>
    /// <param name="s2">State word 2.</param>
    /// <param name="s3">State word 3.</param>
    /// <returns>The generator.</returns>
    /// <exception cref="ArgumentException">All four words are zero, a state xoshiro never leaves.</exception>
    public static TrialRandom FromState(ulong s0, ulong s1, ulong s2, ulong s3)
    {
        if ((s0 | s1 | s2 | s3) == 0)
        {
            throw new ArgumentException("The all-zero state is not allowed for xoshiro256**.", nameof(s0));
        }

        var random = default(TrialRandom);
        random._s0 = s0;
        random._s1 = s1;
        random._s2 = s2;
        random._s3 = s3;
        return random;
    }

    /// <summary>Returns the next 64 random bits.</summary>
    /// <returns>A uniformly distributed 64-bit value.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong NextUInt64()
    {
        ulong result = Scramble(_s1);
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Returns a uniform double in [0, 1) with 53 random bits.</summary>
    /// <returns>The draw.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextDouble() => (NextUInt64() >> 11) * DoubleUnit;

    /// <summary>Returns a standard normal draw (256-layer ziggurat: one 64-bit draw in about 99 % of calls).</summary>
    /// <returns>A draw from N(0, 1).</returns>
    /// <remarks>
    /// The rare paths' logarithm and exponential are the library's own (<see cref="DeterministicMath"/>), and so are the
    /// layer tables', so a custom behaviour drawing normals gets the same bits on every machine.
    /// Fully inlined, rare paths included: calling out of line would pass the generator by reference
    /// and push its state out of registers, which doubled the cost per normal in measurements.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextNormal()
    {
        ref double ratio = ref MemoryMarshal.GetArrayDataReference(Ziggurat.Ratio);
        ref double edge = ref MemoryMarshal.GetArrayDataReference(Ziggurat.X);
        while (true)
        {
            // The top 53 bits give u in (−1, 1); the low 8 bits, independent of them, pick the layer.
            ulong bits = NextUInt64();
            double u = ((bits >> 11) * (2.0 * DoubleUnit)) - 1.0;
            int layer = (int)(bits & (Ziggurat.Layers - 1));
            if (Math.Abs(u) < Unsafe.Add(ref ratio, layer))
            {
                return u * Unsafe.Add(ref edge, layer);
            }

            if (layer == 0)
            {
                // Marsaglia's tail method beyond R.
                double x, y;
                do
                {
                    x = DeterministicMath.Log(NextOpenDouble()) / Ziggurat.R;
                    y = DeterministicMath.Log(NextOpenDouble());
                }
                while (-2 * y < x * x);

                return u < 0 ? x - Ziggurat.R : Ziggurat.R - x;
            }

            double candidate = u * Unsafe.Add(ref edge, layer);
            double outer = Unsafe.Add(ref edge, layer);
            double inner = Unsafe.Add(ref edge, layer + 1);
            double f0 = DeterministicMath.Exp(-0.5 * ((outer * outer) - (candidate * candidate)));
            double f1 = DeterministicMath.Exp(-0.5 * ((inner * inner) - (candidate * candidate)));
            if (f1 + (NextDouble() * (f0 - f1)) < 1.0)
            {
                return candidate;
            }
        }
    }

    /// <summary>A uniform double in (0, 1], for logarithms.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double NextOpenDouble() => ((NextUInt64() >> 11) + 1) * DoubleUnit;
}
