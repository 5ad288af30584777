using ConsensusSim.Behaviour;
using ConsensusSim.Model;

namespace ConsensusSim.Engine.Stages;

/// <summary>What each State expects from each item's draft — its gain and the hostage-taking the item invites — and from the decision being taken.</summary>
internal sealed class StakeStage
{
    private readonly CompiledScenario _c;
    private readonly int _n;
    private readonly int _d;
    private readonly int _items;
    private readonly double[] _ideal;
    private readonly double[] _linkage;
    private readonly double[] _itemGain;
    private readonly double[] _itemHostage;
    private readonly double[] _gain;
    private readonly double[] _hostage;
    private readonly double[] _draft;
    private readonly AgendaSetterStage? _agendaSetter;

    public StakeStage(KernelPlan plan, TrialWorkspace workspace)
    {
        _c = plan.Scenario;
        (_n, _d, _, _items) = workspace.Shape;
        _ideal = workspace.Ideal;
        _linkage = workspace.Linkage;
        _itemGain = workspace.ItemGain;
        _itemHostage = workspace.ItemHostage;
        _gain = workspace.Gain;
        _hostage = workspace.Hostage;
        _draft = workspace.Draft;
        _agendaSetter = _c.Chair == ChairStrategy.AgendaSetter ? new AgendaSetterStage(plan, workspace) : null;
    }

    /// <summary>Whether the agenda-setting Chair tabled a text in the last <see cref="PrepareItems"/>; false is gridlock, the status quo on the table.</summary>
    public bool Tabled { get; private set; } = true;

    /// <summary>Sets each item's expected gains and hostage-taking for this trial; the agenda-setter first chooses the draft.</summary>
    public void PrepareItems()
    {
        if (_c.Model != BehaviourModel.Stance)
        {
            return;
        }

        _c.Draft.AsSpan(0, _d).CopyTo(_draft);
        for (int k = 0; k < _items; k++)
        {
            double conjuncture = _c.Tension * _c.Susceptibility[k];
            for (int i = 0; i < _n; i++)
            {
                _itemHostage[(k * _n) + i] = _linkage[i] * conjuncture;
            }

            if (k == 0 && _agendaSetter is { } chair)
            {
                // Computes the gains from the draft it tables, as it checks them.
                Tabled = chair.Propose();
                continue;
            }

            ComputeGains(_c, _ideal, _itemGain, k, k == 0 ? _draft : _c.Draft.AsSpan(k * _d, _d));
        }
    }

    /// <summary>Every State's gain from <paramref name="draft"/> of <paramref name="item"/>, into that item's row of <paramref name="itemGain"/>.</summary>
    public static void ComputeGains(CompiledScenario c, double[] ideal, double[] itemGain, int item, ReadOnlySpan<double> draft)
    {
        int n = c.StateCount, d = c.DimensionCount;
        var q = c.StatusQuo.AsSpan(item * d, d);
        for (int i = 0; i < n; i++)
        {
            itemGain[(item * n) + i] = AgendaSetter.Gain(q, draft, ideal.AsSpan(i * d, d), c.Salience.AsSpan(i * d, d), c.Loss);
        }
    }

    /// <summary>
    /// Sets the decision's gains and hostage-taking: the one item's, or for a package the sum of each State's gains, taken
    /// hostage once, as firmly as its most crisis-prone item invites (linkage is about the decision, not its length).
    /// </summary>
    public void LoadDecision()
    {
        if (_items == 1)
        {
            LoadItem(0);
            return;
        }

        Array.Clear(_gain);
        Array.Clear(_hostage);
        for (int k = 0; k < _items; k++)
        {
            for (int i = 0; i < _n; i++)
            {
                _gain[i] += _itemGain[(k * _n) + i];
                _hostage[i] = Math.Max(_hostage[i], _itemHostage[(k * _n) + i]);
            }
        }
    }

    /// <summary>Sets the decision's gains and hostage-taking to those of item <paramref name="k"/> alone.</summary>
    public void LoadItem(int k)
    {
        _itemGain.AsSpan(k * _n, _n).CopyTo(_gain);
        _itemHostage.AsSpan(k * _n, _n).CopyTo(_hostage);
    }

    /// <summary>What <see cref="PrepareItems"/> and <see cref="ThresholdStage.PrepareAll"/> compute, for the States whose parameters were just drawn.</summary>
    public void UpdateVariableStates(int[] states, ThresholdStage thresholds)
    {
        double conjuncture = _c.Tension * _c.Susceptibility[0];
        var q = _c.StatusQuo.AsSpan(0, _d);
        foreach (int i in states)
        {
            _hostage[i] = _itemHostage[i] = _linkage[i] * conjuncture;
            _gain[i] = _itemGain[i] = AgendaSetter.Gain(q, _draft, _ideal.AsSpan(i * _d, _d), _c.Salience.AsSpan(i * _d, _d), _c.Loss);
            thresholds.Prepare(i);
        }
    }
}
