using ConsensusSim.Analysis;
using ConsensusSim.Model;
using ConsensusSim.Osce;
using ConsensusSim.Simulation;
using ConsensusSim.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ConsensusSim.Engine;
using ConsensusSim.Numerics;

namespace ConsensusSim.Tests.Model;

/// <summary>Every decision rule, simulated with independent objections, against its exact probability (three vectors each).</summary>
public class RulesAgreeWithExactTests
{
    private const long Trials = 100_000;

    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (var rule in new[] { "consensus", "minus-one", "minus-two", "unanimity-with-abstention", "qualified-majority-population", "qualified-majority-budget", "simple-majority", "approximate-consensus", "moscow-serious-threat", "berlin" })
        {
            for (int v = 0; v < 3; v++)
            {
                data.Add(rule, v);
            }
        }

        return data;
    }

    private static double[] Vector(string rule, int v)
    {
        // Majority rules need many objectors to fail; consensus rules need few.
        if (rule == "simple-majority")
        {
            // Only about half the States objecting makes a simple majority uncertain.
            return v switch
            {
                0 => Scenarios.Uniform(57, 0.45),
                1 => [.. Enumerable.Range(0, 57).Select(i => i % 2 == 0 ? 0.3 : 0.7)],
                _ => Scenarios.Uniform(57, 0.55),
            };
        }

        if (rule == "moscow-serious-threat")
        {
            // Ten supporters out of 57: uncertain only when support is scarce.
            return v switch
            {
                0 => Scenarios.Uniform(57, 0.85),
                1 => [.. Enumerable.Range(0, 57).Select(i => i % 2 == 0 ? 0.8 : 0.9)],
                _ => [.. Enumerable.Range(0, 57).Select(i => i < 30 ? 0.95 : 0.7)],
            };
        }

        bool majority = rule.Contains("majority", StringComparison.Ordinal) || rule is "berlin" or "approximate-consensus";
        return v switch
        {
            0 => Scenarios.Uniform(57, majority ? 0.08 : 0.01),
            1 => [.. Enumerable.Range(0, 57).Select(i => majority ? 0.05 + ((i % 9) * 0.05) : (i % 5) * 0.006)],
            _ => [.. Enumerable.Range(0, 57).Select(i => majority ? (i < 20 ? 0.6 : 0.05) : (i < 3 ? 0.2 : 0.002))],
        };
    }

    private static (DecisionRule Rule, double Exact) RuleAndExact(string rule, double[] p)
    {
        var codes = OsceCatalog.Default.States.Select(s => s.Code).ToList();
        int[] population = [.. OsceCatalog.Default.States.Select(s => ScenarioCompiler.WeightOf(s, VotingWeight.Population))];
        int[] budget = [.. OsceCatalog.Default.States.Select(s => ScenarioCompiler.WeightOf(s, VotingWeight.BudgetShare))];
        return rule switch
        {
            "consensus" => (DecisionRule.Consensus, IndependentObjections.ConsensusProbability(p)),
            "minus-one" => (DecisionRule.ConsensusMinusOne(codes[1]), IndependentObjections.ConsensusMinusProbability(p, [1])),
            "minus-two" => (DecisionRule.ConsensusMinusTwo(codes[0], codes[2]), IndependentObjections.ConsensusMinusProbability(p, [0, 2])),
            "unanimity-with-abstention" => (DecisionRule.UnanimityWithAbstention, IndependentObjections.ConsensusProbability(p)),
            "qualified-majority-population" => (DecisionRule.QualifiedMajority(0.55, 0.65, VotingWeight.Population), IndependentObjections.QualifiedMajorityProbability(p, population, 0.55, 0.65)),
            "qualified-majority-budget" => (DecisionRule.QualifiedMajority(0.75, 0.8, VotingWeight.BudgetShare), IndependentObjections.QualifiedMajorityProbability(p, budget, 0.75, 0.8)),
            "simple-majority" => (DecisionRule.SimpleMajority, IndependentObjections.SimpleMajorityProbability(p)),
            "approximate-consensus" => (DecisionRule.ApproximateConsensus, IndependentObjections.ApproximateConsensusProbability(p, budget)),
            "moscow-serious-threat" => (DecisionRule.ForMechanism("moscow-serious-threat"), IndependentObjections.ThresholdSupportProbability([.. p.Select(x => 1 - x)], 10)),
            _ => (DecisionRule.ForMechanism("berlin", 52), IndependentObjections.ThresholdSupportProbability([.. p.Select(x => 1 - x)], 52)),
        };
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Simulated_adoption_is_within_four_standard_errors_of_the_exact_value(string rule, int vector)
    {
        var p = Vector(rule, vector);
        var (decisionRule, exact) = RuleAndExact(rule, p);
        var scenario = Scenarios.FixedObjection(p, rule: decisionRule);
        var result = MonteCarloRunner.Run(scenario.Compile(), new SimulationOptions { Trials = Trials, Seed = (ulong)(vector + 100) });
        double se = Math.Sqrt(Math.Max(0, exact * (1 - exact)) / Trials);
        Assert.True(Math.Abs(result.Adopted.Probability - exact) <= (4 * se) + 1e-12, $"{rule} #{vector}: simulated {result.Adopted.Probability}, exact {exact}, 4 SE {4 * se}");
    }

    [Fact]
    public void Every_rule_has_a_vector_where_adoption_is_uncertain()
    {
        // A check against a probability of 0 or 1 proves little; each rule needs at least one informative case.
        foreach (string rule in Cases().Select(c => (string)c[0]).Distinct())
        {
            var exact = Enumerable.Range(0, 3).Select(v => RuleAndExact(rule, Vector(rule, v)).Exact).ToList();
            Assert.True(exact.Any(x => x is > 0.02 and < 0.98), $"{rule}: {string.Join(", ", exact)}");
        }
    }

    [Property(MaxTest = 200)]
    public Property Exact_rule_probabilities_equal_enumeration_for_small_bodies(PositiveInt seedInt)
    {
        var rng = TrialRandom.ForTrial((ulong)seedInt.Get, 0);
        int n = 1 + (int)(rng.NextUInt64() % 9);
        double[] p = [.. Enumerable.Range(0, n).Select(_ => Math.Round(rng.NextDouble(), 3))];
        int[] w = [.. Enumerable.Range(0, n).Select(_ => (int)(rng.NextUInt64() % 7))];
        double stateShare = Math.Round(rng.NextDouble(), 2), weightShare = Math.Round(rng.NextDouble(), 2);
        long total = w.Sum();
        int needStates = (int)Math.Ceiling((stateShare * n) - 1e-9);
        long needWeight = (long)Math.Ceiling((weightShare * total) - 1e-9);
        int m = (int)(rng.NextUInt64() % (ulong)(n + 2));

        double qm = 0, majority = 0, threshold = 0;
        for (int mask = 0; mask < 1 << n; mask++)
        {
            // mask bit set = the State supports (does not object).
            double prob = 1;
            int supporters = 0;
            long weight = 0;
            for (int i = 0; i < n; i++)
            {
                bool supports = (mask & (1 << i)) != 0;
                prob *= supports ? 1 - p[i] : p[i];
                supporters += supports ? 1 : 0;
                weight += supports ? w[i] : 0;
            }

            qm += supporters >= needStates && weight >= needWeight ? prob : 0;
            majority += supporters > n / 2 ? prob : 0;
            threshold += supporters >= m ? prob : 0;
        }

        double[] support = [.. p.Select(x => 1 - x)];
        bool ok = Math.Abs(qm - IndependentObjections.QualifiedMajorityProbability(p, w, stateShare, weightShare)) < 1e-12
            && Math.Abs(majority - IndependentObjections.SimpleMajorityProbability(p)) < 1e-12
            && Math.Abs(threshold - IndependentObjections.ThresholdSupportProbability(support, m)) < 1e-12;
        return ok.Label($"n {n}, qm {qm}, majority {majority}, threshold {threshold}");
    }

    [Fact]
    public void Minus_one_against_a_certain_objector_is_the_product_over_the_others()
    {
        double[] p = [1.0, 0.1, 0.2, 0.05];
        Assert.Equal(0.9 * 0.8 * 0.95, IndependentObjections.ConsensusMinusProbability(p, [0]), 12);
        Assert.Equal(0, IndependentObjections.ConsensusProbability(p));
        Assert.Throws<ArgumentException>(() => IndependentObjections.ConsensusMinusProbability(p, [0, 0]));
    }

    [Theory]
    [InlineData(5, 0.9)]
    [InlineData(9, 0.8)]
    [InlineData(12, 0.5)]
    public void Threshold_support_is_the_binomial_tail(int m, double s)
    {
        // DOMAIN.md §5.1: P(≥ m of the other N − 1 support) = Σ_{j ≥ m} C(N−1, j) s^j (1 − s)^(N−1−j).
        double expected = 0;
        for (int j = m; j <= 56; j++)
        {
            expected += MathNet.Numerics.SpecialFunctions.Binomial(56, j) * Math.Pow(s, j) * Math.Pow(1 - s, 56 - j);
        }

        Assert.Equal(expected, IndependentObjections.ThresholdSupportProbability(Scenarios.Uniform(56, s), m), 10);
    }
}
