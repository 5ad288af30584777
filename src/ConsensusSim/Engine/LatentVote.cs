using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ConsensusSim.Engine;

/// <summary>
/// One vote of the latent-normal behaviours, for all States at once: State i's latent value is
/// z_i = shared[bloc_i] + own_i·ε_i, and it objects when z_i is below its objection threshold, or joins
/// with a statement when z_i is below its statement threshold. The comparison is in single precision
/// (the noise has 24 bits; the caller rounds thresholds and shocks to float); the Vector512 and scalar
/// paths do the same float operations (a multiply, then an add) and so give the same bits.
/// </summary>
/// <remarks>
/// Arrays are padded to a multiple of <see cref="Width"/> States; padding lanes carry thresholds of −∞,
/// so they never object or make statements.
/// </remarks>
internal static partial class LatentVote
{
    /// <summary>The padding unit: 16 States (floats) per iteration of the vector loop.</summary>
    public const int Width = 16;

    /// <summary>The States of one word of objector bits: four steps.</summary>
    public const int WordStates = 64;

    /// <summary>The most blocs the vector path holds in one register.</summary>
    public const int MaxVectorBlocs = 16;

    /// <summary>Rounds a State count up to whole iterations.</summary>
    public static int Padded(int states) => (states + Width - 1) / Width * Width;

    /// <summary>Evaluates the vote; sets bit i of <paramref name="objects"/> for each objector and returns the number of statements.</summary>
    /// <param name="noise">ε, at least the padded length.</param>
    /// <param name="own">Each State's own-noise weight √(1 − ρ) of its bloc, padded.</param>
    /// <param name="bloc">Each State's bloc index, padded (padding lanes: 0).</param>
    /// <param name="shared">Each bloc's shared shock √ρ·η for this vote. The vector path runs only when exactly <see cref="MaxVectorBlocs"/> values are given (zeros beyond the blocs); any other length takes the scalar path.</param>
    /// <param name="objectBelow">Objection thresholds, padded with −∞.</param>
    /// <param name="statementBelow">Statement thresholds, padded with −∞.</param>
    /// <param name="objects">One bit per State, length padded / 64 rounded up; overwritten.</param>
    /// <param name="vector">Whether a vector path may be taken: sixteen States a step with AVX-512, eight with AVX2 where every State's bloc index is below <see cref="LatentVote256.MaxBlocs"/>.</param>
    /// <returns>The number of States that do not object but join with a statement.</returns>
    public static int Evaluate(
        ReadOnlySpan<float> noise,
        ReadOnlySpan<float> own,
        ReadOnlySpan<int> bloc,
        ReadOnlySpan<float> shared,
        ReadOnlySpan<float> objectBelow,
        ReadOnlySpan<float> statementBelow,
        Span<ulong> objects,
        bool vector)
    {
        // The eight-State vote's register holds eight shock slots; a State reading a later one goes to the scalar vote.
        bool wide = Wide;
        if (!vector || shared.Length != MaxVectorBlocs
            || (!wide && (!LatentVote256.Available || bloc.ContainsAnyExceptInRange(0, LatentVote256.MaxBlocs - 1))))
        {
            return EvaluateScalar(noise, own, bloc, shared, objectBelow, statementBelow, objects);
        }

        // The blocs' shocks go into one register, from which the vote hands each State its bloc's shock.
        ref float sharedShocks = ref MemoryMarshal.GetReference(shared);
        ref float e = ref MemoryMarshal.GetReference(noise);
        ref float w = ref MemoryMarshal.GetReference(own);
        ref int b = ref MemoryMarshal.GetReference(bloc);
        ref float o = ref MemoryMarshal.GetReference(objectBelow);
        ref float s = ref MemoryMarshal.GetReference(statementBelow);
        ref ulong words = ref MemoryMarshal.GetReference(objects);
        return wide
            ? EvaluateVector512(Vector512.LoadUnsafe(ref sharedShocks), ref e, ref w, ref b, ref o, ref s, ref words, objectBelow.Length)
            : LatentVote256.Evaluate(Vector256.LoadUnsafe(ref sharedShocks), ref e, ref w, ref b, ref o, ref s, ref words, objectBelow.Length);
    }

