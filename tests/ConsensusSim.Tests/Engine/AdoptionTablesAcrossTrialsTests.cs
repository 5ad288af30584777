using ConsensusSim.Engine;
using ConsensusSim.Engine.Stages;
using ConsensusSim.Model;
using ConsensusSim.Numerics;
using ConsensusSim.Serialization;
using ConsensusSim.Simulation;
using Xunit.Abstractions;

namespace ConsensusSim.Tests.Engine;

/// <summary>
/// Conditional-only trials look their blocs' tables up four trials at a time, and every trial adds the bits it adds one
/// at a time: through the kernel, chunk by chunk, and lookup by lookup, past the tables' ends included.
/// </summary>
public class AdoptionTablesAcrossTrialsTests(ITestOutputHelper output)
{
    private const string NoAvx2 = "This processor lacks AVX2 or FMA: conditional-only trials look their tables up one trial at a time.";

    private static readonly double[] Objection = [0.002, 0.004, 0.006, 0.008, 0.01, 0.012, 0.015, 0.02, 0.03, 0.05];

    /// <summary>Each scenario and how many States its trials take one by one (±∞ arguments where a bloc has ρ = 1).</summary>
    public static TheoryData<string, int> Variants() => new()
    {
        { "default", 1 }, { "reference", 0 }, { "uniform-linkage", 1 }, { "random-parameters", 3 }, { "consensus-minus-one", 0 },
        { "some-blocs-independent-one-certain", 6 }, { "fixed-objection", 0 },
    };

    [SkippableTheory]
    [MemberData(nameof(Variants))]
    public void Every_trial_adds_the_bits_it_adds_one_at_a_time(string variant, int direct)
    {
        Skip.IfNot(AdoptionTablesAcrossTrials.IsSupported, NoAvx2);
        var compiled = Build(variant);
        var across = new TrialKernel(KernelPlan.For(compiled, conditionalOnly: true));
        var directByTrial = new TrialKernel(KernelPlan.For(compiled, new KernelSwitches { DirectStatesAcrossTrials = false }, conditionalOnly: true));
        var oneByOne = new TrialKernel(KernelPlan.For(compiled, new KernelSwitches { TablesAcrossTrials = false }, conditionalOnly: true));
        Assert.True(across.ConditionalOnlyAcrossTrials);
        Assert.True(directByTrial.ConditionalOnlyAcrossTrials);
        Assert.False(oneByOne.ConditionalOnlyAcrossTrials);
        Assert.Equal(direct, across.ConditionalOnlyDirectStates);
        output.WriteLine($"{variant}: {direct} States taken one by one, in one pass for the batch: {ConditionalOnlyAdoption.DirectProductsSupported && direct > 0}");

        // Chunks of 1, 2, 999, 3 and 4,000 trials from an odd first trial: every batch boundary and partial batch; the
        // States taken one by one both in one pass for the batch (with AVX-512) and trial by trial beside the batch.
        foreach (var batched in new[] { across, directByTrial })
        {
            var (a, b) = (new TrialAccumulator(compiled.StateCount, 1), new TrialAccumulator(compiled.StateCount, 1));
            ChunkSizes.InTurn(batched, a, oneByOne, b, seed: 9, first: 101, () =>
            {
                Assert.Equal(b.ConditionalSum, a.ConditionalSum);
                Assert.Equal(b.ConditionalSumOfSquares, a.ConditionalSumOfSquares);
                Assert.Equal(b.UnprovenProposals, a.UnprovenProposals);
                Assert.Equal(b.Trials, a.Trials);
            });

            // The trials do not all add one probability, so equal sums say something.
            Assert.True(new ConditionalEstimate(a).StandardError > 0, "every trial added the same probability");
        }
    }

