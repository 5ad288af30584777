using ConsensusSim.Engine;
using ConsensusSim.Engine.Stages;
using ConsensusSim.Model;
using ConsensusSim.Numerics;
using ConsensusSim.Osce;
using ConsensusSim.Serialization;
using ConsensusSim.Simulation;

namespace ConsensusSim.Tests.Engine;

/// <summary>
/// An uncertain status quo and draft: drawn once per trial, after every State's parameters, and read by every stage that
/// weighs a text against the status quo. Checked end to end against an exact probability, and for common random numbers.
/// </summary>
public class UncertainPositionTests
{
    /// <summary>
    /// N States on one dimension with ideal points, status quo and draft all uniform on [0, 1], no noise, no blocking cost
    /// and no linkage: a State objects exactly when it strictly prefers the status quo.
    /// </summary>
    private static ScenarioBuilder OneDimension(int n, ChairStrategy chair = ChairStrategy.Fixed) => new()
    {
        Name = "uniform status quo and draft",
        States = [.. OsceCatalog.Default.States.Take(n).Select(s => s.Code)],
        Dimensions = ["x"],
        Defaults = new StateProfile { IdealPoint = [Parameter.Uniform(0, 1)], Salience = [1], BlockingCost = 0, Noise = 0, Linkage = 0 },
        Proposal = new Proposal { Topic = "migration", StatusQuo = [Parameter.Uniform(0, 1)], Draft = [Parameter.Uniform(0, 1)] },
        Chair = new ChairOptions { Strategy = chair },
        Behaviour = new BehaviourOptions { Tension = 0, BlocCorrelation = 0 },
        Procedure = new ProcedureOptions { MaxRounds = 1 },
    };

    /// <summary>
    /// P(all N prefer the draft) = (4 − 2^(1−N)) / ((N+1)(N+2)). With the draft p above the status quo q a State prefers p
    /// exactly when its ideal point lies above the midpoint (p+q)/2, which N independent uniform ideal points all do with
    /// probability (1 − (p+q)/2)^N; the case p below q mirrors it, so
    ///   P = 2∫∫_{p>q} (1 − (p+q)/2)^N dp dq.
    /// With s = p + q, whose density on the square is f(s) = s on [0, 1] and 2 − s on [1, 2], half of it where p &gt; q,
    ///   P = ∫₀² f(s) (1 − s/2)^N ds = 4∫₀^½ u(1 − u)^N du + 4∫_½^1 (1 − u)^(N+1) du     (u = s/2)
    ///     = 4[1/(N+1) − 1/(N+2) − 2^−(N+1)/(N+1) + 2^−(N+2)/(N+2)] + 4·2^−(N+2)/(N+2)
    ///     = 4/((N+1)(N+2)) − 2^(1−N)/(N+1) + 2^(1−N)/(N+2) = (4 − 2^(1−N)) / ((N+1)(N+2)).
    /// N = 2: 0.291667; N = 10: 0.030288; N = 57: 0.0011689. With 200,000 trials one standard error is 0.00102, 0.00038
    /// and 0.000076; the simulated share must lie within 4 of them.
    /// </summary>
    [Theory]
    [InlineData(2)]
    [InlineData(10)]
    [InlineData(57)]
    public void With_uniform_ideal_points_status_quo_and_draft_adoption_is_the_chance_that_all_prefer_the_draft(int n)
    {
        const long Trials = 200_000;
        double exact = (4 - Math.Pow(2, 1 - n)) / ((n + 1.0) * (n + 2.0));
        var result = MonteCarloRunner.Run(OneDimension(n).Build().Compile(), new SimulationOptions { Trials = Trials, Seed = 17 });
        double se = Math.Sqrt(exact * (1 - exact) / Trials);
        Assert.True(Math.Abs(result.Adopted.Probability - exact) <= 4 * se, $"N = {n}: simulated {result.Adopted.Probability}, exact {exact}, SE {se}");
    }

