using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using ConsensusSim.Model;
using ConsensusSim.Numerics;

namespace ConsensusSim.Engine;

/// <summary>
/// The common case — one vote per trial, the stance behaviour, thresholds fixed for the whole run — in one loop:
/// the addresses of the vote's arrays stay in registers from one trial to the next, instead of being set up again
/// by the calls of the general path in every trial. It takes the same draws and records the same outcomes.
/// </summary>
internal sealed partial class TrialKernel
{
    /// <summary>Whether <see cref="RunChunk(ulong, long, long, TrialAccumulator, CancellationToken)"/> takes the fused loop (tests check the path they mean is taken).</summary>
    internal bool UsesFusedLoop => _fusedLoop;

    /// <summary>Whether every trial is one vector vote on fixed thresholds, with nothing drawn but the first vote's block.</summary>
    /// <remarks>
    /// The stance behaviour draws its first block ahead, and without random parameters no State is recomputed per trial;
    /// a Fixed Chair restores nothing. A scalar stream would mean amendments to draw.
    /// </remarks>
    private bool CanFuse() =>
        _singleVote is not null
        && _c.Chair == ChairStrategy.Fixed
        && _c.Model == BehaviourModel.Stance
        && _staticThresholds
        && !_c.HasRandomParameters
        && _items == 1
        && _vectorVote
        && !_scalarStream
        && !_conditional;

    private bool RunFusedChunk(long firstTrial, long end, TrialAccumulator acc, CancellationToken cancellationToken)
    {
        // A chunk that threw (a custom rule, say) left its counts behind; they are not this chunk's.
        Array.Clear(_unopposedByStatements);
        ref float own = ref MemoryMarshal.GetArrayDataReference(_ownPerState);
        ref int bloc = ref MemoryMarshal.GetArrayDataReference(_blocPerState);
        ref float objectBelow = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_stanceObject), (int)_singleVote!.Setting * _nPad);
        ref float statementBelow = ref MemoryMarshal.GetArrayDataReference(_stanceStatement);
        ref ulong words = ref MemoryMarshal.GetArrayDataReference(_objectMask);
        ref long unopposed = ref MemoryMarshal.GetArrayDataReference(_unopposedByStatements);
        int length = _nPad;
        int wordCount = _objectMask.Length;

        // Under the consensus rules a vote without objectors agrees whatever the statements; other rules are asked.
        bool unopposedAgrees = _c.RuleKind is DecisionRuleKind.Consensus or DecisionRuleKind.ConsensusMinusOne or DecisionRuleKind.ConsensusMinusTwo;

        DrawFirstBlocks(firstTrial, end, 0);

        // The trials in sub-blocks with a look at the token between them, the hot loop as it was inside: a look per trial would cost.
        for (long block = firstTrial; block < end; block += _trialsPerCheck)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                return false;
            }

            long blockEnd = Math.Min(block + _trialsPerCheck, end);
            for (long t = block; t < blockEnd; t++)
            {
                long k = t - firstTrial;
                var noise = _firstBlocks[k & 3];
                if ((k & 1) == 0)
                {
                    DrawFirstBlocks(t + 2, end, (int)((k + 2) & 3));
                }

                // The same vote as LatentDraws' vector path.
                ref float e = ref MemoryMarshal.GetArrayDataReference(noise);
                int statements = LatentVote.EvaluateVector512(BlocShocks(noise), ref e, ref own, ref bloc, ref objectBelow, ref statementBelow, ref words, length);
                ulong any = 0;
                for (int w = 0; w < wordCount; w++)
                {
                    any |= Unsafe.Add(ref words, w);
                }

                if (any != 0)
                {
                    RecordFusedVote(acc, statements, agreed: null);
                }
                else if (unopposedAgrees || AgreesUnopposed(statements))
                {
                    // Such trials differ only in their statements; they are counted here and recorded by statements at the end.
                    Unsafe.Add(ref unopposed, statements)++;
                }
                else
                {
                    // The rule has been asked about this vote once already, as the general path asks it once.
                    RecordFusedVote(acc, statements, agreed: false);
                }
            }
        }

        RecordUnopposed(acc);
        acc.Trials += end - firstTrial;
        return true;
    }

    /// <summary>Records the trials counted by statements, the same outcome for each count, and clears the counts.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void RecordUnopposed(TrialAccumulator acc)
    {
        var plan = _singleVote!;
        var counts = _unopposedByStatements;
        for (int s = 0; s < counts.Length; s++)
        {
            if (counts[s] > 0)
            {
                var vote = new VoteTally(0, 0, 0, s, 0);
                Record(acc, new DecisionOutcome(plan.IfAgreed.Adopted, plan.IfAgreed.DecidedIn, plan.Round, vote, plan.Escalated), counts[s]);
                counts[s] = 0;
            }
        }
    }

    /// <summary>Whether the rule agrees to a vote without objectors (out of line: the consensus rules never ask).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool AgreesUnopposed(int statements) => Agreed(new VoteTally(0, 0, 0, statements, 0));

    /// <summary>Tallies and records one vote the fused loop did not count by statements (out of line, so the loop keeps its registers).</summary>
    /// <param name="acc">The chunk's tallies.</param>
    /// <param name="statements">The vote's statements.</param>
    /// <param name="agreed">The rule's answer if it was already asked about this vote, so that it is asked once per vote.</param>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void RecordFusedVote(TrialAccumulator acc, int statements, bool? agreed)
    {
        var plan = _singleVote!;
        TrialRandom unused = default;
        var vote = TallyLatent(ref unused, 0, statements);
        var planned = (agreed ?? Agreed(vote)) ? plan.IfAgreed : plan.IfNotAgreed;
        Record(acc, new DecisionOutcome(planned.Adopted, planned.DecidedIn, plan.Round, vote, plan.Escalated));
    }
}
