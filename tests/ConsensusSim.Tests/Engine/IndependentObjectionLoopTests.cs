using ConsensusSim.Engine;
using ConsensusSim.Engine.Stages;
using ConsensusSim.Model;
using ConsensusSim.Osce;
using ConsensusSim.Samples.CustomRule;
using ConsensusSim.Serialization;
using ConsensusSim.Simulation;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ConsensusSim.Tests.Engine;

/// <summary>
/// Independent objections on chances fixed for the run take a loop that decides from a trial's first uniform alone
/// whether any State objects, counting the trials without objectors and recording them together. It must give exactly
/// the general path's tallies, and be taken only where its conditions hold.
/// </summary>
public class IndependentObjectionLoopTests
{
    public static TheoryData<string> Variants() =>
    [
        "usual", "tense", "mixed", "certain-objector", "underflow", "never", "qualified-majority", "consensus-minus-one",
        "unanimity-with-abstention",
    ];

    /// <summary>The 57 States under the fixed-objection model, one vote by a Fixed Chair.</summary>
    internal static CompiledScenario Build(string variant)
    {
        var codes = OsceCatalog.Default.States.Select(s => s.Code).ToList();
        double chance = variant switch
        {
            "tense" => 0.05,
            "underflow" => 1 - 1e-6,
            "never" => 0,
            _ => 0.01,
        };
        var b = new ScenarioBuilder
        {
            Name = "independent objections " + variant,
            States = codes,
            Behaviour = new BehaviourOptions { Model = BehaviourModel.FixedObjection },
            Defaults = new StateProfile { ObjectionProbability = chance },
            Procedure = new ProcedureOptions { MaxRounds = 1 },
            Chair = new ChairOptions { Strategy = ChairStrategy.Fixed },
        };
        switch (variant)
        {
            case "mixed":
                // Chances from 0 to 0.09, so that some States never object and the products fall unevenly.
                for (int i = 0; i < codes.Count; i++)
                {
                    b.StateOverrides.Add(new ProfileOverride(codes[i], new StateProfile { ObjectionProbability = (i % 10) / 100.0 }));
                }

                break;
            case "certain-objector":
                b.StateOverrides.Add(new ProfileOverride("RUS", new StateProfile { ObjectionProbability = 1 }));
                break;
            case "qualified-majority":
                b.Rule = DecisionRule.QualifiedMajority(0.98, 0, VotingWeight.Equal);
                break;
            case "consensus-minus-one":
                b.Rule = DecisionRule.ConsensusMinusOne("RUS");
                break;
            case "unanimity-with-abstention":
                b.Rule = DecisionRule.UnanimityWithAbstention;
                break;
        }

        return b.Build().Compile();
    }

