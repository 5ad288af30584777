using System.Reflection;
using ConsensusSim.Engine;
using ConsensusSim.Numerics;
using ConsensusSim.Engine.Stages;

namespace ConsensusSim.Tests.Engine;

/// <summary>
/// The vote-only loop, the generators the loops call every trial or two and the default scenario's linkage draws, called
/// every four trials, are compiled fully optimised at their first call. Otherwise the runtime first runs them unoptimised, with every vector helper a call, and waits before optimising
/// them: about 0.1 s in a process with two processors or more, and ten times that with one, where the default
/// scenario's 10⁷ trials took 2.45 s in a library's process pinned to one processor against 0.89 s with them marked
/// (docs/performance.md, "Whole process"). The other loops are left to the runtime: compiled at once, without the
/// profile the runtime gathers first, the conditional-only loop's scalar normals ran 20 % slower for good.
/// </summary>
public class HotCodeCompilationTests
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    [Theory]
    [InlineData(typeof(NormalBlock512), nameof(NormalBlock512.Fill), 3)]
    [InlineData(typeof(NormalBlock512), nameof(NormalBlock512.FillPair), 6)]
    [InlineData(typeof(NormalBlock256), nameof(NormalBlock256.Fill), 3)]
    [InlineData(typeof(IdealPointUniforms512), nameof(IdealPointUniforms512.Draw), 9)]
    [InlineData(typeof(IdealPointUniforms256), nameof(IdealPointUniforms256.Draw), 9)]
    [InlineData(typeof(NoiseSource), nameof(NoiseSource.DrawFirstBlocks), 3)]
    [InlineData(typeof(NoiseSource), nameof(NoiseSource.DrawFirstBlocks), 4)]
    [InlineData(typeof(LinkageRedraw), nameof(LinkageRedraw.LocateEight), 2)]
    [InlineData(typeof(LinkageRedraw), nameof(LinkageRedraw.VoteThresholdsOfEight), 1)]
    [InlineData(typeof(LinkageRedraw), nameof(LinkageRedraw.LinkagesOfEight), 1)]
    [InlineData(typeof(QuantileTable), nameof(QuantileTable.Locate), 1)]
    [InlineData(typeof(QuantileTable), nameof(QuantileTable.Evaluate), 1)]
    [InlineData(typeof(BatchedLinkageStart), nameof(BatchedLinkageStart.DrawBatch), 2)]
    public void The_generators_are_compiled_fully_optimised_at_their_first_call(Type type, string name, int parameters)
    {
        var method = Assert.Single(type.GetMethods(Declared), m => m.Name == name && m.GetParameters().Length == parameters);
        Assert.True(IsAggressivelyOptimised(method), $"{type.Name}.{method} is not marked AggressiveOptimization");
    }

    [Fact]
    public void The_vote_only_loop_is_compiled_fully_optimised_at_its_first_call()
    {
        // The loop itself, its ways with the normals in registers and with fixed thresholds, and the method that picks between
        // them: the reference trial and the default scenario run here.
        var methods = typeof(FusedSingleVoteLoop).GetMethods(Declared).Where(m => m.Name is "RunVoteOnly" or "RunInRegisters" or "RunFixedThresholds").ToList();
        Assert.Equal(4, methods.Count);
        Assert.All(methods, m => Assert.True(IsAggressivelyOptimised(m), $"{m} is not marked AggressiveOptimization"));
    }

    private static bool IsAggressivelyOptimised(MethodInfo method) =>
        (method.MethodImplementationFlags & MethodImplAttributes.AggressiveOptimization) != 0;
}
