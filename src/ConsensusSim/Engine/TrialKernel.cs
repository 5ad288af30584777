using ConsensusSim.Engine.Stages;
using ConsensusSim.Model;
using ConsensusSim.Numerics;

namespace ConsensusSim.Engine;

/// <summary>
/// Runs trials of one compiled scenario, composing the stages its <see cref="KernelPlan"/> chose: draw the trial's
/// parameters, compute gains and thresholds, take the votes the procedure asks for (with the Chair's revisions), record
/// the outcome and, if asked, the conditional estimate or the rare-event sums. One kernel per worker: its stages own scratch arrays sized once,
/// so a trial allocates nothing.
/// </summary>
internal sealed class TrialKernel
{
    private readonly KernelPlan _plan;
    private readonly TrialWorkspace _workspace;
    private readonly int _items;
    private readonly NoiseSource _noise;
    private readonly ParameterStage _parameters;
    private readonly StakeStage _stakes;
    private readonly ThresholdStage _thresholds;
    private readonly CompromiseStage? _compromise;
    private readonly DecisionStage _decision;
    private readonly OutcomeRecorder _recorder;
    private readonly ConditionalStage? _conditional;
    private readonly RareEventStage? _rare;
    private readonly FusedSingleVoteLoop? _fused;
    private readonly FusedRoundsLoop? _fusedRounds;
    private readonly ConditionalOnlyLoop? _conditionalOnly;
    private readonly IndependentObjectionLoop? _independent;
    private readonly PackageFallbackStage? _fallback;
    private readonly VariableStateRedraw? _redraw;
    private readonly bool _stance;

    /// <summary>Plans the run of <paramref name="compiled"/> and builds a kernel for it.</summary>
    /// <param name="compiled">The scenario.</param>
    /// <param name="switches">Test-only switches that turn fast paths off; null for production.</param>
    /// <param name="conditional">Whether each trial also adds P(adopted | the blocs' shocks) to the conditional sums (see the run options).</param>
    /// <exception cref="ArgumentException">Conditional Monte Carlo is asked for a scenario it does not apply to.</exception>
    public TrialKernel(CompiledScenario compiled, KernelSwitches? switches = null, bool conditional = false)
        : this(KernelPlan.For(compiled, switches, conditional))
    {
    }

    /// <summary>Builds a kernel that runs trials as <paramref name="plan"/> decided.</summary>
    /// <param name="plan">The run's plan, shared by every worker's kernel.</param>
    public TrialKernel(KernelPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        _plan = plan;
        var c = plan.Scenario;
        _items = c.ItemCount;
        _stance = c.Model == BehaviourModel.Stance;
        var workspace = _workspace = new TrialWorkspace(plan);
        _noise = new NoiseSource(plan);
        var latent = new LatentBallot(plan, _noise);
        _parameters = new ParameterStage(plan, workspace);
        _stakes = new StakeStage(plan, workspace);
        _thresholds = new ThresholdStage(plan, workspace);
        _redraw = plan.VariableStates.IsDefault ? null : new VariableStateRedraw(_parameters, _stakes, _thresholds, [.. plan.VariableStates]);
        PrepareStaticStart();
        _compromise = c.Chair == ChairStrategy.Compromise ? Compromise(plan, workspace) : null;
        var vote = new VoteStage(plan, workspace, latent);
        _decision = new DecisionStage(plan, vote, _thresholds, _compromise);
        _recorder = new OutcomeRecorder(plan, workspace);
        _conditional = plan.ConditionalMonteCarlo ? new ConditionalStage(plan, workspace, latent) : null;
        _rare = plan.RareEvent is { } design ? new RareEventStage(design) : null;
        _fused = plan.FusedLoop ? new FusedSingleVoteLoop(plan, workspace, _noise, latent, vote, _recorder, _redraw, _conditional, InlineLinkage(plan, workspace, plan.SingleVote!.Venue)) : null;
        _fusedRounds = plan.FusedRounds ? new FusedRoundsLoop(plan, workspace, _noise, latent, vote, _recorder, _compromise) : null;
        _independent = plan.IndependentLoop ? new IndependentObjectionLoop(plan, vote, _decision, _recorder) : null;
        _fallback = plan.PackageFallback ? new PackageFallbackStage(plan, workspace, _stakes, _thresholds) : null;
        _conditionalOnly = plan.ConditionalOnly
            ? new ConditionalOnlyLoop(plan, new ConditionalOnlyAdoption(plan, workspace, latent, _conditional!), _parameters, _stakes, _thresholds, _redraw, InlineLinkage(plan, workspace, VoteVenue.Meeting))
            : null;
    }

