using System.Collections.Immutable;
using ConsensusSim.Behaviour;
using ConsensusSim.Model;
using ConsensusSim.Numerics;

namespace ConsensusSim.Engine;

/// <summary>
/// Which paths a run's trials take, decided once from the compiled scenario, the test switches and whether the run asks
/// for conditional Monte Carlo. Every path gives the same bits as the general one; the plan only chooses the cheapest.
/// </summary>
internal sealed record KernelPlan
{
    private const long WorkPerCancellationCheck = 1L << 22;
    private const long MaxTrialsPerCancellationCheck = 1L << 16;

    private ImmutableArray<(ParameterSlot Slot, ParameterSampler Sampler)> _randomSlots;

    private KernelPlan(CompiledScenario scenario, KernelSwitches switches)
    {
        Scenario = scenario;
        Switches = switches;
    }

    /// <summary>The scenario planned for.</summary>
    public CompiledScenario Scenario { get; }

    /// <summary>The switches planned with.</summary>
    public KernelSwitches Switches { get; }

    /// <summary>
    /// Whether a linkage drawn per trial is drawn eight trials at a time: the switch allows it and the processor can
    /// (<see cref="QuantileTable.EightAtOnce"/>). The vote-only and conditional-only loops both ask this.
    /// </summary>
    public bool DrawsEightLinkagesAtOnce => Switches.EightLinkagesAtOnce && QuantileTable.EightAtOnce;

    /// <summary>The blocs whose noise is shared (ρ &gt; 0), each with a shock slot of its own; the others share one slot whose shock stays 0.</summary>
    public ImmutableArray<int> CorrelatedBlocs { get; private init; }

    /// <summary>Some bloc shares noise: the latent votes need the blocs' shocks, and independent objections become a Gaussian copula.</summary>
    public bool Copula => !CorrelatedBlocs.IsEmpty;

    /// <summary>The vote venues the procedure can reach: the meeting, then silence, then the Ministerial Council.</summary>
    public int Venues => Scenario.Escalate ? 3 : Scenario.UseSilence ? 2 : 1;

    /// <summary>Every trial's first vote draws latent normals, so its block can be drawn ahead, two trials at a time.</summary>
    public bool DrawAhead { get; private init; }

    /// <summary>The latent vote is a vector vote: sixteen States at a time with AVX-512, eight with AVX2 (<see cref="LatentVote.Wide"/>).</summary>
    public bool VectorVote { get; private init; }

    /// <summary>Something beyond the latent noise and the ideal points draws from the trial's scalar stream: other random parameters, random positions, independent objections, amendments, a custom behaviour.</summary>
    public bool ScalarStream { get; private init; }

    /// <summary>Every trial starts from the same draft and gains (no random parameters or positions, and no Chair that moves the draft without restoring it): an agenda-setter proposes once per run.</summary>
    public bool StaticGains { get; private init; }

    /// <summary>The States recomputed per trial because their parameters are random, everyone else's gains and thresholds kept; default when not used.</summary>
    public ImmutableArray<int> VariableStates { get; private init; }

    /// <summary>A single proposal faces the same thresholds in every trial (but for the variable States').</summary>
    public bool StaticThresholds { get; private init; }

    /// <summary>A compromising Chair's starting draft, gains and thresholds are restored before each trial instead of recomputed.</summary>
    public bool RestoreEachTrial { get; private init; }

    /// <summary>The one vote every decision takes, planned once; null when the procedure is walked per trial.</summary>
    public SingleVotePlan? SingleVote { get; private init; }

    /// <summary>The chain of votes every decision takes, planned once; null when the procedure is not such a chain.</summary>
    public RoundsPlan? Rounds { get; private init; }

    /// <summary>Why conditional Monte Carlo does not apply to the scenario, in a sentence; null if it does.</summary>
    public string? WhyNotConditional { get; private init; }

    /// <summary>Each trial also adds P(adopted | the blocs' shocks) to the conditional sums.</summary>
    public bool ConditionalMonteCarlo { get; private init; }

