using ConsensusSim.Analysis;
using ConsensusSim.Model;
using ConsensusSim.Serialization;
using ConsensusSim.Simulation;
using ConsensusSim.Tests.Support;
using MathNet.Numerics.Distributions;

namespace ConsensusSim.Tests.Engine;

/// <summary>
/// The rare-event estimator against exact tiny probabilities: products of independent objections (a routine text
/// failing, an ambitious text passing) and Poisson-binomial tails (majority rules), 10⁻⁶ to 10⁻⁹, where counting would
/// see nothing. Tolerance: the estimate is a mean of independent weighted indicators, so by the central limit theorem
/// it lies within 4 of its own standard errors of the truth except with probability 6·10⁻⁵ per fixed seed; the
/// standard error is the run's own (relative errors of 0.5–5 % at these trial counts). Where the tuned tilt makes the
/// weight nearly constant the standard error is nearly 0, so 10⁻¹⁰ of the exact value is allowed for the rounding of
/// the weights' products (57 factors, each within a few units in the last place).
/// </summary>
public class RareEventTests
{
    private const long Trials = 20_000;

    private static RareEventEstimate Estimate(Scenario scenario, RareOutcome outcome, long trials = Trials, ulong seed = 2026) =>
        MonteCarloRunner.Run(scenario.Compile(), new SimulationOptions { Trials = trials, Seed = seed, RareEvent = outcome }).RareEvent!;

    private static void AssertAgrees(double exact, RareEventEstimate e, string label, double relativeFloor = 1e-10)
    {
        double tolerance = (4 * e.StandardError) + (relativeFloor * exact);
        Assert.True(Math.Abs(e.Probability - exact) <= tolerance, $"{label}: estimate {e.Probability:E6} ± {e.StandardError:E2}, exact {exact:E6}");
        Assert.True(e.RelativeError <= 0.1, $"{label}: relative error {e.RelativeError:P2} after {e.Trials:N0} trials");
    }

    /// <summary>ln(1 − p), by its series where 1 − p would round.</summary>
    private static double Log1MinusP(double p) => p < 1e-4 ? -p - (p * p / 2) - (p * p * p / 3) - (p * p * p * p / 4) : Math.Log(1 - p);

    /// <summary>1 − eˣ for x ≤ 0, by its series where eˣ is near 1.</summary>
    private static double OneMinusExp(double x) => x > -1e-4 ? -x - (x * x / 2) - (x * x * x / 6) - (x * x * x * x / 24) : 1 - Math.Exp(x);

    private static double Tail(double[] pmf, int from) => pmf.Skip(from).Sum();

    public static TheoryData<string, double[]> RoutineTexts => new()
    {
        { "57 States at 10⁻⁸", Scenarios.Uniform(57, 1e-8) },
        { "57 States from 10⁻¹⁰ to 3·10⁻⁸", [.. Enumerable.Range(0, 57).Select(i => (i % 4) * 1e-8 + 1e-10)] },
        { "one State at 10⁻⁶, the rest at 10⁻¹²", [1e-6, .. Scenarios.Uniform(56, 1e-12)] },
        { "57 States at 10⁻¹¹ (P ≈ 6·10⁻¹⁰)", Scenarios.Uniform(57, 1e-11) },
    };

    public static TheoryData<string, double[]> AmbitiousTexts => new()
    {
        { "57 States objecting with 0.2 to 0.3 (P ≈ 8·10⁻⁸)", [.. Enumerable.Range(0, 57).Select(i => 0.2 + (0.1 * (i % 5) / 4))] },
        { "57 States objecting with 0.28 to 0.32 (P ≈ 10⁻⁹)", [.. Enumerable.Range(0, 57).Select(i => 0.28 + (0.04 * (i % 5) / 4))] },
    };

    [Theory]
    [MemberData(nameof(RoutineTexts))]
    public void A_routine_text_fails_with_one_minus_the_product_of_the_States_consent(string label, double[] p)
    {
        // P(deadlocked) = 1 − Π(1 − pᵢ), computed as −expm1(Σ log1p(−pᵢ)) so that nothing cancels.
        double exact = OneMinusExp(p.Sum(x => Log1MinusP(x)));
        AssertAgrees(exact, Estimate(Scenarios.FixedObjection(p), RareOutcome.Deadlocked), label);
    }

    [Theory]
    [MemberData(nameof(AmbitiousTexts))]
    public void An_ambitious_text_passes_with_the_product_of_the_States_consent(string label, double[] p)
    {
        double exact = IndependentObjections.ConsensusProbability(p);
        Assert.InRange(exact, 1e-10, 1e-6);
        AssertAgrees(exact, Estimate(Scenarios.FixedObjection(p), RareOutcome.Adopted), label);
    }

