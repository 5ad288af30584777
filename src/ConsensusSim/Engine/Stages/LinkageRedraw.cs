using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using ConsensusSim.Model;
using ConsensusSim.Numerics;

namespace ConsensusSim.Engine.Stages;

/// <summary>
/// The start of a trial whose one random parameter is one State's linkage, stored as drawn (the default scenario's
/// Russia, Beta(4, 4)): the draw, the State's hostage-taking and its thresholds, written inline. The vote-only loop keeps
/// the vote's addresses in registers only while nothing is called between votes, and the general redraw
/// (<see cref="VariableStateRedraw"/>) is a call. These are the expressions of <see cref="ParameterStage.DrawOne"/>,
/// <see cref="StakeStage.UpdateVariableStates"/> and <see cref="ThresholdStage.Prepare"/> for that State, so the bits are
/// the same. The conditional-only loop begins its trials with it too (<see cref="ConditionalOnlyLoop"/>). Where the
/// processor can, both loops take the same values eight trials at a time (<see cref="LocateEight"/>, then
/// <see cref="LinkagesOfEight"/> or <see cref="VoteThresholdsOfEight(in EightPieces)"/>).
/// </summary>
internal sealed class LinkageRedraw
{
    private readonly int _state;
    private readonly int _padded;
    private readonly int _voteOffset;
    private readonly int _venue;
    private readonly int _row;
    private readonly Vector512<float> _lane;
    private readonly int _rowOfEight;
    private readonly Vector256<float> _laneOfEight;
    private readonly double _low;
    private readonly double _width;
    private readonly QuantileTable? _table;
    private readonly double _conjuncture;
    private readonly double[] _deterrence;
    private readonly double[] _linkage;
    private readonly double[] _hostage;
    private readonly double[] _itemHostage;
    private readonly double[] _gain;
    private readonly double[] _blockingCost;
    private readonly double[] _inverseNoise;
    private readonly float[] _objectBelow;
    private readonly float[] _statementBelow;

    private LinkageRedraw(KernelPlan plan, TrialWorkspace workspace, UniformRun run, VoteVenue venue)
    {
        var c = plan.Scenario;
        _state = run.Index;
        _padded = workspace.Shape.Padded;
        _voteOffset = ((int)venue * _padded) + run.Index;
        _venue = (int)venue;
        _row = run.Index & -Vector512<float>.Count;
        _lane = Vector512.Equals(Vector512<int>.Indices, Vector512.Create(run.Index - _row)).AsSingle();
        _rowOfEight = run.Index & -Vector256<float>.Count;
        _laneOfEight = Vector256.Equals(Vector256<int>.Indices, Vector256.Create(run.Index - _rowOfEight)).AsSingle();
        (_low, _width, _table) = (run.Low, run.Width, run.Table);
        _conjuncture = c.Tension * c.Susceptibility[0];
        _deterrence = [.. Enumerable.Range(0, plan.Venues).Select(v => ThresholdStage.Deterrence(c, (VoteVenue)v))];
        _linkage = workspace.Linkage;
        _hostage = workspace.Hostage;
        _itemHostage = workspace.ItemHostage;
        _gain = workspace.Gain;
        _blockingCost = workspace.BlockingCost;
        _inverseNoise = workspace.InverseNoise;
        _objectBelow = workspace.ObjectBelow;
        _statementBelow = workspace.StatementBelow;
    }

    /// <summary>
    /// The inline redraw of a plan whose trials draw exactly one parameter, one State's linkage stored as drawn, with one
    /// item; null for any other plan.
    /// </summary>
    /// <param name="plan">The run's plan.</param>
    /// <param name="workspace">The shared arrays.</param>
    /// <param name="parameters">The parameter stage, whose one stored run this takes over.</param>
    /// <param name="venue">The venue of the trial's vote.</param>
    /// <returns>The redraw, or null.</returns>
    public static LinkageRedraw? For(KernelPlan plan, TrialWorkspace workspace, ParameterStage parameters, VoteVenue venue)
    {
        // With two States or fewer the general update recomputes every State, which this does not mirror.
        if (parameters.OneStoredRun is { } run
            && ReferenceEquals(run.Target, workspace.Linkage)
            && plan.VariableStates is [var state] && state == run.Index
            && 2 < workspace.Shape.States
            && plan.Scenario.ItemCount == 1)
        {
            return new LinkageRedraw(plan, workspace, run, venue);
        }

        return null;
    }

