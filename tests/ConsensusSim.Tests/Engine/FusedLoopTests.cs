using ConsensusSim.Model;
using ConsensusSim.Samples.CustomRule;
using ConsensusSim.Simulation;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ConsensusSim.Engine;
using ConsensusSim.Numerics;
using ConsensusSim.Serialization;
using ConsensusSim.Tests.Support;

namespace ConsensusSim.Tests.Engine;

/// <summary>
/// A single vote on thresholds fixed for the whole run is taken in one fused loop, which counts the trials
/// without objectors by their statements and records them together at the end of the chunk. It must give exactly
/// the tallies of the general path, and be taken only where its conditions hold.
/// </summary>
public class FusedLoopTests
{
    public static TheoryData<string> Variants() =>
    [
        "reference", "tense", "consensus-minus-one", "consensus-minus-two", "unanimity-with-abstention",
        "qualified-majority", "custom-rule", "statement-limit", "single-decision-two-rounds", "imported-actors",
        "default", "uniform-linkage", "random-parameters",
    ];

    /// <summary>Fixed parameters, one vote; most variants at high tension, so that trials with and without objectors both occur.</summary>
    internal static CompiledScenario Build(string variant)
    {
        if (variant == "imported-actors")
        {
            // 160 actors (three words of objector bits), each a bloc of its own; one vote by a Fixed Chair instead of the import's negotiation.
            var actors = ConsensusSim.Import.KtabFormat.Load(Path.Combine(AppContext.BaseDirectory, "imports", "ktab-dummyData-a160.csv")).ToScenario().ToBuilder();
            actors.Procedure = new ProcedureOptions { MaxRounds = 1 };
            actors.Chair = new ChairOptions { Strategy = ChairStrategy.Fixed };
            return actors.Build().Compile();
        }

        if (variant == "default")
        {
            // Russia's linkage drawn per trial: its thresholds are recomputed inside the loop.
            return Scenario.Default.Compile();
        }

        var b = Scenario.Default.ToBuilder();
        b.StateOverrides.Clear();
        if (variant == "uniform-linkage")
        {
            // One linkage drawn per trial, uniform: drawn without a quantile table.
            b.StateOverrides.Add(new ProfileOverride("RUS", new StateProfile { Linkage = Parameter.Uniform(0.2, 0.9) }));
        }

        if (variant == "random-parameters")
        {
            b.StateOverrides.Add(new ProfileOverride("RUS", new StateProfile { Linkage = Parameter.Beta(4, 4) }));
            b.StateOverrides.Add(new ProfileOverride("TUR", new StateProfile { BlockingCost = Parameter.TruncatedNormal(0.06, 0.05, 0, 0.2) }));
            b.StateOverrides.Add(new ProfileOverride("HUN", new StateProfile { IdealPoint = [Parameter.Uniform(0.2, 0.6), 0.3, Parameter.Beta(2, 2)] }));
        }

        if (variant != "reference")
        {
            b.Behaviour = new BehaviourOptions { Tension = 1.0, BlocCorrelation = 0.3 };
        }

        switch (variant)
        {
            case "consensus-minus-one":
                b.Rule = DecisionRule.ConsensusMinusOne("RUS");
                break;
            case "consensus-minus-two":
                b.Rule = DecisionRule.ConsensusMinusTwo("ARM", "AZE");
                break;
            case "unanimity-with-abstention":
                b.Rule = DecisionRule.UnanimityWithAbstention;
                break;
            case "qualified-majority":
                b.Rule = DecisionRule.QualifiedMajority(0.98, 0, VotingWeight.Equal);
                break;
            case "custom-rule":
                b.Rule = DecisionRule.Custom(new MajorContributorsRule(b.Build(), ["USA", "DEU", "FRA", "GBR", "ITA"]));
                break;
            case "statement-limit":
                // Rejects votes without objectors too, when many States attach statements: the loop asks the rule.
                b.Rule = DecisionRule.Custom(new StatementLimitRule(3));
                break;
            case "single-decision-two-rounds":
                b.Procedure = new ProcedureOptions { Procedure = "single-decision", MaxRounds = 2 };
                break;
        }

        return b.Build().Compile();
    }

