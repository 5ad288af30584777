using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using ConsensusSim.Model;

namespace ConsensusSim.Simulation;

/// <summary>
/// The common case — one vote per trial, the stance behaviour, thresholds fixed for the whole run — in one loop:
/// the addresses of the vote's arrays stay in registers from one trial to the next, instead of being set up again
/// by the calls of the general path in every trial. It takes the same draws and records the same outcomes.
/// </summary>
internal sealed partial class TrialKernel
{
    /// <summary>Whether <see cref="RunChunk"/> takes the fused loop (tests check the path they mean is taken).</summary>
    internal bool UsesFusedLoop => _fusedLoop;

    /// <summary>Whether every trial is one vector vote on fixed thresholds, with nothing drawn but the first vote's block.</summary>
    private bool CanFuse() =>
        _singleVote is not null
        && _c.Model == BehaviourModel.Stance
        && _staticThresholds
        && _variableStates is null
        && !_c.HasRandomParameters
        && _items == 1
        && _vectorVote
        && _drawAhead
        && !_scalarStream
        && !_conditional
        && !_restoreEachTrial;

    private void RunFusedChunk(long firstTrial, long end, TrialAccumulator acc)
    {
        var plan = _singleVote!;
        ref float own = ref MemoryMarshal.GetArrayDataReference(_ownPerState);
        ref int bloc = ref MemoryMarshal.GetArrayDataReference(_blocPerState);
        ref float objectBelow = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_stanceObject), (int)plan.Setting * _nPad);
        ref float statementBelow = ref MemoryMarshal.GetArrayDataReference(_stanceStatement);
        ref ulong words = ref MemoryMarshal.GetArrayDataReference(_objectMask);
        var scaleLow = _shockScaleLow;
        var scaleHigh = _shockScaleHigh;
        int n = _n;
        int length = _nPad;
        TrialRandom unused = default;
        var unopposed = _unopposedByStatements;

        DrawFirstBlocks(firstTrial, end, 0);
        for (long t = firstTrial; t < end; t++)
        {
            long k = t - firstTrial;
            var noise = _firstBlocks[k & 3];
            if ((k & 1) == 0)
            {
                DrawFirstBlocks(t + 2, end, (int)((k + 2) & 3));
            }

            // The same shock scaling and vote as LatentDraws' vector path.
            ref float e = ref MemoryMarshal.GetArrayDataReference(noise);
            var eta = Vector512.LoadUnsafe(ref e, (nuint)n);
            var shocks = Vector512.Narrow(Vector512.WidenLower(eta) * scaleLow, Vector512.WidenUpper(eta) * scaleHigh);
            int statements = LatentVote.EvaluateVector512(shocks, ref e, ref own, ref bloc, ref objectBelow, ref statementBelow, ref words, length);
            if (!AnyObjector() && Agreed(new VoteTally(0, 0, 0, statements, 0)))
            {
                // Such trials differ only in their statements; they are counted here and recorded by statements at the end.
                unopposed[statements]++;
                continue;
            }

            var vote = TallyLatent(ref unused, 0, statements);
            var planned = Agreed(vote) ? plan.IfAgreed : plan.IfNotAgreed;
            Record(acc, new DecisionOutcome(planned.Adopted, planned.DecidedIn, plan.Round, vote, plan.Escalated));
        }

        for (int s = 0; s < unopposed.Length; s++)
        {
            if (unopposed[s] > 0)
            {
                var vote = new VoteTally(0, 0, 0, s, 0);
                Record(acc, new DecisionOutcome(plan.IfAgreed.Adopted, plan.IfAgreed.DecidedIn, plan.Round, vote, plan.Escalated), unopposed[s]);
                unopposed[s] = 0;
            }
        }

        acc.Trials += end - firstTrial;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool AnyObjector()
    {
        ulong any = 0;
        foreach (ulong word in _objectMask)
        {
            any |= word;
        }

        return any != 0;
    }
}
