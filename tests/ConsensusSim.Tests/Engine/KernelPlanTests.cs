using ConsensusSim.Behaviour;
using ConsensusSim.Engine;
using ConsensusSim.Model;
using ConsensusSim.Procedures;
using ConsensusSim.Simulation;
using ConsensusSim.Serialization;
using ConsensusSim.Tests.Support;

namespace ConsensusSim.Tests.Engine;

/// <summary>
/// The planner decides once per run which paths a trial takes, and why conditional Monte Carlo does not apply where it
/// does not. Each case pins the decisions for one kind of scenario; the kernel takes exactly what the plan says.
/// </summary>
public class KernelPlanTests
{
    private static ScenarioBuilder Reference()
    {
        var b = Scenario.Default.ToBuilder();
        b.StateOverrides.Clear();
        b.Procedure = new ProcedureOptions { MaxRounds = 1 };
        b.Chair = new ChairOptions { Strategy = ChairStrategy.Fixed };
        return b;
    }

    [Fact]
    public void The_reference_trial_is_one_planned_vote_on_static_thresholds_with_its_noise_drawn_ahead()
    {
        var plan = KernelPlan.For(Reference().Build().Compile());
        Assert.Equal(new SingleVotePlan(VoteVenue.Meeting, 1, false, new PlannedEnd(true, ProcedureStage.CouncilMeeting), new PlannedEnd(false, ProcedureStage.CouncilMeeting)), plan.SingleVote);
        Assert.True(plan.DrawAhead);
        Assert.True(plan.Copula);
        Assert.True(plan.StaticGains);
        Assert.True(plan.StaticThresholds);
        Assert.False(plan.ScalarStream);
        Assert.False(plan.RestoreEachTrial);
        Assert.True(plan.VariableStates.IsDefault);
        Assert.Equal(1, plan.Venues);
        Assert.Null(plan.WhyNotConditional);
        Assert.False(plan.ConditionalMonteCarlo);
        Assert.Equal(LatentVote.VectorAvailable(plan.Shocks + 1), plan.VectorVote);
        Assert.Equal(plan.VectorVote, plan.FusedLoop);
    }

    [Fact]
    public void Asking_for_conditional_Monte_Carlo_keeps_the_planned_vote_and_the_fused_loop()
    {
        var plan = KernelPlan.For(Reference().Build().Compile(), conditional: true);
        Assert.True(plan.ConditionalMonteCarlo);
        Assert.NotNull(plan.SingleVote);
        Assert.Equal(plan.VectorVote, plan.FusedLoop);
    }

    [Fact]
    public void Random_parameters_recompute_only_the_States_that_draw_them_from_the_scalar_stream()
    {
        var compiled = Scenario.Default.Compile();
        var plan = KernelPlan.For(compiled);
        Assert.True(compiled.HasRandomParameters);
        Assert.True(plan.ScalarStream);
        Assert.False(plan.StaticGains);
        Assert.True(plan.StaticThresholds);
        Assert.False(plan.VariableStates.IsDefault);
        Assert.NotEmpty(plan.VariableStates);
        Assert.Equal(plan.VariableStates.Order(), plan.VariableStates);
        Assert.All(plan.VariableStates, i => Assert.InRange(i, 0, compiled.StateCount - 1));

        // Those States are redrawn and recomputed inside the fused loop, where the machine has it.
        Assert.Equal(VectorPaths.Vote, plan.FusedLoop);

        // Without the cache every State is recomputed in every trial.
        var uncached = KernelPlan.For(compiled, new KernelSwitches { CacheTrialStart = false });
        Assert.True(uncached.VariableStates.IsDefault);
        Assert.False(uncached.StaticThresholds);
    }

    [Fact]
    public void An_uncertain_status_quo_recomputes_every_State_in_every_trial_outside_the_fused_loop()
    {
        // Fixed State parameters, but q drawn per trial: every State's gain changes, so nothing is static.
        var b = Reference();
        b.Proposal = new Proposal { Topic = "counter-terrorism", StatusQuo = [Parameter.Uniform(0.1, 0.3), 0.1, 0.1], Draft = [0.55, 0.3, 0.3] };
        var compiled = b.Build().Compile();
        var plan = KernelPlan.For(compiled);
        Assert.False(compiled.HasRandomParameters);
        Assert.True(compiled.HasRandomPositions);
        Assert.True(plan.ScalarStream);
        Assert.False(plan.StaticGains);
        Assert.False(plan.StaticThresholds);
        Assert.True(plan.VariableStates.IsDefault);
        Assert.False(plan.FusedLoop);
        Assert.NotNull(plan.SingleVote);
        Assert.Null(plan.WhyNotConditional);
        Assert.False(new TrialKernel(plan).UsesFusedLoop);
    }

