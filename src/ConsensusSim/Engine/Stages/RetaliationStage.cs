using ConsensusSim.Numerics;

namespace ConsensusSim.Engine.Stages;

/// <summary>
/// Retaliation in the item-by-item votes after a failed package. State j values a proposal when its expected gain from it
/// exceeds θ, and a decision when it holds a proposal j values (the package holds them all). j has a grievance against
/// the other States whose counted objection blocked a decision j values, unless j itself opposed that decision (objected
/// of its own accord: it wanted the decision blocked, so its co-objectors did it no harm); the decisions are the package,
/// then each fallback item that fails. Before each fallback item's vote every State draws once from the trial's
/// retaliation stream, in State order; j retaliates on the item when its draw falls below its propensity ρ_j and someone
/// it has a grievance against values the item. A retaliating State objects in every vote on the item, whatever its
/// stance; if the item fails it is a blocker like any other, so retaliation answers retaliation down the package.
/// </summary>
/// <remarks>
/// The draws come from a stream of their own, addressed by (seed, trial), and every State draws for every item whether
/// or not it has a grievance, so what one item's votes do never moves another item's draws. A retaliating State objected
/// to punish, not in opposition, so it keeps the grievances a State that joined would have: retaliating never takes a
/// grievance away. Together these make raising a propensity, with the same seed, only ever add retaliators and objections.
/// </remarks>
internal sealed class RetaliationStage
{
    /// <summary>Keys the trial's retaliation stream (any constant would do; this one is fixed forever).</summary>
    private const ulong StreamKey = 0xC2B2AE3D27D4EB4FUL;

    // How a State took part in a decision's deciding vote.
    private const byte Joined = 0, Opposed = 1, Retaliated = 2;

    // Which blockers of a decision value the item now voted on: none, several, or the index of the only one.
    private const int NoBlocker = -1, SeveralBlockers = -2;

    private readonly int _n;
    private readonly int _padded;
    private readonly int _venues;
    private readonly double _threshold;
    private readonly double[] _propensity;
    private readonly double[] _itemGain;
    private readonly float[] _objectBelow;
    private readonly int[] _objectors;
    private readonly bool[] _counted;

    // Decision d is the package (d = 0) or fallback item d − 1; each has a row of n States.
    private readonly bool[] _values;
    private readonly byte[] _part;
    private readonly int[] _blockers;
    private readonly int[] _blockerCount;
    private readonly int[] _wantingBlocker;
    private TrialRandom _random;

    public RetaliationStage(KernelPlan plan, TrialWorkspace workspace)
    {
        var c = plan.Scenario;
        _n = c.StateCount;
        _padded = workspace.Shape.Padded;
        _venues = plan.Venues;
        _threshold = c.RetaliationThreshold;
        _propensity = workspace.Retaliation;
        _itemGain = workspace.ItemGain;
        _objectBelow = workspace.ObjectBelow;
        _objectors = workspace.Objectors;
        _counted = c.Counted;
        int decisions = c.ItemCount + 1;
        _values = new bool[decisions * _n];
        _part = new byte[decisions * _n];
        _blockers = new int[decisions * _n];
        _blockerCount = new int[decisions];
        _wantingBlocker = new int[decisions];
    }

    /// <summary>Starts the fallback of trial <paramref name="trial"/>'s failed package, whose deciding vote had <paramref name="objectors"/> objectors (in the workspace).</summary>
    public void Begin(ulong seed, long trial, int objectors)
    {
        _random = TrialRandom.ForTrial(seed ^ SplitMix64.Mix(StreamKey), trial);
        int n = _n, decisions = _blockerCount.Length;
        Array.Clear(_values, 0, n);
        for (int d = 1; d < decisions; d++)
        {
            for (int i = 0; i < n; i++)
            {
                bool values = _itemGain[((d - 1) * n) + i] > _threshold;
                _values[(d * n) + i] = values;
                _values[i] |= values;
            }
        }

        Array.Clear(_blockerCount);
        Array.Clear(_part, 0, n);
        RecordObjectors(0, objectors);
    }

    /// <summary>
    /// Draws whether each State retaliates on fallback item <paramref name="item"/> and makes those that do object in every
    /// venue; call after the item's thresholds are prepared.
    /// </summary>
    /// <returns>The number of retaliating States.</returns>
    public int Force(int item)
    {
        int decision = item + 1;
        var part = _part.AsSpan(decision * _n, _n);
        part.Clear();
        FindWantingBlockers(decision);
        int retaliating = 0;
        for (int j = 0; j < _n; j++)
        {
            // Every State draws, grievance or not, so the draws never depend on what earlier votes did.
            bool draw = _random.NextDouble() < _propensity[j];
            if (draw && HasGrievance(j, decision))
            {
                for (int venue = 0; venue < _venues; venue++)
                {
                    _objectBelow[(venue * _padded) + j] = float.PositiveInfinity;
                }

                part[j] = Retaliated;
                retaliating++;
            }
        }

        return retaliating;
    }

    /// <summary>Records how fallback item <paramref name="item"/> ended: if it failed, its counted objectors are blockers others may retaliate against.</summary>
    public void Record(int item, in DecisionOutcome outcome)
    {
        if (!outcome.Adopted)
        {
            RecordObjectors(item + 1, outcome.Vote.Objectors);
        }
    }

    /// <summary>Records a failed decision's objectors: those that were not retaliating opposed it; those whose objection counted blocked it.</summary>
    private void RecordObjectors(int decision, int objectors)
    {
        var part = _part.AsSpan(decision * _n, _n);
        int count = 0;
        for (int k = 0; k < objectors; k++)
        {
            int i = _objectors[k];
            part[i] = part[i] == Retaliated ? Retaliated : Opposed;
            if (_counted[i])
            {
                _blockers[(decision * _n) + count++] = i;
            }
        }

        _blockerCount[decision] = count;
    }

    /// <summary>For each earlier decision, which of its blockers value the item of <paramref name="decision"/>: none, several, or the only one.</summary>
    private void FindWantingBlockers(int decision)
    {
        int n = _n;
        for (int d = 0; d < decision; d++)
        {
            int wanting = NoBlocker;
            for (int k = 0; k < _blockerCount[d] && wanting != SeveralBlockers; k++)
            {
                int b = _blockers[(d * n) + k];
                if (_values[(decision * n) + b])
                {
                    wanting = wanting == NoBlocker ? b : SeveralBlockers;
                }
            }

            _wantingBlocker[d] = wanting;
        }
    }

    /// <summary>
    /// Whether <paramref name="j"/> has a grievance against a State other than itself that values the item of
    /// <paramref name="decision"/>: j valued an earlier failed decision it did not oppose, and a blocker of it values this item.
    /// </summary>
    private bool HasGrievance(int j, int decision)
    {
        int n = _n;
        for (int d = 0; d < decision; d++)
        {
            int wanting = _wantingBlocker[d];
            if (wanting != NoBlocker && wanting != j && _values[(d * n) + j] && _part[(d * n) + j] != Opposed)
            {
                return true;
            }
        }

        return false;
    }
}
