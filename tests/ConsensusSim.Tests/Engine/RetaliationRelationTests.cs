using ConsensusSim.Model;
using ConsensusSim.Serialization;
using ConsensusSim.Simulation;
using ConsensusSim.Tests.Support;

namespace ConsensusSim.Tests.Engine;

/// <summary>
/// Whom a State retaliates against, and when retaliation changes nothing: each case is certain (no noise, or
/// propensities of 0 and 1), so the tallies are checked exactly, end to end through the votes.
/// </summary>
public class RetaliationRelationTests
{
    private const int Trials = 3_000;

    [Fact]
    public void A_State_that_objected_to_a_decision_bears_its_co_objectors_no_grievance()
    {
        // B now objects to the package (gain −1/6) beside C, and both value item 1. B and C retaliate whenever they can;
        // A never does. Neither B nor C was harmed by the package's failure, which they wanted, so item 1 passes.
        var b = CascadeScenarios.Builder(rhoA: 0, rhoB: 1, rhoC: 1);
        b.StateOverrides[1] = new ProfileOverride("BEL", new StateProfile { IdealPoint = [0.0, 1.0, 0.0], Retaliation = 1.0 });
        var f = Run(b).PackageFallback!;

        Assert.Equal(Trials, f.FailedPackages);
        Assert.Equal([0L, Trials, 0L], AdoptedAfterFallback(f));
        Assert.Equal(0, f.RetaliatoryObjections);
        Assert.Equal(Trials, f.DistinctObjectorCounts[2]);
    }

    [Fact]
    public void A_State_retaliates_only_on_items_its_target_values_and_only_over_items_it_values()
    {
        // With certain retaliation A and B block item 1 (C values it) but not item 2 (C does not); C blocks item 2 (A
        // values it). With θ above every gain no one values anything, so no one retaliates at all.
        var certain = Run(CascadeScenarios.Builder(1, 1, 1)).PackageFallback!;
        Assert.Equal([0L, 0L, 0L], AdoptedAfterFallback(certain));
        Assert.Equal(3L * Trials, certain.RetaliatoryObjections);

        var b = CascadeScenarios.Builder(1, 1, 1);
        b.Behaviour = new BehaviourOptions { RetaliationThreshold = 0.2 };
        var indifferent = Run(b).PackageFallback!;
        Assert.Equal([0L, Trials, Trials], AdoptedAfterFallback(indifferent));
        Assert.Equal(0, indifferent.RetaliatoryObjections);
        Assert.Equal(0, indifferent.Retaliation.Count);
    }

    [Fact]
    public void Retaliation_that_never_fires_changes_no_fallback_tally()
    {
        // Propensities of 1 with θ = 1: the retaliation stage is planned and draws for every State and item, but no one
        // values anything. Its draws come from a stream of their own, so every vote is the one taken without it.
        var noisy = CascadeScenarios.Builder(0, 0, 0, noiseC: 0.05);
        var idle = CascadeScenarios.Builder(1, 1, 1, noiseC: 0.05);
        idle.Behaviour = new BehaviourOptions { RetaliationThreshold = 1 };
        Assert.True(ConsensusSim.Engine.KernelPlan.For(idle.Build().Compile()).Retaliation);
        Assert.False(ConsensusSim.Engine.KernelPlan.For(noisy.Build().Compile()).Retaliation);

        var with = Run(idle);
        var without = Run(noisy);
        Assert.Equal(FallbackCsv(without), FallbackCsv(with));
        Assert.Equal(ResultCsvColumns.Tallies(ResultCsv.Outcomes(without)), ResultCsvColumns.Tallies(ResultCsv.Outcomes(with)));
    }

    [Fact]
    public void Without_retaliation_each_fallback_vote_is_the_item_decided_alone()
    {
        // With fixed parameters the fallback vote on item k is an independent draw of the item decided alone, so
        // P(adopted after the fallback) = P(package) + (1 − P(package))·P(item alone), within 4 SE of both estimates.
        var r = Run(CascadeScenarios.Builder(0, 0, 0, noiseC: 0.05), trials: 20_000);
        var f = r.PackageFallback!;
        double package = r.Adopted.Probability;
        for (int k = 0; k < 3; k++)
        {
            var after = f.AdoptedAfterFallback[k].Adopted;
            var alone = r.SeparateAdoption[k].Adopted;
            double expected = package + ((1 - package) * alone.Probability);
            double se = Math.Sqrt((after.StandardError * after.StandardError) + (alone.StandardError * alone.StandardError) + (r.Adopted.StandardError * r.Adopted.StandardError));
            Assert.True(Math.Abs(after.Probability - expected) <= (4 * se) + 1e-12, $"item {k}: {after.Probability:0.0000} after the fallback, {expected:0.0000} from the separate vote (4 SE = {4 * se:0.0000})");
        }
    }

    [Fact]
    public void Propensities_without_a_fallback_change_nothing()
    {
        var plain = Run(CascadeScenarios.Builder(0, 0, 0, noiseC: 0.05, fallback: false));
        var retaliating = Run(CascadeScenarios.Builder(0.5, 0.5, 0.5, noiseC: 0.05, fallback: false));
        Assert.Null(retaliating.PackageFallback);
        Assert.Equal(ResultCsvColumns.Tallies(ResultCsv.Outcomes(plain)), ResultCsvColumns.Tallies(ResultCsv.Outcomes(retaliating)));
        Assert.Equal(ResultCsvColumns.Tallies(ResultCsv.Blockers(plain)), ResultCsvColumns.Tallies(ResultCsv.Blockers(retaliating)));
        Assert.Equal(plain.ObjectorCounts, retaliating.ObjectorCounts);
    }

    private static long[] AdoptedAfterFallback(PackageFallbackEstimates f) => [.. f.AdoptedAfterFallback.Select(i => i.Adopted.Count)];

    private static string FallbackCsv(SimulationResult r) => ResultCsvColumns.Tallies(ResultCsv.Fallback(r)!);

    private static SimulationResult Run(ScenarioBuilder b, int trials = Trials) =>
        MonteCarloRunner.Run(b.Build().Compile(), new SimulationOptions { Trials = trials, Seed = 23, MaxDegreeOfParallelism = 2 });
}
