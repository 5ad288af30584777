using ConsensusSim.Engine;
using ConsensusSim.Model;
using ConsensusSim.Serialization;
using ConsensusSim.Simulation;
using ConsensusSim.Tests.Support;

namespace ConsensusSim.Tests.Engine;

/// <summary>
/// A decision that is a chain of votes (rounds at the Council, then perhaps the Ministerial Council) on thresholds
/// every trial starts from is taken in one fused loop over the votes planned once. It must give exactly the tallies of
/// walking the procedure, ask a custom rule as often, and be taken only where its conditions hold.
/// </summary>
public class FusedRoundsLoopTests
{
    public static TheoryData<string, ChairStrategy> Variants()
    {
        var data = new TheoryData<string, ChairStrategy>();
        foreach (var chair in new[] { ChairStrategy.Fixed, ChairStrategy.Compromise, ChairStrategy.AgendaSetter })
        {
            foreach (string variant in new[] { "rounds", "silence-and-escalation", "escalation", "consensus-minus-one", "unanimity-with-abstention", "statement-limit", "single-decision", "one-round" })
            {
                data.Add(variant, chair);
            }
        }

        return data;
    }

    /// <summary>The reference States, eight of them so noisy that most rounds are blocked, so that later rounds are really taken.</summary>
    internal static CompiledScenario Build(string variant, ChairStrategy chair, ICustomDecisionRule? rule = null)
    {
        var b = Scenario.Default.ToBuilder();
        b.StateOverrides.Clear();
        b.Behaviour = new BehaviourOptions { Tension = 0.5, BlocCorrelation = 0.3 };
        b.Procedure = new ProcedureOptions { MaxRounds = 4 };
        b.Chair = new ChairOptions { Strategy = chair, Step = 0.25, State = chair == ChairStrategy.AgendaSetter ? "CHE" : null };
        foreach (string code in b.Build().States.Take(8))
        {
            b.StateOverrides.Add(new ProfileOverride(code, new StateProfile { Noise = 2.0 }));
        }

        switch (variant)
        {
            case "silence-and-escalation":
                b.Procedure = new ProcedureOptions { MaxRounds = 3, UseSilence = true, EscalateToMinisterialCouncil = true };
                break;
            case "escalation":
                b.Procedure = new ProcedureOptions { MaxRounds = 3, EscalateToMinisterialCouncil = true };
                break;
            case "consensus-minus-one":
                b.Rule = DecisionRule.ConsensusMinusOne("USA");
                break;
            case "unanimity-with-abstention":
                b.Rule = DecisionRule.UnanimityWithAbstention;
                break;
            case "statement-limit":
                b.Rule = DecisionRule.Custom(rule ?? new StatementLimitRule(6));
                break;
            case "single-decision":
                b.Procedure = new ProcedureOptions { Procedure = "single-decision", MaxRounds = 3 };
                break;
            case "one-round":
                b.Procedure = new ProcedureOptions { MaxRounds = 1 };
                break;
        }

        return b.Build().Compile();
    }

    private static TrialAccumulator Run(CompiledScenario compiled, bool fuse, IEnumerable<long> chunks)
    {
        var kernel = new TrialKernel(compiled, new KernelSwitches { FuseRounds = fuse });
        Assert.False(!fuse && kernel.UsesFusedRounds);
        return Run(compiled, kernel, chunks);
    }

    private static TrialAccumulator Run(CompiledScenario compiled, KernelSwitches switches, IEnumerable<long> chunks) =>
        Run(compiled, new TrialKernel(compiled, switches), chunks);