    /// <summary>The plan the kernel runs.</summary>
    internal KernelPlan Plan => _plan;

    /// <summary>The arrays its stages share (tests compare what the stages write there).</summary>
    internal TrialWorkspace Workspace => _workspace;

    /// <summary>A new inline draw of the run's one linkage for a vote in <paramref name="venue"/>, or null (tests compare it with the general draw).</summary>
    internal LinkageRedraw? InlineLinkage(VoteVenue venue) => InlineLinkage(_plan, _workspace, venue);

    /// <summary>Trials between two looks at a chunk's cancellation token (tests cancel in the middle of a chunk).</summary>
    internal long TrialsPerCancellationCheck => _plan.TrialsPerCancellationCheck;

    /// <summary>Whether each trial recomputes only the States that draw parameters (tests check the path they mean is taken).</summary>
    internal bool UsesVariableStates => _redraw is not null;

    /// <summary>Whether every decision takes its one vote from a plan made before the run (tests check the path they mean is taken).</summary>
    internal bool UsesSingleVotePlan => _plan.SingleVote is not null;

    /// <summary>Whether <see cref="RunChunk(ulong, long, long, TrialAccumulator, CancellationToken)"/> takes the fused loop (tests check the path they mean is taken).</summary>
    internal bool UsesFusedLoop => _fused is not null;

    /// <summary>Whether the fused loop takes its trials that only vote on one word of States in a loop of their own (tests check the path they mean is taken).</summary>
    internal bool UsesVoteOnlyLoop => _fused?.VoteOnly ?? false;

    /// <summary>Whether the vote-only loop draws each trial's normals into registers and votes on them there (tests check the path they mean is taken).</summary>
    internal bool VotesInRegisters => _fused?.VotesInRegisters ?? false;

    /// <summary>Whether its trials take the vote-only loop for thresholds fixed for the run but perhaps one drawn linkage's (tests check the path they mean is taken).</summary>
    internal bool UsesFixedThresholdsLoop => _fused?.TakesFixedThresholdsLoop ?? false;

    /// <summary>Whether <see cref="RunChunk(ulong, long, long, TrialAccumulator, CancellationToken)"/> takes the fused rounds loop (tests check the path they mean is taken).</summary>
    internal bool UsesFusedRounds => _fusedRounds is not null;

    /// <summary>Whether <see cref="RunChunk(ulong, long, long, TrialAccumulator, CancellationToken)"/> takes the loop of independent objections (tests check the path they mean is taken).</summary>
    internal bool UsesIndependentObjectionLoop => _independent is not null;

    /// <summary>Whether the fused rounds loop takes blocked votes from their masks, untallied (tests check the path they mean is taken).</summary>
    internal bool UsesBlockedVotesFromMask => _fusedRounds?.TakesBlockedVotesFromMask ?? false;

    /// <summary>Whether every trial only estimates conditionally (tests check the path they mean is taken).</summary>
    internal bool UsesConditionalOnlyLoop => _conditionalOnly is not null;

    /// <summary>Whether conditional-only trials draw one State's linkage inline (tests check the path they mean is taken).</summary>
    internal bool ConditionalOnlyDrawsLinkageInline => _conditionalOnly?.DrawsLinkageInline ?? false;

    /// <summary>Whether conditional-only trials take the States with fixed thresholds from tables (tests check the path they mean is taken).</summary>
    internal bool ConditionalOnlyTabulated => _conditionalOnly?.Tabulated ?? false;

    /// <summary>Whether conditional-only trials look their tables up several trials at a time (tests check the path they mean is taken).</summary>
    internal bool ConditionalOnlyAcrossTrials => _conditionalOnly?.AcrossTrials ?? false;

    /// <summary>How many States conditional-only trials take one by one rather than from tables (tests check the path they mean is taken).</summary>
    internal int ConditionalOnlyDirectStates => _conditionalOnly?.DirectStates ?? 0;