    [Fact]
    public void Under_consensus_minus_two_only_the_other_States_can_make_a_routine_text_fail()
    {
        // The two named disputants always object; the other 55 fail the text with 1 − Π(1 − pᵢ).
        double[] p = [1, 1, .. Scenarios.Uniform(55, 2e-8)];
        var codes = ConsensusSim.Osce.OsceCatalog.Default.States.Take(2).Select(s => s.Code).ToArray();
        var scenario = Scenarios.FixedObjection(p, rule: DecisionRule.ConsensusMinusTwo(codes[0], codes[1]));
        double exact = OneMinusExp(55 * Log1MinusP(2e-8));
        AssertAgrees(exact, Estimate(scenario, RareOutcome.Deadlocked), "consensus minus two");
    }

    [Fact]
    public void Under_ninety_percent_of_States_a_text_fails_with_the_Poisson_binomial_tail_of_six_objectors()
    {
        // 57 × 0.9 = 51.3, so 52 supporters are needed: six or more objectors fail the text.
        double[] p = [.. Enumerable.Range(0, 57).Select(i => 0.002 + (0.006 * (i % 7) / 6))];
        var rule = DecisionRule.QualifiedMajority(0.9, 0, VotingWeight.Equal);
        double exact = Tail(IndependentObjections.ObjectorCountDistribution(p), 6);
        Assert.InRange(exact, 1e-7, 1e-5);
        AssertAgrees(exact, Estimate(Scenarios.FixedObjection(p, rule: rule), RareOutcome.Deadlocked), "qualified majority, 90 % of States");
    }

    [Fact]
    public void Under_simple_majority_an_ambitious_text_passes_with_the_Poisson_binomial_tail_of_few_objectors()
    {
        // Adopted when at least 29 of 57 support: at most 28 objectors, each objecting with 0.76 to 0.82.
        double[] p = [.. Enumerable.Range(0, 57).Select(i => 0.76 + (0.06 * (i % 4) / 3))];
        double exact = IndependentObjections.SimpleMajorityProbability(p);
        Assert.InRange(exact, 1e-9, 1e-6);
        AssertAgrees(exact, Estimate(Scenarios.FixedObjection(p, rule: DecisionRule.SimpleMajority), RareOutcome.Adopted), "simple majority");
    }

    [Fact]
    public void With_shared_noise_a_routine_text_fails_with_the_integral_over_the_blocs_shock()
    {
        // Ten actors in one bloc (ρ = 0.5): the shock is shifted toward objection and weighted by its exact ratio.
        double[] p = [.. Enumerable.Range(1, 10).Select(i => i * 1e-8)];
        const double Rho = 0.5;
        double exact = 1 - NobodyObjects(p, Rho);
        Assert.InRange(exact, 1e-7, 1e-4);
        AssertAgrees(exact, Estimate(Scenarios.OneBloc(p, Rho), RareOutcome.Deadlocked), "one bloc, ρ = 0.5");
    }

    /// <summary>1 − P(nobody objects) needs the complement inside the integral: ∫ φ(η) (1 − Π(1 − Φ((Φ⁻¹(pᵢ) − √ρ·η)/√(1 − ρ)))) dη.</summary>
    private static double NobodyObjects(double[] p, double rho)
    {
        const int Steps = 48_000;
        double h = 30.0 / Steps, fail = 0;
        for (int k = 0; k <= Steps; k++)
        {
            double eta = -15 + (k * h), logStay = 0;
            foreach (double pi in p)
            {
                logStay += Log1MinusP(Normal.CDF(0, 1, (Normal.InvCDF(0, 1, pi) - (Math.Sqrt(rho) * eta)) / Math.Sqrt(1 - rho)));
            }

            fail += (k == 0 || k == Steps ? 0.5 : 1) * Normal.PDF(0, 1, eta) * OneMinusExp(logStay);
        }

        return 1 - (fail * h);
    }

