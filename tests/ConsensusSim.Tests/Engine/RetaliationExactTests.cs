using ConsensusSim.Model;
using ConsensusSim.Numerics;
using ConsensusSim.Simulation;
using ConsensusSim.Tests.Support;

namespace ConsensusSim.Tests.Engine;

/// <summary>
/// The cascade of <see cref="CascadeScenarios"/>, run end to end through the votes, against probabilities derived by
/// hand. C blocks the package; in the fallback C blocks item 0 (which A and B value), so A and B may retaliate on item 1,
/// which C values; if A did, C may retaliate on item 2, which A values. B values neither item 1 nor item 2, and no one
/// else it blocked wants item 2, so no other State retaliates. A State that opposed a decision (objected of its own
/// accord) bears its co-objectors no grievance over it. Every estimate is checked within 4 standard errors derived from
/// the trial count.
/// </summary>
public class RetaliationExactTests
{
    private const int Trials = 20_000;
    private const double RhoA = 0.5, RhoB = 0.3, RhoC = 0.6;

    [Fact]
    public void Without_noise_each_item_s_chance_after_the_fallback_is_a_product_of_propensities()
    {
        var f = Run(RhoA, RhoB, RhoC).PackageFallback!;

        Assert.Equal(Trials, f.FailedPackages);
        Assert.Equal(0, f.AdoptedAfterFallback[0].Adopted.Count);
        Within(f.AdoptedAfterFallback[1].Adopted.Probability, (1 - RhoA) * (1 - RhoB), "item 1: neither A nor B retaliates");
        Within(f.AdoptedAfterFallback[2].Adopted.Probability, 1 - (RhoA * RhoC), "item 2: not (A retaliated on item 1 and C answers)");
        Within(f.Retaliation.Probability, 1 - ((1 - RhoA) * (1 - RhoB)), "some State retaliates");
    }

    [Fact]
    public void Without_noise_the_distinct_objectors_are_C_and_whoever_retaliated_on_item_1()
    {
        var f = Run(RhoA, RhoB, RhoC).PackageFallback!;

        // C objects throughout; A and B join it when they retaliate on item 1; C's retaliation on item 2 adds no one.
        double[] expected = [0, (1 - RhoA) * (1 - RhoB), (RhoA * (1 - RhoB)) + ((1 - RhoA) * RhoB), RhoA * RhoB];
        Assert.Equal(4, f.DistinctObjectorCounts.Count);
        for (int k = 0; k < expected.Length; k++)
        {
            Within((double)f.DistinctObjectorCounts[k] / f.FailedPackages, expected[k], $"{k} distinct objectors");
        }
    }

    [Fact]
    public void Without_noise_the_retaliatory_share_is_the_expected_retaliation_over_the_expected_objections()
    {
        var f = Run(RhoA, RhoB, RhoC).PackageFallback!;

        // Per failed package: C's objections to the package and to item 0, plus r retaliatory ones, r = X_A + X_B + X_A·X_C.
        var (share, se) = ShareOf([.. Outcomes().Select(o => (o.Weight, o.A + o.B + (o.A * o.C), 2 + o.A + o.B + (o.A * o.C)))], failed: 1);
        Assert.InRange(f.RetaliatoryShare, share - (4 * se), share + (4 * se));
        Assert.InRange(f.RetaliatoryShareStandardError, 0.8 * se, 1.2 * se);
    }

    [Fact]
    public void With_noise_on_C_its_own_objections_enter_as_normal_probabilities()
    {
        const double sigma = 0.05;
        var r = Run(RhoA, RhoB, RhoC, sigma);
        var f = r.PackageFallback!;

        // C objects when its perceived gain g + σz falls below −τ: P = Φ((−g − τ)/σ), for each vote independently.
        double package = Phi(((1.0 / 6) - (1.0 / 30) + 0.05 - 0.1) / sigma);
        double item0 = Phi(((1.0 / 6) - 0.1) / sigma), item1 = Phi((-(1.0 / 30) - 0.1) / sigma), item2 = Phi((0.05 - 0.1) / sigma);
        Within(r.Adopted.Probability, 1 - package, "the package");
        Within(f.AdoptedAfterFallback[0].Adopted.Probability, (1 - package) + (package * (1 - item0)), "item 0");
        Within(f.AdoptedAfterFallback[1].Adopted.Probability, (1 - package) + (package * (1 - RhoA) * (1 - RhoB) * (1 - item1)), "item 1");
        // C retaliates on item 2 only over an item 1 it did not oppose: had it objected of its own accord, A's objection did it no harm.
        Within(f.AdoptedAfterFallback[2].Adopted.Probability, (1 - package) + (package * (1 - (RhoA * RhoC * (1 - item1))) * (1 - item2)), "item 2");

        // C's own objections add objections but no objector: C objected to the package already.
        var outcomes = from o in Outcomes()
                       from x0 in Bernoulli(item0)
                       from x1 in Bernoulli(item1)
                       from x2 in Bernoulli(item2)
                       select (Weight: o.Weight * x0.Weight * x1.Weight * x2.Weight, o.A, o.B, o.C, X0: x0.Value, X1: x1.Value, X2: x2.Value);
        var (share, se) = ShareOf([.. outcomes.Select(o => (o.Weight, o.A + o.B + (o.A * o.C * (1 - o.X1)), 1 + o.X0 + o.A + o.B + o.X1 + Math.Max(o.A * o.C * (1 - o.X1), o.X2)))], package);
        Assert.InRange(f.RetaliatoryShare, share - (4 * se), share + (4 * se));
        Within((double)f.DistinctObjectorCounts[1] / f.FailedPackages, (1 - RhoA) * (1 - RhoB), "C alone", f.FailedPackages);
    }

