using System.Runtime.CompilerServices;

namespace ConsensusSim.Engine.Stages;

/// <summary>
/// What a trial of the vote-only loop does before its vote. The loop is generic over it, so the reference trial's loop
/// compiles without any of the default scenario's draw, and keeps more of the vote's addresses in registers.
/// </summary>
internal interface IVoteOnlyStart
{
    /// <summary>
    /// Whether the loop votes on copies of the vote's arrays in its own block of memory (<see cref="VoteOnlyMemory"/>): where
    /// no trial changes them. A start that writes thresholds votes on the workspace's, which it writes.
    /// </summary>
    static abstract bool VotesOnCopies { get; }

    /// <summary>Starts trial <paramref name="trial"/> of the run with <paramref name="seed"/>.</summary>
    /// <returns>Whether every objection threshold of the vote is still at most its statement threshold, as far as this start changed them.</returns>
    bool Begin(ulong seed, long trial);
}

/// <summary>Trials whose thresholds are fixed for the run: nothing to do.</summary>
internal readonly struct FixedThresholdsStart : IVoteOnlyStart
{
    /// <inheritdoc/>
    public static bool VotesOnCopies => true;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Begin(ulong seed, long trial) => true;
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
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Begin(ulong seed, long trial)
    {
        bool nested = _redraw.Apply(_next);
        _next = _redraw.Draw(seed, trial + 1);
        return nested;
    }
}