    private static TrialAccumulator Run(CompiledScenario compiled, bool fuse, ulong seed, long first, IEnumerable<long> chunks)
    {
        var acc = new TrialAccumulator(compiled.StateCount, compiled.MaxRounds);
        var kernel = new TrialKernel(compiled, new KernelSwitches { FuseSingleVote = fuse });
        Assert.Equal(fuse && VectorPaths.Vote, kernel.UsesFusedLoop);
        foreach (long size in chunks)
        {
            kernel.RunChunk(seed, first, size, acc);
            first += size;
        }

        return acc;
    }


    // A drawn linkage takes the loop for fixed thresholds where it can; these tests mean the loop that votes in registers.
    private static readonly KernelSwitches InRegistersOnly = new() { FixedThresholdsLoop = false };

    [SkippableTheory]
    [MemberData(nameof(Variants))]
    public void The_fused_loop_gives_the_same_tallies_as_the_general_path(string variant)
    {
        Skip.IfNot(VectorPaths.Vote, VectorPaths.NoVectorVote);
        var compiled = Build(variant);
        var general = Run(compiled, fuse: false, 31, 500, [3_000]);
        var fused = Run(compiled, fuse: true, 31, 500, [3_000]);
        Assert.Equal(SimdPathTests.Tallies(general), SimdPathTests.Tallies(fused));

        // Chunks of 1, 2, 3 and 7 trials flush the trials counted by statements at every position of the draw-ahead ring.
        long[] pieces = [.. Enumerable.Range(0, 3_000).Select(k => (long)new[] { 1, 2, 3, 7 }[k % 4]).TakeUntilTotal(3_000)];
        Assert.Equal(SimdPathTests.Tallies(general), SimdPathTests.Tallies(Run(compiled, fuse: true, 31, 500, pieces)));

        // Both kinds of trial occur: those recorded together (no objector) and those recorded one by one.
        Assert.True(general.ObjectorCounts[0] > 0, "no trial without objectors");
        if (variant != "reference")
        {
            Assert.True(general.ObjectorCounts[0] < 3_000, "no trial with objectors");
        }

        Assert.True(general.AdoptedWithStatements > 0, "no adopted trial with statements");
    }

    [SkippableTheory]
    [InlineData("reference", true)]
    [InlineData("tense", true)]
    [InlineData("consensus-minus-one", true)]
    [InlineData("statement-limit", false)]
    [InlineData("default", true)]
    [InlineData("uniform-linkage", true)]
    [InlineData("random-parameters", false)]
    [InlineData("imported-actors", false)]
    public void Trials_that_only_vote_on_one_word_of_states_take_the_vote_only_loop(string variant, bool voteOnly)
    {
        // The theory above compares these variants' tallies with the general path's; this checks which loop it compared.
        Skip.IfNot(VectorPaths.Vote, VectorPaths.NoVectorVote);
        Assert.Equal(voteOnly, new TrialKernel(Build(variant)).UsesVoteOnlyLoop);
    }

    [SkippableTheory]
    [InlineData("default")]
    [InlineData("uniform-linkage")]
    public void A_linkage_drawn_inline_gives_the_tallies_of_the_general_redraw(string variant)
    {
        // The theory above compares with the general path; this compares the two fused loops directly, chunk by chunk.
        Skip.IfNot(VectorPaths.Vote, VectorPaths.NoVectorVote);
        var compiled = Build(variant);
        var inline = new TrialKernel(compiled);
        var called = new TrialKernel(compiled, new KernelSwitches { InlineLinkageRedraw = false });
        Assert.True(inline.UsesVoteOnlyLoop);
        Assert.False(called.UsesVoteOnlyLoop);
        var a = ChunkSizes.TalliesInTurn(inline, called, compiled.StateCount, seed: 7, first: 123);

        Assert.True(a.ObjectorCounts[0] < a.Trials, "no trial with objectors");
    }