    [SkippableFact]
    public void The_direct_states_products_are_the_scalar_factors_to_the_bit_at_the_edges()
    {
        Skip.IfNot(ConditionalOnlyAdoption.DirectProductsSupported, "This processor lacks AVX-512: the States taken one by one are multiplied out trial by trial.");
        double limit = TabulatedNormalCdf.Limit;
        double[] edges =
        [
            0, -0.0, limit, -limit, Math.BitDecrement(limit), Math.BitIncrement(-limit), Math.BitIncrement(limit), Math.BitDecrement(-limit),
            double.PositiveInfinity, double.NegativeInfinity, 40, -40, 1.5, -1.5, -7.2, 7.9, 1e-300, -3.3,
        ];
        const int Row = 2 * AdoptionTablesAcrossTrials.Lanes;
        var random = new Random(6);
        for (int round = 0; round < 500; round++)
        {
            int count = 1 + (round % 3);
            double[] arguments = new double[count * Row];
            for (int i = 0; i < arguments.Length; i++)
            {
                arguments[i] = round < edges.Length ? edges[(round + i) % edges.Length] : random.Next(4) == 0 ? edges[random.Next(edges.Length)] : 12 * (random.NextDouble() - 0.5);
            }

            ConditionalOnlyAdoption.DirectProducts(arguments, count, out var up, out var down);
            for (int lane = 0; lane < AdoptionTablesAcrossTrials.Lanes; lane++)
            {
                double scalarUp = 1, scalarDown = 1;
                for (int k = 0; k < count; k++)
                {
                    scalarUp *= TabulatedNormalCdf.CdfOrOne(arguments[(k * Row) + lane]);
                    scalarDown *= TabulatedNormalCdf.CdfOrOne(arguments[(k * Row) + AdoptionTablesAcrossTrials.Lanes + lane]);
                }

                Assert.Equal(BitConverter.DoubleToInt64Bits(scalarUp), BitConverter.DoubleToInt64Bits(up[lane]));
                Assert.Equal(BitConverter.DoubleToInt64Bits(scalarDown), BitConverter.DoubleToInt64Bits(down[lane]));
            }
        }
    }

    [Fact]
    public void A_scenario_whose_thresholds_change_in_every_trial_keeps_its_trials_one_at_a_time()
    {
        // Ideal points drawn per trial: no table, so no batch (a gridlocked trial adds 0 before the next opens).
        var kernel = new TrialKernel(KernelPlan.For(Build("sometimes-gridlocked"), conditionalOnly: true));
        Assert.True(kernel.UsesConditionalOnlyLoop);
        Assert.False(kernel.ConditionalOnlyTabulated);
        Assert.False(kernel.ConditionalOnlyAcrossTrials);
    }

    [Fact]
    public void The_tables_of_the_reference_and_default_trials_are_looked_up_across_trials_where_the_processor_can()
    {
        foreach (var compiled in new[] { Build("reference"), Build("default") })
        {
            var kernel = new TrialKernel(KernelPlan.For(compiled, conditionalOnly: true));
            Assert.True(kernel.ConditionalOnlyTabulated);
            Assert.Equal(AdoptionTablesAcrossTrials.IsSupported, kernel.ConditionalOnlyAcrossTrials);
        }
    }