    [Fact]
    public void Under_the_stance_behaviour_the_estimate_is_the_product_of_the_chances_of_joining()
    {
        // One dimension, status quo 0.5, draft 1, linear loss, no blocking cost: State i objects when
        // gᵢ + σε < 0 with gᵢ = |0.5 − xᵢ| − |1 − xᵢ|, so P(adopted) = Π Φ(gᵢ/σ).
        double[] sceptics = [0.1, 0.2, 0.3, 0.35, 0.4];
        var adopt = Scenarios.AgendaSetter(sceptics, q: 0.5, noise: 0.3, chair: ChairStrategy.Fixed).Build();
        double exactAdopted = sceptics.Aggregate(1.0, (product, x) => product * Normal.CDF(0, 1, (Math.Abs(0.5 - x) - Math.Abs(1 - x)) / 0.3));
        Assert.InRange(exactAdopted, 1e-8, 1e-5);
        // The vote compares with thresholds rounded to float (2⁻²⁴ relative), which moves each Φ by |θ|·φ(θ)/Φ(θ)·2⁻²⁴ ≤ 3·10⁻⁷
        // relative here; with the tilt at −30 the weight is nearly constant and its standard error near 0, so 10⁻⁵ is allowed.
        AssertAgrees(exactAdopted, Estimate(adopt, RareOutcome.Adopted), "five sceptics", relativeFloor: 1e-5);

        double[] friends = [0.95, 1.0, 1.0];
        var fail = Scenarios.AgendaSetter(friends, q: 0.5, noise: 0.08, chair: ChairStrategy.Fixed).Build();
        double stays = friends.Aggregate(1.0, (product, x) => product * Normal.CDF(0, 1, (Math.Abs(0.5 - x) - Math.Abs(1 - x)) / 0.08));
        double exactDeadlocked = OneMinusExp(friends.Sum(x => Log1MinusP(Normal.CDF(0, 1, -(Math.Abs(0.5 - x) - Math.Abs(1 - x)) / 0.08))));
        Assert.InRange(exactDeadlocked, 1e-8, 1e-5);
        Assert.Equal(1 - stays, exactDeadlocked, 9);
        AssertAgrees(exactDeadlocked, Estimate(fail, RareOutcome.Deadlocked), "three friends", relativeFloor: 1e-5);
    }

    [Fact]
    public void The_ordinary_tallies_of_a_rare_event_run_are_those_of_the_same_run_without_it()
    {
        var compiled = Scenarios.FixedObjection(Scenarios.Uniform(57, 0.01)).Compile();
        var plain = MonteCarloRunner.Run(compiled, new SimulationOptions { Trials = 5_000, Seed = 4 });
        var rare = MonteCarloRunner.Run(compiled, new SimulationOptions { Trials = 5_000, Seed = 4, RareEvent = RareOutcome.Deadlocked });
        Assert.Equal(plain.Adopted.Count, rare.Adopted.Count);
        Assert.Equal(plain.ObjectorCounts, rare.ObjectorCounts);
        Assert.Null(plain.RareEvent);
    }

    [Fact]
    public void Threads_chunks_shards_resuming_and_the_file_give_the_same_bits()
    {
        var compiled = Scenarios.OneBloc([.. Enumerable.Range(1, 10).Select(i => i * 1e-6)], 0.3).Compile();
        SimulationResult Run(int threads, int chunk, ShardSpec? shard = null) =>
            MonteCarloRunner.Run(compiled, new SimulationOptions { Trials = 6_000, Seed = 11, MaxDegreeOfParallelism = threads, ChunkSize = chunk, Shard = shard, RareEvent = RareOutcome.Deadlocked });

        var single = Run(1, 500);
        string json = ResultJson.Serialize(single);
        Assert.Equal(json, ResultJson.Serialize(Run(2, 500)));
        var other = Run(3, 77).RareEvent!;
        Assert.Equal(single.RareEvent!.Probability, other.Probability);
        Assert.Equal(single.RareEvent.StandardError, other.StandardError);

        var merged = SimulationResult.Merge([Run(2, 500, new ShardSpec(1, 3)), Run(1, 500, new ShardSpec(2, 3)), Run(2, 500, new ShardSpec(3, 3))]);
        Assert.Equal(json, ResultJson.Serialize(merged));

        var read = ResultJson.Deserialize(json);
        Assert.Equal(single.RareEvent.Probability, read.RareEvent!.Probability);
        Assert.Equal(single.RareEvent.Hits, read.RareEvent.Hits);
        Assert.Equal(json, ResultJson.Serialize(read));
    }