    [Fact]
    public void An_uncertain_draft_with_random_State_parameters_leaves_the_variable_States_path()
    {
        // The default scenario's random linkage alone would recompute only Russia; a random draft moves every State.
        var b = Scenario.Default.ToBuilder();
        var compiled = b.Build().Compile();
        Assert.False(KernelPlan.For(compiled).VariableStates.IsDefault);
        b.Proposal = new Proposal { Topic = "counter-terrorism", StatusQuo = [0.2, 0.1, 0.1], Draft = [Parameter.Beta(5, 4), 0.3, 0.3] };
        var uncertain = b.Build().Compile();
        var plan = KernelPlan.For(uncertain);
        Assert.True(uncertain.HasRandomParameters && uncertain.HasRandomPositions);
        Assert.True(plan.VariableStates.IsDefault);
        Assert.False(plan.StaticGains);
        Assert.False(plan.StaticThresholds);
        Assert.False(plan.FusedLoop);
        Assert.False(new TrialKernel(plan).UsesVariableStates);
    }

    [Fact]
    public void A_compromising_Chair_with_an_uncertain_status_quo_recomputes_the_trials_start_instead_of_restoring_it()
    {
        var b = Reference();
        b.Procedure = new ProcedureOptions { MaxRounds = 5 };
        b.Chair = new ChairOptions { Strategy = ChairStrategy.Compromise, Step = 0.25 };
        b.Proposal = new Proposal { Topic = "counter-terrorism", StatusQuo = [0.2, Parameter.TruncatedNormal(0.1, 0.05, 0, 0.3), 0.1], Draft = [0.55, 0.3, 0.3] };
        var plan = KernelPlan.For(b.Build().Compile());
        Assert.False(plan.StaticGains);
        Assert.False(plan.RestoreEachTrial);
        Assert.False(plan.StaticThresholds);
    }

    [Fact]
    public void Uncertain_positions_mean_nothing_to_independent_objections_and_are_not_drawn()
    {
        var b = Reference();
        b.Behaviour = new BehaviourOptions { Model = BehaviourModel.FixedObjection, BlocCorrelation = 0.3 };
        b.Defaults = new StateProfile { ObjectionProbability = 0.01 };
        var plain = KernelPlan.For(b.Build().Compile());
        b.Proposal = new Proposal { Topic = "counter-terrorism", StatusQuo = [Parameter.Uniform(0, 0.3), 0.1, 0.1], Draft = [0.55, 0.3, 0.3] };
        var compiled = b.Build().Compile();
        var plan = KernelPlan.For(compiled);
        Assert.False(compiled.HasRandomPositions);
        Assert.Empty(ParameterSlot.OfPositions(compiled));
        Assert.Equal((plain.ScalarStream, plain.FusedLoop, plain.StaticThresholds), (plan.ScalarStream, plan.FusedLoop, plan.StaticThresholds));
    }

    [Fact]
    public void A_compromising_Chair_walks_the_procedure_and_restores_the_trials_start()
    {
        var b = Reference();
        b.Procedure = new ProcedureOptions { MaxRounds = 5 };
        b.Chair = new ChairOptions { Strategy = ChairStrategy.Compromise, Step = 0.25 };
        var compiled = b.Build().Compile();
        var plan = KernelPlan.For(compiled);
        Assert.Null(plan.SingleVote);
        Assert.True(plan.StaticGains);
        Assert.True(plan.RestoreEachTrial);
        Assert.False(plan.FusedLoop);
        Assert.Contains("exactly one vote", plan.WhyNotConditional, StringComparison.Ordinal);

        var uncached = KernelPlan.For(compiled, new KernelSwitches { CacheTrialStart = false });
        Assert.False(uncached.StaticGains);
        Assert.False(uncached.RestoreEachTrial);
    }

    [Fact]
    public void Independent_objections_draw_from_the_scalar_stream_and_are_left_to_the_exact_module()
    {
        var b = Reference();
        b.Behaviour = new BehaviourOptions { Model = BehaviourModel.FixedObjection, BlocCorrelation = 0 };
        b.Defaults = new StateProfile { ObjectionProbability = 0.01 };
        var plan = KernelPlan.For(b.Build().Compile());
        Assert.False(plan.Copula);
        Assert.False(plan.DrawAhead);
        Assert.True(plan.ScalarStream);
        Assert.False(plan.StaticThresholds);
        Assert.False(plan.FusedLoop);
        Assert.Contains("shared in blocs", plan.WhyNotConditional, StringComparison.Ordinal);

        // Shared noise makes them a Gaussian copula of latent normals, drawn ahead, to which conditional Monte Carlo applies.
        b.Behaviour = new BehaviourOptions { Model = BehaviourModel.FixedObjection, BlocCorrelation = 0.3 };
        var copula = KernelPlan.For(b.Build().Compile());
        Assert.True(copula.Copula);
        Assert.True(copula.DrawAhead);
        Assert.False(copula.ScalarStream);
        Assert.Null(copula.WhyNotConditional);
    }