    [SkippableTheory]
    [InlineData("default")]
    [InlineData("uniform-linkage")]
    public void Normals_voted_on_in_registers_give_the_tallies_of_the_ring(string variant)
    {
        Skip.IfNot(VectorPaths.Wide, VectorPaths.NoAvx512);
        var compiled = Build(variant);
        var registers = new TrialKernel(compiled, InRegistersOnly);
        var ring = new TrialKernel(compiled, new KernelSwitches { VoteInRegisters = false, FixedThresholdsLoop = false });
        Assert.True(registers.VotesInRegisters);
        Assert.True(ring.UsesVoteOnlyLoop);
        Assert.False(ring.VotesInRegisters);
        var a = ChunkSizes.TalliesInTurn(registers, ring, compiled.StateCount, seed: 11, first: 77);

        Assert.True(a.ObjectorCounts[0] < a.Trials, "no trial with objectors");
        Assert.True(a.ObjectorCounts[0] > 0, "no trial without objectors");
    }

    [SkippableTheory]
    [InlineData("reference", false)]
    [InlineData("tense", false)]
    [InlineData("default", true)]
    [InlineData("uniform-linkage", true)]
    public void Only_trials_that_draw_a_linkage_inline_vote_on_normals_in_registers(string variant, bool inRegisters)
    {
        // The reference trial measured no faster that way, and less steady (FusedSingleVoteLoop.InRegisters.cs); a drawn
        // linkage votes in registers only where it does not take the loop for fixed thresholds.
        Skip.IfNot(VectorPaths.Wide, VectorPaths.NoAvx512);
        var compiled = Build(variant);
        Assert.Equal(inRegisters, new TrialKernel(compiled, InRegistersOnly).VotesInRegisters);
        Assert.Equal(inRegisters && !QuantileTable.EightAtOnce, new TrialKernel(compiled).VotesInRegisters);
        Assert.False(new TrialKernel(compiled, new KernelSwitches { NoisePath = NormalPath.Vector256, FixedThresholdsLoop = false }).VotesInRegisters);
    }

    [SkippableTheory]
    [InlineData(52, 5, true)]
    [InlineData(49, 8, true)]
    [InlineData(48, 1, true)]
    [InlineData(52, 9, false)]
    [InlineData(47, 2, false)]
    [InlineData(44, 6, false)]
    [InlineData(41, 8, false)]
    public void Actors_with_a_drawn_linkage_vote_in_registers_where_their_normals_fit(int actors, int blocs, bool inRegisters)
    {
        // The shocks start at normal 48, 49 or 52 here, not 57; nine shock slots are more than the loop converts; below 48
        // States the shocks begin in the third vector of normals, and a word still holds States and shocks.
        Skip.IfNot(VectorPaths.Wide, VectorPaths.NoAvx512);
        var compiled = LinkageActors(actors, blocs);
        var registers = new TrialKernel(compiled, InRegistersOnly);
        Assert.True(registers.UsesVoteOnlyLoop);
        Assert.Equal(inRegisters, registers.VotesInRegisters);
        var general = new TrialKernel(compiled, new KernelSwitches { FuseSingleVote = false });
        var a = ChunkSizes.TalliesInTurn(registers, general, compiled.StateCount, seed: 13, first: 5);
        Assert.True(a.ObjectorCounts[0] < a.Trials, "no trial with objectors");
        Assert.True(a.ObjectorCounts[0] > 0, "no trial without objectors");

        // And in the loop for fixed thresholds, eight linkages drawn at once, which any such word of States takes with at most
        // eight shock slots.
        var own = new TrialKernel(compiled);
        Assert.Equal(QuantileTable.EightAtOnce && blocs <= 8, own.UsesFixedThresholdsLoop);
        ChunkSizes.TalliesInTurn(own, general, compiled.StateCount, seed: 13, first: 5);
    }

    /// <summary><paramref name="count"/> actors in <paramref name="blocs"/> blocs sharing noise, one vote, the first actor's linkage ~ Beta(4, 4).</summary>
    private static CompiledScenario LinkageActors(int count, int blocs)
    {
        var b = Scenario.Default.ToBuilder();
        b.States = [];
        b.StateOverrides.Clear();
        for (int i = 0; i < count; i++)
        {
            b.Actors.Add(new Actor($"a{i}") { Bloc = $"bloc{i % blocs}" });
        }

        b.StateOverrides.Add(new ProfileOverride("a0", new StateProfile { Linkage = Parameter.Beta(4, 4) }));
        b.Behaviour = new BehaviourOptions { Tension = 1.0, BlocCorrelation = 0.3 };
        b.Procedure = new ProcedureOptions { MaxRounds = 1 };
        return b.Build().Compile();
    }

