namespace ConsensusSim.Engine.Stages;

/// <summary>The compromising Chair's revision: after a blocked round it moves the draft toward the status quo, most on the dimensions the objectors weigh most.</summary>
internal sealed class CompromiseStage
{
    private readonly CompiledScenario _c;
    private readonly int _n;
    private readonly int _d;
    private readonly int[] _objectors;
    private readonly double[] _objectorSalience;
    private readonly GainColumns _columns;
    private readonly double[] _itemGain;
    private readonly double[] _gain;
    private readonly double[] _draft;
    private readonly double[] _statusQuo;
    private readonly ThresholdStage _thresholds;
    private readonly TrialStart? _start;
    private readonly RevisedThresholds? _revisedThresholds;
    private bool _revised;

    /// <param name="plan">The run's plan.</param>
    /// <param name="workspace">The shared arrays.</param>
    /// <param name="thresholds">Recomputes the thresholds after a revision.</param>
    /// <param name="start">The trial's start, restored before the next trial after a revision; null when each trial recomputes it.</param>
    /// <param name="revisedThresholds">Computes the revised gains and thresholds in one pass; null for the general passes.</param>
    public CompromiseStage(KernelPlan plan, TrialWorkspace workspace, ThresholdStage thresholds, TrialStart? start, RevisedThresholds? revisedThresholds)
    {
        _c = plan.Scenario;
        _n = workspace.Shape.States;
        _d = workspace.Shape.Dimensions;
        _objectors = workspace.Objectors;
        _objectorSalience = new double[_d];
        _columns = workspace.GainColumns;
        _itemGain = workspace.ItemGain;
        _gain = workspace.Gain;
        _draft = workspace.Draft;
        _statusQuo = workspace.StatusQuo;
        _thresholds = thresholds;
        _start = start;
        _revisedThresholds = revisedThresholds;
    }

    /// <summary>Whether revisions take the one-pass vector stage (tests check the path they mean is taken).</summary>
    public bool OnePass => _revisedThresholds is not null;

    /// <summary>Moves the draft toward the status quo after a vote with <paramref name="objectors"/> objectors, and recomputes the gains and thresholds.</summary>
    public void Revise(int objectors)
    {
        if (objectors == 0)
        {
            return;
        }

        Array.Clear(_objectorSalience);
        for (int j = 0; j < objectors; j++)
        {
            int i = _objectors[j];
            for (int k = 0; k < _d; k++)
            {
                _objectorSalience[k] += _c.Salience[(i * _d) + k];
            }
        }

        double max = 0;
        for (int k = 0; k < _d; k++)
        {
            max = Math.Max(max, _objectorSalience[k]);
        }

        if (max <= 0)
        {
            return;
        }

        for (int k = 0; k < _d; k++)
        {
            double q = _statusQuo[k];
            _draft[k] += _c.CompromiseStep * (_objectorSalience[k] / max) * (q - _draft[k]);
        }

        if (_revisedThresholds is { } revised)
        {
            revised.Compute(_statusQuo.AsSpan(0, _d), _draft);
        }
        else
        {
            _columns.Compute(_statusQuo.AsSpan(0, _d), _draft, _itemGain.AsSpan(0, _n));
            _itemGain.AsSpan(0, _n).CopyTo(_gain);
            _thresholds.PrepareAll();
        }

        _revised = _start is not null;
    }

    /// <summary>Puts back the trial's start if the last trial revised it.</summary>
    public void RestoreIfRevised()
    {
        if (_revised)
        {
            _start!.Restore();
            _revised = false;
        }
    }
}
