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
        _startDraft.CopyTo(_draft);
        if (gains)
        {
            _startGain.CopyTo(_gain);
            _startGain.CopyTo(_itemGain, 0);
        }

        _startObject.CopyTo(_objectBelow, 0);
        _startStatement.CopyTo(_statementBelow, 0);
    }
}
