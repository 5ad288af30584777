using System.Runtime.CompilerServices;
using ConsensusSim.Numerics;

namespace ConsensusSim.Engine.Stages;

/// <summary>
/// The normal blocks of a trial's votes. Vote v of a trial draws the block of (seed', trial) with seed' = seed for the
/// first vote and seed ^ Mix(offset + v) after it, so each vote has its own stream and a vote's noise does not depend
/// on how many normals earlier votes used. Where every trial's first vote draws latent normals, those blocks are drawn
/// ahead, two trials at a time, into a ring of <see cref="DrawAheadRing"/> buffers; and where a trial may take three
/// rounds or more, its later votes are drawn in pairs too (votes 1 and 2, 3 and 4, …, except an odd last vote of the
/// plan, drawn alone), which costs half a block when a trial stops after an odd vote and saves more in the rounds that
/// follow. A loop that knows a vote is blocked may have the next vote's blocks drawn then (<see
/// cref="DrawNextVote"/>), before the Chair's revision: the same blocks, drawn earlier.
/// </summary>
internal sealed class NoiseSource
{
    /// <summary>Buffers of first-vote blocks: the pair of trials in hand and the next pair.</summary>
    public const int DrawAheadRing = 4;

    /// <summary>Keys the noise streams of a trial's second and later votes (any constant would do; this one is fixed forever).</summary>
    private const ulong VoteStreamOffset = 0x5DEECE66DA3B1C27UL;

    /// <summary>Keys the noise streams of a package's fallback items (any constant would do; this one is fixed forever).</summary>
    private const ulong FallbackStreamOffset = 0x9E3779B97F4A7C15UL;

    private readonly NormalPath _noisePath;
    private readonly bool _drawAhead;
    private readonly int _length;
    private readonly float[][] _ring;
    private readonly float[][]? _later;
    private readonly int _lastVote;
    private float[] _block;
    private ulong _seed;
    private long _trial;
    private int _vote;
    private int _drawn;

    public NoiseSource(KernelPlan plan)
        : this(plan, plan.DrawAhead)
    {
    }

    /// <summary>A source that draws every block when its vote comes (<paramref name="drawAhead"/> false), as a package's fallback votes need.</summary>
    public NoiseSource(KernelPlan plan, bool drawAhead)
    {
        var c = plan.Scenario;
        _noisePath = plan.Switches.NoisePath;
        _drawAhead = drawAhead;

        // Whole blocks (a partial last block would cost a slower store for nothing), then one vector of zeros so the
        // blocs' shocks can be read as one vector from wherever they start.
        _length = (c.StateCount + plan.Shocks + NormalBlock.BlockLength - 1) / NormalBlock.BlockLength * NormalBlock.BlockLength;
        _block = new float[_length + LatentVote.MaxVectorBlocs];
        _ring = [.. Enumerable.Range(0, DrawAheadRing).Select(_ => new float[_block.Length])];
        if (drawAhead && c.MaxRounds >= 3 && _noisePath is NormalPath.Auto or NormalPath.Vector512)
        {
            _later = [new float[_block.Length], new float[_block.Length]];
        }

        // The plan's last vote has no vote after it to pair with where a trial decides once; a package's trial also decides
        // each item on its own, its votes numbered on from the package's, and where the plan does not say any vote may
        // have one after it.
        _lastVote = plan.Rounds is { } rounds && c.ItemCount == 1 ? rounds.Votes.Length - 1 : int.MaxValue;
    }

    /// <summary>The ring of first-vote blocks: trial k of a chunk (counting from 0) finds its block at k mod <see cref="DrawAheadRing"/>.</summary>
    public float[][] Ring => _ring;

    /// <summary>Starts a chunk of trials [<paramref name="firstTrial"/>, <paramref name="end"/>) of the run with <paramref name="seed"/>.</summary>
    public void BeginChunk(ulong seed, long firstTrial, long end)
    {
        _seed = seed;
        if (_drawAhead)
        {
            DrawFirstBlocks(firstTrial, end, 0);
        }
    }

    /// <summary>Starts trial <paramref name="t"/>, the <paramref name="k"/>-th of a chunk ending before <paramref name="end"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void BeginTrial(long t, long k, long end)
    {
        _trial = t;
        _vote = 0;
        _drawn = 0;
        if (_drawAhead)
        {
            // Every trial's first vote needs its block. Drawing the next two trials' blocks together, before this
            // trial's branches, lets the processor overlap the generator's long dependency chains with each other
            // and with this trial's vote.
            _block = _ring[k & (DrawAheadRing - 1)];
            if ((k & 1) == 0)
            {
                DrawFirstBlocks(t + 2, end, (int)((k + 2) & (DrawAheadRing - 1)));
            }
        }
    }