    [SkippableFact]
    public void The_rule_is_asked_once_per_vote_as_on_the_general_path()
    {
        Skip.IfNot(VectorPaths.Vote, VectorPaths.NoVectorVote);
        var b = Build("tense").Scenario.ToBuilder();
        long Calls(bool fuse, out TrialAccumulator acc)
        {
            var rule = new StatementLimitRule(3);
            b.Rule = DecisionRule.Custom(rule);
            acc = Run(b.Build().Compile(), fuse, 3, 0, [2_000]);
            return rule.Calls;
        }

        long general = Calls(fuse: false, out var generalTallies);
        Assert.Equal(general, Calls(fuse: true, out var fusedTallies));
        Assert.Equal(2_000, general);
        Assert.Equal(SimdPathTests.Tallies(generalTallies), SimdPathTests.Tallies(fusedTallies));

        // Votes without objectors rejected for their statements occur, so the loop's second way out is taken.
        long unopposedRejected = generalTallies.ObjectorCounts[0] - generalTallies.Adopted + generalTallies.AdoptedOverObjections;
        Assert.True(unopposedRejected > 0, "no vote without objectors was rejected");
    }

    [SkippableFact]
    public void A_chunk_that_threw_leaves_nothing_behind_for_the_next()
    {
        Skip.IfNot(VectorPaths.Vote, VectorPaths.NoVectorVote);
        var b = Build("tense").Scenario.ToBuilder();
        var rule = new StatementLimitRule(3) { ThrowAtCall = 500 };
        b.Rule = DecisionRule.Custom(rule);
        var compiled = b.Build().Compile();
        var kernel = new TrialKernel(compiled);
        Assert.True(kernel.UsesFusedLoop);
        Assert.Throws<InvalidOperationException>(() => kernel.RunChunk(3, 0, 1_000, new TrialAccumulator(compiled.StateCount, compiled.MaxRounds)));

        var after = new TrialAccumulator(compiled.StateCount, compiled.MaxRounds);
        kernel.RunChunk(3, 1_000, 1_000, after);
        var fresh = new TrialAccumulator(compiled.StateCount, compiled.MaxRounds);
        new TrialKernel(compiled).RunChunk(3, 1_000, 1_000, fresh);
        Assert.Equal(SimdPathTests.Tallies(fresh), SimdPathTests.Tallies(after));
    }

    [SkippableFact]
    public void The_reference_trial_takes_the_fused_loop_and_other_configurations_do_not()
    {
        Skip.IfNot(VectorPaths.Vote, VectorPaths.NoVectorVote);
        Assert.True(new TrialKernel(Build("reference")).UsesFusedLoop);
        Assert.True(new TrialKernel(Build("imported-actors")).UsesFusedLoop);

        // An agenda-setter that drafts once for the whole run and tables a text votes like a Fixed Chair.
        var rounds = Scenario.Default.ToBuilder();
        rounds.StateOverrides.Clear();
        rounds.Chair = new ChairOptions { Strategy = ChairStrategy.AgendaSetter, State = "CHE" };
        Assert.True(new TrialKernel(rounds.Build().Compile()).UsesFusedLoop);

        // Random parameters of a few States (the default scenario's) are redrawn inside the loop, theirs alone recomputed.
        Assert.True(new TrialKernel(Scenario.Default.Compile()).UsesFusedLoop);

        // A second vote, a Chair who revises, a package: thresholds or votes change within a run.
        rounds.Chair = new ChairOptions { Strategy = ChairStrategy.Fixed };
        rounds.Procedure = new ProcedureOptions { MaxRounds = 3 };
        Assert.False(new TrialKernel(rounds.Build().Compile()).UsesFusedLoop);
        rounds.Procedure = new ProcedureOptions { MaxRounds = 1 };
        rounds.Chair = new ChairOptions { Strategy = ChairStrategy.Compromise };
        Assert.False(new TrialKernel(rounds.Build().Compile()).UsesFusedLoop);
        var package = Scenario.Default.ToBuilder();
        package.StateOverrides.Clear();
        package.Proposals.Add(package.Proposals[0]);
        Assert.False(new TrialKernel(package.Build().Compile()).UsesFusedLoop);

        // The scalar vote and an unplanned procedure take the general path; the conditional estimate stays in the loop.
        var reference = Build("reference");
        Assert.Equal(VectorPaths.Vote, new TrialKernel(reference, conditional: true).UsesFusedLoop);
        Assert.False(new TrialKernel(reference, new KernelSwitches { VectorVote = false }).UsesFusedLoop);
        Assert.False(new TrialKernel(reference, new KernelSwitches { PlanSingleVote = false }).UsesFusedLoop);
        Assert.False(new TrialKernel(reference, new KernelSwitches { FuseSingleVote = false }).UsesFusedLoop);
    }

