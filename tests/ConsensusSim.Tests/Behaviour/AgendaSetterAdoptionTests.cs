using ConsensusSim.Model;
using ConsensusSim.Simulation;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ConsensusSim.Engine;

namespace ConsensusSim.Tests.Behaviour;

/// <summary>A Chair setting the agenda: its settings, as FsCheck draws them, with every coordinate on a grid of 1/1024 so that indifference ties are common.</summary>
public sealed record AgendaSetting(double[][] Ideals, double[] StatusQuo, double[] ChairIdeal, double[] Costs, LossFunction Loss)
{
    public override string ToString() =>
        $"ideals [{string.Join("; ", Ideals.Select(x => string.Join(", ", x)))}], q [{string.Join(", ", StatusQuo)}], chair [{string.Join(", ", ChairIdeal)}], costs [{string.Join(", ", Costs)}], {Loss}";
}

public static class AgendaSetterArbitraries
{
    public static Arbitrary<AgendaSetting> Settings() =>
        (from d in Gen.Choose(1, 3)
         from n in Gen.Choose(1, 7)
         from ideals in Point(d).ArrayOf(n)
         from q in Point(d)
         from chair in Point(d)
         from costs in Gen.Frequency((1, Gen.Constant(0.0)), (2, Gen.Choose(0, 64).Select(k => k / 1024.0))).ArrayOf(n)
         from loss in Gen.Elements(LossFunction.Linear, LossFunction.Quadratic)
         select new AgendaSetting(ideals, q, chair, costs, loss)).ToArbitrary();

    private static Gen<double[]> Point(int d) => Gen.Choose(0, 1024).Select(k => k / 1024.0).ArrayOf(d);
}

/// <summary>
/// End to end through the vote and the recorded outcome: a State the agenda-setting Chair counted on must accept what the
/// Chair tables, whatever rounding does to the edge of the win-set. At zero noise, with every State's required gain at most
/// 0 (no linkage), the Chair counts on every State, so every proposal it tables must be adopted; when its best point is
/// the status quo it tables nothing and the trial is gridlock, never deadlocked.
/// </summary>
[Properties(Arbitrary = [typeof(AgendaSetterArbitraries)])]
public class AgendaSetterAdoptionTests
{
    [Fact]
    public void Tsebelis_example_is_adopted_at_twice_the_pivots_ideal_point()
    {
        // Pivot at 0.2048, status quo 0, Chair at 1: the pivot is indifferent between 0 and 0.4096.
        var r = Run(new AgendaSetting([[0.2048], [0.5], [0.9]], [0], [1], [0, 0, 0], LossFunction.Linear), trials: 1_000);
        Assert.Equal(1_000, r.Adopted.Count);
        Assert.Equal(0.4096, r.MeanAmbitionWhenAdopted, 1e-9);
        Assert.All(r.Blockers, b => Assert.Equal(0, b.Frequency));
    }

