using System.Runtime.CompilerServices;
using ConsensusSim.Model;
using ConsensusSim.Numerics;

namespace ConsensusSim.Engine.Stages;

/// <summary>
/// The start of a trial whose one random parameter is one State's linkage, stored as drawn (the default scenario's
/// Russia, Beta(4, 4)): the draw, the State's hostage-taking and its thresholds, written inline. The vote-only loop keeps
/// the vote's addresses in registers only while nothing is called between votes, and the general redraw
/// (<see cref="VariableStateRedraw"/>) is a call. These are the expressions of <see cref="ParameterStage.DrawOne"/>,
/// <see cref="StakeStage.UpdateVariableStates"/> and <see cref="ThresholdStage.Prepare"/> for that State, so the bits are
/// the same. The conditional-only loop begins its trials with it too (<see cref="ConditionalOnlyLoop"/>).
/// </summary>
internal sealed class LinkageRedraw
{
    private readonly int _state;
    private readonly int _padded;
    private readonly int _voteOffset;
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

    /// <summary>Stores a trial's <paramref name="linkage"/> and writes the State's hostage-taking and thresholds in every venue.</summary>
    /// <returns>Whether the State's objection threshold in the vote's venue is at most its statement threshold (the nested vote's condition).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Apply(double linkage)
    {
        int i = _state;
        _linkage[i] = linkage;
        double hostage = linkage * _conjuncture;
        _hostage[i] = _itemHostage[i] = hostage;
        double gain = _gain[i], cost = _blockingCost[i], inverse = _inverseNoise[i];
        double margin = hostage - gain;
        float statement = (float)ThresholdStage.Threshold(margin, inverse);
        _statementBelow[i] = statement;
        _objectBelow[i] = (float)ThresholdStage.Threshold(ThresholdStage.ObjectionMargin(hostage, gain, cost), inverse);
        for (int venue = 1; venue < _deterrence.Length; venue++)
        {
            _objectBelow[(venue * _padded) + i] = (float)ThresholdStage.Threshold(margin - (cost * _deterrence[venue]), inverse);
        }

        return _objectBelow[_voteOffset] <= statement;
    }
}
