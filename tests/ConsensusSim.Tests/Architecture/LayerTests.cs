using System.Reflection;
using ConsensusSim.Model;

namespace ConsensusSim.Tests.Architecture;

/// <summary>
/// The library's layers point one way: read from the compiled assembly (signatures, attributes and every token in
/// every method body), from the compiler's documentation file (crefs) and from the source (usings and
/// fully-qualified names), no namespace uses a layer above it.
/// </summary>
public sealed partial class LayerTests
{
    private static readonly Assembly Library = typeof(Scenario).Assembly;
    private static readonly Lazy<IReadOnlyList<TypeUse>> LibraryUses = new(() => AssemblyTypeUses.Read(Library, out _));

    [Fact]
    public void No_namespace_of_the_library_uses_a_layer_above_it()
    {
        var offences = Offences()
            .Where(u => !Layers.KnownOffenders.Contains(Key(u)))
            .Select(u => $"{Layers.Of(u.UserNamespace)} -> {Layers.Of(u.UsedNamespace)}: {u}")
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.True(offences.Count == 0, $"{offences.Count} uses point up a layer:\n" + string.Join("\n", offences));
    }

    [Fact]
    public void Every_known_offender_still_offends_so_the_list_only_shrinks()
    {
        var current = Offences().Select(Key).ToHashSet(StringComparer.Ordinal);
        var stale = Layers.KnownOffenders.Where(k => !current.Contains(k)).ToList();
        Assert.True(stale.Count == 0, "These known offenders no longer offend; remove them:\n" + string.Join("\n", stale));
    }

    [Fact]
    public void Every_namespace_of_the_library_is_a_layer_and_every_type_has_a_namespace()
    {
        AssemblyTypeUses.Read(Library, out var unplaced);
        var strays = Library.GetTypes()
            .Select(t => t.Namespace ?? "")
            .Where(ns => Layers.Of(ns) is { } layer && !Layers.MayUse.ContainsKey(layer))
            .Distinct()
            .Concat(unplaced)
            .ToList();
        Assert.Empty(strays);
    }

    [Fact]
    public void The_reader_sees_uses_that_only_a_method_body_a_closure_or_an_attribute_holds()
    {
        var uses = AssemblyTypeUses.Read(typeof(LayerTests).Assembly, out _)
            .Where(u => u.UserType == typeof(BodyOnlyUses).FullName)
            .Select(u => $"{u.UsedType} ({u.How})")
            .ToHashSet(StringComparer.Ordinal);
        Assert.Contains("ConsensusSim.Engine.CompiledScenario (IL ldtoken)", uses);
        Assert.Contains("ConsensusSim.Model.ScenarioBuilder (IL newobj)", uses);
        Assert.Contains("ConsensusSim.Model.Scenario (IL callvirt)", uses);
        Assert.Contains("ConsensusSim.Simulation.SimulationResult (IL isinst)", uses);
        Assert.Contains("ConsensusSim.Osce.GroupingKind (IL call)", uses);
        Assert.Contains("ConsensusSim.Osce.BodyKind (attribute)", uses);
        Assert.DoesNotContain(uses, u => u.StartsWith("ConsensusSim.Serialization.", StringComparison.Ordinal));
    }

    private static IEnumerable<TypeUse> Offences() => LibraryUses.Value.Where(u =>
        Layers.Of(u.UserNamespace) is { } user && Layers.Of(u.UsedNamespace) is { } used && !Layers.Allows(user, used));

    private static string Key(TypeUse use) => use.UserType + " -> " + use.UsedType;
}