    /// <summary>Trial <paramref name="trial"/>'s linkage, a function of (seed, trial) alone.</summary>
    /// <returns>The linkage.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Draw(ulong seed, long trial)
    {
        double u = TrialRandom.FirstDouble(seed, trial);
        return _table is { } table ? table.At(u) : _low + (_width * u);
    }

    /// <summary>
    /// The State's statement thresholds (lanes 0–7) and its objection thresholds in the vote's venue (lanes 8–15) in trials
    /// <paramref name="firstTrial"/> to firstTrial + 7: the expressions of <see cref="Draw"/> and <see cref="Apply"/>, eight
    /// trials at once, so the same bits.
    /// </summary>
    /// <returns>The sixteen thresholds.</returns>
    public Vector512<float> VoteThresholdsOfEight(ulong seed, long firstTrial) => VoteThresholdsOfEight(LocateEight(seed, firstTrial));

    /// <summary>The first half of <see cref="VoteThresholdsOfEight(ulong, long)"/>: the eight trials' uniforms, located in the table.</summary>
    /// <returns>The located uniforms.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public EightPieces LocateEight(ulong seed, long firstTrial)
    {
        var u = TrialRandom.FirstDoubles(seed, firstTrial);
        return _table is { } table ? table.Locate(u) : new EightPieces(u, default, default, default);
    }

    /// <summary>The second half of <see cref="VoteThresholdsOfEight(ulong, long)"/>: the linkages of <paramref name="pieces"/> and their thresholds.</summary>
    /// <returns>The sixteen thresholds.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public Vector512<float> VoteThresholdsOfEight(in EightPieces pieces)
    {
        var linkage = LinkagesOfEight(pieces);
        int i = _state;
        double inverse = _inverseNoise[i], cost = _blockingCost[i];
        var margin = (linkage * Vector512.Create(_conjuncture)) - Vector512.Create(_gain[i]);
        var objectionMargin = _venue == 0 ? margin - Vector512.Create(cost) : margin - Vector512.Create(cost * _deterrence[_venue]);
        return Vector512.Narrow(Threshold(margin, inverse), Threshold(objectionMargin, inverse));
    }

    /// <summary>The eight trials' linkages from their located uniforms: <see cref="Draw"/> of each, the same bits.</summary>
    /// <returns>The linkages.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public Vector512<double> LinkagesOfEight(in EightPieces pieces) =>
        _table is { } table ? table.Evaluate(pieces) : Vector512.Create(_low) + (Vector512.Create(_width) * pieces.U);

    /// <summary>
    /// Writes trial <paramref name="lane"/>'s thresholds of <see cref="VoteThresholdsOfEight(ulong, long)"/> where the vote reads them, and
    /// only there: in <paramref name="objectBelow"/> (the vote's venue's) and <paramref name="statementBelow"/>, at the State's
    /// place. Each is written as the whole vector of sixteen States the vote loads, the others unchanged, as a load wider than
    /// the store before it would wait for the store to reach the cache.
    /// </summary>
    /// <returns>Whether the objection threshold is at most the statement threshold, as <see cref="Apply"/> returns.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool ApplyToVote(Vector512<float> thresholds, int lane, ref float objectBelow, ref float statementBelow)
    {
        var statement = Avx512F.PermuteVar16x32(thresholds, Vector512.Create(lane));
        var objection = Avx512F.PermuteVar16x32(thresholds, Vector512.Create(lane + Vector512<double>.Count));
        ref float statementRow = ref Unsafe.Add(ref statementBelow, _row);
        ref float objectionRow = ref Unsafe.Add(ref objectBelow, _row);
        Vector512.ConditionalSelect(_lane, statement, Vector512.LoadUnsafe(ref statementRow)).StoreUnsafe(ref statementRow);
        Vector512.ConditionalSelect(_lane, objection, Vector512.LoadUnsafe(ref objectionRow)).StoreUnsafe(ref objectionRow);
        return objection.ToScalar() <= statement.ToScalar();
    }