    /// <summary>Whether a compromising Chair's revisions compute gains and thresholds in one vector pass (tests check the path they mean is taken).</summary>
    internal bool UsesOnePassRevision => _compromise?.OnePass ?? false;

    /// <summary>Whether a compromising Chair's revisions compute one gain per distinct profile (tests check the path they mean is taken).</summary>
    internal bool UsesProfileGains => _compromise?.SharesProfileGains ?? false;

    /// <summary>Whether they also compute one set of thresholds per row of equal States (tests check the path they mean is taken).</summary>
    internal bool UsesThresholdRows => _compromise?.SharesThresholdRows ?? false;

    /// <summary>The compromising Chair's stage, or null (tests revise through it and compare the thresholds it writes).</summary>
    internal CompromiseStage? CompromiseChair => _compromise;

    /// <summary>Whether the agenda-setting Chair tabled a text in the last trial run (tests check that what it tables passes).</summary>
    internal bool LastTrialTabled => !_stakes.Gridlocked;

    /// <summary>Runs trials <paramref name="firstTrial"/> to firstTrial + count − 1 of the run with <paramref name="seed"/>, adding their outcomes to <paramref name="acc"/>.</summary>
    /// <param name="seed">The run's seed.</param>
    /// <param name="firstTrial">The first trial's index in the run: its noise comes from the stream of (seed, trial).</param>
    /// <param name="count">The number of trials.</param>
    /// <param name="acc">The tallies to add to.</param>
    public void RunChunk(ulong seed, long firstTrial, long count, TrialAccumulator acc) => RunChunk(seed, firstTrial, count, acc, CancellationToken.None);

    /// <summary>
    /// Runs trials <paramref name="firstTrial"/> to firstTrial + count − 1 as <see cref="RunChunk(ulong, long, long, TrialAccumulator)"/>
    /// does, looking at <paramref name="cancellationToken"/> every <see cref="TrialsPerCancellationCheck"/> trials.
    /// </summary>
    /// <param name="seed">The run's seed.</param>
    /// <param name="firstTrial">The first trial's index in the run.</param>
    /// <param name="count">The number of trials.</param>
    /// <param name="acc">The tallies to add to; after an abandoned chunk they hold part of it and must be discarded.</param>
    /// <param name="cancellationToken">Abandons the chunk.</param>
    /// <returns>Whether every trial ran; false when the chunk was abandoned.</returns>
    public bool RunChunk(ulong seed, long firstTrial, long count, TrialAccumulator acc, CancellationToken cancellationToken)
    {
        long end = firstTrial + count;

        // A proposal made once for the run is proven or not for all its trials, whichever loop takes them.
        acc.UnprovenProposals += _plan.ProposedOnce is { Unproven: true } ? count : 0;
        if (_conditionalOnly is { } conditionalOnly)
        {
            // Its trials draw from their own streams, not from the vote's noise blocks.
            return conditionalOnly.Run(seed, firstTrial, end, acc, cancellationToken);
        }

        if (_independent is { } independent)
        {
            // Its trials draw no normals.
            return independent.Run(seed, firstTrial, end, acc, cancellationToken);
        }

        _noise.BeginChunk(seed, firstTrial, end);
        if (_fused is { } fused)
        {
            return fused.Run(seed, firstTrial, end, acc, cancellationToken);
        }

        if (_fusedRounds is { } rounds)
        {
            return rounds.Run(firstTrial, end, acc, cancellationToken);
        }

        // Sub-blocks of trials between looks at the token: the trials, their order and their draws are those of one loop.
        long perCheck = _plan.TrialsPerCancellationCheck;
        for (long block = firstTrial; block < end; block += perCheck)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                return false;
            }

