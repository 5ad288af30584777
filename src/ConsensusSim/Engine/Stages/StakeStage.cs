using ConsensusSim.Behaviour;
using ConsensusSim.Model;
using ConsensusSim.Numerics;

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
    private readonly double[] _statusQuo;
    private readonly double[] _tabledDraft;
    private readonly GainColumns _columns;
    private readonly bool[] _idealDrawn;
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
        _statusQuo = workspace.StatusQuo;
        _tabledDraft = workspace.TabledDraft;
        _columns = workspace.GainColumns;
        _idealDrawn = [.. Enumerable.Range(0, _n).Select(i => Enumerable.Range(0, _d).Any(k => !_c.IdealPoint[(i * _d) + k].IsFixed))];
        _agendaSetter = _c.Chair == ChairStrategy.AgendaSetter ? new AgendaSetterStage(plan, workspace) : null;
    }

    /// <summary>
    /// The agenda-setting Chair tabled no text in the trial <see cref="PrepareItems"/> last prepared: no point every
    /// required State accepts beats the status quo for it, so nothing is voted on. Always false for other Chairs.
    /// </summary>
    public bool Gridlocked { get; private set; }

    /// <summary>Whether the agenda-setting Chair's own solve this trial (not a proposal made once per run) could not prove its answer.</summary>
    public bool ProposalUnproven => _agendaSetter is { Unproven: true };

    /// <summary>Sets each item's expected gains and hostage-taking for this trial; the agenda-setter first chooses the draft, or tables none.</summary>
    public void PrepareItems()
    {
        Gridlocked = false;
        if (_c.Model != BehaviourModel.Stance)
        {
            return;
        }

        _tabledDraft.AsSpan(0, _d).CopyTo(_draft);
        for (int k = 0; k < _items; k++)
        {
            StateVectors.Scale(_linkage, _c.Tension * _c.Susceptibility[k], _itemHostage.AsSpan(k * _n, _n));

            if (k == 0 && _agendaSetter is { } chair)
            {
                // Computes the gains from the draft it tables, as it checks them.
                Gridlocked = !chair.Propose();
                continue;
            }

            _columns.Compute(_statusQuo.AsSpan(k * _d, _d), k == 0 ? _draft : _tabledDraft.AsSpan(k * _d, _d), _itemGain.AsSpan(k * _n, _n));
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
        VectorCopy.Copy(_itemGain.AsSpan(k * _n, _n), _gain.AsSpan(0, _n));
        VectorCopy.Copy(_itemHostage.AsSpan(k * _n, _n), _hostage.AsSpan(0, _n));
    }

    /// <summary>
    /// What <see cref="PrepareItems"/> and <see cref="ThresholdStage.PrepareAll"/> compute, for the States whose parameters
    /// were just drawn: one by one when they are few, else every State a vector at a time (the others' values come out the
    /// same, from the same inputs and arithmetic). One by one, a State's gain is recomputed only if its ideal point was
    /// drawn: nothing else it depends on changes between trials, so the kept gain has the same bits.
    /// </summary>
    public void UpdateVariableStates(int[] states, ThresholdStage thresholds)
    {
        double conjuncture = _c.Tension * _c.Susceptibility[0];
        var q = _statusQuo.AsSpan(0, _d);
        if (2 * states.Length >= _n)
        {
            StateVectors.Scale(_linkage, conjuncture, _itemHostage.AsSpan(0, _n));
            _columns.Compute(q, _draft, _itemGain.AsSpan(0, _n));
            LoadItem(0);
            thresholds.PrepareAll();
            return;
        }

        foreach (int i in states)
        {
            _hostage[i] = _itemHostage[i] = _linkage[i] * conjuncture;
            if (_idealDrawn[i])
            {
                _gain[i] = _itemGain[i] = AgendaSetter.Gain(q, _draft, _ideal.AsSpan(i * _d, _d), _c.Salience.AsSpan(i * _d, _d), _c.Loss);
            }

            thresholds.Prepare(i);
        }
    }
}