    /// <summary>
    /// The State's statement threshold and its objection threshold in the vote's venue for <paramref name="linkage"/>: the
    /// expressions of <see cref="Apply"/>, so the same bits, without writing anything.
    /// </summary>
    /// <returns>The two thresholds.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public (float Statement, float Objection) VoteThresholds(double linkage)
    {
        int i = _state;
        double hostage = linkage * _conjuncture;
        double margin = hostage - _gain[i], cost = _blockingCost[i], inverse = _inverseNoise[i];
        return ((float)ThresholdStage.Threshold(margin, inverse), (float)ThresholdStage.Threshold(ObjectionMargin(margin, cost, _venue), inverse));
    }

    /// <summary>
    /// Writes <paramref name="statement"/> and <paramref name="objection"/> where the vote of eight States a step reads them,
    /// and only there, as <see cref="ApplyToVote"/> writes sixteen: each as the whole row of eight States the vote loads.
    /// </summary>
    /// <returns>Whether the objection threshold is at most the statement threshold.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool ApplyToVoteOfEight(float statement, float objection, ref float objectBelow, ref float statementBelow)
    {
        ref float statementRow = ref Unsafe.Add(ref statementBelow, _rowOfEight);
        ref float objectionRow = ref Unsafe.Add(ref objectBelow, _rowOfEight);
        Vector256.ConditionalSelect(_laneOfEight, Vector256.Create(statement), Vector256.LoadUnsafe(ref statementRow)).StoreUnsafe(ref statementRow);
        Vector256.ConditionalSelect(_laneOfEight, Vector256.Create(objection), Vector256.LoadUnsafe(ref objectionRow)).StoreUnsafe(ref objectionRow);
        return objection <= statement;
    }

    /// <summary>The State whose linkage each trial draws.</summary>
    public int State => _state;

    /// <summary>Stores a trial's <paramref name="linkage"/> and writes the State's hostage-taking and thresholds in every venue.</summary>
    /// <returns>Whether the State's objection threshold in the vote's venue is at most its statement threshold (the nested vote's condition).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Apply(double linkage)
    {
        int i = _state;
        _linkage[i] = linkage;
        double hostage = linkage * _conjuncture;
        _hostage[i] = _itemHostage[i] = hostage;
        double margin = hostage - _gain[i], cost = _blockingCost[i], inverse = _inverseNoise[i];
        float statement = (float)ThresholdStage.Threshold(margin, inverse);
        _statementBelow[i] = statement;
        for (int venue = 0; venue < _deterrence.Length; venue++)
        {
            _objectBelow[(venue * _padded) + i] = (float)ThresholdStage.Threshold(ObjectionMargin(margin, cost, venue), inverse);
        }

        return _objectBelow[_voteOffset] <= statement;
    }

    /// <summary>
    /// The objection margin in <paramref name="venue"/> of a State whose margin is <paramref name="margin"/>: at a meeting
    /// <see cref="ThresholdStage.ObjectionMargin"/>'s (hostage − gain) − cost, elsewhere the cost scaled by the venue's
    /// deterrence, as the threshold stage computes them.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double ObjectionMargin(double margin, double cost, int venue) =>
        venue == 0 ? margin - cost : margin - (cost * _deterrence[venue]);

    /// <summary><see cref="ThresholdStage.Threshold(double, double)"/> of eight margins.</summary>
    private static Vector512<double> Threshold(Vector512<double> margin, double inverseNoise) =>
        double.IsFinite(inverseNoise)
            ? margin * Vector512.Create(inverseNoise)
            : Vector512.ConditionalSelect(Vector512.GreaterThan(margin, Vector512<double>.Zero), Vector512.Create(double.PositiveInfinity), Vector512.Create(double.NegativeInfinity));
}
