using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ConsensusSim.Engine;
using ConsensusSim.Engine.Stages;
using ConsensusSim.Model;
using ConsensusSim.Numerics;
using ConsensusSim.Simulation;
using ConsensusSim.Tests.Support;

namespace ConsensusSim.Tests.Engine;

/// <summary>
/// Independent objections drawn by survival products (one uniform per objector plus one), end to end against the
/// exact per-State chances, and the number of uniforms a vote takes.
/// </summary>
public class IndependentObjectorsTests
{
    private const long Trials = 200_000;

    [Fact]
    public void Each_State_blocks_and_blocks_alone_as_often_as_its_own_and_the_others_chances_say()
    {
        // Chances of 0 and near 1 included; one round, consensus: a State blocks exactly when it objects.
        double[] p = [0.3, 0, 0.05, 0.5, 0.001, 0.2, 0.9, 0.02];
        var scenario = Scenarios.FixedObjection(p);
        var result = MonteCarloRunner.Run(scenario.Compile(), new SimulationOptions { Trials = Trials, Seed = 31 });
        for (int i = 0; i < p.Length; i++)
        {
            double alone = p[i] * p.Where((_, j) => j != i).Aggregate(1.0, (product, q) => product * (1 - q));
            var blocker = Blocker(result, scenario, i);
            AssertWithinFourStandardErrors(p[i], blocker.BlockedTrials, $"State {i} blocking");
            AssertWithinFourStandardErrors(alone, blocker.SoleBlockerTrials, $"State {i} blocking alone");
        }
    }

    [Fact]
    public void A_State_certain_to_object_blocks_every_trial_and_the_others_keep_their_chances()
    {
        double[] p = [0.1, 1, 0.25];
        var scenario = Scenarios.FixedObjection(p);
        var result = MonteCarloRunner.Run(scenario.Compile(), new SimulationOptions { Trials = Trials, Seed = 5 });
        Assert.Equal(Trials, Blocker(result, scenario, 1).BlockedTrials);
        Assert.Equal(0, result.Adopted.Count);
        AssertWithinFourStandardErrors(0.1, Blocker(result, scenario, 0).BlockedTrials, "State 0");
        AssertWithinFourStandardErrors(0.25, Blocker(result, scenario, 2).BlockedTrials, "State 2");
    }

    [Fact]
    public void Chances_drawn_per_trial_give_the_product_of_their_means()
    {
        // Ten States each objecting with p ~ Beta(2, 8), drawn per trial and independently: P(adopted) = (1 − 0.2)¹⁰.
        var b = Scenarios.FixedObjection(Scenarios.Uniform(10, 0)).ToBuilder();
        b.Defaults = new StateProfile { ObjectionProbability = Parameter.Beta(2, 8) };
        b.StateOverrides.Clear();
        var result = MonteCarloRunner.Run(b.Build().Compile(), new SimulationOptions { Trials = Trials, Seed = 17 });
        AssertWithinFourStandardErrors(Math.Pow(0.8, 10), result.Adopted.Count, "P(adopted)");
    }

    [Fact]
    public void A_vote_takes_one_uniform_per_objector_and_one_more_unless_the_last_State_objects()
    {
        var compiled = Scenarios.FixedObjection([0.3, 0.05, 1, 0.6, 0, 0.3, 0.5]).Compile();
        var plan = KernelPlan.For(compiled);
        var workspace = new TrialWorkspace(plan);
        _ = new ParameterStage(plan, workspace);
        var objectors = new IndependentObjectors(plan, workspace);
        int lastState = compiled.StateCount - 1;
        for (long t = 0; t < 2_000; t++)
        {
            var random = TrialRandom.ForTrial(3, t);
            var copy = random;
            Assert.True(objectors.TryDraw(ref random, VoteVenue.Meeting));
            ulong mask = objectors.Mask[0];
            Assert.NotEqual(0UL, mask & (1UL << 2));
            Assert.Equal(0UL, mask & (1UL << 4));

            // The certain objector (State 2) takes no uniform.
            int drawn = BitOperations.PopCount(mask & ~(1UL << 2)) + ((mask >> lastState) & 1) switch { 0 => 1, _ => 0 };
            for (int k = 0; k < drawn; k++)
            {
                copy.NextUInt64();
            }

            Assert.Equal(copy.NextUInt64(), random.NextUInt64());
        }
    }

    private static BlockerStatistic Blocker(SimulationResult result, Scenario scenario, int i) => result.Blockers.Single(b => b.State == scenario.States[i]);

    private static void AssertWithinFourStandardErrors(double exact, long count, string what)
    {
        double se = Math.Sqrt(exact * (1 - exact) / Trials);
        double simulated = (double)count / Trials;
        Assert.True(Math.Abs(simulated - exact) <= (4 * se) + 1e-12, $"{what}: simulated {simulated}, exact {exact}, 4 SE = {4 * se}");
    }

    [Property(MaxTest = 500)]
    public bool The_search_of_a_word_at_once_finds_the_binary_searchs_objector(PositiveInt states, NonNegativeInt from, int chanceSeed, double fraction)
    {
        // Products of chances from 0 to 0.5 (some States never object), as the vote builds them, and a uniform at or above
        // the last one, as a vote searches only when some State from "from" on objects.
        int n = 1 + (states.Get % 64);
        var rng = new Random(chanceSeed);
        var survival = new double[64];
        double product = 1;
        for (int i = 0; i < n; i++)
        {
            double p = rng.Next(4) == 0 ? 0 : rng.NextDouble() / 2;
            product *= 1 - p;
            survival[i] = product;
        }

        int lo = from.Get % n;
        double u = double.IsFinite(fraction) ? Math.Abs(fraction) % 1 : 0.5;
        double x = survival[n - 1] + (u * ((lo == 0 ? 1 : survival[lo - 1]) - survival[n - 1]));
        return IndependentObjectors.FirstAtOrBelowInWord(survival, lo, x) == IndependentObjectors.FirstAtOrBelow(survival, lo, n - 1, x);
    }
}
