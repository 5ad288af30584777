using ConsensusSim.Model;
using ConsensusSim.Numerics;

namespace ConsensusSim.Engine.Stages;

/// <summary>
/// The Chair's fallback after a failed package: the proposals are put one by one, in order, each a decision of its own
/// (its own gains, hostage-taking and thresholds, the same procedure), with retaliation if the scenario has it. The
/// trial's outcome stays the package's; this stage records each proposal's outcome after the fallback, the distinct
/// objectors of the failed package and how many objections were retaliatory.
/// </summary>
/// <remarks>
/// The fallback votes draw from streams of their own, addressed by (seed, trial, item), and its scalar draws (amendments,
/// independent objections) from a stream of its own: turning the fallback on leaves every other tally of the trial as it
/// was, and each item's votes draw the same numbers whatever happened in the votes before it.
/// </remarks>
internal sealed class PackageFallbackStage
{
    /// <summary>Keys the scalar stream of a trial's fallback votes (any constant would do; this one is fixed forever).</summary>
    private const ulong ScalarStreamKey = 0x165667B19E3779F9UL;

    private readonly int _items;
    private readonly bool _prepare;
    private readonly StakeStage _stakes;
    private readonly ThresholdStage _thresholds;
    private readonly NoiseSource _noise;
    private readonly DecisionStage _decision;
    private readonly RetaliationStage? _retaliation;
    private readonly int[] _objectors;
    private readonly bool[] _objected;

    public PackageFallbackStage(KernelPlan plan, TrialWorkspace workspace, StakeStage stakes, ThresholdStage thresholds)
    {
        var c = plan.Scenario;
        _items = c.ItemCount;
        _prepare = c.Model == BehaviourModel.Stance;
        _stakes = stakes;
        _thresholds = thresholds;
        _noise = new NoiseSource(plan, drawAhead: false);
        _decision = new DecisionStage(plan, new VoteStage(plan, workspace, new LatentBallot(plan, _noise)), thresholds, compromise: null);
        _retaliation = plan.Retaliation ? new RetaliationStage(plan, workspace) : null;
        _objectors = workspace.Objectors;
        _objected = new bool[c.StateCount];
    }

    /// <summary>
    /// Records the fallback of trial <paramref name="trial"/>, whose package ended as <paramref name="package"/>; call
    /// right after the package's decision, while the workspace still holds its deciding vote's objectors.
    /// </summary>
    public void Run(ulong seed, long trial, in DecisionOutcome package, TrialAccumulator acc)
    {
        var tallies = acc.Fallback ??= new FallbackTallies(_objected.Length, _items);
        if (package.Adopted)
        {
            for (int k = 0; k < _items; k++)
            {
                tallies.AdoptedAfterFallback[k]++;
            }

            return;
        }

        Array.Clear(_objected);
        int objections = package.Vote.Objectors, retaliatory = 0;
        int distinct = MarkObjectors(objections);
        _retaliation?.Begin(seed, trial, objections);
        var random = TrialRandom.ForTrial(seed ^ SplitMix64.Mix(ScalarStreamKey), trial);
        for (int k = 0; k < _items; k++)
        {
            _stakes.LoadItem(k);
            if (_prepare)
            {
                _thresholds.PrepareAll();
            }

            retaliatory += _retaliation?.Force(k) ?? 0;
            _noise.BeginFallbackItem(seed, trial, k);
            var item = _decision.DecidePrepared(ref random, revisable: false);
            tallies.AdoptedAfterFallback[k] += item.Adopted ? 1 : 0;
            objections += item.Vote.Objectors;
            distinct += MarkObjectors(item.Vote.Objectors);
            _retaliation?.Record(k, item);
        }

        tallies.RecordFailedPackage(distinct, objections, retaliatory);
    }

    /// <summary>Marks the last vote's objectors; returns how many had not objected before in this package.</summary>
    private int MarkObjectors(int count)
    {
        int added = 0;
        for (int k = 0; k < count; k++)
        {
            int i = _objectors[k];
            added += _objected[i] ? 0 : 1;
            _objected[i] = true;
        }

        return added;
    }
}
