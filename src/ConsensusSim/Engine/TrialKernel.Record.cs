using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using ConsensusSim.Behaviour;
using ConsensusSim.Model;
using ConsensusSim.Procedures;

namespace ConsensusSim.Engine;

/// <summary>Recording a decision's outcome in the tallies, with the ambition that survived.</summary>
internal sealed partial class TrialKernel
{
    /// <summary>Records <paramref name="trials"/> trials that ended in the same outcome (more than one only when no State objected).</summary>
    private void Record(TrialAccumulator acc, in DecisionOutcome o, long trials = 1)
    {
        Debug.Assert(trials == 1 || o.Vote.Objectors == 0, "Only trials without objectors are recorded together.");
        acc.ObjectorCounts[o.Vote.Objectors] += trials;
        acc.Escalated += o.Escalated ? trials : 0;
        if (o.Adopted)
        {
            acc.Adopted += trials;
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

            if (_items > 1 || _c.Chair == ChairStrategy.Fixed)
            {
                // The tabled text is the adopted text: all of its ambition is kept.
                acc.AmbitionSum += (long)AmbitionScale * trials;
                acc.AmbitionHistogram[^1] += trials;
                return;
            }

            double ambition = Ambition();
            acc.AmbitionSum += (long)Math.Round(ambition * AmbitionScale) * trials;
            acc.AmbitionHistogram[Math.Clamp((int)(ambition * 10), 0, acc.AmbitionHistogram.Length - 1)] += trials;
            return;
        }

        int sole = -1;
        for (int k = 0; k < o.Vote.Objectors; k++)
        {
            int i = _objectors[k];
            if (_c.Counted[i])
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

    /// <summary>|p − q| / |p₀ − q| for a single proposal: how much of the tabled ambition the adopted text keeps.</summary>
    private double Ambition()
    {
        double kept = 0, tabled = 0;
        for (int k = 0; k < _d; k++)
        {
            double q = _c.StatusQuo[k];
            kept += (_draft[k] - q) * (_draft[k] - q);
            tabled += (_c.Draft[k] - q) * (_c.Draft[k] - q);
        }

        return tabled == 0 ? 1.0 : Math.Sqrt(kept / tabled);
    }
}
