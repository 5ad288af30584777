using System.Diagnostics;
using ConsensusSim.Procedures;

namespace ConsensusSim.Engine.Stages;

/// <summary>
/// Records a decision's outcome in the tallies; the ambition of an adopted text is the <see cref="AmbitionMeter"/>'s, and
/// whether it changes policy the <see cref="PolicyChangeMeter"/>'s.
/// </summary>
internal sealed class OutcomeRecorder
{
    private readonly int[] _objectors;
    private readonly bool[] _counted;
    private readonly AmbitionMeter _ambition;
    private readonly PolicyChangeMeter _policyChange;

    public OutcomeRecorder(KernelPlan plan, TrialWorkspace workspace)
    {
        _objectors = workspace.Objectors;
        _counted = plan.Scenario.Counted;
        _ambition = new AmbitionMeter(plan, workspace);
        _policyChange = new PolicyChangeMeter(plan, workspace);
    }

    /// <summary>Records a trial in which no text was tabled: no vote, so no objectors, no blockers and nothing adopted.</summary>
    public static void RecordGridlock(TrialAccumulator acc) => acc.Gridlock++;

    /// <summary>Records <paramref name="trials"/> trials that ended in the same outcome (more than one only when no State objected).</summary>
    public void Record(TrialAccumulator acc, in DecisionOutcome o, long trials = 1)
    {
        Debug.Assert(trials == 1 || o.Vote.Objectors == 0, "Only trials without objectors are recorded together.");
        acc.ObjectorCounts[o.Vote.Objectors] += trials;
        acc.Escalated += o.Escalated ? trials : 0;
        if (o.Adopted)
        {
            RecordAdopted(acc, o, trials);
            return;
        }

        int sole = -1;
        for (int k = 0; k < o.Vote.Objectors; k++)
        {
            int i = _objectors[k];
            if (_counted[i])
            {
                acc.Blocked[i]++;
                sole = i;
            }
        }

        if (o.Vote.Counted == 1)
        {
            acc.SoleBlocker[sole]++;
        }
    }

    private void RecordAdopted(TrialAccumulator acc, in DecisionOutcome o, long trials)
    {
        acc.Adopted += trials;
        acc.PolicyChanged += _policyChange.Changes() ? trials : 0;
        acc.AdoptedOverObjections += o.Vote.Objectors > 0 ? trials : 0;
        if (o.DecidedIn == ProcedureStage.MinisterialCouncil)
        {
            acc.AdoptedAtMinisterialCouncil += trials;
        }
        else
        {
            acc.AdoptedInRound[o.Round - 1] += trials;
            acc.AdoptedBySilence += o.DecidedIn == ProcedureStage.SilenceProcedure ? trials : 0;
        }

        if (o.Vote.Statements > 0)
        {
            acc.AdoptedWithStatements += trials;
            acc.StatementsInAdoptedTrials += o.Vote.Statements * trials;
        }

        _ambition.Record(acc, trials);
    }
}
