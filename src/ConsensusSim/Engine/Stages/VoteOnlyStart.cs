using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using ConsensusSim.Numerics;

namespace ConsensusSim.Engine.Stages;

/// <summary>
/// What a trial of the vote-only loop does before its vote. The loop is generic over it, so the reference trial's loop
/// compiles without any of the default scenario's draw, and keeps more of the vote's addresses in registers.
/// </summary>
internal interface IVoteOnlyStart
{
    /// <summary>
    /// Whether the loop votes on copies of the vote's arrays in its own block of memory (<see cref="VoteOnlyMemory"/>): where
    /// no trial changes them, or where the start writes its thresholds into the arrays the vote reads
    /// (<see cref="EightLinkagesStart"/>). A start that writes the workspace's thresholds (<see cref="DrawnLinkageStart"/>)
    /// votes on the workspace's.
    /// </summary>
    static abstract bool VotesOnCopies { get; }

    /// <summary>
    /// Whether every trial votes on the same thresholds (the start changes none), so that two trials may be voted on
    /// together (<see cref="LatentVote256.EvaluateWordPairNested"/>, whose count of statements also needs every State's
    /// thresholds nested, as <see cref="FusedSingleVoteLoop.TakesFixedThresholdsLoop"/> checks them where no linkage is drawn).
    /// </summary>
    static abstract bool SameThresholdsEachTrial { get; }

    /// <summary>Starts trial <paramref name="trial"/> of the run with <paramref name="seed"/>.</summary>
    /// <param name="seed">The run's seed.</param>
    /// <param name="trial">The trial.</param>
    /// <param name="objectBelow">The objection thresholds the vote reads, in its venue.</param>
    /// <param name="statementBelow">The statement thresholds the vote reads.</param>
    /// <returns>Whether every objection threshold of the vote is still at most its statement threshold, as far as this start changed them.</returns>
    bool Begin(ulong seed, long trial, ref float objectBelow, ref float statementBelow);
}

/// <summary>Trials whose thresholds are fixed for the run: nothing to do.</summary>
internal readonly struct FixedThresholdsStart : IVoteOnlyStart
{
    /// <inheritdoc/>
    public static bool VotesOnCopies => true;

    /// <inheritdoc/>
    public static bool SameThresholdsEachTrial => true;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Begin(ulong seed, long trial, ref float objectBelow, ref float statementBelow) => true;
}

/// <summary>
/// Trials that first draw one State's linkage (<see cref="LinkageRedraw"/>): the trial's draw is applied, and the next
/// trial's drawn, a chain of dependent multiplications that then runs beside this trial's vote.
/// </summary>
internal struct DrawnLinkageStart : IVoteOnlyStart
{
    private readonly LinkageRedraw _redraw;
    private double _next;

    /// <summary>A start for trials from <paramref name="firstTrial"/> on, whose linkage it draws now.</summary>
    public DrawnLinkageStart(LinkageRedraw redraw, ulong seed, long firstTrial)
    {
        _redraw = redraw;
        _next = redraw.Draw(seed, firstTrial);
    }

    /// <inheritdoc/>
    public static bool VotesOnCopies => false;

    /// <inheritdoc/>
    public static bool SameThresholdsEachTrial => false;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Begin(ulong seed, long trial, ref float objectBelow, ref float statementBelow)
    {
        // The vote reads the workspace's arrays, which Apply writes.
        bool nested = _redraw.Apply(_next);
        _next = _redraw.Draw(seed, trial + 1);
        return nested;
    }
}

/// <summary>
/// Trials that first draw one State's linkage (<see cref="LinkageRedraw"/>) where the processor cannot draw eight in
/// vectors (<see cref="EightLinkagesStart"/>, which needs AVX-512): the same draws and thresholds
/// (<see cref="LinkageRedraw.Draw"/>, <see cref="LinkageRedraw.VoteThresholds"/>), for eight trials one after another
/// every eighth trial, so that eight independent chains of dependent operations overlap, each trial then writing only its
/// two thresholds into the rows of eight the vote reads: for the vote on copies in <see cref="VoteOnlyMemory"/>. The
/// workspace's own arrays are not written.
/// </summary>
internal struct BatchedLinkageStart : IVoteOnlyStart
{
    private const int Batch = 8;
    private readonly LinkageRedraw _redraw;
    private Thresholds _statements;
    private Thresholds _objections;
    private int _lane;