    /// <summary>Each trial only adds P(adopted | the blocs' shocks) to the conditional sums: it draws no own noise and takes no vote (<see cref="Stages.ConditionalOnlyLoop"/>).</summary>
    public bool ConditionalOnly { get; private init; }

    /// <summary>Why the rare-event estimator does not apply to the scenario, in a sentence; null if it does.</summary>
    public string? WhyNotRare { get; private init; }

    /// <summary>Each trial also draws one importance-sampled vote for the rare-event sums (<see cref="Stages.RareEventStage"/>), with this tuned design; null otherwise.</summary>
    public Stages.RareEventDesign? RareEvent { get; private init; }

    /// <summary>The agenda-setter's proposal, made once for the run when nothing random feeds its win-set; null otherwise.</summary>
    public Stages.AgendaProposal? ProposedOnce { get; private init; }

    /// <summary>A failed package's proposals are then put one by one (<see cref="Stages.PackageFallbackStage"/>).</summary>
    public bool PackageFallback { get; private init; }

    /// <summary>Some State may retaliate in the fallback votes: the stance behaviour, and a propensity that can exceed 0 (<see cref="Stages.RetaliationStage"/>).</summary>
    public bool Retaliation { get; private init; }

    /// <summary>
    /// The parameters a trial draws, in the order of <see cref="ParameterSlot.All"/> (the ideal points among them draw
    /// from their own block, every other one from the trial's stream in this order), each with its sampler; equal distributions share one sampler, so a
    /// quantile table is built once per distinct distribution, on first use (about two milliseconds each), and shared by
    /// every worker's kernel and, through <see cref="SharedSamplers"/>, by later runs such as a sweep's other points.
    /// </summary>
    public ImmutableArray<(ParameterSlot Slot, ParameterSampler Sampler)> RandomSlots
    {
        get
        {
            if (_randomSlots.IsDefault)
            {
                var samplers = new Dictionary<Model.Parameter, ParameterSampler>();
                var slots = ImmutableArray.CreateBuilder<(ParameterSlot, ParameterSampler)>();
                foreach (var slot in Scenario.ParameterSlots)
                {
                    if (!slot.Parameter.IsFixed)
                    {
                        slots.Add((slot, samplers.TryGetValue(slot.Parameter, out var s) ? s : samplers[slot.Parameter] = SharedSamplers.For(slot.Parameter)));
                    }
                }

                ImmutableInterlocked.InterlockedInitialize(ref _randomSlots, slots.ToImmutable());
            }

            return _randomSlots;
        }
    }

    /// <summary>Every trial is one vector vote on fixed thresholds, run in one fused loop.</summary>
    public bool FusedLoop { get; private init; }

    /// <summary>Every trial is a chain of vector votes that start from fixed thresholds, run in one fused loop (<see cref="Stages.FusedRoundsLoop"/>).</summary>
    public bool FusedRounds { get; private init; }

    /// <summary>Every trial is one vote with independent objections on chances fixed for the run, run in one loop (<see cref="Stages.IndependentObjectionLoop"/>).</summary>
    public bool IndependentLoop { get; private init; }

    /// <summary>
    /// Trials between two looks at a chunk's cancellation token: about 2²² State votes, milliseconds of work, so a
    /// cancelled chunk stops well within a second at any chunk size, and for the 57 States of the reference trial one
    /// look per 65,536 trials, which costs nothing measurable. Outside the fused loop a trial may take every round, in
    /// every venue, for every item, and recompute gains over every dimension.
    /// </summary>
    public long TrialsPerCancellationCheck
    {
        get
        {
            var c = Scenario;
            long votesPerTrial = FusedLoop ? Padded : (long)Padded * Math.Max(c.DimensionCount, 1) * c.MaxRounds * Venues * c.ItemCount * (PackageFallback ? 2 : 1);
            return Math.Clamp(WorkPerCancellationCheck / votesPerTrial, 1, MaxTrialsPerCancellationCheck);
        }
    }

