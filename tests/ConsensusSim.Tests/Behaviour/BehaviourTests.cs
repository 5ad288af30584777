using ConsensusSim.Behaviour;
using ConsensusSim.Model;
using ConsensusSim.Osce;
using ConsensusSim.Simulation;
using ConsensusSim.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ConsensusSim.Serialization;

namespace ConsensusSim.Tests.Behaviour;

public static class BehaviourArbitraries
{
    /// <summary>One-dimensional settings with the status quo below every ideal point: (q, a, ideal points).</summary>
    public static Arbitrary<(double Q, double A, double[] X)> OneDimension() =>
        (from q in Gen.Choose(0, 500).Select(i => i / 1000.0)
         from a in Gen.Choose(0, 1000).Select(i => i / 1000.0)
         from x in Gen.Choose(1, 500).Select(i => q + (i / 1000.0)).ArrayOf().Where(xs => xs.Length > 0)
         select (q, a, x)).ToArbitrary();

    public static Arbitrary<ulong> Seeds() =>
        Gen.Choose(0, int.MaxValue).Select(i => (ulong)i).ToArbitrary();
}

[Properties(Arbitrary = [typeof(BehaviourArbitraries)])]
public class BehaviourTests
{
    private const long Trials = 100_000;

    [Property(MaxTest = 500)]
    public Property Agenda_setter_in_one_dimension_reproduces_the_closed_form((double Q, double A, double[] X) setting)
    {
        var (q, a, x) = setting;
        int n = x.Length;
        double t = AgendaSetter.ReachableShare([q], [a], x, Enumerable.Repeat(1.0, n).ToArray(), new double[n], Enumerable.Repeat(true, n).ToArray(), LossFunction.Linear);
        double proposal = q + (t * (a - q));
        double expected = AgendaSetter.ClosedFormOneDimension(q, a, x.Min());
        return (Math.Abs(proposal - expected) < 1e-9).Label($"proposal {proposal}, closed form {expected}");
    }

    [Fact]
    public void Quadratic_loss_agenda_setter_stops_where_the_closest_State_is_indifferent()
    {
        // With quadratic loss in one dimension the boundary is also 2x − q.
        double t = AgendaSetter.ReachableShare([0.2], [1.0], [0.5, 0.7], [1.0, 1.0], [0.0, 0.0], [true, true], LossFunction.Quadratic);
        Assert.Equal(0.8, 0.2 + (t * 0.8), 12);
    }

    [Fact]
    public void With_full_correlation_inside_blocs_adoption_is_the_product_over_blocs()
    {
        // Every bloc objects as one: P(adopted) = Π over blocs (1 − p_bloc).
        var catalog = OsceCatalog.Default;
        var blocs = catalog.Groupings.Where(g => g.Kind == GroupingKind.Bloc).ToList();
        double[] p = [0.02, 0.05, 0.01, 0.10, 0.03, 0.04];
        var builder = new ScenarioBuilder
        {
            Name = "blocs",
            Behaviour = new BehaviourOptions { Model = BehaviourModel.FixedObjection, BlocCorrelation = 1.0 },
            Defaults = new StateProfile { ObjectionProbability = 0 },
        };
        for (int b = 0; b < blocs.Count; b++)
        {
            builder.GroupingProfiles.Add(new ProfileOverride(blocs[b].Id, new StateProfile { ObjectionProbability = p[b] }));
        }

        var result = MonteCarloRunner.Run(builder.Build().Compile(), new SimulationOptions { Trials = Trials, Seed = 21 });
        double exact = p.Aggregate(1.0, (acc, pb) => acc * (1 - pb));
        double se = Math.Sqrt(exact * (1 - exact) / Trials);
        Assert.InRange(result.Adopted.Probability, exact - (4 * se), exact + (4 * se));

        // Whole blocs object together, so the objector counts are sums of bloc sizes.
        var sizes = blocs.Select(g => g.Members.Count).ToHashSet();
        Assert.All(Enumerable.Range(1, 57).Where(k => result.ObjectorCounts[k] > 0 && !sizes.Contains(k)), k =>
            Assert.True(IsSumOfBlocSizes(k, blocs.Select(g => g.Members.Count).ToArray()), $"{k} objectors"));
    }

    [Fact]
    public void A_random_objection_probability_is_drawn_once_per_trial()
    {
        // Each State's p ~ Beta(1, 19) independently: P(adopted) = (E[1 − p])^N = (19/20)^N.
        var builder = Scenarios.FixedObjection(Scenarios.Uniform(20, 0)).ToBuilder();
        builder.StateOverrides.Clear();
        builder.Defaults = new StateProfile { ObjectionProbability = Parameter.Beta(1, 19) };
        var result = MonteCarloRunner.Run(builder.Build().Compile(), new SimulationOptions { Trials = Trials, Seed = 8 });
        double exact = Math.Pow(0.95, 20);
        double se = Math.Sqrt(exact * (1 - exact) / Trials);
        Assert.InRange(result.Adopted.Probability, exact - (4 * se), exact + (4 * se));
    }