    [Fact]
    public void A_fixed_status_quo_and_draft_give_the_chance_that_every_ideal_point_lies_beyond_the_midpoint()
    {
        // The control: q = 0.2 and p = 0.6 fixed, so every State prefers p exactly when its ideal point is above 0.4: 0.6^N.
        var b = OneDimension(10);
        b.Proposal = new Proposal { Topic = "migration", StatusQuo = [0.2], Draft = [0.6] };
        const long Trials = 100_000;
        double exact = Math.Pow(0.6, 10);
        var result = MonteCarloRunner.Run(b.Build().Compile(), new SimulationOptions { Trials = Trials, Seed = 3 });
        Assert.True(Math.Abs(result.Adopted.Probability - exact) <= 4 * Math.Sqrt(exact * (1 - exact) / Trials), $"{result.Adopted.Probability} vs {exact}");
    }

    [Fact]
    public void The_positions_are_drawn_after_every_States_parameters_so_an_uncertain_draft_moves_none_of_them()
    {
        var b = OneDimension(10);
        b.Defaults = new StateProfile { IdealPoint = [Parameter.Uniform(0, 1)], Salience = [1], BlockingCost = Parameter.Beta(2, 5), Noise = Parameter.Uniform(0, 0.1), Linkage = 0.3 };
        b.Proposal = new Proposal { Topic = "migration", StatusQuo = [0.2], Draft = [0.6] };
        var fixedDraft = b.Build().Compile();
        b.Proposal = new Proposal { Topic = "migration", StatusQuo = [Parameter.Beta(2, 2)], Draft = [Parameter.Uniform(0.5, 1)] };
        var uncertain = b.Build().Compile();

        var (fixedStage, fixedSpace) = Stage(fixedDraft);
        var (uncertainStage, uncertainSpace) = Stage(uncertain);
        for (long t = 0; t < 200; t++)
        {
            var r1 = TrialRandom.ForTrial(5, t);
            var r2 = TrialRandom.ForTrial(5, t);
            fixedStage.Draw(5, t, ref r1);
            uncertainStage.Draw(5, t, ref r2);
            Assert.Equal(fixedSpace.Ideal, uncertainSpace.Ideal);
            Assert.Equal(fixedSpace.BlockingCost, uncertainSpace.BlockingCost);
            Assert.Equal(fixedSpace.InverseNoise, uncertainSpace.InverseNoise);

            // The uncertain draw takes the numbers after the States' own: the status quo first, then the draft.
            var next = r1;
            // A Beta draw comes from its tabulated quantile, within the stated bound of the exact one.
            Assert.InRange(Math.Abs(Parameter.Beta(2, 2).Quantile(next.NextDouble()) - uncertainSpace.StatusQuo[0]), 0, ParameterSampler.Bound);
            Assert.Equal(Parameter.Uniform(0.5, 1).Quantile(next.NextDouble()), uncertainSpace.TabledDraft[0]);
            Assert.Equal((0.2, 0.6), (fixedSpace.StatusQuo[0], fixedSpace.TabledDraft[0]));
        }
    }

    private static (ParameterStage Stage, TrialWorkspace Workspace) Stage(CompiledScenario c)
    {
        var workspace = new TrialWorkspace(KernelPlan.For(c));
        return (new ParameterStage(KernelPlan.For(c), workspace), workspace);
    }