    /// <summary>The number of bloc shocks a vote draws after the States' own normals.</summary>
    public int Shocks => CorrelatedBlocs.Length;

    /// <summary>The States and shocks, padded to whole vectors of <see cref="LatentVote"/>.</summary>
    public int Padded => LatentVote.Padded(Scenario.StateCount + Shocks);

    /// <summary>The plan of a run.</summary>
    /// <param name="compiled">The scenario.</param>
    /// <param name="switches">The test switches; null for production.</param>
    /// <param name="conditional">Whether the run asks for conditional Monte Carlo.</param>
    /// <param name="rare">The rare outcome the run estimates by importance sampling, and the seed its pilot draws from; null for none.</param>
    /// <param name="conditionalOnly">Whether the run's trials only estimate conditionally (implies <paramref name="conditional"/>).</param>
    /// <returns>The plan.</returns>
    /// <exception cref="ArgumentException">Conditional Monte Carlo or the rare-event estimator is asked for a scenario it does not apply to, or both for one run with conditional-only trials.</exception>
    public static KernelPlan For(CompiledScenario compiled, KernelSwitches? switches = null, bool conditional = false, Stages.RareEventRequest? rare = null, bool conditionalOnly = false)
    {
        ArgumentNullException.ThrowIfNull(compiled);
        if (conditionalOnly && rare is not null)
        {
            throw new ArgumentException("Conditional-only trials take no vote, so they cannot also draw the rare-event estimator's.", nameof(rare));
        }

        conditional |= conditionalOnly;
        var c = compiled;
        switches ??= KernelSwitches.Production;
        ImmutableArray<int> correlated = [.. Enumerable.Range(0, c.BlocCount).Where(b => c.BlocCorrelation[b] > 0)];
        bool copula = !correlated.IsEmpty;
        bool stance = c.Model == BehaviourModel.Stance;
        bool single = c.ItemCount == 1;

        // A compromising Chair moves the draft within a trial, so its start is restored before each; an agenda-setter
        // whose win-set nothing random feeds makes the same proposal in every trial, so it is made once. An uncertain
        // status quo or draft changes every State's gain in every trial: nothing is static then, and no State can be kept.
        bool restorable = switches.CacheTrialStart && c.Chair == ChairStrategy.Compromise && single && stance;
        bool proposesOnce = switches.CacheTrialStart && c.Chair == ChairStrategy.AgendaSetter && single && stance;
        bool staticGains = !c.DrawsPerTrial && (c.Chair == ChairStrategy.Fixed || restorable || proposesOnce);
        var variable = switches.CacheTrialStart && c.HasRandomParameters && !c.HasRandomPositions && c.Chair == ChairStrategy.Fixed && single && stance
            ? [.. c.ParameterSlots.Where(slot => slot.IsOfState && !slot.Parameter.IsFixed).Select(slot => slot.State(c.DimensionCount)).Distinct().Order()]
            : default(ImmutableArray<int>);
        bool staticThresholds = (staticGains || !variable.IsDefault) && single && stance;
        string? whyNot = WhyNotConditionalFor(c, copula);
        if (conditional && whyNot is not null)
        {
            throw new ArgumentException("Conditional Monte Carlo does not apply to this scenario: " + whyNot, nameof(conditional));
        }

        string? whyNotRare = WhyNotRareFor(c);
        if (rare is not null && whyNotRare is not null)
        {
            throw new ArgumentException("The rare-event estimator does not apply to this scenario: " + whyNotRare, nameof(rare));
        }

        var plan = new KernelPlan(c, switches)
        {
            CorrelatedBlocs = correlated,
            DrawAhead = stance || (c.Model == BehaviourModel.FixedObjection && copula),
            VectorVote = switches.VectorVote && LatentVote.VectorAvailable(correlated.Length + 1),

            // Latent noise comes from the vote's normal block and ideal points from theirs; the scalar stream is only for what else draws.
            ScalarStream = c.HasRandomPositions
                || c.ParameterSlots.Any(slot => slot.Target != ParameterTarget.IdealPoint && !slot.Parameter.IsFixed)
                || c.Model == BehaviourModel.Custom
                || (c.Model == BehaviourModel.FixedObjection && !copula)
                || (c.UseSilence && c.AmendmentProbability > 0),
            StaticGains = staticGains,
            VariableStates = variable,
            StaticThresholds = staticThresholds,
            RestoreEachTrial = staticThresholds && restorable,
            SingleVote = switches.PlanSingleVote ? SingleVotePlan.For(c) : null,
            Rounds = switches.FuseRounds ? RoundsPlan.For(c) : null,
            WhyNotConditional = whyNot,
            WhyNotRare = whyNotRare,
            ConditionalMonteCarlo = conditional,
            ConditionalOnly = conditionalOnly,
            PackageFallback = c.PackageFallback,
            Retaliation = c.PackageFallback && stance && c.Retaliation.Any(p => p.Maximum > 0),
        };
        if (proposesOnce && staticGains)
        {
            plan = plan with { ProposedOnce = Stages.AgendaProposal.Make(plan) };
        }

        if (rare is { } request)
        {
            plan = plan with { RareEvent = Stages.RareEventPlanner.Tune(plan, request) };
        }

        bool fusedLoop = switches.FuseSingleVote && !conditionalOnly && plan.CanFuse();
        return plan with
        {
            FusedLoop = fusedLoop,
            FusedRounds = !fusedLoop && plan.CanFuseRounds(),
            IndependentLoop = switches.FuseSingleVote && !conditionalOnly && plan.CanRunIndependentLoop(),
        };
    }

