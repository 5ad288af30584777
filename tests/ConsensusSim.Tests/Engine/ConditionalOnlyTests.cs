using ConsensusSim.Engine;
using ConsensusSim.Numerics;
using ConsensusSim.Engine.Stages;
using ConsensusSim.Model;
using ConsensusSim.Serialization;
using ConsensusSim.Simulation;
using MathNet.Numerics.Distributions;
using Xunit.Abstractions;

namespace ConsensusSim.Tests.Engine;

/// <summary>
/// Conditional-only trials draw only the blocs' shocks (and the trial's parameters), take no vote, and estimate the same
/// P(adopted) as counting and as conditional Monte Carlo beside counting, reproducibly for any threads, chunks, shards
/// and resume point.
/// </summary>
public class ConditionalOnlyTests(ITestOutputHelper output)
{
    private static readonly double[] Objection = [0.002, 0.004, 0.006, 0.008, 0.01, 0.012, 0.015, 0.02, 0.03, 0.05];

    /// <summary>The reference trial of the benchmarks: the default scenario with fixed parameters (no Beta linkage).</summary>
    private static Scenario Reference()
    {
        var b = Scenario.Default.ToBuilder();
        b.StateOverrides.Clear();
        return b.Build();
    }

    private static SimulationResult Run(Scenario scenario, long trials, ulong seed, bool only, bool conditional = false) =>
        MonteCarloRunner.Run(scenario.Compile(), new SimulationOptions { Trials = trials, Seed = seed, ConditionalOnly = only, ConditionalMonteCarlo = conditional });

    public static TheoryData<string> AgreeingScenarios() => ["reference", "default"];

    [Theory]
    [MemberData(nameof(AgreeingScenarios))]
    public void The_conditional_only_estimate_agrees_with_counting_and_with_conditional_monte_carlo(string name)
    {
        var scenario = name == "reference" ? Reference() : Scenario.Default;
        var only = Run(scenario, 400_000, 1, only: true);
        var counted = Run(scenario, 200_000, 2, only: false, conditional: true);
        var c = only.ConditionalAdopted!;
        output.WriteLine($"{name}: conditional only {c}; counted {counted.Adopted}; beside counting {counted.ConditionalAdopted}");

        // Different trials' draws, so the errors are (at most positively correlated through the parameters, hence) within
        // four standard errors of the difference taken as independent: a chance below 10⁻⁴ per comparison if all is well.
        double Four(double a, double b) => 4 * Math.Sqrt((a * a) + (b * b));
        Assert.InRange(c.Probability - counted.Adopted.Probability, -Four(c.StandardError, counted.Adopted.StandardError), Four(c.StandardError, counted.Adopted.StandardError));
        var beside = counted.ConditionalAdopted!;
        Assert.InRange(c.Probability - beside.Probability, -Four(c.StandardError, beside.StandardError), Four(c.StandardError, beside.StandardError));

        // Averaging each trial's shocks with their mirror image halves the variance at least (adoption grows with every
        // shock, so the two are negatively correlated): measured 22x against 9.5x beside counting on the reference trial,
        // 11.5x against 4.9x on the default scenario; twice is far outside the two variance estimates' errors.
        Assert.True(c.VarianceReduction > 2 * beside.VarianceReduction, $"variance reduction {c.VarianceReduction:0.0}x, beside counting {beside.VarianceReduction:0.0}x");
        Assert.Equal(400_000, only.Trials);
        Assert.Equal(400_000, c.Trials);
    }

    [Fact]
    public void On_one_bloc_the_estimate_agrees_with_the_exact_integral()
    {
        const double Rho = 0.4;
        double exact = ExactOneBloc(Rho);
        var c = Run(Support.Scenarios.OneBloc(Objection, Rho), 400_000, 5, only: true).ConditionalAdopted!;
        output.WriteLine($"exact {exact:0.0000000}; conditional only {c}");

        // Within four standard errors of the integral (the trapezoid rule's error is far below them).
        Assert.InRange(c.Probability, exact - (4 * c.StandardError), exact + (4 * c.StandardError));
        Assert.True(c.VarianceReduction > 2, $"variance reduction {c.VarianceReduction}");
    }

    [Fact]
    public void Without_shared_noise_the_estimate_is_the_exact_product_in_every_trial()
    {
        // Four actors in one dimension, no bloc, no cost, no linkage, noise 0.1: actor i objects when its noise falls below
        // −gᵢ/σ, with gᵢ = |q − xᵢ| − |p − xᵢ|, so P(adopted) = Πᵢ Φ(gᵢ/σ) exactly, and every trial adds that same number.
        double[] ideals = [0.5, 0.6, 0.45, 0.7];
        const double Q = 0.2, P = 0.55, Sigma = 0.1;
        var scenario = Support.Scenarios.AgendaSetter(ideals, Q, Sigma, ChairStrategy.Fixed, draft: P).Build();
        double exact = ideals.Select(x => Normal.CDF(0, 1, (Math.Abs(Q - x) - Math.Abs(P - x)) / Sigma)).Aggregate(1.0, (a, b) => a * b);
        var c = Run(scenario, 10_000, 3, only: true).ConditionalAdopted!;

        // The thresholds are stored as floats (relative 6·10⁻⁸), Φ is exact to 10⁻¹⁵: agreement to 10⁻⁶.
        Assert.Equal(exact, c.Probability, 1e-6);
        Assert.Equal(0, c.StandardError);
        Assert.True(double.IsPositiveInfinity(c.VarianceReduction));
    }