    [Fact]
    public void Escalation_and_silence_add_venues_and_rule_out_the_conditional_estimate()
    {
        var b = Reference();
        b.Procedure = new ProcedureOptions { MaxRounds = 1, UseSilence = true, EscalateToMinisterialCouncil = true };
        var plan = KernelPlan.For(b.Build().Compile());
        Assert.Equal(3, plan.Venues);
        Assert.NotNull(plan.WhyNotConditional);
    }

    [Fact]
    public void A_majority_rule_gets_the_reason_that_conditional_Monte_Carlo_needs_a_consensus_rule()
    {
        var b = Reference();
        b.Rule = DecisionRule.QualifiedMajority(0.9, 0, VotingWeight.Equal);
        var plan = KernelPlan.For(b.Build().Compile());
        Assert.Contains("no counted State objects", plan.WhyNotConditional, StringComparison.Ordinal);
        var e = Assert.Throws<ArgumentException>(() => KernelPlan.For(b.Build().Compile(), conditional: true));
        Assert.Equal("conditional", e.ParamName);
        Assert.Contains(plan.WhyNotConditional!, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_test_switches_default_to_production_and_each_turns_its_path_off()
    {
        Assert.Equal(new KernelSwitches(), KernelSwitches.Production);
        Assert.Equal(NormalPath.Auto, KernelSwitches.Production.NoisePath);
        Assert.True(KernelSwitches.Production is { VectorVote: true, CacheTrialStart: true, PlanSingleVote: true, FuseSingleVote: true });
        var compiled = Reference().Build().Compile();
        Assert.False(KernelPlan.For(compiled, new KernelSwitches { VectorVote = false }).VectorVote);
        Assert.Null(KernelPlan.For(compiled, new KernelSwitches { PlanSingleVote = false }).SingleVote);
        Assert.False(KernelPlan.For(compiled, new KernelSwitches { FuseSingleVote = false }).FusedLoop);

        // Turning a path off does not change whether conditional Monte Carlo applies: that is the scenario's.
        Assert.Null(KernelPlan.For(compiled, new KernelSwitches { PlanSingleVote = false }).WhyNotConditional);
    }

    [Fact]
    public void A_kernel_takes_the_paths_its_plan_chose()
    {
        var uncertain = Reference();
        uncertain.Proposal = new Proposal { Topic = "counter-terrorism", StatusQuo = [0.2, 0.1, 0.1], Draft = [Parameter.Uniform(0.4, 0.7), 0.3, 0.3] };
        foreach (var compiled in new[] { Reference().Build().Compile(), Scenario.Default.Compile(), uncertain.Build().Compile() })
        {
            var plan = KernelPlan.For(compiled);
            var kernel = new TrialKernel(plan);
            Assert.Same(plan, kernel.Plan);
            Assert.Equal(plan.FusedLoop, kernel.UsesFusedLoop);
            Assert.Equal(plan.SingleVote is not null, kernel.UsesSingleVotePlan);
            Assert.Equal(!plan.VariableStates.IsDefault, kernel.UsesVariableStates);
            Assert.Equal(plan.TrialsPerCancellationCheck, kernel.TrialsPerCancellationCheck);
        }
    }

    [Fact]
    public void The_runner_answers_whether_conditional_Monte_Carlo_applies_from_the_plan_without_building_a_kernel()
    {
        // 160 actors: a kernel allocates its workspace, noise ring and stages; the planner only its decisions.
        var actors = ConsensusSim.Import.KtabFormat.Load(Path.Combine(AppContext.BaseDirectory, "imports", "ktab-dummyData-a160.csv")).ToScenario().ToBuilder();
        actors.Procedure = new ProcedureOptions { MaxRounds = 1 };
        actors.Chair = new ChairOptions { Strategy = ChairStrategy.Fixed };
        var compiled = actors.Build().Compile();
        _ = MonteCarloRunner.SupportsConditionalMonteCarlo(compiled, out _);
        _ = new TrialKernel(compiled);

        long before = GC.GetAllocatedBytesForCurrentThread();
        bool supported = MonteCarloRunner.SupportsConditionalMonteCarlo(compiled, out string? reason);
        long planning = GC.GetAllocatedBytesForCurrentThread() - before;
        before = GC.GetAllocatedBytesForCurrentThread();
        _ = new TrialKernel(compiled);
        long kernel = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(KernelPlan.For(compiled).WhyNotConditional, reason);
        Assert.Equal(reason is null, supported);
        Assert.True(planning * 4 < kernel, $"planning allocated {planning:N0} bytes, a kernel {kernel:N0}");

        // And for the cases it refuses, the runner's reason is the planner's.
        var rounds = Reference();
        rounds.Procedure = new ProcedureOptions { MaxRounds = 3 };
        Assert.False(MonteCarloRunner.SupportsConditionalMonteCarlo(rounds.Build().Compile(), out string? why));
        Assert.Equal(KernelPlan.For(rounds.Build().Compile()).WhyNotConditional, why);
    }
}
