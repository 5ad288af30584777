using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using ConsensusSim.Numerics;

namespace ConsensusSim.Engine.Stages;

/// <summary>
/// Trials of several rounds — the stance behaviour, one proposal, thresholds that every trial starts from (a Fixed
/// Chair, an agenda-setter that tables one text for the run, or a compromising Chair whose start is restored) — in one
/// loop over the planned chain of votes (<see cref="RoundsPlan"/>): each vote draws its block from the noise source as
/// the general path does, is taken sixteen States at a time (eight without AVX-512: <see cref="LatentVote256"/>), and either ends the procedure or, after the Chair's
/// revision, leads to the next. Under the consensus rules a blocked vote that another follows is known from its mask and
/// not tallied (<see cref="KernelSwitches.BlockedVotesFromMask"/>). Same draws, same rule calls, same outcomes as walking
/// the procedure.
/// </summary>
internal sealed class FusedRoundsLoop
{
    private readonly NoiseSource _noise;
    private readonly LatentBallot _latent;
    private readonly VoteStage _vote;
    private readonly OutcomeRecorder _recorder;
    private readonly CompromiseStage? _compromise;
    private readonly PlannedVote[] _votes;
    private readonly PlannedEnd _ifNoneAgreed;
    private readonly float[] _objectBelow;
    private readonly float[] _statementBelow;
    private readonly int _n;
    private readonly bool _unopposedAgrees;
    private readonly long _trialsPerCheck;
    private readonly ulong[]? _countedWords;
    private readonly bool _oneWord;
    private readonly bool _fewShocks;

    public FusedRoundsLoop(KernelPlan plan, TrialWorkspace workspace, NoiseSource noise, LatentBallot latent, VoteStage vote, OutcomeRecorder recorder, CompromiseStage? compromise)
    {
        var rounds = plan.Rounds ?? throw new ArgumentException("The fused rounds loop needs a rounds plan.", nameof(plan));
        _noise = noise;
        _latent = latent;
        _vote = vote;
        _recorder = recorder;
        _compromise = compromise;
        _votes = [.. rounds.Votes];
        _ifNoneAgreed = rounds.IfNoneAgreed;
        _objectBelow = workspace.ObjectBelow;
        _statementBelow = workspace.StatementBelow;
        _n = workspace.Shape.States;

        // As the vote-only loop votes: one word of States unrolled, and the blocs' shocks in half the width where they fit.
        _oneWord = latent.OneWord;
        _fewShocks = latent.FewShocksSuffice;
        _unopposedAgrees = KernelPlan.AgreesExactlyWhenUnopposed(plan.Scenario.RuleKind);
        _trialsPerCheck = plan.TrialsPerCancellationCheck;

        // Under these rules a vote agrees exactly when no counted State objects, so a blocked vote that another follows
        // needs no tally: its mask says it is blocked, and the Chair's revision sums the objectors' saliences from it.
        if (plan.Switches.BlockedVotesFromMask && _unopposedAgrees && (compromise is null || compromise.RevisesFromMask))
        {
            _countedWords = new ulong[latent.ObjectMask.Length];
            for (int i = 0; i < _n; i++)
            {
                _countedWords[i >> 6] |= plan.Scenario.Counted[i] ? 1UL << (i & 63) : 0;
            }
        }
    }

    /// <summary>Whether a blocked vote that another follows is taken from its mask, untallied (tests check the path they mean is taken).</summary>
    public bool TakesBlockedVotesFromMask => _countedWords is not null;

    /// <summary>Runs trials [<paramref name="firstTrial"/>, <paramref name="end"/>), whose chunk the noise source has begun.</summary>
    /// <returns>Whether every trial ran; false when the chunk was abandoned.</returns>
    public bool Run(long firstTrial, long end, TrialAccumulator acc, CancellationToken cancellationToken)
    {
        for (long block = firstTrial; block < end; block += _trialsPerCheck)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                return false;
            }

