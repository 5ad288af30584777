using ConsensusSim.Analysis;
using ConsensusSim.Behaviour;
using ConsensusSim.Import;
using ConsensusSim.Model;
using ConsensusSim.Osce;
using ConsensusSim.Procedures;
using ConsensusSim.Serialization;
using ConsensusSim.Simulation;
using ConsensusSim.Engine;
using ConsensusSim.Numerics;
using ConsensusSim.Tests.Support;

namespace ConsensusSim.Tests.PublicApi.Hostile;

/// <summary>
/// Library calls with nonsensical values: NaN, negative, out of range, undefined enum values, a custom behaviour that
/// answers outside its enum. Each is refused with an exception naming the parameter, not answered or crashed on.
/// </summary>
public class LibraryArgumentTests
{
    private static readonly CompiledScenario Compiled = Scenarios.FixedObjection([0.1, 0.2]).Compile();

    private static void Refused<T>(string parameter, Action call)
        where T : ArgumentException
    {
        var ex = Record.Exception(call);
        Assert.True(ex is T, $"expected {typeof(T).Name} for '{parameter}', got {ex?.GetType().Name ?? "no exception"}: {ex?.Message}");
        Assert.Equal(parameter, ((T)ex!).ParamName);
    }

    [Fact]
    public void Merging_a_list_holding_null_names_the_parameter()
    {
        var shard = MonteCarloRunner.Run(Compiled, new SimulationOptions { Trials = 2000, ChunkSize = 1000, Shard = new ShardSpec(1, 2) });
        Refused<ArgumentException>("shards", () => SimulationResult.Merge([null!]));
        Refused<ArgumentException>("shards", () => SimulationResult.Merge([shard, null!]));
    }