    [Property(MaxTest = 25)]
    public Property Raising_a_blocking_cost_never_lowers_adoption(ulong seed)
    {
        var low = Scenario.Default.ToBuilder();
        var high = Scenario.Default.ToBuilder();
        high.StateOverrides.Add(new ProfileOverride("KAZ", new StateProfile { BlockingCost = 0.2 }));
        long before = Run(low, seed).Adopted.Count;
        long after = Run(high, seed).Adopted.Count;
        return (after >= before).Label($"before {before}, after {after}");
    }

    [Property(MaxTest = 25)]
    public Property Raising_tension_never_raises_adoption_when_the_topic_is_susceptible(ulong seed)
    {
        var calm = Scenario.Default.ToBuilder();
        calm.Behaviour = new BehaviourOptions { Tension = 0.2, BlocCorrelation = 0.3 };
        var tense = Scenario.Default.ToBuilder();
        tense.Behaviour = new BehaviourOptions { Tension = 0.9, BlocCorrelation = 0.3 };
        long before = Run(calm, seed).Adopted.Count;
        long after = Run(tense, seed).Adopted.Count;
        return (after <= before).Label($"calm {before}, tense {after}");
    }

    [Property(MaxTest = 15)]
    public Property The_compromise_chair_never_raises_ambition(ulong seed)
    {
        var b = Scenario.Default.ToBuilder();
        b.Chair = new ChairOptions { Strategy = ChairStrategy.Compromise, Step = 0.3 };
        b.Procedure = new ProcedureOptions { MaxRounds = 6 };
        b.Behaviour = new BehaviourOptions { Tension = 1.0, BlocCorrelation = 0.3 };
        var r = Run(b, seed);
        return (r.MeanAmbitionWhenAdopted <= 1 + 1e-12 && r.AdoptedInRound.Skip(1).Sum() > 0 && r.MeanAmbitionWhenAdopted < 1)
            .Label($"mean ambition {r.MeanAmbitionWhenAdopted}, adopted after round 1: {r.AdoptedInRound.Skip(1).Sum()}");
    }

    [Fact]
    public void The_agenda_setter_proposes_inside_the_win_set_so_adoption_beats_an_overreaching_draft()
    {
        var overreach = Scenario.Default.ToBuilder();
        overreach.Proposal = new Proposal { Topic = "counter-terrorism", StatusQuo = [0.2, 0.1, 0.1], Draft = [0.9, 0.8, 0.9] };
        var setter = Scenario.Default.ToBuilder();
        setter.Proposal = overreach.Proposal;
        setter.Chair = new ChairOptions { Strategy = ChairStrategy.AgendaSetter, IdealPoint = [0.9, 0.8, 0.9] };

        var fixedResult = Run(overreach, 5);
        var setterResult = Run(setter, 5);
        // The proposal sits on the edge of the perceived win-set, so noise still tips the marginal States;
        // but an overreaching draft is never adopted while the agenda-setter's sometimes is.
        Assert.Equal(0, fixedResult.Adopted.Count);
        Assert.True(setterResult.Adopted.Ci95Lower > fixedResult.Adopted.Ci95Upper, $"{setterResult.Adopted} vs {fixedResult.Adopted}");
        Assert.InRange(setterResult.MeanAmbitionWhenAdopted, 0.05, 0.95);
    }

    [Fact]
    public void A_package_carries_an_item_that_would_fail_alone()
    {
        // The CSTO bloc dislikes the human-dimension item but values the politico-military one more.
        var b = new ScenarioBuilder
        {
            Name = "package",
            Dimensions = ["politico-military", "human"],
            Defaults = new StateProfile { IdealPoint = [0.8, 0.8], Salience = [0.5, 0.5], BlockingCost = 0.02, Noise = 0.02 },
        };
        b.GroupingProfiles.Add(new ProfileOverride("csto", new StateProfile { IdealPoint = [0.9, 0.0], Salience = [0.7, 0.3] }));
        b.Proposals =
        [
            new Proposal { Title = "CSBMs", Topic = "arms-control", StatusQuo = [0, 0], Draft = [0.6, 0] },
            new Proposal { Title = "Media freedom", Topic = "media-freedom", StatusQuo = [0, 0], Draft = [0, 0.5] },
        ];
        var r = MonteCarloRunner.Run(b.Build().Compile(), new SimulationOptions { Trials = 20_000, Seed = 2 });
        Assert.Equal(2, r.SeparateAdoption.Count);
        Assert.True(r.SeparateAdoption[1].Adopted.Probability < 0.01, r.SeparateAdoption[1].Adopted.ToString());
        Assert.True(r.Adopted.Probability > 0.99, r.Adopted.ToString());
        Assert.NotNull(r.AllAdoptedSeparately);
        Assert.True(r.AllAdoptedSeparately!.Probability < r.Adopted.Probability);
    }

    private static SimulationResult Run(ScenarioBuilder b, ulong seed) =>
        MonteCarloRunner.Run(b.Build().Compile(), new SimulationOptions { Trials = 3_000, Seed = seed, MaxDegreeOfParallelism = 2 });

    private static bool IsSumOfBlocSizes(int k, int[] sizes)
    {
        var reachable = new bool[k + 1];
        reachable[0] = true;
        foreach (int size in sizes)
        {
            for (int s = k; s >= size; s--)
            {
                reachable[s] |= reachable[s - size];
            }
        }

        return reachable[k];
    }
}
