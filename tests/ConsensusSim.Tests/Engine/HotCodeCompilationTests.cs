using System.Reflection;
using ConsensusSim.Engine;
using ConsensusSim.Engine.Stages;

namespace ConsensusSim.Tests.Engine;

/// <summary>
/// The trial loops and the generators they call every trial or two are compiled fully optimised at their first call.
/// Otherwise the runtime first runs them unoptimised, with every vector helper a call, and waits before optimising
/// them: about 0.1 s in a process with two processors or more, and ten times that with one, where the default
/// scenario's 10⁷ trials took 2.45 s in a library's process pinned to one processor against 0.89 s with them marked
/// (docs/performance.md, "Whole process").
/// </summary>
public class HotCodeCompilationTests
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    /// <summary>Every trial loop's entry points: the stages named "…Loop", their methods named Run….</summary>
    private static IEnumerable<MethodInfo> LoopMethods() =>
        typeof(TrialKernel).Assembly.GetTypes()
            .Where(t => t.Namespace == typeof(FusedSingleVoteLoop).Namespace && t.Name.EndsWith("Loop", StringComparison.Ordinal))
            .SelectMany(t => t.GetMethods(Declared).Where(m => m.Name.StartsWith("Run", StringComparison.Ordinal)));

    public static TheoryData<string> Loops() => [.. LoopMethods().Select(m => $"{m.DeclaringType!.Name}.{m}")];

    [Theory]
    [MemberData(nameof(Loops))]
    public void Every_trial_loop_is_compiled_fully_optimised_at_its_first_call(string method)
    {
        Assert.True(IsAggressivelyOptimised(Find(method)), $"{method} is not marked AggressiveOptimization");
    }

    [Fact]
    public void The_loops_found_include_every_kind_of_trial()
    {
        // The discovery above would pass on no loops at all; these are the kinds of trial the planner chooses among.
        var found = LoopMethods().Select(m => m.DeclaringType!.Name).ToHashSet();
        Assert.Superset(new HashSet<string> { nameof(FusedSingleVoteLoop), nameof(FusedRoundsLoop), nameof(IndependentObjectionLoop), nameof(ConditionalOnlyLoop) }, found);
    }

    [Theory]
    [InlineData(typeof(NormalBlock512), nameof(NormalBlock512.Fill), 3)]
    [InlineData(typeof(NormalBlock512), nameof(NormalBlock512.FillPair), 6)]
    [InlineData(typeof(NormalBlock256), nameof(NormalBlock256.Fill), 3)]
    [InlineData(typeof(IdealPointUniforms512), nameof(IdealPointUniforms512.Draw), 9)]
    [InlineData(typeof(IdealPointUniforms256), nameof(IdealPointUniforms256.Draw), 9)]
    [InlineData(typeof(NoiseSource), nameof(NoiseSource.DrawFirstBlocks), 3)]
    [InlineData(typeof(NoiseSource), nameof(NoiseSource.DrawFirstBlocks), 4)]
    public void The_generators_the_loops_call_are_compiled_fully_optimised_at_their_first_call(Type type, string name, int parameters)
    {
        var method = Assert.Single(type.GetMethods(Declared), m => m.Name == name && m.GetParameters().Length == parameters);
        Assert.True(IsAggressivelyOptimised(method), $"{type.Name}.{method} is not marked AggressiveOptimization");
    }

    private static MethodInfo Find(string method)
    {
        string typeName = method[..method.IndexOf('.', StringComparison.Ordinal)];
        var type = typeof(TrialKernel).Assembly.GetTypes().Single(t => t.Name == typeName && t.Namespace == typeof(FusedSingleVoteLoop).Namespace);
        return type.GetMethods(Declared).Single(m => $"{type.Name}.{m}" == method);
    }

    private static bool IsAggressivelyOptimised(MethodInfo method) =>
        (method.MethodImplementationFlags & MethodImplAttributes.AggressiveOptimization) != 0;
}
