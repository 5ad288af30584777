using ConsensusSim.Analysis;
using ConsensusSim.Model;
using ConsensusSim.Simulation;
using ConsensusSim.Tests.Support;

namespace ConsensusSim.Tests.Engine;

/// <summary>The simulation against the closed forms of the independent-objection model (DOMAIN.md §5.1).</summary>
public class FixedObjectionAgreesWithExactTests
{
    private const long Trials = 200_000;

    public static TheoryData<string, double[]> Vectors => new()
    {
        { "p = 0.01 for all 57", Scenarios.Uniform(57, 0.01) },
        { "p = 0.005 for all 57", Scenarios.Uniform(57, 0.005) },
        { "p = 0.05 for all 57", Scenarios.Uniform(57, 0.05) },
        { "heterogeneous", [.. Enumerable.Range(0, 57).Select(i => (i % 7) * 0.004)] },
        { "one likely objector", [.. Scenarios.Uniform(56, 0.002), 0.6] },
        { "small body", [0.3, 0.1, 0.2, 0.05] },
    };

    [Fact]
    public void The_exact_answer_for_57_States_at_one_percent_is_0_5639()
    {
        Assert.Equal(0.5639, IndependentObjections.ConsensusProbability(Scenarios.Uniform(57, 0.01)), 4);
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Simulated_adoption_is_within_four_standard_errors_of_the_product(string label, double[] p)
    {
        double exact = IndependentObjections.ConsensusProbability(p);
        var result = MonteCarloRunner.Run(Scenarios.FixedObjection(p).Compile(), new SimulationOptions { Trials = Trials, Seed = 2024 });
        double se = Math.Sqrt(exact * (1 - exact) / Trials);
        Assert.True(Math.Abs(result.Adopted.Probability - exact) <= 4 * se, $"{label}: simulated {result.Adopted.Probability}, exact {exact}, 4 SE = {4 * se}");
        Assert.InRange(exact, result.Adopted.Ci95Lower - (2 * se), result.Adopted.Ci95Upper + (2 * se));
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void The_objector_count_histogram_follows_the_Poisson_binomial(string label, double[] p)
    {
        var pmf = IndependentObjections.ObjectorCountDistribution(p);
        var result = MonteCarloRunner.Run(Scenarios.FixedObjection(p).Compile(), new SimulationOptions { Trials = Trials, Seed = 77 });
        for (int k = 0; k < pmf.Length; k++)
        {
            double observed = (double)result.ObjectorCounts[k] / Trials;
            double se = Math.Sqrt(pmf[k] * (1 - pmf[k]) / Trials);

            // 4.5 SE per bin keeps the family-wise false-alarm rate small over up to 58 bins; the 1e-9 admits exact zeros.
            Assert.True(Math.Abs(observed - pmf[k]) <= (4.5 * se) + 1e-9, $"{label}, k = {k}: observed {observed}, exact {pmf[k]}");
        }
    }

    [Fact]
    public void Repeated_rounds_adopt_with_probability_one_minus_the_chance_of_failing_every_round()
    {
        var p = Scenarios.Uniform(57, 0.02);
        const int rounds = 3;
        double exact = IndependentObjections.AdoptionWithinRounds(p, rounds);
        var result = MonteCarloRunner.Run(Scenarios.FixedObjection(p, rounds).Compile(), new SimulationOptions { Trials = Trials, Seed = 5 });
        double se = Math.Sqrt(exact * (1 - exact) / Trials);
        Assert.InRange(result.Adopted.Probability, exact - (4 * se), exact + (4 * se));

        // Rounds to adoption are geometric with success q, truncated at 3.
        double q = IndependentObjections.ConsensusProbability(p);
        double expectedMean = (q + (2 * (1 - q) * q) + (3 * (1 - q) * (1 - q) * q)) / exact;
        Assert.InRange(result.MeanRoundsToAdoption, expectedMean - 0.02, expectedMean + 0.02);
        Assert.Equal(result.Adopted.Count, result.AdoptedInRound.Sum());
    }

    [Fact]
    public void Consensus_minus_one_ignores_the_named_target()
    {
        // The target always objects; under minus-one the others decide: (1 - p)^(N - 1).
        var p = Scenarios.Uniform(57, 0.01);
        p[0] = 1.0;
        var scenario = Scenarios.FixedObjection(p, rule: DecisionRule.ConsensusMinusOne("ALB"));
        double exact = Math.Pow(0.99, 56);
        var result = MonteCarloRunner.Run(scenario.Compile(), new SimulationOptions { Trials = Trials, Seed = 9 });
        double se = Math.Sqrt(exact * (1 - exact) / Trials);
        Assert.InRange(result.Adopted.Probability, exact - (4 * se), exact + (4 * se));
        Assert.Equal(0, result.Blockers.Single(b => b.State == "ALB").BlockedTrials);

        var plain = MonteCarloRunner.Run(Scenarios.FixedObjection(p).Compile(), new SimulationOptions { Trials = 10_000, Seed = 9 });
        Assert.Equal(0, plain.Adopted.Count);
    }

    [Fact]
    public void A_State_that_always_objects_is_the_sole_blocker_whenever_nobody_else_objects()
    {
        var p = Scenarios.Uniform(10, 0.05);
        p[3] = 1.0;
        var result = MonteCarloRunner.Run(Scenarios.FixedObjection(p).Compile(), new SimulationOptions { Trials = Trials, Seed = 3 });
        var blocker = result.Blockers[0];
        Assert.Equal(Trials, blocker.BlockedTrials);
        double exactAlone = Math.Pow(0.95, 9);
        double se = Math.Sqrt(exactAlone * (1 - exactAlone) / Trials);
        Assert.InRange(blocker.SoleBlockerFrequency, exactAlone - (4 * se), exactAlone + (4 * se));
    }
}
