using ConsensusSim.Behaviour;
using ConsensusSim.Engine;
using ConsensusSim.Model;
using ConsensusSim.Simulation;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ConsensusSim.Tests.Behaviour;

/// <summary>
/// The closed-form projection that answers where every State shares the Chair's metric: it must give the dual method's
/// answer (to the tolerance), only ever a point every needed State accepts, and must answer the Euclidean experiments it
/// exists for rather than hand them back.
/// </summary>
[Properties(Arbitrary = [typeof(WinSetArbitraries)])]
public class WinSetBallProjectionTests
{
    [Property(MaxTest = 3000)]
    public Property The_closed_form_agrees_with_the_dual_method(SharedMetricWinSetCase shared)
    {
        var c = shared.Case;
        var solver = new WinSetSolver(c.Dimensions, c.States, c.Loss);
        var p = new double[c.Dimensions];
        var status = solver.Solve(c.StatusQuo, c.ChairIdeal, c.ChairSalience, [.. c.Ideals.SelectMany(x => x)], [.. c.Saliences.SelectMany(s => s)], c.Required, c.Needed, p);
        bool closed = solver.AnsweredInClosedForm;
        var (dualStatus, dual, _, _) = c.Solve(ballProjection: false);
        double atQ = c.ChairLoss(c.StatusQuo);
        double loss = c.ChairLoss(status == WinSetStatus.Tabled ? p : c.StatusQuo);
        double dualLoss = c.ChairLoss(dualStatus == WinSetStatus.Tabled ? dual : c.StatusQuo);

        // Every needed State gains at least half the margin beyond what it requires (a hair less for this file's own
        // arithmetic), and a tabled point beats q.
        bool valid = status != WinSetStatus.Tabled || (c.AllAccept(p, WinSetSolver.Margin / 2 * 0.99) && loss < atQ);

        // The closed form is optimal to rounding, so never worse than the dual method beyond its tolerance, in the Chair's
        // units (its weights are up to 2¹⁰ times the States'). The dual method may use up to half the margin of a nearly
        // tangent set and so be better, by about the margin's square root times the Chair's scale; a status may differ
        // only where q's loss is that close to the best point's.
        double scale = Math.Max(1, c.ChairSalience[0] / c.Saliences[0][0]);
        double close = 1e-6 * scale;
        bool notWorse = loss <= dualLoss + (1e-9 * scale);
        bool notMuchBetter = dualLoss <= loss + close;
        bool sameStatus = status == dualStatus || Math.Abs(atQ - Math.Min(loss, dualLoss)) <= close;
        return (valid && notWorse && notMuchBetter && sameStatus)
            .Label($"closed form {status} ({loss}, answered {closed}), dual {dualStatus} ({dualLoss}), q {atQ}")
            .Classify(closed, "answered in closed form");
    }