    [SkippableFact]
    public void Each_lane_is_the_scalar_lookup_to_the_bit_inside_and_past_the_tables()
    {
        Skip.IfNot(AdoptionTablesAcrossTrials.IsSupported, NoAvx2);
        BlocAdoptionTable[] tables =
        [
            BlocAdoptionTable.For(Math.Sqrt(0.3), Math.Sqrt(0.7), [-2.5, -2.4, -2.9, -3.1]),
            BlocAdoptionTable.For(Math.Sqrt(0.05), Math.Sqrt(0.95), [-2.2]),
            BlocAdoptionTable.For(Math.Sqrt(0.6), Math.Sqrt(0.4), [-1.9, -2.6, -3.3]),
        ];
        const double Constant = 0.875;
        var across = AdoptionTablesAcrossTrials.For(tables, Constant)!;
        double reach = BlocAdoptionTable.Reach;
        double[] shocks =
        [
            0, -0.0, 1.2345, -2.75, reach, -reach, Math.BitDecrement(reach), Math.BitIncrement(-reach),
            9, -9.5, 40, 3.999, -0.5, 0.25, 6.1, -6.1, 1e-300, -1e-300,
        ];
        var random = new Random(4);
        for (int round = 0; round < 2_000; round++)
        {
            // Each lane's shocks from the list or drawn, so lanes past the table meet lanes inside it.
            double[] eta = new double[tables.Length * AdoptionTablesAcrossTrials.Lanes];
            for (int i = 0; i < eta.Length; i++)
            {
                eta[i] = round < shocks.Length ? shocks[(round + i) % shocks.Length] : random.Next(8) == 0 ? shocks[random.Next(shocks.Length)] : 3 * ((2 * random.NextDouble()) - 1);
            }

            across.Products(eta, out var up, out var down);
            for (int lane = 0; lane < AdoptionTablesAcrossTrials.Lanes; lane++)
            {
                double scalarUp = Constant, scalarDown = Constant;
                for (int b = 0; b < tables.Length; b++)
                {
                    double shock = eta[(b * AdoptionTablesAcrossTrials.Lanes) + lane];
                    scalarUp *= tables[b].At(shock);
                    scalarDown *= tables[b].At(-shock);
                }

                Assert.Equal(BitConverter.DoubleToInt64Bits(scalarUp), BitConverter.DoubleToInt64Bits(up[lane]));
                Assert.Equal(BitConverter.DoubleToInt64Bits(scalarDown), BitConverter.DoubleToInt64Bits(down[lane]));
            }
        }
    }

    [SkippableFact]
    public void A_table_that_is_not_tabulated_keeps_trials_one_at_a_time_and_a_bloc_without_states_does_not()
    {
        Skip.IfNot(AdoptionTablesAcrossTrials.IsSupported, NoAvx2);

        // ρ close to 1 needs more nodes than a table holds: that bloc is multiplied out State by State.
        var tabulated = BlocAdoptionTable.For(0.5, Math.Sqrt(0.75), [-2.0]);
        var multiplied = BlocAdoptionTable.For(Math.Sqrt(1 - 1e-9), Math.Sqrt(1e-9), [-2.0]);
        Assert.False(multiplied.Tabulated);
        Assert.Null(AdoptionTablesAcrossTrials.For([tabulated, multiplied], 1));

        // A bloc whose States are all taken one by one has an empty product, 1 at every shock.
        var empty = BlocAdoptionTable.For(0.5, 0, []);
        Assert.True(empty.IsOne);
        var across = AdoptionTablesAcrossTrials.For([empty, tabulated], 1);
        Assert.NotNull(across);
        double[] eta = [9, -9, 0.5, -0.5, 1, 2, 3, 4];
        across.Products(eta, out var up, out var down);
        for (int lane = 0; lane < AdoptionTablesAcrossTrials.Lanes; lane++)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(tabulated.At(eta[AdoptionTablesAcrossTrials.Lanes + lane])), BitConverter.DoubleToInt64Bits(up[lane]));
            Assert.Equal(BitConverter.DoubleToInt64Bits(tabulated.At(-eta[AdoptionTablesAcrossTrials.Lanes + lane])), BitConverter.DoubleToInt64Bits(down[lane]));
        }
    }

    private static CompiledScenario Build(string variant)
    {
        switch (variant)
        {
            case "fixed-objection":
                return Support.Scenarios.OneBloc(Objection, 0.4).Compile();
            case "sometimes-gridlocked":
                return Support.Scenarios.SometimesGridlocked().Compile();
            case "some-blocs-independent-one-certain":
                // Blocs without shared noise are one constant; a bloc with ρ = 1 has no own noise, so its States are taken one by one.
                var b = Scenario.Default.ToBuilder();
                b.Behaviour = new BehaviourOptions { BlocCorrelation = 0.3, BlocCorrelations = new Dictionary<string, double> { ["eu-bloc"] = 0, ["csto-bloc"] = 1 } };
                return b.Build().Compile();
            default:
                return FusedLoopTests.Build(variant);
        }
    }
}