    private static TrialAccumulator Run(CompiledScenario compiled, TrialKernel kernel, IEnumerable<long> chunks)
    {
        var acc = new TrialAccumulator(compiled.StateCount, compiled.MaxRounds);
        long first = 300;
        foreach (long size in chunks)
        {
            kernel.RunChunk(23, first, size, acc);
            first += size;
        }

        return acc;
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void The_fused_rounds_loop_gives_the_same_tallies_as_walking_the_procedure(string variant, ChairStrategy chair)
    {
        var compiled = Build(variant, chair);
        var general = Run(compiled, fuse: false, [2_000]);
        var kernel = new TrialKernel(compiled);
        if (!kernel.UsesFusedLoop)
        {
            // A silence procedure follows an agreeing meeting: the votes are no chain, and those trials walk.
            Assert.Equal(VectorPaths.Vote && variant != "silence-and-escalation", kernel.UsesFusedRounds);
        }

        Assert.Equal(SimdPathTests.Tallies(general), SimdPathTests.Tallies(Run(compiled, fuse: true, [2_000])));

        // Chunks of 1, 2, 3 and 7 trials start trials at every position of the draw-ahead ring and of the paired later votes.
        long[] pieces = [.. Enumerable.Range(0, 2_000).Select(k => (long)new[] { 1, 2, 3, 7 }[k % 4]).TakeUntilTotal(2_000)];
        Assert.Equal(SimdPathTests.Tallies(general), SimdPathTests.Tallies(Run(compiled, fuse: true, pieces)));
        if (variant is not ("one-round" or "single-decision"))
        {
            Assert.True(general.AdoptedInRound.Skip(1).Sum() > 0, "no trial adopted after the first round");
        }
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void Blocked_votes_taken_from_their_masks_give_the_tallies_of_tallying_every_vote(string variant, ChairStrategy chair)
    {
        // Untallied blocked votes, revisions from the mask and the next vote's noise drawn before the revision, against
        // the same loop tallying every vote; in chunks that start trials at every position of the ring and the pairs.
        var compiled = Build(variant, chair);
        long[] pieces = [.. Enumerable.Range(0, 2_000).Select(k => (long)new[] { 1, 2, 3, 7 }[k % 4]).TakeUntilTotal(2_000)];
        var tallied = Run(compiled, new KernelSwitches { BlockedVotesFromMask = false }, [2_000]);
        Assert.Equal(SimdPathTests.Tallies(tallied), SimdPathTests.Tallies(Run(compiled, KernelSwitches.Production, [2_000])));
        Assert.Equal(SimdPathTests.Tallies(tallied), SimdPathTests.Tallies(Run(compiled, KernelSwitches.Production, pieces)));

        // The path is taken in the loop under the consensus rules, with four dimensions at most for a compromising Chair.
        var kernel = new TrialKernel(compiled);
        bool consensus = variant is not ("unanimity-with-abstention" or "statement-limit");
        Assert.Equal(kernel.UsesFusedRounds && consensus, kernel.UsesBlockedVotesFromMask);
        Assert.False(new TrialKernel(compiled, new KernelSwitches { BlockedVotesFromMask = false }).UsesBlockedVotesFromMask);
    }

    [Theory]
    [InlineData(ChairStrategy.Compromise)]
    [InlineData(ChairStrategy.Fixed)]
    public void A_body_of_several_mask_words_takes_blocked_votes_from_its_mask_to_the_same_tallies(ChairStrategy chair)
    {
        // 160 actors, three words of objector bits, tense enough that rounds are blocked; the loop over every word.
        var b = ConsensusSim.Import.KtabFormat.Load(Path.Combine(AppContext.BaseDirectory, "imports", "ktab-dummyData-a160.csv")).ToScenario().ToBuilder();
        b.Procedure = new ProcedureOptions { MaxRounds = 4 };
        b.Chair = new ChairOptions { Strategy = chair, Step = 0.25 };
        b.Behaviour = new BehaviourOptions { Tension = 1.0 };
        var compiled = b.Build().Compile();
        var tallied = Run(compiled, new KernelSwitches { BlockedVotesFromMask = false }, [1_000]);
        Assert.Equal(SimdPathTests.Tallies(tallied), SimdPathTests.Tallies(Run(compiled, KernelSwitches.Production, [1_000])));
        Assert.True(tallied.AdoptedInRound.Skip(1).Sum() + tallied.Trials - tallied.Adopted > 0, "no trial went past the first round");
        Assert.Equal(VectorPaths.Vote, new TrialKernel(compiled).UsesBlockedVotesFromMask);
    }

    [Fact]
    public void A_custom_rule_is_asked_once_per_vote_as_when_walking()
    {
        long Calls(bool fuse)
        {
            var rule = new StatementLimitRule(6);
            Run(Build("statement-limit", ChairStrategy.Compromise, rule), fuse, [1_500]);
            return rule.Calls;
        }

        long walked = Calls(fuse: false);
        Assert.True(walked > 1_500, "later rounds asked the rule");
        Assert.Equal(walked, Calls(fuse: true));
    }

    [SkippableFact]
    public void Only_chains_of_votes_on_thresholds_every_trial_starts_from_take_the_loop()
    {
        Skip.IfNot(VectorPaths.Vote, VectorPaths.NoVectorVote);
        Assert.True(new TrialKernel(Build("rounds", ChairStrategy.Compromise)).UsesFusedRounds);
        Assert.True(new TrialKernel(Build("rounds", ChairStrategy.AgendaSetter)).UsesFusedRounds);
        Assert.True(new TrialKernel(Build("rounds", ChairStrategy.Fixed)).UsesFusedRounds);

        // One round with a Fixed Chair is the single-vote loop's; random parameters, or switching a fast path off, walk.
        Assert.False(new TrialKernel(Build("one-round", ChairStrategy.Fixed)).UsesFusedRounds);
        var random = Build("rounds", ChairStrategy.Compromise).Scenario.ToBuilder();
        random.StateOverrides.Add(new ProfileOverride("RUS", new StateProfile { Linkage = Parameter.Beta(4, 4) }));
        Assert.False(new TrialKernel(random.Build().Compile()).UsesFusedRounds);
        Assert.False(new TrialKernel(Build("rounds", ChairStrategy.Compromise), new KernelSwitches { VectorVote = false }).UsesFusedRounds);
        Assert.False(new TrialKernel(Build("rounds", ChairStrategy.Compromise), new KernelSwitches { CacheTrialStart = false }).UsesFusedRounds);
    }
}
