using ConsensusSim.Model;

namespace ConsensusSim.Engine.Stages;

/// <summary>
/// Whether an adopted decision changes policy: its final text differs from the status quo in some coordinate of some
/// proposal. A Fixed Chair whose draft is the status quo gets its text adopted and changes nothing.
/// </summary>
internal sealed class PolicyChangeMeter
{
    private readonly double[] _draft;
    private readonly double[] _statusQuo;
    private readonly int _movableCoordinates;
    private readonly bool _fixedTextsChange;

    public PolicyChangeMeter(KernelPlan plan, TrialWorkspace workspace)
    {
        var c = plan.Scenario;
        int d = c.DimensionCount;
        _draft = workspace.Draft;
        _statusQuo = c.StatusQuo;

        // A Chair other than the Fixed one moves the first draft (only the stance behaviour has a space to move it in);
        // every other text is the scenario's, so whether it differs is known before the run.
        _movableCoordinates = c.Chair != ChairStrategy.Fixed && c.Model == BehaviourModel.Stance ? d : 0;
        _fixedTextsChange = false;
        for (int k = _movableCoordinates; k < c.Draft.Length; k++)
        {
            _fixedTextsChange |= c.Draft[k] != c.StatusQuo[k];
        }
    }

    /// <summary>Whether the text about to be recorded as adopted differs from the status quo.</summary>
    public bool Changes()
    {
        if (_fixedTextsChange)
        {
            return true;
        }

        for (int k = 0; k < _movableCoordinates; k++)
        {
            if (_draft[k] != _statusQuo[k])
            {
                return true;
            }
        }

        return false;
    }
}