    /// <summary>The fixed-objection model with noise shared in blocs: the vote on Φ⁻¹(p), with chances from certain never to certain.</summary>
    internal static CompiledScenario BuildCopula(string variant)
    {
        var b = Scenario.Default.ToBuilder();
        b.StateOverrides.Clear();
        b.Behaviour = new BehaviourOptions { Model = BehaviourModel.FixedObjection, BlocCorrelation = 0.4 };
        b.Defaults = new StateProfile { ObjectionProbability = 0.01 };
        switch (variant)
        {
            case "certain-and-never":
                b.StateOverrides.Add(new ProfileOverride("RUS", new StateProfile { ObjectionProbability = 1 }));
                b.StateOverrides.Add(new ProfileOverride("FRA", new StateProfile { ObjectionProbability = 0 }));
                break;
            case "qualified-majority":
                b.Rule = DecisionRule.QualifiedMajority(0.98, 0, VotingWeight.Equal);
                break;
            case "consensus-minus-one":
                b.Rule = DecisionRule.ConsensusMinusOne("RUS");
                b.Defaults = new StateProfile { ObjectionProbability = 0.03 };
                break;
            case "custom-rule":
                b.Rule = DecisionRule.Custom(new MajorContributorsRule(b.Build(), ["USA", "DEU", "FRA", "GBR", "ITA"]));
                break;
        }

        return b.Build().Compile();
    }

    [SkippableTheory]
    [InlineData("consensus")]
    [InlineData("certain-and-never")]
    [InlineData("qualified-majority")]
    [InlineData("consensus-minus-one")]
    [InlineData("custom-rule")]
    public void Shared_noise_objections_take_the_fused_loop_with_the_general_paths_tallies(string variant)
    {
        Skip.IfNot(VectorPaths.Vote, VectorPaths.NoVectorVote);
        var compiled = BuildCopula(variant);
        Assert.Equal(variant is not ("qualified-majority" or "custom-rule"), new TrialKernel(compiled).UsesVoteOnlyLoop);
        var general = Run(compiled, fuse: false, 17, 250, [3_000]);
        Assert.Equal(SimdPathTests.Tallies(general), SimdPathTests.Tallies(Run(compiled, fuse: true, 17, 250, [3_000])));
        long[] pieces = [.. Enumerable.Range(0, 3_000).Select(k => (long)new[] { 1, 2, 3, 7 }[k % 4]).TakeUntilTotal(3_000)];
        Assert.Equal(SimdPathTests.Tallies(general), SimdPathTests.Tallies(Run(compiled, fuse: true, 17, 250, pieces)));

        // Trials with and without objectors both occur, but for the State certain to object, which blocks every trial.
        long unopposed = general.ObjectorCounts[0];
        Assert.True(variant == "certain-and-never" ? unopposed == 0 : unopposed is > 0 and < 3_000, $"{unopposed} trials without objectors");
        Assert.Equal(0, general.AdoptedWithStatements);
    }

    [SkippableFact]
    public void Shared_noise_objections_drawn_per_trial_stay_on_the_general_path()
    {
        Skip.IfNot(VectorPaths.Vote, VectorPaths.NoVectorVote);
        var b = BuildCopula("consensus").Scenario.ToBuilder();
        b.Defaults = new StateProfile { ObjectionProbability = Parameter.Beta(1, 99) };
        Assert.False(new TrialKernel(b.Build().Compile()).UsesFusedLoop);
        Assert.True(new TrialKernel(BuildCopula("consensus")).UsesFusedLoop);
    }

