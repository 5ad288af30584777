using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using ConsensusSim.Numerics;

namespace ConsensusSim.Engine.Stages;

/// <summary>
/// The common case — one vote per trial, the stance behaviour (or the fixed-objection model with noise shared in blocs),
/// thresholds fixed for the whole run — in one loop:
/// the addresses of the vote's arrays stay in registers from one trial to the next, instead of being set up again
/// by the calls of the general path in every trial. It takes the same draws and records the same outcomes.
/// </summary>
internal sealed partial class FusedSingleVoteLoop
{
    private readonly NoiseSource _noise;
    private readonly LatentBallot _latent;
    private readonly VoteStage _vote;
    private readonly OutcomeRecorder _recorder;
    private readonly SingleVotePlan _plan;
    private readonly float[] _objectBelow;
    private readonly float[] _statementBelow;
    private readonly long[] _unopposedByStatements;
    private readonly int _n;
    private readonly bool _unopposedAgrees;
    private readonly long _trialsPerCheck;
    private readonly VariableStateRedraw? _redraw;
    private readonly ConditionalStage? _conditional;
    private readonly bool _voteOnly;
    private readonly LinkageRedraw? _linkageRedraw;
    private readonly VoteOnlyMemory? _memory;
    private readonly bool _inRegisters;
    private readonly bool _fixedThresholdsLoop;
    private readonly bool _eightLinkagesAtOnce;
    private readonly bool _linkagesByEight;

    /// <summary>
    /// Builds the loop; with <paramref name="redraw"/>, each trial first draws its few States' parameters and updates their
    /// thresholds; with <paramref name="conditional"/>, each trial also adds P(adopted | its shocks) to the conditional sums;
    /// <paramref name="linkageRedraw"/>, when given, is the same draw as <paramref name="redraw"/>'s, written inline.
    /// </summary>
    public FusedSingleVoteLoop(KernelPlan plan, TrialWorkspace workspace, NoiseSource noise, LatentBallot latent, VoteStage vote, OutcomeRecorder recorder, VariableStateRedraw? redraw, ConditionalStage? conditional, LinkageRedraw? linkageRedraw = null)
    {
        _linkageRedraw = linkageRedraw;
        _redraw = redraw;
        _conditional = conditional;
        _noise = noise;
        _latent = latent;
        _vote = vote;
        _recorder = recorder;
        _plan = plan.SingleVote ?? throw new ArgumentException("The fused loop needs a single-vote plan.", nameof(plan));
        // The fixed-objection model's copula votes on Φ⁻¹(p) and never counts a statement, as its general path does.
        _objectBelow = plan.CopulaVote ? workspace.ObjectionThreshold : workspace.ObjectBelow;
        _statementBelow = plan.CopulaVote ? workspace.PaddedThresholds(1) : workspace.StatementBelow;
        _n = workspace.Shape.States;
        _unopposedByStatements = new long[_n + 1];

        // Under the consensus rules a vote without objectors agrees whatever the statements; other rules are asked.
        _unopposedAgrees = KernelPlan.AgreesExactlyWhenUnopposed(plan.Scenario.RuleKind);
        _trialsPerCheck = plan.TrialsPerCancellationCheck;

        // Trials that only vote, on one word of States (the reference trial), take a loop of their own; so do trials that
        // first draw one State's linkage (the default scenario), with the draw inline.
        _voteOnly = (redraw is null || linkageRedraw is not null) && conditional is null && _unopposedAgrees && latent.OneWord;
        _memory = _voteOnly ? new VoteOnlyMemory(noise, latent.OwnPerState.Length) : null;
        _inRegisters = _voteOnly && linkageRedraw is not null && InRegistersFits(plan, noise, latent, _n);
        _fixedThresholdsLoop = _memory is not null && plan.Switches.FixedThresholdsLoop;
        _eightLinkagesAtOnce = plan.DrawsEightLinkagesAtOnce;
        _linkagesByEight = plan.Switches.EightLinkagesAtOnce; // in vectors where the processor can, else one after another
    }

    /// <summary>Whether the trials only vote, on one word of States, and take <see cref="RunVoteOnly"/>.</summary>
    public bool VoteOnly => _voteOnly;