    [Property(MaxTest = 3000)]
    public Property The_expanded_scan_finds_the_exact_scans_excess_to_within_its_guard(SharedMetricWinSetCase shared, double[] seed)
    {
        var c = shared.Case;
        var instance = new WinSetInstance(c.Dimensions, c.States);
        instance.Load(c.StatusQuo, c.ChairIdeal, c.ChairSalience, [.. c.Ideals.SelectMany(x => x)], [.. c.Saliences.SelectMany(s => s)], c.Required, c.Needed, c.Loss);
        var scan = new WinSetBallScan(instance);
        scan.Load(instance.Target);
        double[] p = [.. Enumerable.Range(0, c.Dimensions).Select(k => seed.Length > k && double.IsFinite(seed[k]) ? Math.Abs(seed[k]) % 1 : 0.5)];
        int exact = instance.MostViolated(p, out double exactExcess);
        int expanded = scan.MostViolated(p, out double expandedExcess);
        bool close = instance.Count == 0 || Math.Abs(exactExcess - expandedExcess) <= scan.Guard;
        bool same = instance.Count == 0 || expanded == exact || Math.Abs(instance.LossOf(expanded, p) - instance.Capacity[expanded] - exactExcess) <= 2 * scan.Guard;
        return (close && same).Label($"exact State {exact} by {exactExcess}, expanded State {expanded} by {expandedExcess}, guard {scan.Guard}");
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void It_answers_the_euclidean_experiment_itself(int d)
    {
        // The benchmark's problem: 57 States uniform on [0, 1]^d, q = 0.3 everywhere, a blocking cost of 0.02, a Chair who is
        // one of them. Were the projection to hand these back, the dual method would answer them all, correctly and slowly.
        const int n = 57, instances = 2_000;
        var rng = new Random(d);
        var solver = new WinSetSolver(d, n, LossFunction.Quadratic);
        double[] weights = [.. Enumerable.Repeat(1.0 / d, d)];
        solver.Prepare(weights, [.. Enumerable.Repeat(1.0 / d, n * d)], [.. Enumerable.Repeat(true, n)]);
        double[] q = [.. Enumerable.Repeat(0.3, d)];
        double[] required = [.. Enumerable.Repeat(-0.02, n)];
        var proposal = new double[d];
        int answered = 0, tabled = 0;
        for (int t = 0; t < instances; t++)
        {
            double[] ideals = [.. Enumerable.Range(0, n * d).Select(_ => rng.NextDouble())];
            var status = solver.SolvePrepared(q, ideals.AsSpan(0, d), ideals, required, proposal);
            answered += solver.AnsweredInClosedForm ? 1 : 0;
            tabled += status == WinSetStatus.Tabled ? 1 : 0;
        }

        // Seen: every one of 20,000 instances in 2 dimensions, all but 3 in 3; the bound leaves room for the rare
        // near-dependent working set.
        Assert.InRange(answered, instances * 99 / 100, instances);
        Assert.Equal(instances, tabled);
    }

    [Fact]
    public void A_chair_weighing_its_loss_far_above_the_states_is_answered_in_closed_form_and_optimal()
    {
        // The certificate's duality gap is in the States' loss; in the Chair's, with weights 2¹⁰ times theirs, it is 2¹⁰
        // times larger, and must still be below the tolerance. Sixty States uniform on [0, 1]², q = (0.3, 0.3), a blocking
        // cost of 0.02 scaled like the saliences.
        const int n = 60, instances = 500;
        var rng = new Random(3);
        double[] s = [1.0 / 128, 1.0 / 128];
        double[] chair = [8.0, 8.0];
        int answered = 0;
        for (int t = 0; t < instances; t++)
        {
            double[][] x = [.. Enumerable.Range(0, n).Select(_ => new[] { rng.NextDouble(), rng.NextDouble() })];
            var c = new WinSetCase([0.3, 0.3], [rng.NextDouble(), rng.NextDouble()], chair, x, [.. x.Select(_ => s)],
                [.. Enumerable.Repeat(-0.02 / 64, n)], [.. Enumerable.Repeat(true, n)], LossFunction.Quadratic);
            var solver = new WinSetSolver(2, n, LossFunction.Quadratic);
            var p = new double[2];
            var status = solver.Solve(c.StatusQuo, c.ChairIdeal, c.ChairSalience, [.. x.SelectMany(v => v)], [.. x.SelectMany(_ => s)], c.Required, c.Needed, p);
            answered += solver.AnsweredInClosedForm ? 1 : 0;
            var (dualStatus, dual, _, _) = c.Solve(ballProjection: false);
            Assert.Equal(dualStatus, status);
            Assert.True(c.AllAccept(p, WinSetSolver.Margin / 2 * 0.99), $"instance {t}: some State rejects {p[0]}, {p[1]}");
            Assert.True(c.ChairLoss(p) <= c.ChairLoss(dual) + (1024 * 1e-10), $"instance {t}: {c.ChairLoss(p)} against the dual method's {c.ChairLoss(dual)}");
        }

        Assert.InRange(answered, instances * 99 / 100, instances);
    }

    [Fact]
    public void Without_a_shared_metric_the_dual_method_answers()
    {
        var c = new WinSetCase([0.3, 0.3], [0.9, 0.8], [0.5, 0.5], [[0.1, 0.9], [0.8, 0.2], [0.6, 0.6]],
            [[0.5, 0.5], [0.25, 0.75], [0.5, 0.5]], [0, 0, 0], [true, true, true], LossFunction.Quadratic);
        var solver = new WinSetSolver(2, 3, LossFunction.Quadratic);
        var proposal = new double[2];
        solver.Solve(c.StatusQuo, c.ChairIdeal, c.ChairSalience, [.. c.Ideals.SelectMany(x => x)], [.. c.Saliences.SelectMany(s => s)], c.Required, c.Needed, proposal);
        Assert.False(solver.AnsweredInClosedForm);
    }

    [Fact]
    public void Through_the_vote_the_closed_form_changes_no_count()
    {
        // Three dimensions, Euclidean preferences, ideal points and the status quo drawn per trial, no noise (a State the
        // Chair counted on is then on the edge of its acceptable set, and accepts; with noise it would object half the time):
        // every outcome count is the same with the closed form as with the dual method alone, and the ambition each adopted
        // trial adds (rounded to 10⁻⁹) moves by at most one unit, as the proposals move by rounding.
        var b = new ScenarioBuilder
        {
            Name = "euclidean agenda setter",
            Dimensions = ["a", "b", "c"],
            Behaviour = new BehaviourOptions { Loss = LossFunction.Quadratic, BlocCorrelation = 0.3 },
            Defaults = new StateProfile
            {
                IdealPoint = [Parameter.Uniform(0, 1), Parameter.Uniform(0, 1), Parameter.Uniform(0, 1)],
                Salience = [1.0 / 3, 1.0 / 3, 1.0 / 3],
                BlockingCost = 0.02,
                Noise = 0,
                Linkage = 0,
            },
            Chair = new ChairOptions { Strategy = ChairStrategy.AgendaSetter, State = "CHE" },
            Proposal = new Proposal { StatusQuo = [Parameter.Uniform(0, 0.4), 0.3, 0.3] },
            Procedure = new ProcedureOptions { MaxRounds = 1 },
        };
        var compiled = b.Build().Compile();
        var closed = Run(compiled, ballProjection: true);
        var dual = Run(compiled, ballProjection: false);
        Assert.Equal(dual.Adopted, closed.Adopted);
        Assert.Equal(dual.Gridlock, closed.Gridlock);
        Assert.Equal(dual.Blocked, closed.Blocked);
        Assert.Equal(dual.PolicyChanged, closed.PolicyChanged);
        Assert.Equal(3_000, closed.Adopted + closed.Gridlock);
        Assert.True(closed.Adopted > 1_000, $"adopted {closed.Adopted}");
        Assert.InRange(closed.AmbitionSum - dual.AmbitionSum, -closed.Adopted, closed.Adopted);
    }

    private static TrialAccumulator Run(CompiledScenario compiled, bool ballProjection)
    {
        var acc = new TrialAccumulator(compiled.StateCount, compiled.MaxRounds);
        new TrialKernel(compiled, new KernelSwitches { WinSetBallProjection = ballProjection }).RunChunk(5, 0, 3_000, acc);
        return acc;
    }
}
