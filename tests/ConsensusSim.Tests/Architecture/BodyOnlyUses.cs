using ConsensusSim.Engine;
using ConsensusSim.Model;
using ConsensusSim.Osce;
using ConsensusSim.Simulation;

namespace ConsensusSim.Tests.Architecture;

/// <summary>Uses of library types that no signature shows: the layer reader must still see each.</summary>
[Names(typeof(BodyKind))]
internal static class BodyOnlyUses
{
    public static object Token() => typeof(CompiledScenario);

    public static object Construct() => new ScenarioBuilder();

    public static Func<object, string> Closure() => value => value is Scenario s ? s.Name : "";

    public static bool Test(object value) => value is SimulationResult;

    public static int Instantiate() => Array.Empty<GroupingKind>().Length;
}

/// <summary>An attribute whose only link to its argument is a serialized type name.</summary>
[AttributeUsage(AttributeTargets.Class)]
internal sealed class NamesAttribute(Type type) : Attribute
{
    public Type Type { get; } = type;
}