    /// <summary>Whether those trials draw their normals into registers and vote on them there (<see cref="RunInRegisters"/>), where they do not take <see cref="RunFixedThresholds"/>.</summary>
    public bool VotesInRegisters => _inRegisters && !TakesFixedThresholdsLoop;

    /// <summary>Runs trials [<paramref name="firstTrial"/>, <paramref name="end"/>) of the run with <paramref name="seed"/>, which the noise source holds.</summary>
    /// <returns>Whether every trial ran; false when the chunk was abandoned.</returns>
    public bool Run(ulong seed, long firstTrial, long end, TrialAccumulator acc, CancellationToken cancellationToken)
    {
        // A chunk that threw (a custom rule, say) left its counts behind; they are not this chunk's.
        Array.Clear(_unopposedByStatements);
        if (_voteOnly)
        {
            return RunVoteOnly(seed, firstTrial, end, acc, cancellationToken);
        }

        var latent = _latent;
        ref float own = ref MemoryMarshal.GetArrayDataReference(latent.OwnPerState);
        ref int bloc = ref MemoryMarshal.GetArrayDataReference(latent.BlocPerState);
        ref float objectBelow = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_objectBelow), (int)_plan.Venue * latent.OwnPerState.Length);
        ref float statementBelow = ref MemoryMarshal.GetArrayDataReference(_statementBelow);
        ref ulong words = ref MemoryMarshal.GetArrayDataReference(latent.ObjectMask);
        ref long unopposed = ref MemoryMarshal.GetArrayDataReference(_unopposedByStatements);
        int length = latent.OwnPerState.Length;
        int wordCount = latent.ObjectMask.Length;
        int n = _n;
        var scaleLow = latent.ShockScaleLow;
        var scaleHigh = latent.ShockScaleHigh;
        var scaleSlots0To3 = latent.ShockScaleSlots0To3;
        var scaleSlots4To7 = latent.ShockScaleSlots4To7;
        var ring = _noise.Ring;
        bool unopposedAgrees = _unopposedAgrees;
        var redraw = _redraw;
        var conditional = _conditional;
        var sharedShock = latent.SharedShock;

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
                redraw?.Refresh(seed, t);
                var noise = ring[k & (NoiseSource.DrawAheadRing - 1)];
                if ((k & 1) == 0)
                {
                    _noise.DrawFirstBlocks(t + 2, end, (int)((k + 2) & (NoiseSource.DrawAheadRing - 1)));
                }

                // The same vote as the latent ballot's vector path; the conditional stage reads the shocks where that ballot leaves them.
                ref float e = ref MemoryMarshal.GetArrayDataReference(noise);
                int statements;
                if (LatentVote.Wide)
                {
                    var shocks = LatentBallot.Shocks(noise, n, scaleLow, scaleHigh);
                    if (conditional is not null)
                    {
                        shocks.StoreUnsafe(ref MemoryMarshal.GetArrayDataReference(sharedShock));
                        acc.AddConditional(conditional.Adoption());
                    }

                    statements = LatentVote.EvaluateVector512(shocks, ref e, ref own, ref bloc, ref objectBelow, ref statementBelow, ref words, length);
                }
                else
                {
                    var shocks = LatentVote256.Shocks(ref e, n, scaleSlots0To3, scaleSlots4To7);
                    if (conditional is not null)
                    {
                        shocks.StoreUnsafe(ref MemoryMarshal.GetArrayDataReference(sharedShock));
                        acc.AddConditional(conditional.Adoption());
                    }

                    statements = LatentVote256.Evaluate(shocks, ref e, ref own, ref bloc, ref objectBelow, ref statementBelow, ref words, length);
                }

                ulong any = 0;
                for (int w = 0; w < wordCount; w++)
                {
                    any |= Unsafe.Add(ref words, w);
                }

                if (any != 0)
                {
                    RecordVote(acc, statements, agreed: null);
                }
                else if (unopposedAgrees || AgreesUnopposed(statements))
                {
                    // Such trials differ only in their statements; they are counted here and recorded by statements at the end.
                    Unsafe.Add(ref unopposed, statements)++;
                }
                else
                {
                    // The rule has been asked about this vote once already, as the general path asks it once.
                    RecordVote(acc, statements, agreed: false);
                }
            }
        }

        RecordUnopposed(acc);
        acc.Trials += end - firstTrial;
        return true;
    }

    /// <summary>
    /// Runs the trials as <see cref="Run"/> does where a trial only votes (no parameters drawn but perhaps one State's linkage,
    /// drawn inline by <see cref="LinkageRedraw"/>; no conditional sums; a rule that agrees to every vote without objectors)
    /// on one word of States: the vote unrolled, the shocks in half the width where no State reads a slot past 7, the
    /// objectors' bits assembled only in votes that have one where no objection threshold is above its statement threshold,
    /// and, where no trial changes the vote's arrays but for one drawn linkage's thresholds, the ring and copies of those
    /// arrays in one block (<see cref="VoteOnlyMemory"/>), in a loop of their own where those thresholds are nested
    /// (<see cref="RunFixedThresholds"/>, a drawn linkage drawn eight trials at a time); where a trial draws a linkage and
    /// that loop cannot take it but its normals fit, they are voted on in registers (<see cref="RunInRegisters"/>).
    /// The same draws and outcomes.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool RunVoteOnly(ulong seed, long firstTrial, long end, TrialAccumulator acc, CancellationToken cancellationToken) =>
        _linkageRedraw is not { } redraw
            ? FixedThresholdsFit(out var venueObjectBelow)
                ? RunFixedThresholds(default(FixedThresholdsStart), venueObjectBelow, seed, firstTrial, end, acc, cancellationToken)
                : RunVoteOnly(default(FixedThresholdsStart), seed, firstTrial, end, acc, cancellationToken)
            : FixedThresholdsFit(out venueObjectBelow)
                ? _eightLinkagesAtOnce
                    ? RunFixedThresholds(new EightLinkagesStart(redraw, seed, firstTrial), venueObjectBelow, seed, firstTrial, end, acc, cancellationToken)
                    : RunFixedThresholds(new BatchedLinkageStart(redraw), venueObjectBelow, seed, firstTrial, end, acc, cancellationToken)
            : _inRegisters && end <= NormalBlock.TrialLimit // past it, the ring's generator refuses the trial
                ? RunInRegisters(new DrawnLinkageStart(redraw, seed, firstTrial), seed, firstTrial, end, acc, cancellationToken)
                : RunVoteOnly(new DrawnLinkageStart(redraw, seed, firstTrial), seed, firstTrial, end, acc, cancellationToken);

    /// <summary><see cref="RunVoteOnly(ulong, long, long, TrialAccumulator, CancellationToken)"/>, each trial begun by <paramref name="start"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool RunVoteOnly<TStart>(TStart start, ulong seed, long firstTrial, long end, TrialAccumulator acc, CancellationToken cancellationToken)
        where TStart : struct, IVoteOnlyStart
    {
        var latent = _latent;
        int length = latent.OwnPerState.Length;
        var venueObjectBelow = _objectBelow.AsSpan((int)_plan.Venue * length, length);
        bool copies = TStart.VotesOnCopies;
        var memory = _memory;
        if (copies)
        {
            memory!.Load(latent, venueObjectBelow, _statementBelow, _noise.Ring);
        }

        ref float own = ref copies ? ref memory!.Own : ref MemoryMarshal.GetArrayDataReference(latent.OwnPerState);
        ref int bloc = ref copies ? ref memory!.Bloc : ref MemoryMarshal.GetArrayDataReference(latent.BlocPerState);
        ref float objectBelow = ref copies ? ref memory!.ObjectBelow : ref MemoryMarshal.GetReference(venueObjectBelow);
        ref float statementBelow = ref copies ? ref memory!.StatementBelow : ref MemoryMarshal.GetArrayDataReference(_statementBelow);
        ref long unopposed = ref copies ? ref memory!.Unopposed : ref MemoryMarshal.GetArrayDataReference(_unopposedByStatements);
        int n = _n;
        var scaleLow = latent.ShockScaleLow;
        var scaleHigh = latent.ShockScaleHigh;
        var scaleSlots0To3 = latent.ShockScaleSlots0To3;
        var scaleSlots4To7 = latent.ShockScaleSlots4To7;
        var noiseSource = _noise;
        var ring = noiseSource.Ring;

        // Per chunk, as the thresholds are this chunk's.
        bool fewShocks = latent.FewShocksSuffice;
        bool nested = LatentVote.ObjectionsBelowStatements(venueObjectBelow, _statementBelow, _linkageRedraw?.State ?? -1);
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

                // The start's thresholds this trial; the others were checked for the nested vote with the chunk.
                bool nestedNow = start.Begin(seed, t, ref objectBelow, ref statementBelow) & nested;
                if ((k & 1) == 0)
                {
                    int next = (int)((k + 2) & (NoiseSource.DrawAheadRing - 1));
                    if (copies)
                    {
                        noiseSource.DrawFirstBlocks(t + 2, end, memory!.Slot(next), memory.Slot(next + 1));
                    }
                    else
                    {
                        noiseSource.DrawFirstBlocks(t + 2, end, next);
                    }
                }

                ref float e = ref copies ? ref memory!.Noise(k) : ref MemoryMarshal.GetArrayDataReference(ring[k & (NoiseSource.DrawAheadRing - 1)]);
                ulong objectors;
                int statements;
                if (LatentVote.Wide)
                {
                    var shocks = fewShocks ? LatentBallot.FewShocks(ref e, n, scaleLow) : LatentBallot.Shocks(ref e, n, scaleLow, scaleHigh);
                    objectors = nestedNow
                        ? LatentVote.EvaluateWordNested(shocks, ref e, ref own, ref bloc, ref objectBelow, ref statementBelow, out statements)
                        : LatentVote.EvaluateWord(shocks, ref e, ref own, ref bloc, ref objectBelow, ref statementBelow, out statements);
                }
                else
                {
                    objectors = LatentVote256.EvaluateWord(LatentVote256.Shocks(ref e, n, scaleSlots0To3, scaleSlots4To7), ref e, ref own, ref bloc, ref objectBelow, ref statementBelow, out statements);
                }

                Count(objectors, statements, ref unopposed, acc);
            }
        }

        if (copies)
        {
            memory!.MoveUnopposed(_unopposedByStatements);
        }

        RecordUnopposed(acc);
        acc.Trials += end - firstTrial;
        return true;
    }

    /// <summary>Records a vote with objectors at once, and counts one without by its statements.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Count(ulong objectors, int statements, ref long unopposed, TrialAccumulator acc)
    {
        if (objectors != 0)
        {
            _latent.ObjectMask[0] = objectors;
            RecordVote(acc, statements, agreed: null);
        }
        else
        {
            Unsafe.Add(ref unopposed, statements)++;
        }
    }

    /// <summary>Records the trials counted by statements, the same outcome for each count, and clears the counts.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void RecordUnopposed(TrialAccumulator acc)
    {
        var plan = _plan;
        var counts = _unopposedByStatements;
        for (int s = 0; s < counts.Length; s++)
        {
            if (counts[s] > 0)
            {
                var vote = new VoteTally(0, 0, 0, s, 0);
                _recorder.Record(acc, new DecisionOutcome(plan.IfAgreed.Adopted, plan.IfAgreed.DecidedIn, plan.Round, vote, plan.Escalated), counts[s]);
                counts[s] = 0;
            }
        }
    }

    /// <summary>Whether the rule agrees to a vote without objectors (out of line: the consensus rules never ask).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool AgreesUnopposed(int statements) => _vote.Agreed(new VoteTally(0, 0, 0, statements, 0));

    /// <summary>Tallies and records one vote not counted by statements (out of line, so the loop keeps its registers).</summary>
    /// <param name="acc">The chunk's tallies.</param>
    /// <param name="statements">The vote's statements.</param>
    /// <param name="agreed">The rule's answer if it was already asked about this vote, so that it is asked once per vote.</param>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void RecordVote(TrialAccumulator acc, int statements, bool? agreed)
    {
        var plan = _plan;
        TrialRandom unused = default;
        var vote = _vote.TallyLatent(ref unused, 0, statements);
        var planned = (agreed ?? _vote.Agreed(vote)) ? plan.IfAgreed : plan.IfNotAgreed;
        _recorder.Record(acc, new DecisionOutcome(planned.Adopted, planned.DecidedIn, plan.Round, vote, plan.Escalated));
    }
}