            long blockEnd = Math.Min(block + perCheck, end);
            for (long t = block; t < blockEnd; t++)
            {
                _noise.BeginTrial(t, t - firstTrial, end);
                var random = _redraw is { } redraw ? redraw.Begin(seed, t) : StartTrial(seed, t);
                RunTrial(ref random, acc, seed, t);
            }
        }

        return true;
    }

    /// <summary>
    /// The inline draw of the run's one linkage, if its trials draw nothing else; else null. <paramref name="venue"/> is the
    /// vote's, whose thresholds decide what the draw reports (conditional-only trials, which take no vote, ignore it).
    /// </summary>
    private LinkageRedraw? InlineLinkage(KernelPlan plan, TrialWorkspace workspace, VoteVenue venue) =>
        _redraw is not null && plan.Switches.InlineLinkageRedraw ? LinkageRedraw.For(plan, workspace, _parameters, venue) : null;

    /// <summary>The compromising Chair's stage, with the fastest one-pass revision the plan allows (each gives the same bits).</summary>
    private CompromiseStage Compromise(KernelPlan plan, TrialWorkspace workspace)
    {
        var start = plan.RestoreEachTrial ? new TrialStart(workspace, plan.Venues) : null;
        var profiles = ProfileRevision.For(plan, workspace);
        var rowsOfEight = profiles is null ? ThresholdRows256.For(plan, workspace) : null;
        return new CompromiseStage(plan, workspace, _thresholds, start, profiles is null ? RevisedThresholds.For(plan, workspace, _thresholds) : null, profiles, rowsOfEight);
    }

    /// <summary>
    /// Without random parameters or positions every trial starts from the same draft, gains and thresholds; only the noise differs.
    /// Fixed parameters consume no draws, so computing them once equals computing them per trial.
    /// </summary>
    private void PrepareStaticStart()
    {
        if (_plan.StaticGains || _redraw is not null)
        {
            _stakes.PrepareItems();
        }

        if (_plan.StaticThresholds)
        {
            _stakes.LoadItem(0);
            _thresholds.PrepareAll();
        }
    }

    /// <summary>Opens the trial's stream if it draws from one, draws its parameters and brings the draft, gains and thresholds to the trial's start.</summary>
    private TrialRandom StartTrial(ulong seed, long t)
    {
        var random = _plan.ScalarStream ? TrialRandom.ForTrial(seed, t) : default;
        if (_plan.Scenario.DrawsPerTrial)
        {
            _parameters.Draw(seed, t, ref random);
        }

        if (!_plan.StaticGains)
        {
            _stakes.PrepareItems();
        }
        else
        {
            _compromise?.RestoreIfRevised();
        }

        return random;
    }

    private void RunTrial(ref TrialRandom random, TrialAccumulator acc, ulong seed, long trial)
    {
        acc.Trials++;
        acc.UnprovenProposals += _stakes.ProposalUnproven ? 1 : 0;
        bool gridlocked = _stakes.Gridlocked;
        if (gridlocked)
        {
            // Nothing tabled, nothing voted: the trial draws no noise, and since every trial's streams are its own (the
            // first vote's block drawn ahead or not), skipping them moves no other trial's draws.
            OutcomeRecorder.RecordGridlock(acc);
            if (_conditional is not null)
            {
                // Gridlock depends on the trial's parameters, not on its shocks: P(adopted | shocks) is 0.
                acc.AddConditional(0);
            }
        }
        else
        {
            // Only the stance behaviour reads gains; other models' are zeros, and copying them cost a fixed-objection trial.
            if (!_plan.StaticThresholds && _stance)
            {
                _stakes.LoadDecision();
            }

            var outcome = _decision.Decide(ref random, revisable: _items == 1);
            _recorder.Record(acc, outcome);
            if (_conditional is { } conditional)
            {
                acc.AddConditional(conditional.Adoption());
            }

            _fallback?.Run(seed, trial, outcome, acc);
        }

        _rare?.Run(seed, trial, acc);

        if (_items > 1)
        {
            DecideSeparately(ref random, acc, gridlocked);
        }
    }

    /// <summary>
    /// Decides each proposal of a package on its own, for the comparison with the package. When the first proposal's
    /// Chair tabled nothing, that proposal counts as not adopted and the others are still decided.
    /// </summary>
    private void DecideSeparately(ref TrialRandom random, TrialAccumulator acc, bool firstGridlocked)
    {
        bool all = true;
        for (int k = 0; k < _items; k++)
        {
            bool adopted = false;
            if (k > 0 || !firstGridlocked)
            {
                _stakes.LoadItem(k);
                adopted = _decision.Decide(ref random, revisable: false).Adopted;
            }

            acc.ItemAdoptedSeparately[k] += adopted ? 1 : 0;
            all &= adopted;
        }

        acc.AllAdoptedSeparately += all ? 1 : 0;
    }
}
