using ConsensusSim.Model;
using ConsensusSim.Serialization;
using ConsensusSim.Simulation;
using ConsensusSim.Tests.Support;
using MathNet.Numerics.Distributions;
using Xunit.Abstractions;
using ConsensusSim.Engine;

namespace ConsensusSim.Tests.Engine;

/// <summary>
/// Conditional Monte Carlo estimates the same P(adopted) as counting, with a smaller standard error, and keeps every
/// guarantee of a run: bit-identical for any threads, chunks and shards, resumable, refused where it does not apply.
/// </summary>
public class ConditionalMonteCarloTests(ITestOutputHelper output)
{
    private static readonly double[] Objection = [0.002, 0.004, 0.006, 0.008, 0.01, 0.012, 0.015, 0.02, 0.03, 0.05];

    /// <summary>Ten actors in one bloc with shared noise ρ, each objecting with its own probability (a Gaussian copula).</summary>
    private static Scenario OneBloc(double rho)
        => Support.Scenarios.OneBloc(Objection, rho);

    private static double ExactOneBloc(double rho) => Support.Scenarios.OneBlocAdoption(Objection, rho);

    [Fact]
    public void The_conditional_estimate_agrees_with_the_exact_probability_and_has_a_smaller_error()
    {
        const double Rho = 0.4;
        double exact = ExactOneBloc(Rho);
        var r = MonteCarloRunner.Run(OneBloc(Rho).Compile(), new SimulationOptions { Trials = 200_000, Seed = 5, ConditionalMonteCarlo = true });
        var c = r.ConditionalAdopted!;

        // Both estimates within four of their own standard errors of the integral; the conditional one's error is
        // smaller, as its reported variance reduction says.
        Assert.InRange(c.Probability, exact - (4 * c.StandardError), exact + (4 * c.StandardError));
        Assert.InRange(r.Adopted.Probability, exact - (4 * r.Adopted.StandardError), exact + (4 * r.Adopted.StandardError));
        Assert.True(c.VarianceReduction > 2, $"variance reduction {c.VarianceReduction}");
        Assert.Equal(c.Probability * (1 - c.Probability) / (c.StandardError * c.StandardError * c.Trials), c.VarianceReduction, c.VarianceReduction * 1e-9);
        Assert.InRange(r.Adopted.StandardError / c.StandardError, Math.Sqrt(c.VarianceReduction) * 0.98, Math.Sqrt(c.VarianceReduction) * 1.02);
        Assert.Equal(200_000, c.Trials);
    }

    [Fact]
    public void On_the_default_scenario_the_conditional_and_counted_estimates_agree()
    {
        var r = MonteCarloRunner.Run(Scenario.Default.Compile(), new SimulationOptions { Trials = 100_000, Seed = 3, ConditionalMonteCarlo = true });
        var c = r.ConditionalAdopted!;

        // Same trials, so the two are correlated; their difference is within four of the counted estimate's error.
        Assert.InRange(c.Probability - r.Adopted.Probability, -4 * r.Adopted.StandardError, 4 * r.Adopted.StandardError);
        Assert.True(c.StandardError < r.Adopted.StandardError);
        Assert.Null(MonteCarloRunner.Run(Scenario.Default.Compile(), new SimulationOptions { Trials = 1_000, Seed = 3 }).ConditionalAdopted);
    }

    [Fact]
    public void With_all_noise_shared_the_conditional_probability_is_the_outcome_itself()
    {
        // ρ = 1: no own noise, so given the shock each State's objection is certain and P(adopted | shock) is 0 or 1 —
        // the very outcome of the trial's vote. Consensus minus one leaves out the actor most likely to object.
        var b = OneBloc(1).ToBuilder();
        b.Rule = DecisionRule.ConsensusMinusOne("a9");
        var r = MonteCarloRunner.Run(b.Build().Compile(), new SimulationOptions { Trials = 20_000, Seed = 8, ConditionalMonteCarlo = true });
        Assert.InRange(r.Adopted.Count, 1, 19_999);
        Assert.Equal((Int128)r.Adopted.Count << 60, r.Tallies.ConditionalSum);
        Assert.Equal((Int128)r.Adopted.Count << 86, r.Tallies.ConditionalSumOfSquares);
        Assert.Equal(19_999.0 / 20_000, r.ConditionalAdopted!.VarianceReduction, 12);
    }

    [Fact]
    public void Tiny_probabilities_keep_their_spread()
    {
        // Two trials whose vote adopts with probability 10⁻¹⁰ and 3·10⁻¹⁰: sample variance 2·10⁻²⁰, standard error 10⁻¹⁰.
        var acc = new TrialAccumulator(1, 1) { Trials = 2 };
        acc.AddConditional(1e-10);
        acc.AddConditional(3e-10);
        var c = new ConditionalEstimate(acc);
        Assert.Equal(2e-10, c.Probability, 1e-16);
        Assert.Equal(1e-10, c.StandardError, 1e-13);
    }

