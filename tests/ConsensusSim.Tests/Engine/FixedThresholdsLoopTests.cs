using ConsensusSim.Engine;
using ConsensusSim.Numerics;
using FsCheck;
using FsCheck.Xunit;
using ConsensusSim.Tests.Support;

namespace ConsensusSim.Tests.Engine;

/// <summary>
/// The reference trial's own vote-only loop (thresholds fixed for the run but perhaps one drawn linkage's, nested, few
/// blocs' shocks, normals drawn in pairs) must give exactly the tallies of the general vote-only loop, or for a drawn
/// linkage the loop that votes in registers, chunk by chunk, and be taken only where its conditions hold. The comparisons
/// with the general path in <see cref="FusedLoopTests"/> cover it too, as its variants "reference", "tense",
/// "consensus-minus-one", "default" and "uniform-linkage" take it.
/// </summary>
public class FixedThresholdsLoopTests
{
    [SkippableTheory]
    [InlineData("reference", true)]
    [InlineData("tense", true)]
    [InlineData("consensus-minus-one", true)]
    [InlineData("default", true)]
    [InlineData("uniform-linkage", true)]
    [InlineData("statement-limit", false)]
    [InlineData("imported-actors", false)]
    public void Only_trials_on_fixed_nested_thresholds_take_the_loop(string variant, bool fixedThresholds)
    {
        // A linkage drawn per trial takes it where eight are drawn at a time (the default); a rule asked about unopposed votes or a second
        // word of States leaves the vote-only loop; the generator's other paths draw one trial at a time.
        Skip.IfNot(VectorPaths.Vote, VectorPaths.NoVectorVote);
        var compiled = FusedLoopTests.Build(variant);
        bool drawsLinkage = variant is "default" or "uniform-linkage";
        Assert.Equal(fixedThresholds, new TrialKernel(compiled).UsesFixedThresholdsLoop);
        Assert.False(new TrialKernel(compiled, new KernelSwitches { FixedThresholdsLoop = false }).UsesFixedThresholdsLoop);
        Assert.Equal(fixedThresholds && !drawsLinkage, new TrialKernel(compiled, new KernelSwitches { EightLinkagesAtOnce = false }).UsesFixedThresholdsLoop);
        Assert.False(new TrialKernel(compiled, new KernelSwitches { NoisePath = NormalPath.Vector256 }).UsesFixedThresholdsLoop);
    }

    [SkippableTheory]
    [InlineData("reference")]
    [InlineData("tense")]
    [InlineData("consensus-minus-one")]
    [InlineData("default")]
    [InlineData("uniform-linkage")]
    public void Its_tallies_are_the_general_vote_only_loops_chunk_by_chunk(string variant)
    {
        // Chunks of 1, 2, 999, 3 and 4,000 trials: the last pair's draw at every place of the ring, chunks too short for any,
        // and a drawn linkage's groups of eight begun at every lane.
        Skip.IfNot(VectorPaths.Vote, VectorPaths.NoVectorVote);
        var compiled = FusedLoopTests.Build(variant);
        var own = new TrialKernel(compiled);
        var general = new TrialKernel(compiled, new KernelSwitches { FixedThresholdsLoop = false });
        Assert.True(own.UsesFixedThresholdsLoop);
        Assert.True(general.UsesVoteOnlyLoop);
        var tallies = ChunkSizes.TalliesInTurn(own, general, compiled.StateCount, seed: 19, first: 41);

        Assert.True(tallies.ObjectorCounts[0] > 0, "no trial without objectors");
        Assert.True(tallies.ObjectorCounts[0] < tallies.Trials, "no trial with objectors");
        Assert.True(tallies.AdoptedWithStatements > 0, "no adopted trial with statements");
    }

    [Property(MaxTest = 25)]
    public bool Any_seed_start_and_chunking_gives_the_general_vote_only_loops_tallies(ulong seed, NonNegativeInt start, PositiveInt chunk, bool drawsLinkage)
    {
        var compiled = FusedLoopTests.Build(drawsLinkage ? "default" : "tense");
        long first = start.Get % 1_000_000;
        var own = new TrialKernel(compiled);
        var general = new TrialKernel(compiled, new KernelSwitches { FixedThresholdsLoop = false });
        var (a, b) = (new TrialAccumulator(compiled.StateCount, 1), new TrialAccumulator(compiled.StateCount, 1));
        foreach (long size in ChunkSizes.Equal(600, 1 + (chunk.Get % 300)))
        {
            own.RunChunk(seed, first, size, a);
            general.RunChunk(seed, first, size, b);
            first += size;
        }

        return (own.UsesFixedThresholdsLoop || !VectorPaths.Vote) && SimdPathTests.Tallies(a) == SimdPathTests.Tallies(b);
    }
}