    [Fact]
    public void A_custom_behaviour_answering_an_undefined_position_fails_the_run_naming_it_and_the_value()
    {
        var scenario = new ScenarioBuilder
        {
            Name = "undefined answer",
            States = ["AUT", "BEL", "CZE"],
            Behaviour = new BehaviourOptions { Model = BehaviourModel.Custom, Custom = new AnswersSeven() },
        }.Build();
        var ex = Record.Exception(() => MonteCarloRunner.Run(scenario.Compile(), new SimulationOptions { Trials = 1000 }));
        var refused = Assert.IsType<InvalidOperationException>(ex);
        Assert.Contains("'answers seven'", refused.Message, StringComparison.Ordinal);
        Assert.Contains("StatePosition 7", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rules_refuse_shares_outside_0_to_1_undefined_weights_and_negative_thresholds()
    {
        Refused<ArgumentOutOfRangeException>("stateShare", () => DecisionRule.QualifiedMajority(double.NaN, 0.5, VotingWeight.Equal));
        Refused<ArgumentOutOfRangeException>("stateShare", () => DecisionRule.QualifiedMajority(-0.1, 0.5, VotingWeight.Equal));
        Refused<ArgumentOutOfRangeException>("weightShare", () => DecisionRule.QualifiedMajority(0.5, 1.5, VotingWeight.Equal));
        Refused<ArgumentOutOfRangeException>("weight", () => DecisionRule.QualifiedMajority(0.5, 0.5, (VotingWeight)99));
        Refused<ArgumentOutOfRangeException>("weight", () => DecisionRule.Custom(new Unanimous(), (VotingWeight)(-1)));
        Refused<ArgumentOutOfRangeException>("minimumSupporters", () => DecisionRule.ForMechanism("berlin", -1));
    }

    [Fact]
    public void Exact_results_refuse_non_probabilities_and_name_the_list()
    {
        Refused<ArgumentOutOfRangeException>("objectionProbabilities", () => IndependentObjections.ConsensusProbability([0.1, double.NaN]));
        Refused<ArgumentOutOfRangeException>("objectionProbabilities", () => IndependentObjections.ObjectorCountDistribution([1.5]));
        Refused<ArgumentOutOfRangeException>("supportProbabilities", () => IndependentObjections.ThresholdSupportProbability([-0.5], 1));
        Refused<ArgumentOutOfRangeException>("minimumSupporters", () => IndependentObjections.ThresholdSupportProbability([0.5], -1));
        Refused<ArgumentOutOfRangeException>("weightShare", () => IndependentObjections.QualifiedMajorityProbability([0.1], [1], 0.5, double.NaN));
        Refused<ArgumentException>("budgetWeights", () => IndependentObjections.ApproximateConsensusProbability([0.1, 0.2], [1]));

        // Weights whose exact table would take gigabytes are refused at once, not allocated.
        Refused<ArgumentException>("weights", () => IndependentObjections.QualifiedMajorityProbability([0.1, 0.2], [int.MaxValue, int.MaxValue], 0.5, 0.5));
    }

    [Fact]
    public void A_variation_with_a_null_path_or_value_names_the_assignments()
    {
        const string Json = """{ "name": "x", "states": ["AUT"], "proposal": { "title": "t", "statusQuo": [0,0,0], "draft": [1,1,1] }, "behaviour": { "model": "fixed-objection" }, "defaults": { "objectionProbability": 0.1 } }""";
        Refused<ArgumentException>("assignments", () => ScenarioVariation.Apply(Json, [new KeyValuePair<string, string>(null!, "0.5")]));
        Refused<ArgumentException>("assignments", () => ScenarioVariation.Apply(Json, [new KeyValuePair<string, string>("tension", null!)]));
    }

    [Fact]
    public void Intervals_refuse_successes_outside_0_to_the_trials()
    {
        Refused<ArgumentOutOfRangeException>("successes", () => ProportionInterval.StandardError(-1, 10));
        Refused<ArgumentOutOfRangeException>("successes", () => ProportionInterval.StandardError(11, 10));
        Refused<ArgumentOutOfRangeException>("players", () => WeightedVotingGame.Unanimity(0));
        Refused<ArgumentOutOfRangeException>("players", () => WeightedVotingGame.Unanimity(-3));
    }

    [Fact]
    public void Procedures_refuse_undefined_stages_triggers_and_guards()
    {
        var table = ProcedureDefinition.OsceConsensus.Compile();
        Refused<ArgumentOutOfRangeException>("stage", () => table.IsFinal((ProcedureStage)99));
        Refused<ArgumentOutOfRangeException>("stage", () => table.TriggerAt((ProcedureStage)(-1)));
        Refused<ArgumentOutOfRangeException>("stage", () => table.TryFire((ProcedureStage)42, ProcedureTrigger.Decide, default, out _));
        Refused<ArgumentOutOfRangeException>("trigger", () => table.TryFire(ProcedureStage.Tabled, (ProcedureTrigger)42, default, out _));
        Refused<ArgumentOutOfRangeException>("guard", () => ProcedureGuards.Describe((ProcedureGuard)42));
        Refused<ArgumentOutOfRangeException>("initial", () => ProcedureDefinition.OsceConsensus.CreateStateMachine(() => default, (ProcedureStage)42));
    }

    [Fact]
    public void Tables_and_presets_refuse_non_finite_and_negative_values()
    {
        Refused<ArgumentOutOfRangeException>("minimum", () => _ = new ActorTableIssue("i", "issue", double.NaN, 1));
        Refused<ArgumentOutOfRangeException>("maximum", () => _ = new ActorTableIssue("i", "issue", 0, double.PositiveInfinity));
        Refused<ArgumentOutOfRangeException>("position", () => new ActorTableIssue("i", "issue", 0, 1).ToUnit(double.NaN));
        Refused<ArgumentOutOfRangeException>("power", () => _ = new ActorTableActor("A", "Actor", -1, [0.5], [1]));
        Refused<ArgumentException>("saliences", () => _ = new ActorTableActor("A", "Actor", 1, [0.5], [double.NaN]));
        Refused<ArgumentOutOfRangeException>("Linkage", () => _ = new EraBlocStance("eu", 1.5, 0));
        Refused<ArgumentOutOfRangeException>("BlockingCost", () => _ = new EraBlocStance("eu", 0.5, -0.1));
        Refused<ArgumentOutOfRangeException>("line", () => _ = new ScenarioProblem("$", "problem", 0));
        Refused<ArgumentOutOfRangeException>("line", () => new ScenarioProblem("$", "problem").AtLine(-1));
        Refused<ArgumentOutOfRangeException>("line", () => _ = new ActorTableFormatException("f", 0, "problem"));
        Refused<ArgumentOutOfRangeException>("line", () => _ = new ResultFileException("f", 0, "$", "problem"));
    }

    [Fact]
    public void The_agenda_setter_refuses_short_spans_non_finite_positions_and_undefined_losses()
    {
        double[] q = [0, 0], a = [1, 1], x = [0.5, 0.5, 0.6, 0.6], s = [0.5, 0.5, 0.5, 0.5], required = [0, 0];
        bool[] counted = [true, true];
        Assert.InRange(AgendaSetter.ReachableShare(q, a, x, s, required, counted, LossFunction.Linear), 0, 1);
        Refused<ArgumentException>("idealPoints", () => AgendaSetter.ReachableShare(q, a, x.AsSpan(0, 3), s, required, counted, LossFunction.Linear));
        Refused<ArgumentException>("salience", () => AgendaSetter.ReachableShare(q, a, x, s.AsSpan(0, 1), required, counted, LossFunction.Linear));
        Refused<ArgumentException>("counted", () => AgendaSetter.ReachableShare(q, a, x, s, required, counted.AsSpan(0, 1), LossFunction.Linear));
        Refused<ArgumentException>("chairIdeal", () => AgendaSetter.ReachableShare(q, a.AsSpan(0, 1), x, s, required, counted, LossFunction.Linear));
        Refused<ArgumentOutOfRangeException>("loss", () => AgendaSetter.ReachableShare(q, a, x, s, required, counted, (LossFunction)9));
        Refused<ArgumentOutOfRangeException>("lowestIdeal", () => AgendaSetter.ClosedFormOneDimension(0, 1, double.NaN));
    }

    [Fact]
    public void The_agenda_setter_refuses_values_that_would_give_a_meaningless_share()
    {
        double[] q = [0.1], a = [0.9], x = [0.5], s = [1], required = [0];
        bool[] counted = [true];
        Assert.Equal(0.8 / 0.8, AgendaSetter.ReachableShare(q, a, x, s, required, counted, LossFunction.Quadratic), 12);
        Refused<ArgumentOutOfRangeException>("statusQuo", () => AgendaSetter.ReachableShare([double.NaN], a, x, s, required, counted, LossFunction.Quadratic));
        Refused<ArgumentOutOfRangeException>("chairIdeal", () => AgendaSetter.ReachableShare(q, [double.PositiveInfinity], x, s, required, counted, LossFunction.Quadratic));
        Refused<ArgumentOutOfRangeException>("idealPoints", () => AgendaSetter.ReachableShare(q, a, [double.NaN], s, required, counted, LossFunction.Linear));
        Refused<ArgumentOutOfRangeException>("salience", () => AgendaSetter.ReachableShare(q, a, x, [-1], required, counted, LossFunction.Linear));
        Refused<ArgumentOutOfRangeException>("required", () => AgendaSetter.ReachableShare(q, a, x, s, [double.NaN], counted, LossFunction.Linear));
        Assert.Equal(1, AgendaSetter.ReachableShare(q, a, x, s, [double.NegativeInfinity], counted, LossFunction.Linear));

        // The closed form's precondition: every ideal point above the status quo.
        Assert.Equal(0.9, AgendaSetter.ClosedFormOneDimension(0.1, 0.9, 0.6), 12);
        Refused<ArgumentOutOfRangeException>("lowestIdeal", () => AgendaSetter.ClosedFormOneDimension(0.5, 0.9, 0.2));
    }

    [Fact]
    public void The_agenda_setter_takes_many_dimensions_without_overflowing_the_stack()
    {
        // On a 128 KB stack, 20,000 dimensions' break points (160 KB) killed the process with a stack overflow, as a
        // million did on the thread pool's; past 128 dimensions they now go to the heap.
        const int d = 20_000;
        var q = new double[d];
        var a = Enumerable.Repeat(1.0, d).ToArray();
        var x = Enumerable.Repeat(0.5, d).ToArray();
        var s = Enumerable.Repeat(1.0 / d, d).ToArray();
        double t = double.NaN;
        var thread = new Thread(() => t = AgendaSetter.ReachableShare(q, a, x, s, [0.0], [true], LossFunction.Linear), maxStackSize: 128 * 1024);
        thread.Start();
        thread.Join();
        Assert.Equal(1.0, t, 9);
    }

    [Fact]
    public void The_win_set_solver_refuses_sizes_whose_arrays_would_overflow()
    {
        Refused<ArgumentOutOfRangeException>("dimensions", () => _ = new WinSetSolver(int.MaxValue, 1, LossFunction.Quadratic));
        Refused<ArgumentOutOfRangeException>("dimensions", () => _ = new WinSetSolver(1_025, 1, LossFunction.Linear));
        Refused<ArgumentOutOfRangeException>("states", () => _ = new WinSetSolver(1, int.MaxValue, LossFunction.Quadratic));
        Refused<ArgumentOutOfRangeException>("states", () => _ = new WinSetSolver(1_000, 100_000, LossFunction.Linear));
        Assert.Equal(1_024, new WinSetSolver(1_024, 1_024, LossFunction.Linear).Dimensions);

        // A scenario whose agenda setter would need a larger solver is refused before it is compiled.
        var b = Scenario.Default.ToBuilder();
        b.Dimensions = [.. Enumerable.Range(0, 1_025).Select(i => $"d{i}")];
        b.Chair = new ChairOptions { Strategy = ChairStrategy.AgendaSetter, IdealPoint = [.. Enumerable.Repeat(0.5, 1_025)] };
        var problems = b.Validate();
        Assert.Contains(problems, p => p.Path == "$.dimensions" && p.Message.Contains("at most 1,024 dimensions; the scenario has 1,025", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(1 - 1e-16)]
    [InlineData(1 - 1e-15)]
    [InlineData(0.95)]
    public void A_wilson_interval_is_finite_for_every_allowed_confidence(double confidence)
    {
        var (lower, upper) = ProportionInterval.Wilson(5, 10, confidence);
        Assert.True(lower >= 0 && lower < 0.5 && upper > 0.5 && upper <= 1, $"[{lower}, {upper}] at {confidence:R}");
        if (confidence > 0.999)
        {
            // About 8.2 standard errors either way: all but the ends.
            Assert.InRange(lower, 0, 0.05);
            Assert.InRange(upper, 0.95, 1);
        }
    }

    [Fact]
    public void The_win_set_solver_refuses_wrong_lengths_positions_outside_the_space_and_bad_weights()
    {
        var solver = new WinSetSolver(2, 2, LossFunction.Quadratic);
        double[] q = [0, 0], a = [1, 1], w = [0.5, 0.5], x = [0.5, 0.5, 0.6, 0.6], s = [0.5, 0.5, 0.5, 0.5], required = [0, 0], p = new double[2];
        bool[] needed = [true, true];
        Assert.Equal(WinSetStatus.Tabled, solver.Solve(q, a, w, x, s, required, needed, p));
        Refused<ArgumentException>("statusQuo", () => solver.Solve(q.AsSpan(0, 1), a, w, x, s, required, needed, p));
        Refused<ArgumentException>("chairIdeal", () => solver.Solve(q, [1, 1.5], w, x, s, required, needed, p));
        Refused<ArgumentException>("chairSalience", () => solver.Solve(q, a, [0.5, double.NaN], x, s, required, needed, p));
        Refused<ArgumentException>("idealPoints", () => solver.Solve(q, a, w, x.AsSpan(0, 3), s, required, needed, p));
        Refused<ArgumentException>("idealPoints", () => solver.Solve(q, a, w, [0.5, -0.1, 0.6, 0.6], s, required, needed, p));
        Refused<ArgumentException>("salience", () => solver.Solve(q, a, w, x, [0.5, 0.5, -0.5, 1.5], required, needed, p));
        Refused<ArgumentException>("required", () => solver.Solve(q, a, w, x, s, [0, double.PositiveInfinity], needed, p));
        Refused<ArgumentException>("required", () => solver.Solve(q, a, w, [.. x, .. x], [.. s, .. s], [0, 0, 0, 0], [true, true, true, true], p));
        Refused<ArgumentException>("needed", () => solver.Solve(q, a, w, x, s, required, needed.AsSpan(0, 1), p));
        Refused<ArgumentException>("proposal", () => solver.Solve(q, a, w, x, s, required, needed, new double[3]));
        Refused<ArgumentOutOfRangeException>("dimensions", () => _ = new WinSetSolver(0, 2, LossFunction.Linear));
        Refused<ArgumentOutOfRangeException>("states", () => _ = new WinSetSolver(2, -1, LossFunction.Linear));
        Refused<ArgumentOutOfRangeException>("loss", () => _ = new WinSetSolver(2, 2, (LossFunction)9));
    }

    [Fact]
    public void Runs_refuse_a_negative_checkpoint_interval()
    {
        Refused<ArgumentOutOfRangeException>("options.CheckpointInterval", () => MonteCarloRunner.Run(Compiled, new SimulationOptions { Trials = 100, CheckpointInterval = TimeSpan.FromSeconds(-1) }));
    }

    [Fact]
    public void Applying_an_era_to_a_builder_without_behaviour_says_so()
    {
        var builder = new ScenarioBuilder { Behaviour = null! };
        var ex = Assert.Throws<InvalidOperationException>(() => builder.ApplyEra(OsceCatalog.Default.Eras[0]));
        Assert.Contains("Behaviour", ex.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => new ScenarioBuilder { Proposals = [] }.Proposal);
    }

    private sealed class AnswersSeven : ICustomBehaviour
    {
        public string Name => "answers seven";

        public StatePosition Decide(int state, int round, VoteVenue venue, ref TrialRandom random) => (StatePosition)7;
    }

    private sealed class Unanimous : ICustomDecisionRule
    {
        public string Name => "unanimous";

        public bool Adopts(VoteSummary vote, ReadOnlySpan<int> objectors) => vote.Objectors == 0;
    }
}
