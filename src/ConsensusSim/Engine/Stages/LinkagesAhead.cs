using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using ConsensusSim.Numerics;

namespace ConsensusSim.Engine.Stages;

/// <summary>
/// The linkages of the trials ahead of a loop that takes its trials in order and applies each trial's linkage in full
/// (the conditional-only loop): where the processor draws eight at once (<see cref="QuantileTable.EightAtOnce"/>), in
/// groups of eight a group ahead, in two halves four trials apart, as <see cref="EightLinkagesStart"/> draws the vote's
/// thresholds; elsewhere one trial ahead. Either way a trial's linkage is <see cref="LinkageRedraw.Draw"/> of its own
/// index, to the bit.
/// </summary>
internal struct LinkagesAhead
{
    private const int Group = 8;
    private const int SecondHalf = 4;

    private readonly LinkageRedraw _redraw;
    private readonly bool _eightAtOnce;
    private Vector512<double> _linkages;
    private Vector512<double> _nextLinkages;
    private EightPieces _nextPieces;
    private double _next;
    private int _lane;

    /// <summary>The linkages of trials from <paramref name="firstTrial"/> on, the first drawn now; eight at once if <paramref name="eightAtOnce"/> (<see cref="KernelPlan.DrawsEightLinkagesAtOnce"/>).</summary>
    public LinkagesAhead(LinkageRedraw redraw, ulong seed, long firstTrial, bool eightAtOnce)
    {
        _redraw = redraw;
        _eightAtOnce = eightAtOnce;
        if (_eightAtOnce)
        {
            _nextLinkages = redraw.LinkagesOfEight(redraw.LocateEight(seed, firstTrial));
            _lane = Group;
        }
        else
        {
            _next = redraw.Draw(seed, firstTrial);
        }
    }

    /// <summary>Trial <paramref name="trial"/>'s linkage, the trials being asked for in order from the first.</summary>
    /// <returns>The linkage.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Next(ulong seed, long trial)
    {
        if (!_eightAtOnce)
        {
            double linkage = _next;
            _next = _redraw.Draw(seed, trial + 1);
            return linkage;
        }

        if (_lane == Group)
        {
            _linkages = _nextLinkages;
            _nextPieces = _redraw.LocateEight(seed, trial + Group);
            _lane = 0;
        }
        else if (_lane == SecondHalf)
        {
            _nextLinkages = _redraw.LinkagesOfEight(_nextPieces);
        }

        return _linkages.GetElement(_lane++);
    }
}
