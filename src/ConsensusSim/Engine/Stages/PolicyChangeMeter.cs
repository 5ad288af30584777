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
    private readonly double[] _tabledDraft;
    private readonly int _d;
    private readonly int _coordinates;
    private readonly bool _alwaysChanges;

    public PolicyChangeMeter(KernelPlan plan, TrialWorkspace workspace)
    {
        var c = plan.Scenario;
        _d = c.DimensionCount;
        _draft = workspace.Draft;
        _statusQuo = workspace.StatusQuo;
        _tabledDraft = workspace.TabledDraft;

        // Only the stance behaviour places texts in a space, so only there are the trial's positions (possibly drawn, possibly
        // moved by the Chair) in the workspace; otherwise the texts are the scenario's, and a drawn coordinate differs from
        // any other value almost surely.
        bool stance = c.Model == BehaviourModel.Stance;
        _coordinates = stance ? c.ItemCount * _d : 0;
        _alwaysChanges = !stance && !c.DraftOmitted && c.Draft.Where((p, k) => !SameFixedValue(p, c.StatusQuo[k])).Any();
    }

    /// <summary>Whether the text about to be recorded as adopted differs from the status quo.</summary>
    public bool Changes()
    {
        if (_alwaysChanges)
        {
            return true;
        }

        // The first proposal's text is the one the Chair may have moved; the others are as tabled.
        for (int k = 0; k < _coordinates; k++)
        {
            double text = k < _d ? _draft[k] : _tabledDraft[k];
            if (text != _statusQuo[k])
            {
                return true;
            }
        }

        return false;
    }

    private static bool SameFixedValue(Parameter a, Parameter b) => a.IsFixed && b.IsFixed && a.Minimum == b.Minimum;
}