    public static TheoryData<string> Variants() => ["some-blocs-independent-one-certain", "minus-one", "package", "fixed-objection", "sometimes-gridlocked", "random-positions"];

    [Theory]
    [MemberData(nameof(Variants))]
    public void Every_kind_of_scenario_it_applies_to_agrees_with_conditional_monte_carlo_beside_counting(string name)
    {
        var b = Scenario.Default.ToBuilder();
        switch (name)
        {
            case "some-blocs-independent-one-certain":
                // Blocs without shared noise are one constant; a bloc with ρ = 1 has no own noise, so its States are steps.
                b.Behaviour = new BehaviourOptions { BlocCorrelation = 0.3, BlocCorrelations = new Dictionary<string, double> { ["eu-bloc"] = 0, ["csto-bloc"] = 1 } };
                break;
            case "minus-one":
                b.Rule = DecisionRule.ConsensusMinusOne("RUS");
                b.Behaviour = new BehaviourOptions { Tension = 1.0, BlocCorrelation = 0.3 };
                break;
            case "package":
                b.Proposals.Add(b.Proposals[0]);
                break;
            case "fixed-objection":
                b = Support.Scenarios.OneBloc(Objection, 0.4).ToBuilder();
                break;
            case "sometimes-gridlocked":
                b = Support.Scenarios.SometimesGridlocked().ToBuilder();
                break;
            case "random-positions":
                b.Defaults = b.Defaults.OverriddenBy(new StateProfile { IdealPoint = [Parameter.Uniform(0.4, 0.7), 0.35, 0.45] });
                break;
        }

        var scenario = b.Build();
        var only = Run(scenario, 100_000, 11, only: true).ConditionalAdopted!;
        var beside = Run(scenario, 100_000, 12, only: false, conditional: true).ConditionalAdopted!;
        output.WriteLine($"{name}: conditional only {only}; beside counting {beside}");
        double four = 4 * Math.Sqrt((only.StandardError * only.StandardError) + (beside.StandardError * beside.StandardError));
        Assert.InRange(only.Probability - beside.Probability, -four, four);
    }

    [Fact]
    public void The_reference_and_default_trials_take_their_fixed_states_from_tables()
    {
        foreach (var scenario in new[] { Reference(), Scenario.Default, Support.Scenarios.OneBloc(Objection, 0.4) })
        {
            var kernel = new TrialKernel(KernelPlan.For(scenario.Compile(), conditionalOnly: true));
            Assert.True(kernel.UsesConditionalOnlyLoop);
            Assert.True(kernel.ConditionalOnlyTabulated);
            Assert.False(kernel.UsesFusedLoop);
        }

        var positions = Scenario.Default.ToBuilder();
        positions.Defaults = positions.Defaults.OverriddenBy(new StateProfile { IdealPoint = [Parameter.Uniform(0.4, 0.7), 0.35, 0.45] });
        Assert.False(new TrialKernel(KernelPlan.For(positions.Build().Compile(), conditionalOnly: true)).ConditionalOnlyTabulated);
    }

    [Theory]
    [InlineData("default", true)]
    [InlineData("uniform-linkage", true)]
    [InlineData("reference", false)]
    [InlineData("random-parameters", false)]
    public void A_linkage_drawn_inline_gives_the_conditional_sums_of_the_general_redraw(string variant, bool inline)
    {
        // Chunk by chunk, the same sums to the last bit: the inline draw takes the general redraw's first uniform and
        // writes the State's thresholds with its expressions.
        var compiled = FusedLoopTests.Build(variant);
        var fast = new TrialKernel(KernelPlan.For(compiled, conditionalOnly: true));
        var general = new TrialKernel(KernelPlan.For(compiled, new KernelSwitches { InlineLinkageRedraw = false }, conditionalOnly: true));
        Assert.Equal(inline, fast.ConditionalOnlyDrawsLinkageInline);
        Assert.False(general.ConditionalOnlyDrawsLinkageInline);
        var (a, b) = (new TrialAccumulator(compiled.StateCount, 1), new TrialAccumulator(compiled.StateCount, 1));
        ChunkSizes.InTurn(fast, a, general, b, seed: 5, first: 77, () =>
        {
            Assert.Equal(b.ConditionalSum, a.ConditionalSum);
            Assert.Equal(b.ConditionalSumOfSquares, a.ConditionalSumOfSquares);
            Assert.Equal(b.Trials, a.Trials);
        });

        // The drawn linkage moves the estimate: trials do not all add the same probability.
        var estimate = new ConditionalEstimate(a);
        Assert.True(estimate.StandardError > 0, "every trial added the same probability");
    }