    /// <summary>
    /// Starts the votes on fallback item <paramref name="item"/> of trial <paramref name="trial"/>: vote v of the item draws
    /// the block of (seed', trial), seed' = seed ^ Mix(offset' + item) for its first vote and seed' ^ Mix(offset + v) after,
    /// so each item's votes have streams of their own, apart from the trial's other votes, whatever the votes before them.
    /// For a source that does not draw ahead.
    /// </summary>
    public void BeginFallbackItem(ulong seed, long trial, int item)
    {
        _seed = seed ^ SplitMix64.Mix(FallbackStreamOffset + (ulong)item);
        _trial = trial;
        _vote = 0;
        _drawn = 0;
    }

    /// <summary>The next vote's normals: the States' own, then the shocks of the blocs that share noise, then zeros.</summary>
    public float[] NextVote()
    {
        var noise = _block;
        if (_vote > 0 && _later is { } later)
        {
            if (_vote > _drawn)
            {
                DrawLater(_vote);
            }

            noise = later[(_vote - 1) & 1];
        }
        else if (_vote > 0 || !_drawAhead)
        {
            NormalBlock.Fill(VoteSeed(_vote), _trial, noise.AsSpan(0, _length), _noisePath);
        }

        _vote++;
        return noise;
    }

    /// <summary>
    /// Draws the next vote's block now rather than when its vote comes (with the vote after it where those are drawn in
    /// pairs), for a loop that already knows it will be taken; nothing if it is drawn already, or on a source that draws
    /// each later block when its vote comes.
    /// </summary>
    public void DrawNextVote()
    {
        if (_vote > 0 && _vote > _drawn && _later is not null)
        {
            DrawLater(_vote);
        }
    }

    /// <summary>
    /// Draws later vote <paramref name="vote"/>'s block into its buffer, (vote − 1) mod 2, with the next vote's if it is odd
    /// and not the plan's last vote of a trial that decides once.
    /// </summary>
    private void DrawLater(int vote)
    {
        var later = _later!;
        if ((vote & 1) == 1 && vote < _lastVote)
        {
            NormalBlock.FillPair(VoteSeed(vote), _trial, later[0].AsSpan(0, _length), VoteSeed(vote + 1), _trial, later[1].AsSpan(0, _length));
            _drawn = vote + 1;
        }
        else
        {
            NormalBlock.Fill(VoteSeed(vote), _trial, later[(vote - 1) & 1].AsSpan(0, _length), _noisePath);
            _drawn = vote;
        }
    }

    /// <summary>The seed of vote <paramref name="vote"/>'s stream.</summary>
    private ulong VoteSeed(int vote) => vote == 0 ? _seed : _seed ^ SplitMix64.Mix(VoteStreamOffset + (ulong)vote);

    /// <summary>Draws the first vote's blocks of trials <paramref name="t"/> and t + 1 (those before <paramref name="end"/>) into buffers <paramref name="slot"/> and slot + 1.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)] // out of line: its fallbacks would take registers from the trial loops
    public void DrawFirstBlocks(long t, long end, int slot) => Draw(t, end, _ring[slot].AsSpan(0, _length), _ring[slot + 1].AsSpan(0, _length));

    /// <summary>The seed of the chunk begun last (<see cref="BeginChunk"/>), whose first-vote blocks the ring holds.</summary>
    public ulong ChunkSeed => _seed;

    /// <summary>Whether first-vote blocks are drawn two trials at a time by <see cref="NormalBlock.FillPair(ulong, long, Span{float}, long, Span{float})"/>, as <see cref="DrawFirstBlocks(long, long, int)"/> draws them whenever both trials are in the chunk.</summary>
    public bool DrawsPairs => _noisePath is NormalPath.Auto or NormalPath.Vector512;

    /// <summary>The normals of a trial's first vote that the generator writes: the States', the blocs' shocks, then up to a block's end.</summary>
    public int FirstBlockLength => _length;

    /// <summary>The length of a ring buffer: <see cref="FirstBlockLength"/>, then zeros, so the blocs' shocks can be read as one vector.</summary>
    public int BufferLength => _block.Length;

    /// <summary>Draws the first vote's blocks of trials <paramref name="t"/> and t + 1 (those before <paramref name="end"/>) into <paramref name="first"/> and <paramref name="second"/>, <see cref="FirstBlockLength"/> each.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public void DrawFirstBlocks(long t, long end, Span<float> first, Span<float> second) => Draw(t, end, first, second);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Draw(long t, long end, Span<float> first, Span<float> second)
    {
        if (t + 1 < end && _noisePath is NormalPath.Auto or NormalPath.Vector512)
        {
            NormalBlock.FillPair(_seed, t, first, t + 1, second);
        }
        else if (t < end)
        {
            NormalBlock.Fill(_seed, t, first, _noisePath);
            if (t + 1 < end)
            {
                NormalBlock.Fill(_seed, t + 1, second, _noisePath);
            }
        }
    }
}