    [Property(MaxTest = 300)]
    public Property Every_proposal_inside_the_win_set_is_adopted_at_zero_noise(AgendaSetting setting)
    {
        // Nothing is random, so the three trials agree: all adopted, or all gridlock.
        var r = Run(setting, trials: 3);
        return (r.Adopted.Count + r.Gridlock.Count == 3 && r.Adopted.Count % 3 == 0 && r.PolicyChange.Count == r.Adopted.Count)
            .Label($"adopted {r.Adopted.Count}, gridlock {r.Gridlock.Count} of 3, policy change {r.PolicyChange.Count}; blockers {string.Join(", ", r.Blockers.Where(b => b.Frequency > 0).Select(b => b.State))}");
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.03)]
    public void With_random_ideal_points_no_trial_is_wrongly_blocked_and_the_ambition_is_the_closed_form(double cost)
    {
        // Ten States with ideal points drawn uniformly, status quo q = 0.1, Chair at a = 0.9: the least ideal point M binds,
        // and the outcome is min(a, max(q, 2M − q) + c) (a State below q accepts up to q + c, one above up to 2x − q + c).
        // Without a blocking cost that is q itself when M ≤ q: gridlock, with probability 1 − 0.9¹⁰; a cost c > 0 always
        // leaves room up to q + c. Adopted texts have the ambition A(M) > 0, whose mean given adoption is E[A(M)] / P(adopted)
        // since A(M) = 0 exactly in gridlock trials.
        const int n = 10;
        const long trials = 40_000;
        const double q = 0.1, a = 0.9;
        var b = Builder(new AgendaSetting([.. Enumerable.Repeat(new[] { 0.5 }, n)], [q], [a], [.. Enumerable.Repeat(cost, n)], LossFunction.Linear));
        b.StateOverrides.Clear();
        b.Defaults = b.Defaults.OverriddenBy(new StateProfile { IdealPoint = [Parameter.Uniform(0, 1)], BlockingCost = cost });
        var r = MonteCarloRunner.Run(b.Build().Compile(), new SimulationOptions { Trials = trials, Seed = 12 });

        Assert.Equal(0, r.Deadlocked.Count);
        Assert.Equal(trials, r.Adopted.Count + r.Gridlock.Count);
        double gridlock = cost > 0 ? 0 : 1 - Math.Pow(1 - q, n);
        double gridlockSe = Math.Sqrt(gridlock * (1 - gridlock) / trials);
        Assert.InRange(r.Gridlock.Probability, gridlock - (4 * gridlockSe), gridlock + (4 * gridlockSe));

        double Ambition(double m) => (Math.Min(a, Math.Max(q, (2 * m) - q) + cost) - q) / (a - q);
        double adopted = 1 - gridlock;
        double mean = OverLeast(n, Ambition) / adopted;
        double se = Math.Sqrt(((OverLeast(n, m => Ambition(m) * Ambition(m)) / adopted) - (mean * mean)) / r.Adopted.Count);
        Assert.InRange(r.MeanAmbitionWhenAdopted, mean - (4 * se), mean + (4 * se));
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public void Every_path_of_the_kernel_adopts_the_tsebelis_proposal(bool planSingleVote, bool vectorVote)
    {
        var compiled = Builder(new AgendaSetting([[0.2048], [0.5], [0.9]], [0], [1], [0, 0, 0], LossFunction.Linear)).Build().Compile();
        var acc = new TrialAccumulator(compiled.StateCount, compiled.MaxRounds);
        new TrialKernel(compiled, new KernelSwitches { VectorVote = vectorVote, PlanSingleVote = planSingleVote }).RunChunk(3, 0, 100, acc);
        Assert.Equal(100, acc.Adopted);
    }

    [Fact]
    public void Conditional_monte_carlo_gives_the_tsebelis_proposal_probability_one()
    {
        var compiled = Builder(new AgendaSetting([[0.2048], [0.5], [0.9]], [0], [1], [0, 0, 0], LossFunction.Linear)).Build().Compile();
        var r = MonteCarloRunner.Run(compiled, new SimulationOptions { Trials = 100, Seed = 3, ConditionalMonteCarlo = true });
        Assert.Equal(1.0, r.ConditionalAdopted!.Probability);
        Assert.Equal(100, r.Adopted.Count);
    }

    [Fact]
    public void Nearly_tangent_ellipsoids_that_stop_the_dual_still_get_the_text_adopted()
    {
        // The instance of WinSetRegressionTests, as a scenario: fourteen States and a chairing fifteenth who weighs one
        // dimension. The active-set method stops at its limit there and the ellipsoid method tables the text; without that
        // fallback every trial was gridlock.
        var r = MonteCarloRunner.Run(NearlyTangentScenario().Build().Compile(), new SimulationOptions { Trials = 3, Seed = 1 });
        Assert.Equal(3, r.Adopted.Count);
        Assert.Equal(3, r.PolicyChange.Count);
        Assert.Equal(0, r.UnprovenProposals);
    }

    /// <summary>The instance of <see cref="WinSetRegressionTests.NearlyTangent"/> as a scenario at zero noise, chaired by a fifteenth State.</summary>
    internal static ScenarioBuilder NearlyTangentScenario()
    {
        var c = WinSetRegressionTests.NearlyTangent;
        var b = Builder(new AgendaSetting(c.Ideals, c.StatusQuo, c.ChairIdeal, [.. c.Required.Select(r => -r)], LossFunction.Quadratic));
        for (int i = 0; i < c.States; i++)
        {
            b.StateOverrides[i] = new ProfileOverride($"A{i}", b.StateOverrides[i].Profile.OverriddenBy(new StateProfile { Salience = c.Saliences[i] }));
        }

        b.Actors.Add(new Actor("Chair"));
        b.StateOverrides.Add(new ProfileOverride("Chair", new StateProfile { IdealPoint = [.. c.ChairIdeal.Select(x => (Parameter)x)], Salience = c.ChairSalience }));
        b.Chair = new ChairOptions { Strategy = ChairStrategy.AgendaSetter, State = "Chair" };
        return b;
    }

    private static SimulationResult Run(AgendaSetting setting, long trials) =>
        MonteCarloRunner.Run(Builder(setting).Build().Compile(), new SimulationOptions { Trials = trials, Seed = 1 });

    private static ScenarioBuilder Builder(AgendaSetting s)
    {
        int d = s.StatusQuo.Length;
        var b = new ScenarioBuilder
        {
            Name = "agenda setter at zero noise",
            States = [],
            Dimensions = [.. Enumerable.Range(0, d).Select(k => $"dimension {k}")],
            Behaviour = new BehaviourOptions { Loss = s.Loss },
            Defaults = new StateProfile
            {
                IdealPoint = [.. Enumerable.Repeat<Parameter>(0.5, d)],
                Salience = [.. Enumerable.Repeat(1.0 / d, d)],
                BlockingCost = 0,
                Noise = 0,
                Linkage = 0,
            },
            Chair = new ChairOptions { Strategy = ChairStrategy.AgendaSetter, IdealPoint = s.ChairIdeal },
            Proposal = new Proposal { StatusQuo = [.. s.StatusQuo], Draft = [.. s.ChairIdeal] },
            Procedure = new ProcedureOptions { MaxRounds = 1 },
        };
        for (int i = 0; i < s.Ideals.Length; i++)
        {
            b.Actors.Add(new Actor($"A{i}"));
            b.StateOverrides.Add(new ProfileOverride($"A{i}", new StateProfile { IdealPoint = [.. s.Ideals[i].Select(x => (Parameter)x)], BlockingCost = s.Costs[i] }));
        }

        return b;
    }

    /// <summary>E[f(M)] for M the least of n uniforms on [0, 1] (density n(1 − m)ⁿ⁻¹), by Simpson's rule.</summary>
    private static double OverLeast(int n, Func<double, double> f)
    {
        const int steps = 200_000;
        const double h = 1.0 / steps;
        double sum = 0;
        for (int k = 0; k <= steps; k++)
        {
            double m = k * h;
            sum += f(m) * n * Math.Pow(1 - m, n - 1) * (k == 0 || k == steps ? 1 : k % 2 == 1 ? 4 : 2);
        }

        return sum * h / 3;
    }
}