    [SkippableTheory]
    [InlineData("default")]
    [InlineData("uniform-linkage")]
    public void Linkages_drawn_eight_at_a_time_give_the_conditional_sums_of_one_at_a_time(string variant)
    {
        Skip.IfNot(QuantileTable.EightAtOnce, "This machine has no AVX-512: linkages are drawn one at a time, and both kernels here would draw them so.");
        // Chunks of 1, 2, 999, 3 and 4,000 trials from trial 77: groups of eight begun at every lane and cut at every lane.
        var compiled = FusedLoopTests.Build(variant);
        var eight = new TrialKernel(KernelPlan.For(compiled, conditionalOnly: true));
        var one = new TrialKernel(KernelPlan.For(compiled, new KernelSwitches { EightLinkagesAtOnce = false }, conditionalOnly: true));
        Assert.True(eight.ConditionalOnlyDrawsLinkageInline);
        Assert.True(one.ConditionalOnlyDrawsLinkageInline);
        var (a, b) = (new TrialAccumulator(compiled.StateCount, 1), new TrialAccumulator(compiled.StateCount, 1));
        ChunkSizes.InTurn(eight, a, one, b, seed: 23, first: 77, () =>
        {
            Assert.Equal(b.ConditionalSum, a.ConditionalSum);
            Assert.Equal(b.ConditionalSumOfSquares, a.ConditionalSumOfSquares);
        });
    }

    public static TheoryData<double, int, double> Tables() => new()
    {
        { 0.3, 57, 0.0 },    // every State at one threshold: the steepest product of that many
        { 0.9, 57, -1.0 },   // and with most of the noise shared (nodes closest in η)
        { 0.05, 3, 2.0 },    // little shared noise: the flattest table
        { 0.5, 20, double.NaN }, // thresholds spread over [−3, 1], as a real bloc's
    };

    [Theory]
    [MemberData(nameof(Tables))]
    public void A_bloc_table_is_within_its_stated_accuracy_of_the_exact_product(double rho, int states, double threshold)
    {
        double[] thresholds = [.. Enumerable.Range(0, states).Select(i => double.IsNaN(threshold) ? -3 + (4.0 * i / (states - 1)) : threshold)];
        var table = BlocAdoptionTable.For(Math.Sqrt(rho), Math.Sqrt(1 - rho), thresholds);
        Assert.True(table.Tabulated);
        double worst = 0;
        for (int k = -200_000; k <= 200_000; k++)
        {
            // η across the whole table and a little past both ends, off the nodes.
            double eta = k * (9.0 / 200_000) + 1e-7;
            worst = Math.Max(worst, Math.Abs(table.At(eta) - table.ExactAt(eta)));
        }

        output.WriteLine($"ρ {rho}, {states} States: worst |table − exact| {worst:e2}");
        Assert.True(worst < 1e-9, $"worst error {worst:e2}");
    }

    [Theory]
    [MemberData(nameof(AgreeingScenarios))]
    public void The_tables_move_the_estimate_by_less_than_their_stated_accuracy(string name)
    {
        // Same draws, every State's factor per trial instead of the tables: each trial's probability moves by under 10⁻⁹
        // per bloc from the tables, and by the float rounding of the per-State path's shocks (relative 6·10⁻⁸ of a shock,
        // times a density below 0.4, for each of 57 States): under 2·10⁻⁶ in all, far below a standard error of 10⁻⁴.
        var compiled = (name == "reference" ? Reference() : Scenario.Default).Compile();
        ConditionalEstimate Run(bool tables)
        {
            var acc = new TrialAccumulator(compiled.StateCount, compiled.MaxRounds, compiled.ItemCount);
            var kernel = new TrialKernel(KernelPlan.For(compiled, new KernelSwitches { TabulateBlocs = tables }, conditionalOnly: true));
            Assert.Equal(tables, kernel.ConditionalOnlyTabulated);
            kernel.RunChunk(1, 0, 100_000, acc);
            return new ConditionalEstimate(acc);
        }

        var tabulated = Run(tables: true);
        var perState = Run(tables: false);
        output.WriteLine($"{name}: tables {tabulated}; per State {perState}");
        Assert.Equal(perState.Probability, tabulated.Probability, 2e-6);
        Assert.Equal(perState.StandardError, tabulated.StandardError, perState.StandardError * 1e-3);
    }

    private static double ExactOneBloc(double rho) => Support.Scenarios.OneBlocAdoption(Objection, rho);
}