    [Fact]
    public void Randomness_in_a_draft_that_cannot_matter_leaves_every_result_as_it_was()
    {
        // The second dimension has salience 0 for every State, so its draft coordinate changes no gain: the results are the
        // same bits only if its draw takes no number a State's parameters or the votes would have taken.
        var b = Scenario.Default.ToBuilder();
        b.States = [.. OsceCatalog.Default.States.Take(10).Select(s => s.Code)];
        b.Dimensions = ["politico-military", "economic-environmental"];
        b.GroupingProfiles.Clear();
        b.StateOverrides.Clear();
        b.Defaults = new StateProfile
        {
            IdealPoint = [Parameter.Uniform(0.3, 0.9), 0.5], Salience = [1, 0], BlockingCost = Parameter.Uniform(0, 0.05), Noise = 0.05, Linkage = Parameter.Beta(2, 8),
        };
        b.Proposal = new Proposal { Topic = "migration", StatusQuo = [0.2, 0.3], Draft = [0.55, 0.5] };
        var fixedDraft = MonteCarloRunner.Run(b.Build().Compile(), new SimulationOptions { Trials = 20_000, Seed = 8 });
        b.Proposal = new Proposal { Topic = "migration", StatusQuo = [0.2, 0.3], Draft = [0.55, Parameter.Uniform(0, 1)] };
        var uncertainDraft = MonteCarloRunner.Run(b.Build().Compile(), new SimulationOptions { Trials = 20_000, Seed = 8 });

        Assert.Equal(Tallies(fixedDraft), Tallies(uncertainDraft));
        Assert.InRange(fixedDraft.Adopted.Probability, 0.05, 0.95);
    }

    [Fact]
    public void An_uncertain_status_quo_changes_the_results_it_should()
    {
        // Against the same draft, a status quo that is sometimes above it turns some States against it.
        var b = OneDimension(10);
        b.Defaults = new StateProfile { IdealPoint = [Parameter.Uniform(0.5, 1)], Salience = [1], BlockingCost = 0, Noise = 0, Linkage = 0 };
        b.Proposal = new Proposal { Topic = "migration", StatusQuo = [0.2], Draft = [0.6] };
        var sure = MonteCarloRunner.Run(b.Build().Compile(), new SimulationOptions { Trials = 10_000, Seed = 4 });
        b.Proposal = new Proposal { Topic = "migration", StatusQuo = [Parameter.Uniform(0, 0.4)], Draft = [0.6] };
        var uncertain = MonteCarloRunner.Run(b.Build().Compile(), new SimulationOptions { Trials = 10_000, Seed = 4 });

        // Every ideal point is above 0.5, every midpoint below: the draft passes whatever q is.
        Assert.Equal((1.0, 1.0), (sure.Adopted.Probability, uncertain.Adopted.Probability));

        // A status quo uniform on [0.6, 1]: the draft at 0.6 is below it, so a State keeps q unless its ideal point lies
        // below the midpoint (0.6 + q)/2, on [0.6, 0.8]; all ten ideal points uniform on [0.5, 1] are below it with
        // probability E[((0.6 + q)/2 − 0.5)/0.5]^10 over q, i.e. ∫ (q − 0.4)^10 dq / 0.4 on [0.6, 1] = (0.6^11 − 0.2^11)/(11·0.4).
        b.Proposal = new Proposal { Topic = "migration", StatusQuo = [Parameter.Uniform(0.6, 1)], Draft = [0.6] };
        const long Trials = 200_000;
        var above = MonteCarloRunner.Run(b.Build().Compile(), new SimulationOptions { Trials = Trials, Seed = 4 });
        double exact = (Math.Pow(0.6, 11) - Math.Pow(0.2, 11)) / (11 * 0.4);
        Assert.True(Math.Abs(above.Adopted.Probability - exact) <= 4 * Math.Sqrt(exact * (1 - exact) / Trials), $"{above.Adopted.Probability} vs {exact}");
    }