    /// <summary>
    /// Why the rare-event estimator does not apply to a scenario, or null if it does: it needs one vote, at a meeting,
    /// that adopts exactly when it agrees; every trial's thresholds the same (no random parameters or positions, a Fixed
    /// Chair, one proposal); objections that are independent given the blocs' shocks (stance or fixed objection); and a
    /// rule that looks only at who objects (not unanimity with abstention, which counts statements, nor a custom rule).
    /// </summary>
    private static string? WhyNotRareFor(CompiledScenario c)
    {
        var vote = SingleVotePlan.For(c);
        if (vote is not { Venue: VoteVenue.Meeting } || !vote.IfAgreed.Adopted || vote.IfNotAgreed.Adopted)
        {
            return "it needs a procedure with exactly one vote, at a meeting, that adopts exactly when the vote agrees (one round, no silence procedure, no escalation, no compromising Chair).";
        }

        if (c.Chair != ChairStrategy.Fixed || c.ItemCount != 1 || c.DrawsPerTrial)
        {
            return "it needs the same thresholds in every trial: a Fixed Chair, one proposal, and no parameter or position drawn per trial.";
        }

        if (c.Model == BehaviourModel.Custom)
        {
            return "it needs the stance behaviour or independent objections; a custom behaviour's objections have no known density to tilt.";
        }

        return c.RuleKind is DecisionRuleKind.UnanimityWithAbstention or DecisionRuleKind.Custom
            ? "it needs a rule decided by who objects alone (consensus, minus one or two, or a majority); unanimity with abstention and custom rules also look at statements."
            : null;
    }

    /// <summary>Why conditional Monte Carlo does not apply to a scenario, or null if it does.</summary>
    private static string? WhyNotConditionalFor(CompiledScenario c, bool copula)
    {
        var vote = SingleVotePlan.For(c);
        if (vote is not { Venue: VoteVenue.Meeting })
        {
            return "it needs a procedure with exactly one vote, at a meeting (one round, no silence procedure, no escalation, no compromising Chair).";
        }

        if (!vote.IfAgreed.Adopted || vote.IfNotAgreed.Adopted)
        {
            return "it needs a procedure that adopts exactly when its one vote agrees.";
        }

        if (c.Model != BehaviourModel.Stance && !(c.Model == BehaviourModel.FixedObjection && copula))
        {
            return "it needs the stance behaviour, or independent objections with noise shared in blocs (a bloc correlation above 0); without shared noise the exact module gives the answer directly.";
        }

        return AgreesExactlyWhenUnopposed(c.RuleKind)
            ? null
            : "it needs a rule that adopts exactly when no counted State objects (consensus, consensus minus one or minus two).";
    }