    /// <summary>Whether the vector vote is sixteen States a step (AVX-512) rather than eight (<see cref="LatentVote256"/>).</summary>
    public static bool Wide
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Avx512F.IsSupported && Vector512.IsHardwareAccelerated;
    }

    /// <summary>Whether <see cref="Evaluate"/> takes a vector path for this many blocs (the zero slot included) on this machine.</summary>
    public static bool VectorAvailable(int blocs) =>
        Wide ? blocs <= MaxVectorBlocs : LatentVote256.Available && blocs <= LatentVote256.MaxBlocs;

    private static int EvaluateScalar(
        ReadOnlySpan<float> noise,
        ReadOnlySpan<float> own,
        ReadOnlySpan<int> bloc,
        ReadOnlySpan<float> shared,
        ReadOnlySpan<float> objectBelow,
        ReadOnlySpan<float> statementBelow,
        Span<ulong> objects)
    {
        objects.Clear();
        int statements = 0;
        for (int i = 0; i < objectBelow.Length; i++)
        {
            float z = shared[bloc[i]] + (own[i] * noise[i]);
            bool objects_i = z < objectBelow[i];
            objects[i >> 6] |= (objects_i ? 1UL : 0UL) << (i & 63);
            statements += !objects_i && z < statementBelow[i] ? 1 : 0;
        }

        return statements;
    }

    /// <summary>
    /// The vector vote over <paramref name="length"/> padded States (a multiple of <see cref="Width"/>), with the blocs' shocks
    /// already in a register; inlined into loops that keep the arrays' addresses in registers from one trial to the next.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int EvaluateVector512(Vector512<float> sharedShocks, ref float e, ref float w, ref int b, ref float o, ref float s, ref ulong words, int length)
    {
        // vpermps hands each State its bloc's shock from the register of shocks.
        int statements = 0;
        for (int word = 0; word * 64 < length; word++)
        {
            ulong bits = 0;
            int end = Math.Min(length, (word + 1) * 64);
            for (int i = word * 64; i < end; i += Width)
            {
                var z = Avx512F.PermuteVar16x32(sharedShocks, Vector512.LoadUnsafe(ref b, (nuint)i)) + (Vector512.LoadUnsafe(ref w, (nuint)i) * Vector512.LoadUnsafe(ref e, (nuint)i));
                ulong objecting = Vector512.LessThan(z, Vector512.LoadUnsafe(ref o, (nuint)i)).ExtractMostSignificantBits();
                ulong below = Vector512.LessThan(z, Vector512.LoadUnsafe(ref s, (nuint)i)).ExtractMostSignificantBits();
                bits |= objecting << (i & 63);
                statements += BitOperations.PopCount(below & ~objecting);
            }

            Unsafe.Add(ref words, word) = bits;
        }

        return statements;
    }

    /// <summary>
    /// The vector vote of exactly 64 padded States (four steps, one word of objector bits), unrolled; the same operations
    /// as <see cref="EvaluateVector512(Vector512{float}, ref float, ref float, ref int, ref float, ref float, ref ulong, int)"/>.
    /// </summary>
    /// <returns>The objector bits.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong EvaluateWord(Vector512<float> sharedShocks, ref float e, ref float w, ref int b, ref float o, ref float s, out int statements) =>
        EvaluateWord(sharedShocks, Noise(ref e, 0), Noise(ref e, 16), Noise(ref e, 32), Noise(ref e, 48), ref w, ref b, ref o, ref s, out statements);

    /// <summary><see cref="EvaluateWord(Vector512{float}, ref float, ref float, ref int, ref float, ref float, out int)"/> of the normals ε of States 0–15, 16–31, 32–47 and 48–63 in registers.</summary>
    /// <returns>The objector bits.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong EvaluateWord(Vector512<float> sharedShocks, Vector512<float> e0, Vector512<float> e1, Vector512<float> e2, Vector512<float> e3, ref float w, ref int b, ref float o, ref float s, out int statements)
    {
        Latents(sharedShocks, e0, e1, e2, e3, ref w, ref b, out var z0, out var z1, out var z2, out var z3);
        return Tally(z0, z1, z2, z3, ref o, ref s, out statements);
    }

    /// <summary>
    /// <see cref="EvaluateWord(Vector512{float}, ref float, ref float, ref int, ref float, ref float, out int)"/> where no State's objection threshold is above its statement threshold, so that an objector
    /// is also below its statement threshold: the statements are the States below their statement threshold, less the
    /// objectors, whose bits are assembled only in the votes that have one.
    /// </summary>
    /// <returns>The objector bits.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong EvaluateWordNested(Vector512<float> sharedShocks, ref float e, ref float w, ref int b, ref float o, ref float s, out int statements) =>
        EvaluateWordNested(sharedShocks, Noise(ref e, 0), Noise(ref e, 16), Noise(ref e, 32), Noise(ref e, 48), ref w, ref b, ref o, ref s, out statements);

    /// <summary><see cref="EvaluateWordNested(Vector512{float}, ref float, ref float, ref int, ref float, ref float, out int)"/> of the normals ε of States 0–15, 16–31, 32–47 and 48–63 in registers.</summary>
    /// <returns>The objector bits.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong EvaluateWordNested(Vector512<float> sharedShocks, Vector512<float> e0, Vector512<float> e1, Vector512<float> e2, Vector512<float> e3, ref float w, ref int b, ref float o, ref float s, out int statements)
    {
        Latents(sharedShocks, e0, e1, e2, e3, ref w, ref b, out var z0, out var z1, out var z2, out var z3);

        // Every objector is below its statement threshold, so the objection thresholds need their bits only in the votes with
        // an objector (the reference trial: one in seventy); the statement bits are taken in every vote, as a branch on them
        // (taken in one vote in six) would be mispredicted often enough to cost more than the comparisons it saves.
        ulong below = Below(z0, ref s, 0) | Below(z1, ref s, 16) | Below(z2, ref s, 32) | Below(z3, ref s, 48);
        var anyObjecting = LessThan(z0, ref o, 0) | LessThan(z1, ref o, 16) | LessThan(z2, ref o, 32) | LessThan(z3, ref o, 48);
        if (anyObjecting.AsUInt32() == Vector512<uint>.Zero)
        {
            statements = BitOperations.PopCount(below);
            return 0;
        }

        return Tally(z0, z1, z2, z3, ref o, ref s, out statements);
    }

    /// <summary>The objector bits and the statements of one word of States from their latent values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Tally(Vector512<float> z0, Vector512<float> z1, Vector512<float> z2, Vector512<float> z3, ref float o, ref float s, out int statements)
    {
        ulong objecting = Below(z0, ref o, 0) | Below(z1, ref o, 16) | Below(z2, ref o, 32) | Below(z3, ref o, 48);
        ulong below = Below(z0, ref s, 0) | Below(z1, ref s, 16) | Below(z2, ref s, 32) | Below(z3, ref s, 48);
        statements = BitOperations.PopCount(below & ~objecting);
        return objecting;
    }

    /// <summary>Whether no State's objection threshold is above its statement threshold (padding: both −∞), State <paramref name="except"/> aside.</summary>
    internal static bool ObjectionsBelowStatements(ReadOnlySpan<float> objectBelow, ReadOnlySpan<float> statementBelow, int except = -1)
    {
        for (int i = 0; i < objectBelow.Length; i++)
        {
            if (!(objectBelow[i] <= statementBelow[i]) && i != except)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The latent values z of the 64 States of one word, sixteen to a vector.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Latents(
        Vector512<float> sharedShocks, Vector512<float> e0, Vector512<float> e1, Vector512<float> e2, Vector512<float> e3, ref float w, ref int b,
        out Vector512<float> z0, out Vector512<float> z1, out Vector512<float> z2, out Vector512<float> z3)
    {
        z0 = Latent(sharedShocks, e0, ref w, ref b, 0);
        z1 = Latent(sharedShocks, e1, ref w, ref b, 16);
        z2 = Latent(sharedShocks, e2, ref w, ref b, 32);
        z3 = Latent(sharedShocks, e3, ref w, ref b, 48);
    }

    /// <summary>The latent values z of States <paramref name="i"/> to i + 15: their bloc's shock plus their own weighted noise.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Latent(Vector512<float> sharedShocks, Vector512<float> e, ref float w, ref int b, int i) =>
        Avx512F.PermuteVar16x32(sharedShocks, Vector512.LoadUnsafe(ref b, (nuint)i)) + (Vector512.LoadUnsafe(ref w, (nuint)i) * e);

    /// <summary>The normals ε of States <paramref name="i"/> to i + 15.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Noise(ref float e, int i) => Vector512.LoadUnsafe(ref e, (nuint)i);

    /// <summary>Whether the z of States <paramref name="i"/> to i + 15 are below their threshold, lane by lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> LessThan(Vector512<float> z, ref float threshold, int i) => Vector512.LessThan(z, Vector512.LoadUnsafe(ref threshold, (nuint)i));

    /// <summary>The bits of States <paramref name="i"/> to i + 15 whose z is below their threshold, at their places in the word.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Below(Vector512<float> z, ref float threshold, int i) =>
        Vector512.LessThan(z, Vector512.LoadUnsafe(ref threshold, (nuint)i)).ExtractMostSignificantBits() << i;
}
