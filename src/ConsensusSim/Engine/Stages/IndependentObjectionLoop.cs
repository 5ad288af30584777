using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ConsensusSim.Model;
using ConsensusSim.Numerics;

namespace ConsensusSim.Engine.Stages;

/// <summary>
/// Independent objections (the fixed-objection model without shared noise) in one vote on chances fixed for the run, in
/// one loop. The vote's first uniform decides whether any State objects: none does exactly when it falls below the
/// chance that none objects (<see cref="IndependentObjectors"/>), and that uniform is the first of the trial's stream,
/// one SplitMix64 output (<see cref="TrialRandom.FirstDouble"/>) rather than the four that seed the whole stream. So a
/// trial without objectors — 56 % of them at a chance of 0.01 for each of 57 States — is that one output and a
/// comparison, counted and recorded with the others at the end of the chunk; a trial with objectors opens its stream and
/// takes the general path's vote. The same draws and outcomes as the general path.
/// </summary>
internal sealed class IndependentObjectionLoop
{
    /// <summary>Trials whose first uniforms are drawn before any of their votes is taken.</summary>
    private const int Batch = 64;

    private readonly DecisionStage _decision;
    private readonly OutcomeRecorder _recorder;
    private readonly DecisionOutcome _unopposed;
    private readonly double _noneObjects;
    private readonly long _trialsPerCheck;
    private readonly int[] _opposed = new int[Batch];

    /// <param name="plan">The run's plan: one vote, independent objections, chances fixed for the run, a rule that is not custom.</param>
    /// <param name="vote">The vote stage, whose objectors' products give the chance that none objects.</param>
    /// <param name="decision">The decision stage, which takes the votes of trials with objectors.</param>
    /// <param name="recorder">Records the outcomes.</param>
    public IndependentObjectionLoop(KernelPlan plan, VoteStage vote, DecisionStage decision, OutcomeRecorder recorder)
    {
        var single = plan.SingleVote ?? throw new ArgumentException("The loop needs a single-vote plan.", nameof(plan));
        var objectors = vote.Independent ?? throw new ArgumentException("The loop needs independent objections.", nameof(vote));
        _decision = decision;
        _recorder = recorder;
        _trialsPerCheck = plan.TrialsPerCancellationCheck;
        _noneObjects = objectors.NoneObjectsBelow(single.Venue);

        // Built-in rules answer a vote without objectors the same way every time, so they are asked once.
        var none = new VoteTally(0, 0, 0, 0, 0);
        var end = vote.Agreed(none) ? single.IfAgreed : single.IfNotAgreed;
        _unopposed = new DecisionOutcome(end.Adopted, end.DecidedIn, single.Round, none, single.Escalated);
    }

    /// <summary>Runs trials [<paramref name="firstTrial"/>, <paramref name="end"/>) of the run with <paramref name="seed"/>.</summary>
    /// <returns>Whether every trial ran; false when the chunk was abandoned.</returns>
    public bool Run(ulong seed, long firstTrial, long end, TrialAccumulator acc, CancellationToken cancellationToken)
    {
        double noneObjects = _noneObjects;
        long unopposed = 0;
        ref int listed = ref MemoryMarshal.GetArrayDataReference(_opposed);
        for (long block = firstTrial; block < end; block += _trialsPerCheck)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                return false;
            }

            long blockEnd = Math.Min(block + _trialsPerCheck, end);
            for (long batch = block; batch < blockEnd; batch += Batch)
            {
                // Which trials have objectors, listed without a branch (whether a trial has one is as random as its
                // uniform, so a branch would be mispredicted in nearly half of them), then their votes taken.
                int count = (int)Math.Min(Batch, blockEnd - batch);
                int opposed = 0;
                for (int i = 0; i < count; i++)
                {
                    Unsafe.Add(ref listed, opposed) = i;
                    opposed += TrialRandom.FirstDouble(seed, batch + i) < noneObjects ? 0 : 1;
                }

                unopposed += count - opposed;
                for (int j = 0; j < opposed; j++)
                {
                    Decide(seed, batch + Unsafe.Add(ref listed, j), acc);
                }
            }
        }

        if (unopposed > 0)
        {
            _recorder.Record(acc, _unopposed, unopposed);
        }

        acc.Trials += end - firstTrial;
        return true;
    }

    /// <summary>Takes trial <paramref name="t"/>'s vote as the general path does (out of line, so the loop keeps its registers).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Decide(ulong seed, long t, TrialAccumulator acc)
    {
        var random = TrialRandom.ForTrial(seed, t);
        _recorder.Record(acc, _decision.DecidePrepared(ref random, revisable: false));
    }
}
