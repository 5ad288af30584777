using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ConsensusSim.Engine.Stages;

/// <summary>
/// The vote-only loop's ring of first-vote noise and its copy of the vote's per-State arrays, in one pinned block of under
/// 4 KB. The processor may hold a load back behind an earlier store whose address agrees with it in the low 12 bits; with
/// separately allocated arrays, the generator's stores to the ring and the vote's loads met that way in some layouts and
/// not others, so the same trial took 58–62 ns in some processes and 52–54 ns in others. Within one block under 4 KB no
/// two places agree in those bits. The used part starts on a 64-byte boundary, so each 64-byte vector the generator stores and
/// the vote loads lies in one cache line: an array's data need not start on one, and where it does not, every such access
/// touches two.
/// </summary>
internal sealed class VoteOnlyMemory
{
    /// <summary>The largest used part that keeps every place apart in the low 12 bits (the array is up to a line longer, to find one).</summary>
    private const int MaxBytes = 4096 - 64;

    /// <summary>The width of a cache line and of the widest vector.</summary>
    private const int LineBytes = 64;

    private readonly float[] _block;
    private readonly int _start;
    private readonly int _stride;
    private readonly int _length;
    private readonly int _ownAt;
    private readonly int _blocAt;
    private readonly int _objectAt;
    private readonly int _statementAt;
    private readonly int _unopposedAt;

    /// <param name="noise">The source whose ring this block stands in for.</param>
    /// <param name="padded">The padded States of the vote (one word: 64).</param>
    public VoteOnlyMemory(NoiseSource noise, int padded)
    {
        _length = noise.FirstBlockLength;
        _stride = noise.BufferLength;
        Debug.Assert(_stride * sizeof(float) % LineBytes == 0, "Whole blocks and a vector of zeros: every slot starts on a boundary.");

        _ownAt = NoiseSource.DrawAheadRing * _stride;
        _blocAt = _ownAt + padded;
        _objectAt = _blocAt + padded;
        _statementAt = _objectAt + padded;

        // The counts of unopposed votes by statements, 0 to 64, as longs: even places, so 8-byte aligned as the array's data is.
        _unopposedAt = _statementAt + padded;
        int floats = _unopposedAt + (2 * (padded + 1));
        if (floats * sizeof(float) > MaxBytes)
        {
            throw new ArgumentOutOfRangeException(nameof(padded), $"The vote-only loop's memory needs {floats * sizeof(float)} bytes, more than {MaxBytes}.");
        }

        // Pinned, so the boundary found once stays one.
        _block = GC.AllocateArray<float>(floats + (LineBytes / sizeof(float)), pinned: true);
        _start = FloatsToLine(AddressOf(ref MemoryMarshal.GetArrayDataReference(_block)));
        _ownAt += _start;
        _blocAt += _start;
        _objectAt += _start;
        _statementAt += _start;
        _unopposedAt += _start;
    }

    /// <summary>Ring buffer <paramref name="slot"/>'s first <see cref="NoiseSource.FirstBlockLength"/> normals, for the generator to write.</summary>
    public Span<float> Slot(int slot) => _block.AsSpan(_start + (slot * _stride), _length);

    /// <summary>The first normal of trial k's buffer (k counted from the chunk's first trial); zeros follow the normals.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref float Noise(long k) => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_block), _start + ((int)(k & (NoiseSource.DrawAheadRing - 1)) * _stride));

    /// <summary>The copy of each State's own-noise weight.</summary>
    public ref float Own => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_block), _ownAt);

    /// <summary>The copy of each State's shock slot.</summary>
    public ref int Bloc => ref Unsafe.As<float, int>(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_block), _blocAt));

    /// <summary>The copy of each State's objection threshold in the vote's venue.</summary>
    public ref float ObjectBelow => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_block), _objectAt);

    /// <summary>The copy of each State's statement threshold.</summary>
    public ref float StatementBelow => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_block), _statementAt);

    /// <summary>The counts of votes without objectors by their statements, 0 to the padded States.</summary>
    public ref long Unopposed => ref Unsafe.As<float, long>(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_block), _unopposedAt));

    /// <summary>Adds the counts of <see cref="Unopposed"/> to <paramref name="counts"/> and clears them.</summary>
    public void MoveUnopposed(long[] counts)
    {
        var own = MemoryMarshal.Cast<float, long>(_block.AsSpan(_unopposedAt));
        for (int s = 0; s < counts.Length; s++)
        {
            counts[s] += own[s];
            own[s] = 0;
        }
    }

    /// <summary>Copies the vote's arrays and the chunk's first two buffers, which the noise source drew when the chunk began, and clears the counts.</summary>
    public void Load(LatentBallot latent, ReadOnlySpan<float> objectBelow, ReadOnlySpan<float> statementBelow, float[][] ring)
    {
        latent.OwnPerState.CopyTo(_block.AsSpan(_ownAt));
        MemoryMarshal.Cast<int, float>(latent.BlocPerState).CopyTo(_block.AsSpan(_blocAt));
        objectBelow.CopyTo(_block.AsSpan(_objectAt));
        statementBelow.CopyTo(_block.AsSpan(_statementAt));
        ring[0].AsSpan(0, _length).CopyTo(Slot(0));
        ring[1].AsSpan(0, _length).CopyTo(Slot(1));

        // A chunk abandoned or thrown out of left its counts behind; they are not this chunk's.
        _block.AsSpan(_unopposedAt).Clear();
    }

    /// <summary>
    /// The floats from <paramref name="address"/> to the next 64-byte boundary (0 on one): at most 15, and even from an
    /// 8-byte-aligned address, as an array's data is.
    /// </summary>
    internal static int FloatsToLine(nint address) =>
        (int)((LineBytes - (address & (LineBytes - 1))) & (LineBytes - 1)) / sizeof(float);

    private static unsafe nint AddressOf(ref float first) => (nint)Unsafe.AsPointer(ref first);
}