    /// <summary>A start whose first trial draws the first batch.</summary>
    public BatchedLinkageStart(LinkageRedraw redraw)
    {
        _redraw = redraw;
        _lane = Batch;
    }

    /// <inheritdoc/>
    public static bool VotesOnCopies => true;

    /// <inheritdoc/>
    public static bool SameThresholdsEachTrial => false;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Begin(ulong seed, long trial, ref float objectBelow, ref float statementBelow)
    {
        if (_lane == Batch)
        {
            DrawBatch(seed, trial);
        }

        int lane = _lane++;
        return _redraw.ApplyToVoteOfEight(_statements[lane], _objections[lane], ref objectBelow, ref statementBelow);
    }

    /// <summary>The thresholds of trials <paramref name="trial"/> to trial + 7 (those past the chunk's end are drawn and not used).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal void DrawBatch(ulong seed, long trial)
    {
        var redraw = _redraw;
        for (int k = 0; k < Batch; k++)
        {
            (_statements[k], _objections[k]) = redraw.VoteThresholds(redraw.Draw(seed, trial + k));
        }

        _lane = 0;
    }

    /// <summary>Eight trials' thresholds of one kind.</summary>
    [InlineArray(Batch)]
    private struct Thresholds
    {
        private float _first;
    }
}

/// <summary>
/// Trials that first draw one State's linkage (<see cref="LinkageRedraw"/>) in groups of eight, in vectors and a group
/// ahead (<see cref="LinkageRedraw.LocateEight"/>, then <see cref="LinkageRedraw.VoteThresholdsOfEight(in EightPieces)"/>),
/// each trial then writing only its two thresholds into the arrays the vote reads: for the vote on copies in
/// <see cref="VoteOnlyMemory"/>. Drawn one at a time, the draw was a chain of dependent operations about as long as the
/// trial, which the processor overlapped with the votes only partly, and hardly at all when another thread shared the
/// core. The workspace's own arrays are not written.
/// </summary>
internal struct EightLinkagesStart : IVoteOnlyStart
{
    private const int Group = 8;
    private const int SecondHalf = 4;

    private readonly LinkageRedraw _redraw;
    private Vector512<float> _thresholds;
    private Vector512<float> _nextThresholds;
    private EightPieces _nextPieces;
    private int _lane;

    /// <summary>A start for trials from <paramref name="firstTrial"/> on, whose first eight it draws now.</summary>
    public EightLinkagesStart(LinkageRedraw redraw, ulong seed, long firstTrial)
    {
        _redraw = redraw;
        _nextThresholds = redraw.VoteThresholdsOfEight(seed, firstTrial);
        _lane = Group;
    }

    /// <inheritdoc/>
    public static bool VotesOnCopies => true;

    /// <inheritdoc/>
    public static bool SameThresholdsEachTrial => false;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Begin(ulong seed, long trial, ref float objectBelow, ref float statementBelow)
    {
        // The next eight are drawn in two halves, at the first and the fifth trial of these eight, so that each half's chain
        // of dependent operations runs beside the votes; the whole chain at once outlasted what the processor could overlap.
        if (_lane == Group)
        {
            _thresholds = _nextThresholds;
            _nextPieces = _redraw.LocateEight(seed, trial + Group);
            _lane = 0;
        }
        else if (_lane == SecondHalf)
        {
            _nextThresholds = _redraw.VoteThresholdsOfEight(_nextPieces);
        }

        return _redraw.ApplyToVote(_thresholds, _lane++, ref objectBelow, ref statementBelow);
    }
}
