using ConsensusSim.Engine;
using ConsensusSim.Engine.Stages;
using ConsensusSim.Model;
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

    public static TheoryData<string> Variants() =>
        ["default", "reference", "uniform-linkage", "random-parameters", "consensus-minus-one", "some-blocs-independent-one-certain", "fixed-objection", "sometimes-gridlocked"];

    [SkippableTheory]
    [MemberData(nameof(Variants))]
    public void Every_trial_adds_the_bits_it_adds_one_at_a_time(string variant)
    {
        Skip.IfNot(AdoptionTablesAcrossTrials.IsSupported, NoAvx2);
        var compiled = Build(variant);
        var across = new TrialKernel(KernelPlan.For(compiled, conditionalOnly: true));
        var oneByOne = new TrialKernel(KernelPlan.For(compiled, new KernelSwitches { TablesAcrossTrials = false }, conditionalOnly: true));
        Assert.Equal(across.ConditionalOnlyTabulated, across.ConditionalOnlyAcrossTrials);
        Assert.False(oneByOne.ConditionalOnlyAcrossTrials);
        output.WriteLine($"{variant}: tabulated {across.ConditionalOnlyTabulated}, States taken one by one {across.ConditionalOnlyDirectStates}");

        // Chunks of 1, 2, 999, 3 and 4,000 trials from an odd first trial: every batch boundary and partial batch.
        var (a, b) = (new TrialAccumulator(compiled.StateCount, 1), new TrialAccumulator(compiled.StateCount, 1));
        ChunkSizes.InTurn(across, a, oneByOne, b, seed: 9, first: 101, () =>
        {
            Assert.Equal(b.ConditionalSum, a.ConditionalSum);
            Assert.Equal(b.ConditionalSumOfSquares, a.ConditionalSumOfSquares);
            Assert.Equal(b.UnprovenProposals, a.UnprovenProposals);
            Assert.Equal(b.Trials, a.Trials);
        });

        // The trials do not all add one probability, so equal sums say something.
        Assert.True(new ConditionalEstimate(a).StandardError > 0, "every trial added the same probability");
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
            Assert.Equal(tabulated.At(eta[AdoptionTablesAcrossTrials.Lanes + lane]), up[lane]);
            Assert.Equal(tabulated.At(-eta[AdoptionTablesAcrossTrials.Lanes + lane]), down[lane]);
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