    [Fact]
    public void Without_a_draft_the_agenda_setter_tables_its_own_text_and_ambition_is_measured_against_its_ideal_point()
    {
        // One dimension, q = 0.2, States at 0.5 and 0.7, Chair at 0.9: it tables min(max(a, q), 2·min xᵢ − q) = 0.8, which
        // keeps |0.8 − 0.2| / |0.9 − 0.2| = 6/7 of its ambition, in every trial.
        var b = OneDimension(2, ChairStrategy.AgendaSetter);
        b.Chair = new ChairOptions { Strategy = ChairStrategy.AgendaSetter, IdealPoint = [0.9] };
        b.Defaults = new StateProfile { IdealPoint = [0.5], Salience = [1], BlockingCost = 0, Noise = 0, Linkage = 0 };
        b.StateOverrides.Add(new ProfileOverride(b.States![1], new StateProfile { IdealPoint = [0.7] }));
        b.Proposal = new Proposal { Topic = "migration", StatusQuo = [0.2], Draft = null };
        var result = MonteCarloRunner.Run(b.Build().Compile(), new SimulationOptions { Trials = 1_000, Seed = 1 });
        Assert.Equal(1.0, result.Adopted.Probability);
        Assert.Equal(6.0 / 7.0, result.MeanAmbitionWhenAdopted, 5);
    }

    [Fact]
    public void The_scenario_hash_keeps_fixed_positions_as_they_were_and_tells_distributions_apart()
    {
        // A fixed coordinate prints as the number did, so the default scenario keeps its pinned hash (ActorScenarioTests).
        var b = Scenario.Default.ToBuilder();
        string fixedHash = b.Build().Compile().ScenarioSha256;
        var p = b.Proposal;
        string With(IReadOnlyList<Parameter> statusQuo, IReadOnlyList<Parameter>? draft)
        {
            b.Proposal = new Proposal { Title = p.Title, Topic = p.Topic, Body = p.Body, Kind = p.Kind, StatusQuo = statusQuo, Draft = draft };
            b.Chair = draft is null ? new ChairOptions { Strategy = ChairStrategy.AgendaSetter, IdealPoint = [0.9, 0.8, 0.9] } : new ChairOptions();
            return b.Build().Compile().ScenarioSha256;
        }

        Assert.Equal(fixedHash, With([Parameter.Fixed(0.2), 0.1, 0.1], [0.55, 0.3, 0.3]));
        string[] hashes =
        [
            fixedHash,
            With([Parameter.Uniform(0.1, 0.3), 0.1, 0.1], [0.55, 0.3, 0.3]),
            With([Parameter.Uniform(0.1, 0.4), 0.1, 0.1], [0.55, 0.3, 0.3]),
            With([Parameter.Beta(2, 8), 0.1, 0.1], [0.55, 0.3, 0.3]),
            With([0.2, 0.1, 0.1], [Parameter.TruncatedNormal(0.55, 0.1, 0, 1), 0.3, 0.3]),
            With([0.2, 0.1, 0.1], null),
        ];
        Assert.Equal(hashes.Length, hashes.Distinct().Count());
    }

    [Fact]
    public void Conditional_Monte_Carlo_averages_over_the_trials_status_quo_as_it_does_over_State_parameters()
    {
        var b = Scenario.Default.ToBuilder();
        b.Proposal = new Proposal { Topic = "counter-terrorism", StatusQuo = [Parameter.Uniform(0.1, 0.4), 0.1, 0.1], Draft = [0.55, 0.3, 0.3] };
        var r = MonteCarloRunner.Run(b.Build().Compile(), new SimulationOptions { Trials = 50_000, Seed = 6, ConditionalMonteCarlo = true });
        var c = r.ConditionalAdopted!;

        // Same trials, so the two are correlated; their difference is within four of the counted estimate's error.
        Assert.InRange(c.Probability - r.Adopted.Probability, -4 * r.Adopted.StandardError, 4 * r.Adopted.StandardError);
        Assert.InRange(r.Adopted.Probability, 0.05, 0.95);
    }

    private static string Tallies(SimulationResult r) => string.Join(
        "|",
        r.Adopted.Count,
        r.AdoptedWithStatements.Count,
        r.MeanAmbitionWhenAdopted,
        string.Join(",", r.ObjectorCounts),
        string.Join(",", r.Blockers.Select(x => $"{x.State}:{x.BlockedTrials}:{x.SoleBlockerTrials}")));
}