    [Property(MaxTest = 25)]
    public bool Any_seed_start_and_chunking_votes_alike_in_registers_and_through_the_ring(ulong seed, NonNegativeInt start, PositiveInt chunk)
    {
        var compiled = Build("default");
        long first = start.Get % 1_000_000;
        var registers = new TrialKernel(compiled, InRegistersOnly);
        var ring = new TrialKernel(compiled, new KernelSwitches { VoteInRegisters = false, FixedThresholdsLoop = false });
        var (a, b) = (new TrialAccumulator(compiled.StateCount, 1), new TrialAccumulator(compiled.StateCount, 1));
        foreach (long size in ChunkSizes.Equal(600, 1 + (chunk.Get % 300)))
        {
            registers.RunChunk(seed, first, size, a);
            ring.RunChunk(seed, first, size, b);
            first += size;
        }

        return (registers.VotesInRegisters || !VectorPaths.Wide) && SimdPathTests.Tallies(a) == SimdPathTests.Tallies(b);
    }

    [Property(MaxTest = 25)]
    public bool Any_seed_start_and_chunking_gives_the_general_paths_tallies(ulong seed, NonNegativeInt start, PositiveInt chunk)
    {
        var compiled = Build("tense");
        long first = start.Get % 1_000_000;
        return SimdPathTests.Tallies(Run(compiled, fuse: false, seed, first, [600]))
            == SimdPathTests.Tallies(Run(compiled, fuse: true, seed, first, ChunkSizes.Equal(600, 1 + (chunk.Get % 300))));
    }
}

/// <summary>Consensus, except that a vote with more than <c>limit</c> statements fails; counts its calls, and can throw at one.</summary>
internal sealed class StatementLimitRule(int limit) : ICustomDecisionRule
{
    private long _calls;

    public long Calls => Interlocked.Read(ref _calls);

    public long ThrowAtCall { get; init; } = -1;

    public string Name => $"consensus with at most {limit} statements";

    public bool Adopts(VoteSummary vote, ReadOnlySpan<int> objectors)
    {
        if (Interlocked.Increment(ref _calls) == ThrowAtCall)
        {
            throw new InvalidOperationException("The rule fails at this call.");
        }

        return vote.Objectors == 0 && vote.Statements <= limit;
    }
}

internal static class ChunkSizes
{
    /// <summary>
    /// Runs both kernels on the same uneven chunks (1, 2, 999, 3 and 4,000 trials from <paramref name="first"/>), each into
    /// its own tallies, and calls <paramref name="compare"/> after every chunk.
    /// </summary>
    public static void InTurn(TrialKernel one, TrialAccumulator oneTallies, TrialKernel other, TrialAccumulator otherTallies, ulong seed, long first, Action compare)
    {
        foreach (long size in new long[] { 1, 2, 999, 3, 4_000 })
        {
            one.RunChunk(seed, first, size, oneTallies);
            other.RunChunk(seed, first, size, otherTallies);
            first += size;
            compare();
        }
    }

    /// <summary>
    /// <see cref="InTurn"/> into tallies of one round each, asserting after every chunk that <paramref name="other"/>'s equal
    /// <paramref name="one"/>'s.
    /// </summary>
    /// <returns><paramref name="one"/>'s tallies.</returns>
    public static TrialAccumulator TalliesInTurn(TrialKernel one, TrialKernel other, int states, ulong seed, long first)
    {
        var (a, b) = (new TrialAccumulator(states, 1), new TrialAccumulator(states, 1));
        InTurn(one, a, other, b, seed, first, () => Assert.Equal(SimdPathTests.Tallies(b), SimdPathTests.Tallies(a)));
        return a;
    }

    /// <summary>Chunks of <paramref name="size"/> trials, then what is left, adding up to <paramref name="total"/>.</summary>
    public static long[] Equal(long total, long size) => [.. Enumerable.Repeat(size, (int)(total / size)), total % size];

    /// <summary>Takes consecutive sizes until they add up to <paramref name="total"/>; the last is cut to fit.</summary>
    public static IEnumerable<long> TakeUntilTotal(this IEnumerable<long> sizes, long total)
    {
        foreach (long size in sizes)
        {
            if (total <= 0)
            {
                yield break;
            }

            long take = Math.Min(size, total);
            total -= take;
            yield return take;
        }
    }
}