    [Fact]
    public void Propensities_of_zero_and_one_make_the_cascade_certain()
    {
        var never = Run(0, 0, 0).PackageFallback!;
        Assert.Equal([Trials, 0L, 0L], Counts(never, 1));
        Assert.Equal([0L, Trials, Trials], [never.AdoptedAfterFallback[0].Adopted.Count, never.AdoptedAfterFallback[1].Adopted.Count, never.AdoptedAfterFallback[2].Adopted.Count]);
        Assert.Equal(0, never.RetaliatoryObjections);

        var always = Run(1, 1, 1).PackageFallback!;
        Assert.Equal([0L, 0L, 0L], [always.AdoptedAfterFallback[0].Adopted.Count, always.AdoptedAfterFallback[1].Adopted.Count, always.AdoptedAfterFallback[2].Adopted.Count]);
        Assert.Equal(Trials, always.DistinctObjectorCounts[3]);
        Assert.Equal(3L * Trials, always.RetaliatoryObjections);
        Assert.Equal(5L * Trials, always.Objections);
    }

    private static long[] Counts(PackageFallbackEstimates f, int from) => [.. f.DistinctObjectorCounts.Skip(from)];

    private static SimulationResult Run(double rhoA, double rhoB, double rhoC, double noiseC = 0) =>
        MonteCarloRunner.Run(CascadeScenarios.Builder(rhoA, rhoB, rhoC, noiseC).Build().Compile(), new SimulationOptions { Trials = Trials, Seed = 17, MaxDegreeOfParallelism = 1 });

    private static double Phi(double x) => StandardNormal.Cdf(x);

    /// <summary>The eight outcomes of the draws that decide A's and B's retaliation on item 1 and C's on item 2.</summary>
    private static IEnumerable<(double Weight, int A, int B, int C)> Outcomes() =>
        from a in Bernoulli(RhoA)
        from b in Bernoulli(RhoB)
        from c in Bernoulli(RhoC)
        select (a.Weight * b.Weight * c.Weight, a.Value, b.Value, c.Value);

    private static IEnumerable<(double Weight, int Value)> Bernoulli(double p) => [(1 - p, 0), (p, 1)];

    /// <summary>
    /// The share R = E[r]/E[o] of objections that are retaliatory, from the weighted (r, o) outcomes of a failed package,
    /// which happens with probability <paramref name="failed"/> (r = o = 0 otherwise), and the standard error of the ratio
    /// of sums over <see cref="Trials"/> trials by the delta method: √(Var(r − R·o)/N) / E[o].
    /// </summary>
    private static (double Share, double StandardError) ShareOf(IReadOnlyList<(double Weight, int Retaliatory, int Objections)> outcomes, double failed)
    {
        double er = failed * outcomes.Sum(o => o.Weight * o.Retaliatory), eo = failed * outcomes.Sum(o => o.Weight * o.Objections);
        double share = er / eo;
        double variance = failed * outcomes.Sum(o => o.Weight * (o.Retaliatory - (share * o.Objections)) * (o.Retaliatory - (share * o.Objections)));
        return (share, Math.Sqrt(variance / Trials) / eo);
    }

    private static void Within(double actual, double expected, string what, long trials = Trials)
    {
        double se = Math.Sqrt(expected * (1 - expected) / trials);
        Assert.True(Math.Abs(actual - expected) <= (4 * se) + 1e-12, $"{what}: {actual:0.0000}, expected {expected:0.0000} ± {4 * se:0.0000} (4 SE at {trials:N0} trials)");
    }
}