    [Fact]
    public void The_html_report_shows_the_conditional_estimate()
    {
        var r = MonteCarloRunner.Run(Scenario.Default.Compile(), new SimulationOptions { Trials = 2_000, ConditionalMonteCarlo = true });
        Assert.Contains("adopted (conditional Monte Carlo", ConsensusSim.Reporting.HtmlReport.Render(Scenario.Default, r, new Dictionary<string, string>()), StringComparison.Ordinal);
    }

    [Fact]
    public void A_single_trial_writes_a_result_without_an_interval()
    {
        var r = MonteCarloRunner.Run(Scenario.Default.Compile(), new SimulationOptions { Trials = 1, ConditionalMonteCarlo = true });
        Assert.True(double.IsNaN(r.ConditionalAdopted!.StandardError));
        var back = ResultJson.Deserialize(ResultJson.Serialize(r));
        Assert.Equal(r.ConditionalAdopted.Probability, back.ConditionalAdopted!.Probability);
        Assert.Contains("adopted_conditional,,1,", ResultCsv.Outcomes(r), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_shared_noise_every_trial_has_the_same_probability()
    {
        var b = Scenario.Default.ToBuilder();
        b.StateOverrides.Clear();
        b.Behaviour = new BehaviourOptions { BlocCorrelation = 0 };
        var c = MonteCarloRunner.Run(b.Build().Compile(), new SimulationOptions { Trials = 5_000, Seed = 1, ConditionalMonteCarlo = true }).ConditionalAdopted!;
        Assert.Equal(0, c.StandardError);
        Assert.True(double.IsPositiveInfinity(c.VarianceReduction));
        Assert.InRange(c.Probability, 0.5, 1);
    }

    public static TheoryData<string> Scenarios() => ["default", "one-bloc", "some-blocs-independent-one-certain", "package", "minus-one"];

    [SkippableTheory]
    [MemberData(nameof(Scenarios))]
    public void The_vector_and_scalar_paths_give_the_same_sums(string name)
    {
        // Without AVX-512 the vector vote is the eight-State one and the conditional products are scalar in both runs.
        Skip.IfNot(VectorPaths.Vote, VectorPaths.NoVectorVote);
        var b = Scenario.Default.ToBuilder();
        switch (name)
        {
            case "one-bloc":
                b = OneBloc(0.4).ToBuilder();
                break;
            case "some-blocs-independent-one-certain":
                // Blocs without shared noise use the zero slot; a bloc with ρ = 1 has no own noise, so its States are certain.
                b.Behaviour = new BehaviourOptions { BlocCorrelation = 0.3, BlocCorrelations = new Dictionary<string, double> { ["eu-bloc"] = 0, ["csto-bloc"] = 1 } };
                break;
            case "package":
                b.Proposals.Add(b.Proposals[0]);
                break;
            case "minus-one":
                // An uncounted State among counted ones, with its objections open (not near-certain either way).
                b.Rule = DecisionRule.ConsensusMinusOne("RUS");
                b.Behaviour = new BehaviourOptions { Tension = 1.0, BlocCorrelation = 0.3 };
                break;
        }

        var compiled = b.Build().Compile();
        TrialAccumulator Run(bool vector)
        {
            var acc = new TrialAccumulator(compiled.StateCount, compiled.MaxRounds, compiled.ItemCount);
            new TrialKernel(compiled, new KernelSwitches { VectorVote = vector }, conditional: true).RunChunk(31, 0, 3_000, acc);
            return acc;
        }

        var vectorised = Run(vector: true);
        var scalar = Run(vector: false);
        Assert.Equal(scalar.ConditionalSum, vectorised.ConditionalSum);
        Assert.Equal(scalar.ConditionalSumOfSquares, vectorised.ConditionalSumOfSquares);
        Assert.InRange((double)vectorised.ConditionalSum * TrialAccumulator.ConditionalUnit, 1, 3_000);
    }

    [SkippableTheory]
    [InlineData("default")]
    [InlineData("minus-one")]
    public void The_fused_loop_and_the_general_path_give_the_same_sums_and_tallies(string name)
    {
        Skip.IfNot(VectorPaths.Vote, VectorPaths.NoVectorVote);
        var b = Scenario.Default.ToBuilder();
        if (name == "minus-one")
        {
            // An uncounted State, and tension enough that many States' objections are open in every trial.
            b.Rule = DecisionRule.ConsensusMinusOne("RUS");
            b.Behaviour = new BehaviourOptions { Tension = 1.0, BlocCorrelation = 0.3 };
        }

        var compiled = b.Build().Compile();
        TrialAccumulator Run(bool fuse)
        {
            var kernel = new TrialKernel(compiled, new KernelSwitches { FuseSingleVote = fuse }, conditional: true);
            Assert.Equal(fuse, kernel.UsesFusedLoop);
            var acc = new TrialAccumulator(compiled.StateCount, compiled.MaxRounds, compiled.ItemCount);
            kernel.RunChunk(17, 5, 4_000, acc);
            return acc;
        }

        var fused = Run(fuse: true);
        var general = Run(fuse: false);
        Assert.Equal(general.ConditionalSum, fused.ConditionalSum);
        Assert.Equal(general.ConditionalSumOfSquares, fused.ConditionalSumOfSquares);
        Assert.Equal(general.Adopted, fused.Adopted);
        Assert.Equal(general.Blocked, fused.Blocked);
        Assert.Equal(4_000, fused.Trials);
    }

    [Theory]
    [InlineData("default")]
    [InlineData("minus-one")]
    public void The_tabulated_phi_moves_the_estimate_by_less_than_its_stated_accuracy(string name)
    {
        // Per open State Φ is within 2·10⁻¹⁰ relative of the exact one (factors above 10⁻¹²), so a product of 57 moves by
        // under 1.2·10⁻⁸ relative per trial, and the mean as much; the standard error of 100,000 trials is ~10⁻⁴, four
        // orders of magnitude more. The counted tallies do not depend on Φ at all.
        var b = Scenario.Default.ToBuilder();
        if (name == "minus-one")
        {
            b.Rule = DecisionRule.ConsensusMinusOne("RUS");
            b.Behaviour = new BehaviourOptions { Tension = 1.0, BlocCorrelation = 0.3 };
        }

        var compiled = b.Build().Compile();
        TrialAccumulator Run(bool tabulated)
        {
            var acc = new TrialAccumulator(compiled.StateCount, compiled.MaxRounds, compiled.ItemCount);
            new TrialKernel(compiled, new KernelSwitches { TabulatedNormalCdf = tabulated }, conditional: true).RunChunk(1, 0, 100_000, acc);
            return acc;
        }

        var tabulatedRun = Run(tabulated: true);
        var exactRun = Run(tabulated: false);
        var table = new ConditionalEstimate(tabulatedRun);
        var exact = new ConditionalEstimate(exactRun);
        output.WriteLine($"{name}: tabulated {table}; exact {exact}; counted {(double)exactRun.Adopted / exactRun.Trials:0.00000}");
        Assert.Equal(exact.Probability, table.Probability, exact.Probability * 1.2e-8);
        Assert.Equal(exact.StandardError, table.StandardError, exact.StandardError * 1e-4);
        Assert.Equal(exactRun.Adopted, tabulatedRun.Adopted);
        Assert.Equal(exactRun.Blocked, tabulatedRun.Blocked);
    }

    /// <summary>Beside counting, and in conditional-only trials (<see cref="SimulationOptions.ConditionalOnly"/>).</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Threads_chunks_shards_and_resuming_give_the_same_bits(bool only)
    {
        var compiled = Scenario.Default.Compile();
        SimulationResult Run(int threads, int chunk, ShardSpec? shard = null, SimulationResult? resume = null) =>
            MonteCarloRunner.Run(compiled, new SimulationOptions { Trials = 30_000, Seed = 9, MaxDegreeOfParallelism = threads, ChunkSize = chunk, Shard = shard, ResumeFrom = resume, ConditionalMonteCarlo = !only, ConditionalOnly = only });

        var single = Run(1, 1_000);
        string tallies = ResultJson.Serialize(single);
        Assert.Equal(tallies, ResultJson.Serialize(Run(2, 1_000)));
        Assert.Equal(single.Tallies.ConditionalSum, Run(3, 777).Tallies.ConditionalSum);
        Assert.Equal(single.Tallies.ConditionalSumOfSquares, Run(2, 64).Tallies.ConditionalSumOfSquares);

        var merged = SimulationResult.Merge([Run(2, 1_000, new ShardSpec(1, 3)), Run(1, 1_000, new ShardSpec(2, 3)), Run(2, 1_000, new ShardSpec(3, 3))]);
        Assert.Equal(tallies, ResultJson.Serialize(merged));

        // A checkpoint after some chunks, read back from its JSON, resumes to the same result.
        SimulationResult? partial = null;
        using (var cancel = new CancellationTokenSource())
        {
            var options = new SimulationOptions
            {
                Trials = 30_000, Seed = 9, ChunkSize = 1_000, MaxDegreeOfParallelism = 1, ConditionalMonteCarlo = !only, ConditionalOnly = only,
                Checkpoint = p =>
                {
                    partial = p;
                    cancel.Cancel();
                },
                CheckpointInterval = TimeSpan.Zero,
            };
            MonteCarloRunner.Run(compiled, options, cancellationToken: cancel.Token);
        }

        Assert.NotNull(partial);
        Assert.False(partial.Provenance.IsComplete);
        var reread = ResultJson.Deserialize(ResultJson.Serialize(partial));
        Assert.Equal(partial.Tallies.ConditionalSum, reread.Tallies.ConditionalSum);
        Assert.Equal(tallies, ResultJson.Serialize(Run(1, 1_000, resume: reread)));
    }

    [Fact]
    public void Scenarios_it_does_not_apply_to_and_mixed_runs_are_refused_with_the_reason()
    {
        var rounds = Scenario.Default.ToBuilder();
        rounds.Procedure = new ProcedureOptions { MaxRounds = 3 };
        var majority = Scenario.Default.ToBuilder();
        majority.Rule = DecisionRule.QualifiedMajority(0.9, 0, VotingWeight.Equal);
        foreach (var (scenario, reason) in new[]
        {
            (rounds.Build(), "exactly one vote"),
            (OneBloc(0), "shared in blocs"),
            (majority.Build(), "no counted State objects"),
        })
        {
            var e = Assert.Throws<ConditionalMonteCarloNotApplicableException>(() => MonteCarloRunner.Run(scenario.Compile(), new SimulationOptions { Trials = 100, ConditionalMonteCarlo = true }));
            Assert.Contains(reason, e.Reason, StringComparison.Ordinal);
            Assert.Equal("Conditional Monte Carlo does not apply to this scenario: " + e.Reason, e.Message);
        }

        var compiled = Scenario.Default.Compile();
        var with = MonteCarloRunner.Run(compiled, new SimulationOptions { Trials = 2_000, ChunkSize = 1_000, Shard = new ShardSpec(1, 2), ConditionalMonteCarlo = true });
        var without = MonteCarloRunner.Run(compiled, new SimulationOptions { Trials = 2_000, ChunkSize = 1_000, Shard = new ShardSpec(2, 2) });
        var merge = Assert.Throws<ResultMergeException>(() => SimulationResult.Merge([with, without]));
        Assert.Contains("conditional Monte Carlo", merge.Message, StringComparison.Ordinal);

        var resume = Assert.Throws<ArgumentException>(() => MonteCarloRunner.Run(compiled, new SimulationOptions { Trials = 2_000, ChunkSize = 1_000, Shard = new ShardSpec(1, 2), ResumeFrom = with }));
        Assert.Contains("conditional Monte Carlo", resume.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_result_file_keeps_the_estimate_and_refuses_edited_sums()
    {
        var r = MonteCarloRunner.Run(Scenario.Default.Compile(), new SimulationOptions { Trials = 3_000, Seed = 4, ConditionalMonteCarlo = true });
        string json = ResultJson.Serialize(r);
        Assert.Contains("\"adoptedConditional\"", json, StringComparison.Ordinal);
        var back = ResultJson.Deserialize(json);
        Assert.Equal(r.ConditionalAdopted!.Probability, back.ConditionalAdopted!.Probability);
        Assert.Equal(r.ConditionalAdopted.StandardError, back.ConditionalAdopted.StandardError);

        string sum = r.Tallies.ConditionalSum.ToString(System.Globalization.CultureInfo.InvariantCulture);
        string tooLarge = ((Int128)3_001 << 60).ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Throws<ResultFileException>(() => ResultJson.Deserialize(json.Replace($"\"conditionalSum\": \"{sum}\"", $"\"conditionalSum\": \"{tooLarge}\"", StringComparison.Ordinal)));
        Assert.Throws<ResultFileException>(() => ResultJson.Deserialize(json.Replace($"\"conditionalSum\": \"{sum}\"", "\"conditionalSum\": \"-1\"", StringComparison.Ordinal)));
        string plain = ResultJson.Serialize(MonteCarloRunner.Run(Scenario.Default.Compile(), new SimulationOptions { Trials = 100 }));
        Assert.DoesNotContain("conditional", plain, StringComparison.Ordinal);
        Assert.Null(ResultJson.Deserialize(plain).ConditionalAdopted);
        Assert.DoesNotContain("adopted_conditional", ResultCsv.Outcomes(ResultJson.Deserialize(plain)), StringComparison.Ordinal);
    }
}