    /// <summary>Whether a rule agrees exactly when no counted State objects, whatever the statements.</summary>
    public static bool AgreesExactlyWhenUnopposed(DecisionRuleKind rule) =>
        rule is DecisionRuleKind.Consensus or DecisionRuleKind.ConsensusMinusOne or DecisionRuleKind.ConsensusMinusTwo;

    /// <summary>
    /// Whether every trial is one vector vote on thresholds fixed but for a few States', with nothing drawn but the first
    /// vote's block and those States' parameters: the stance behaviour draws its first block ahead, random parameters of
    /// a few States only recompute theirs (random positions would recompute everyone's), a Fixed Chair restores nothing
    /// (nor does an agenda-setter that tables one text for the whole run; under gridlock no vote is taken), and no
    /// amendments are drawn from the scalar stream. Objections with noise shared in blocs (the fixed-objection model's
    /// Gaussian copula) are the same vote on the thresholds Φ⁻¹(p), with no statements, where nothing is drawn per trial.
    /// </summary>
    private bool CanFuse() =>
        SingleVote is not null
        && (Scenario.Chair == ChairStrategy.Fixed || ProposedOnce is { Tabled: true })
        && (Scenario.Model == BehaviourModel.Stance
            ? StaticThresholds && (!Scenario.DrawsPerTrial || !VariableStates.IsDefault)
            : CopulaVote)
        && Scenario.ItemCount == 1
        && VectorVote
        && !(Scenario.UseSilence && Scenario.AmendmentProbability > 0)
        && RareEvent is null;

    /// <summary>
    /// Every vote is latent normals against objection thresholds fixed for the run, and no statements: the fixed-objection
    /// model with noise shared in blocs, nothing drawn per trial and nothing from the scalar stream (no amendments).
    /// </summary>
    public bool CopulaVote =>
        Scenario.Model == BehaviourModel.FixedObjection && Copula && !Scenario.DrawsPerTrial && !ScalarStream;

    /// <summary>
    /// Whether every trial is one vote with independent objections (the fixed-objection model without shared noise) on
    /// chances fixed for the run: nothing drawn per trial, a Fixed Chair, one proposal, no amendments to draw, a built-in
    /// rule (a custom one is asked about every vote), and nothing else run after the vote.
    /// </summary>
    private bool CanRunIndependentLoop() =>
        SingleVote is not null
        && Scenario.Chair == ChairStrategy.Fixed
        && Scenario.Model == BehaviourModel.FixedObjection
        && !Copula
        && !Scenario.DrawsPerTrial
        && Scenario.ItemCount == 1
        && !(SingleVote.Venue == VoteVenue.Silence && Scenario.AmendmentProbability > 0)
        && Scenario.RuleKind != DecisionRuleKind.Custom
        && !PackageFallback
        && !ConditionalMonteCarlo
        && RareEvent is null;

    /// <summary>
    /// Whether every trial is a planned chain of vector votes that starts from thresholds fixed for the run: the stance
    /// behaviour, one proposal, nothing drawn from the scalar stream, and a Chair that tables the same text in every
    /// trial — a Fixed Chair, an agenda-setter that proposes once for the run, or a compromising Chair whose start is
    /// restored before each trial (its revisions are taken between the votes).
    /// </summary>
    private bool CanFuseRounds() =>
        Rounds is not null
        && (Scenario.Chair == ChairStrategy.Fixed || ProposedOnce is { Tabled: true } || RestoreEachTrial)
        && Scenario.Model == BehaviourModel.Stance
        && StaticThresholds
        && !Scenario.DrawsPerTrial
        && !ScalarStream
        && Scenario.ItemCount == 1
        && !PackageFallback
        && VectorVote
        && !ConditionalMonteCarlo
        && RareEvent is null;
}