    private static TrialAccumulator Run(CompiledScenario compiled, bool fuse, ulong seed, long first, IEnumerable<long> chunks)
    {
        var acc = new TrialAccumulator(compiled.StateCount, compiled.MaxRounds, compiled.ItemCount);
        var kernel = new TrialKernel(compiled, new KernelSwitches { FuseSingleVote = fuse });
        Assert.Equal(fuse, kernel.UsesIndependentObjectionLoop);
        foreach (long size in chunks)
        {
            Assert.True(kernel.RunChunk(seed, first, size, acc, CancellationToken.None));
            first += size;
        }

        return acc;
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void The_loop_gives_the_same_tallies_as_the_general_path(string variant)
    {
        var compiled = Build(variant);
        var general = Run(compiled, fuse: false, 31, 500, [4_000]);
        Assert.Equal(SimdPathTests.Tallies(general), SimdPathTests.Tallies(Run(compiled, fuse: true, 31, 500, [4_000])));
        long[] pieces = [.. Enumerable.Range(0, 4_000).Select(k => (long)new[] { 1, 2, 3, 7, 250 }[k % 5]).TakeUntilTotal(4_000)];
        Assert.Equal(SimdPathTests.Tallies(general), SimdPathTests.Tallies(Run(compiled, fuse: true, 31, 500, pieces)));

        // Which trials the comparison covered: without objectors (recorded together) and with them (one by one).
        long unopposed = general.ObjectorCounts[0];
        switch (variant)
        {
            case "certain-objector" or "underflow":
                Assert.Equal(0, unopposed);
                break;
            case "never":
                Assert.Equal(4_000, unopposed);
                break;
            default:
                Assert.InRange(unopposed, 1, 3_999);
                break;
        }
    }

    [Fact]
    public void Trials_without_objectors_occur_as_often_as_the_product_of_the_chances_says()
    {
        // End to end through the vote and the recorded outcome: P(no objector) = 0.99^57 = 0.5641 at the usual chances.
        const int trials = 40_000;
        var acc = Run(Build("usual"), fuse: true, 5, 0, [trials]);
        double p = Math.Pow(0.99, 57);
        double se = Math.Sqrt(p * (1 - p) / trials);
        Assert.InRange(acc.ObjectorCounts[0] / (double)trials, p - (4 * se), p + (4 * se));
        Assert.Equal(acc.ObjectorCounts[0], acc.Adopted);
    }

    [Fact]
    public void Only_one_vote_on_fixed_independent_chances_with_a_built_in_rule_takes_the_loop()
    {
        Assert.True(new TrialKernel(Build("usual")).UsesIndependentObjectionLoop);
        Assert.False(new TrialKernel(Build("usual"), new KernelSwitches { FuseSingleVote = false }).UsesIndependentObjectionLoop);
        Assert.False(new TrialKernel(Build("usual"), conditional: false, switches: new KernelSwitches { PlanSingleVote = false }).UsesIndependentObjectionLoop);

        var b = Build("usual").Scenario.ToBuilder();
        Scenario With(Action<ScenarioBuilder> change)
        {
            var copy = b.Build().ToBuilder();
            change(copy);
            return copy.Build();
        }

        Assert.False(new TrialKernel(With(x => x.Procedure = new ProcedureOptions { MaxRounds = 2 }).Compile()).UsesIndependentObjectionLoop);
        Assert.False(new TrialKernel(With(x => x.Behaviour = new BehaviourOptions { Model = BehaviourModel.FixedObjection, BlocCorrelation = 0.3 }).Compile()).UsesIndependentObjectionLoop);
        Assert.False(new TrialKernel(With(x => x.Defaults = new StateProfile { ObjectionProbability = Parameter.Beta(1, 99) }).Compile()).UsesIndependentObjectionLoop);
        Assert.False(new TrialKernel(With(x => x.Rule = DecisionRule.Custom(new MajorContributorsRule(x.Build(), ["USA", "DEU"]))).Compile()).UsesIndependentObjectionLoop);
        Assert.False(new TrialKernel(Scenario.Default.Compile()).UsesIndependentObjectionLoop);
    }

    [Fact]
    public void A_package_decides_each_proposal_on_its_own_as_the_general_path_does()
    {
        // A package also decides its proposals separately in every trial, which the loop does not: the planner refuses it.
        var b = Build("tense").Scenario.ToBuilder();
        b.Proposals.Add(b.Proposals[0]);
        var package = b.Build().Compile();
        Assert.False(new TrialKernel(package).UsesIndependentObjectionLoop);
        var kernel = Run(package, fuse: false, 9, 0, [2_000]);
        var planned = new TrialAccumulator(package.StateCount, package.MaxRounds, package.ItemCount);
        new TrialKernel(package).RunChunk(9, 0, 2_000, planned);
        Assert.Equal(SimdPathTests.Tallies(kernel), SimdPathTests.Tallies(planned));
        Assert.InRange(planned.ItemAdoptedSeparately[0], 1, 1_999);
    }

    [Fact]
    public void No_trial_is_taken_as_unopposed_where_the_products_underflow_or_a_State_always_objects()
    {
        // 57 chances of 1 − 10⁻⁵: the product that none objects, about 10⁻²⁸⁵, is below the draw's 10⁻²⁵⁰ and the vote draws
        // State by State, so no uniform may stand for "none objects"; nor where a State objects with certainty.
        static double NoneObjectsBelow(CompiledScenario compiled)
        {
            var plan = KernelPlan.For(compiled);
            var workspace = new TrialWorkspace(plan);
            _ = new ParameterStage(plan, workspace);
            return new IndependentObjectors(plan, workspace).NoneObjectsBelow(VoteVenue.Meeting);
        }

        var nearlyCertain = Build("usual").Scenario.ToBuilder();
        nearlyCertain.Defaults = new StateProfile { ObjectionProbability = 1 - 1e-5 };
        Assert.Equal(0, NoneObjectsBelow(nearlyCertain.Build().Compile()));
        Assert.Equal(0, NoneObjectsBelow(Build("certain-objector")));
        Assert.Equal(Enumerable.Repeat(0.99, 57).Aggregate(1.0, (product, q) => product * q), NoneObjectsBelow(Build("usual")));
    }

    [Fact]
    public void A_cancelled_chunk_is_abandoned()
    {
        var compiled = Build("usual");
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var acc = new TrialAccumulator(compiled.StateCount, 1);
        Assert.False(new TrialKernel(compiled).RunChunk(1, 0, 1_000, acc, cancelled.Token));
        Assert.Equal(0, acc.Trials);
    }

    [Property(MaxTest = 30)]
    public bool Any_seed_start_and_chunking_gives_the_general_paths_tallies(ulong seed, NonNegativeInt start, PositiveInt chunk)
    {
        var compiled = Build("tense");
        long first = start.Get % 1_000_000;
        return SimdPathTests.Tallies(Run(compiled, fuse: false, seed, first, [600]))
            == SimdPathTests.Tallies(Run(compiled, fuse: true, seed, first, ChunkSizes.Equal(600, 1 + (chunk.Get % 300))));
    }
}
