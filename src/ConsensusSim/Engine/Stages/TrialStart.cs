using ConsensusSim.Numerics;

namespace ConsensusSim.Engine.Stages;

/// <summary>The draft, gains and thresholds every trial starts from, kept to be put back after a Chair revised them.</summary>
internal sealed class TrialStart
{
    private readonly double[] _startDraft;
    private readonly double[] _startGain;
    private readonly float[] _startObject;
    private readonly float[] _startStatement;
    private readonly double[] _draft;
    private readonly double[] _gain;
    private readonly double[] _itemGain;
    private readonly float[] _objectBelow;
    private readonly float[] _statementBelow;

    /// <summary>Keeps the workspace's current draft, gains and thresholds in the first <paramref name="venues"/> venues (the others are never written).</summary>
    public TrialStart(TrialWorkspace workspace, int venues)
    {
        _draft = workspace.Draft;
        _gain = workspace.Gain;
        _itemGain = workspace.ItemGain;
        _objectBelow = workspace.ObjectBelow;
        _statementBelow = workspace.StatementBelow;
        _startDraft = [.. _draft];
        _startGain = [.. _gain];
        _startObject = _objectBelow[..(venues * workspace.Shape.Padded)];
        _startStatement = [.. _statementBelow];
    }

    /// <summary>Puts the kept values back: the draft and thresholds, and the gains unless <paramref name="gains"/> is false because none was written.</summary>
    public void Restore(bool gains = true)
    {
        // Vector copies: the thresholds and gains are read a vector at a time next (VectorCopy says why).
        _startDraft.CopyTo(_draft);
        if (gains)
        {
            VectorCopy.Copy<double>(_startGain, _gain);
            VectorCopy.Copy(_startGain, _itemGain.AsSpan(0, _startGain.Length));
        }

        VectorCopy.Copy(_startObject, _objectBelow.AsSpan(0, _startObject.Length));
        VectorCopy.Copy<float>(_startStatement, _statementBelow);
    }
}