            long blockEnd = Math.Min(block + _trialsPerCheck, end);
            for (long t = block; t < blockEnd; t++)
            {
                _noise.BeginTrial(t, t - firstTrial, end);
                _compromise?.RestoreIfRevised();
                acc.Trials++;
                _recorder.Record(acc, Decide());
            }
        }

        return true;
    }

    /// <summary>Whether a counted State objects, which under the consensus rules blocks the vote.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Blocks(ref ulong words, ref ulong counted, int wordCount)
    {
        ulong blocking = 0;
        for (int w = 0; w < wordCount; w++)
        {
            blocking |= Unsafe.Add(ref words, w) & Unsafe.Add(ref counted, w);
        }

        return blocking != 0;
    }

    /// <summary>
    /// After a blocked vote that another follows: draws the next vote's noise, then revises where planned. Drawn before
    /// the revision rather than after it, the generator's work overlaps the revision's chain of latencies, from the
    /// objectors through the draft to the thresholds, which the next vote must wait for anyway.
    /// </summary>
    private void PrepareNextVote(bool revise, ulong firstWord)
    {
        _noise.DrawNextVote();
        if (revise)
        {
            _compromise?.ReviseFromMask(_latent.ObjectMask, firstWord);
        }
    }

    /// <summary>The statements of a one-word vote taken again (out of line: at most once a trial).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int Recount(Vector512<float> shocks, Vector256<float> shocksOfEight, ref float e, ref float own, ref int bloc, ref float objectBelow, ref float statementBelow)
    {
        VoteWord(shocks, shocksOfEight, ref e, ref own, ref bloc, ref objectBelow, ref statementBelow, out int statements);
        return statements;
    }

    /// <summary>The vote of one word of States, sixteen a step where the processor has AVX-512 (<paramref name="shocks"/>), else eight (<paramref name="shocksOfEight"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong VoteWord(Vector512<float> shocks, Vector256<float> shocksOfEight, ref float e, ref float own, ref int bloc, ref float objectBelow, ref float statementBelow, out int statements) =>
        LatentVote.Wide
            ? LatentVote.EvaluateWord(shocks, ref e, ref own, ref bloc, ref objectBelow, ref statementBelow, out statements)
            : LatentVote256.EvaluateWord(shocksOfEight, ref e, ref own, ref bloc, ref objectBelow, ref statementBelow, out statements);

    /// <summary>The vote of any number of words, as <see cref="VoteWord"/> takes it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int VoteWords(Vector512<float> shocks, Vector256<float> shocksOfEight, ref float e, ref float own, ref int bloc, ref float objectBelow, ref float statementBelow, ref ulong words, int length) =>
        LatentVote.Wide
            ? LatentVote.EvaluateVector512(shocks, ref e, ref own, ref bloc, ref objectBelow, ref statementBelow, ref words, length)
            : LatentVote256.Evaluate(shocksOfEight, ref e, ref own, ref bloc, ref objectBelow, ref statementBelow, ref words, length);

    /// <summary>Takes the planned votes until one agrees or none is left, the Chair revising between them where planned.</summary>
    private DecisionOutcome Decide()
    {
        var latent = _latent;
        ref float own = ref MemoryMarshal.GetArrayDataReference(latent.OwnPerState);
        ref int bloc = ref MemoryMarshal.GetArrayDataReference(latent.BlocPerState);
        ref float objectBelow = ref MemoryMarshal.GetArrayDataReference(_objectBelow);
        ref float statementBelow = ref MemoryMarshal.GetArrayDataReference(_statementBelow);
        ref ulong words = ref MemoryMarshal.GetArrayDataReference(latent.ObjectMask);
        int length = latent.OwnPerState.Length;
        int wordCount = latent.ObjectMask.Length;
        var votes = _votes;
        int lastVote = votes.Length - 1;
        bool fromMask = _countedWords is not null;
        ref ulong counted = ref fromMask ? ref MemoryMarshal.GetArrayDataReference(_countedWords!) : ref Unsafe.NullRef<ulong>();
        VoteTally tally = default;
        for (int v = 0; v < votes.Length; v++)
        {
            ref readonly var planned = ref votes[v];
            var noise = _noise.NextVote();
            ref float e = ref MemoryMarshal.GetArrayDataReference(noise);
            Vector512<float> shocks = default;
            Vector256<float> shocksOfEight = default;
            if (LatentVote.Wide)
            {
                shocks = _fewShocks ? LatentBallot.FewShocks(noise, _n, latent.ShockScaleLow) : LatentBallot.Shocks(noise, _n, latent.ShockScaleLow, latent.ShockScaleHigh);
            }
            else
            {
                shocksOfEight = LatentVote256.Shocks(ref e, _n, latent.ShockScaleSlots0To3, latent.ShockScaleSlots4To7);
            }

            ref float venueObjectBelow = ref Unsafe.Add(ref objectBelow, (int)planned.Venue * length);
            if (v == lastVote)
            {
                // The last vote is tallied: its statements need the statement thresholds a revision may have left.
                _compromise?.CompleteStatements();
            }

            int statements;
            ulong firstWord;
            if (_oneWord)
            {
                words = firstWord = VoteWord(shocks, shocksOfEight, ref e, ref own, ref bloc, ref venueObjectBelow, ref statementBelow, out statements);
            }
            else
            {
                statements = VoteWords(shocks, shocksOfEight, ref e, ref own, ref bloc, ref venueObjectBelow, ref statementBelow, ref words, length);
                firstWord = words;
            }

            if (fromMask && v < lastVote && (_oneWord ? (firstWord & counted) != 0 : Blocks(ref words, ref counted, wordCount)))
            {
                // Tallied only if it agrees or is the last: a blocked vote's tally is neither recorded nor read.
                PrepareNextVote(planned.ReviseAfter, firstWord);
                continue;
            }

            if (_compromise is { } chair && chair.CompleteStatements())
            {
                // A vote that agrees after a revision: taken again, the same draws against the same objection thresholds
                // (so the same objectors), to count its statements against the revised statement thresholds.
                statements = _oneWord
                    ? Recount(shocks, shocksOfEight, ref e, ref own, ref bloc, ref venueObjectBelow, ref statementBelow)
                    : VoteWords(shocks, shocksOfEight, ref e, ref own, ref bloc, ref venueObjectBelow, ref statementBelow, ref words, length);
            }

            ulong any = 0;
            for (int w = 0; w < wordCount; w++)
            {
                any |= Unsafe.Add(ref words, w);
            }

            bool agreed;
            if (any == 0)
            {
                tally = new VoteTally(0, 0, 0, statements, 0);
                agreed = _unopposedAgrees || _vote.Agreed(tally);
            }
            else
            {
                TrialRandom unused = default;
                tally = _vote.TallyLatent(ref unused, 0, statements);
                agreed = _vote.Agreed(tally);
            }

            if (agreed)
            {
                return new DecisionOutcome(planned.IfAgreed.Adopted, planned.IfAgreed.DecidedIn, planned.Round, tally, planned.Escalated);
            }

            if (planned.ReviseAfter)
            {
                _compromise?.Revise(tally.Objectors);
            }
        }

        var last = votes[^1];
        return new DecisionOutcome(_ifNoneAgreed.Adopted, _ifNoneAgreed.DecidedIn, last.Round, tally, last.Escalated);
    }
}