    [Fact]
    public void A_result_of_format_3_is_still_read_and_a_tampered_rare_sum_is_refused()
    {
        var compiled = Scenarios.FixedObjection(Scenarios.Uniform(20, 1e-7)).Compile();
        string plain = ResultJson.Serialize(MonteCarloRunner.Run(compiled, new SimulationOptions { Trials = 1_000, Seed = 1 }));
        var old = ResultJson.Deserialize(plain.Replace($"\"format\": {ResultJson.FormatVersion}", "\"format\": 3", StringComparison.Ordinal));
        Assert.Null(old.RareEvent);

        string rare = ResultJson.Serialize(MonteCarloRunner.Run(compiled, new SimulationOptions { Trials = 1_000, Seed = 1, RareEvent = RareOutcome.Deadlocked }));
        var sum = System.Text.RegularExpressions.Regex.Match(rare, "\"rareSum\": \"(\\d+)\"");
        Assert.True(sum.Success);
        string tampered = rare.Replace(sum.Value, $"\"rareSum\": \"{Int128.Parse(sum.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) + 1}\"", StringComparison.Ordinal);
        var refused = Assert.Throws<ResultFileException>(() => ResultJson.Deserialize(tampered));
        Assert.Contains("checksum", refused.Message, StringComparison.Ordinal);
        Assert.Throws<ResultFileException>(() => ResultJson.Deserialize(rare.Replace($"\"format\": {ResultJson.FormatVersion}", "\"format\": 3", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_scenario_with_a_parameter_drawn_per_trial_is_refused_with_the_reason()
    {
        var compiled = Scenario.Default.Compile();
        Assert.False(MonteCarloRunner.SupportsRareEvent(compiled, out string? why));
        var refused = Assert.Throws<ArgumentException>(() => MonteCarloRunner.Run(compiled, new SimulationOptions { Trials = 10, RareEvent = RareOutcome.Adopted }));
        Assert.Equal("options.RareEvent", refused.ParamName);
        Assert.Contains(why!, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_near_certain_failure_is_estimated_near_one()
    {
        // 55 counted States objecting with 0.3 each: P(deadlocked) = 1 − 0.7⁵⁵ ≈ 1 − 3·10⁻⁹, an outcome so common that the
        // tilt's Newton steps start next to their root; a step that lands on it must be kept, or the pilot tilts hard away
        // (with seed 1, to an estimate of about 0.5 whose interval excludes 1).
        double[] p = [.. Scenarios.Uniform(57, 0.3)];
        var codes = ConsensusSim.Osce.OsceCatalog.Default.States.Take(2).Select(s => s.Code).ToArray();
        var scenario = Scenarios.FixedObjection(p, rule: DecisionRule.ConsensusMinusTwo(codes[0], codes[1]));
        double exact = OneMinusExp(55 * Log1MinusP(0.3));
        AssertAgrees(exact, Estimate(scenario, RareOutcome.Deadlocked, trials: 100_000, seed: 1), "consensus minus two, P near 1");
    }

    [Fact]
    public void A_run_in_which_every_trial_hits_still_has_a_spread()
    {
        // One State objecting with 10⁻⁵: the tilt makes its objection all but certain (a miss about once in 10⁴ trials),
        // so 4,000 trials usually all hit with equal weights, whose sample variance is 0. The estimate sits about 10⁻⁴
        // (relatively) above the truth until a miss comes, so an interval of width 0 would exclude it: the standard error
        // must add what a miss rarer than 3/n could (the rule of three), so that the interval holds the truth.
        var scenario = Scenarios.FixedObjection([1e-5]);
        var e = Estimate(scenario, RareOutcome.Deadlocked, trials: 4_000, seed: 1);
        Assert.Equal(e.Trials, e.Hits);
        Assert.True(e.StandardError >= 0.999 * e.Probability * Math.Sqrt(3) / e.Trials, $"standard error {e.StandardError:E3} for {e.Probability:E6}");
        Assert.InRange(1e-5, e.Ci95Lower, e.Ci95Upper);

        var one = Estimate(scenario, RareOutcome.Deadlocked, trials: 1, seed: 1);
        Assert.Equal(1, one.Hits);
        Assert.True(double.IsNaN(one.StandardError), "one trial has no spread to measure");
        Assert.Equal((0.0, 1.0), (one.Ci95Lower, one.Ci95Upper));
    }

    [Fact]
    public void No_hit_gives_no_interval_that_excludes_the_truth()
    {
        // Each of three States objects with probability Φ(−0.335 / 0.035) ≈ 5·10⁻²², far below what 4,000 tilted trials
        // reach: none hits, and the estimate must not claim the interval [0, 0] around a probability that is not 0.
        var scenario = ScenarioJson.Parse("""
            {"name": "x", "states": ["AUT", "BEL", "RUS"],
             "proposal": {"statusQuo": [0.2, 0.1, 0.1], "draft": [0.55, 0.3, 0.3]},
             "defaults": {"idealPoint": [0.55, 0.35, 0.45], "salience": [0.5, 0.2, 0.3], "blockingCost": 0.06, "noise": 0.035, "linkage": 0.05}}
            """);
        var result = MonteCarloRunner.Run(scenario.Compile(), new SimulationOptions { Trials = 4_000, Seed = 1, RareEvent = RareOutcome.Deadlocked });
        var e = result.RareEvent!;
        Assert.Equal(0, e.Hits);
        Assert.Equal(0, e.Probability);
        Assert.True(double.IsNaN(e.StandardError));
        Assert.Equal((0.0, 1.0), (e.Ci95Lower, e.Ci95Upper));
        Assert.Contains("not estimated: none of 4,000 importance-sampled trials hit it", e.ToString(), StringComparison.Ordinal);

        var read = ResultJson.Deserialize(ResultJson.Serialize(result)).RareEvent!;
        Assert.Equal((0.0, 1.0, 0L), (read.Ci95Lower, read.Ci95Upper, read.Hits));
    }
}
