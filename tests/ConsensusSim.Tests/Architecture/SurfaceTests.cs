using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using ConsensusSim.Model;

namespace ConsensusSim.Tests.Architecture;

/// <summary>
/// The tool and the report use the library as any caller would: every type and member of the library they
/// reference (each has a row in their metadata, whatever IL uses it) is public.
/// </summary>
public class SurfaceTests
{
    [Theory]
    [InlineData("ConsensusSim.Cli")]
    [InlineData("ConsensusSim.Reporting")]
    public void The_tool_and_the_report_use_only_the_librarys_public_surface(string assemblyName)
    {
        var library = typeof(Scenario).Assembly;
        var user = Assembly.Load(assemblyName);
        var hidden = HiddenUses(user, library).Where(u => !KnownInternalUses.Contains(u)).Order(StringComparer.Ordinal).ToList();
        Assert.True(hidden.Count == 0, $"{assemblyName} uses {hidden.Count} non-public members of the library:\n" + string.Join("\n", hidden));
    }

    [Fact]
    public void Every_known_internal_use_is_still_made_so_the_list_only_shrinks()
    {
        var used = HiddenUses(Assembly.Load("ConsensusSim.Cli"), typeof(Scenario).Assembly).ToHashSet(StringComparer.Ordinal);
        var stale = KnownInternalUses.Where(k => !used.Contains(k)).ToList();
        Assert.True(stale.Count == 0, "No longer used; remove from the list:\n" + string.Join("\n", stale));
    }

    /// <summary>
    /// Internals the tool reads through InternalsVisibleTo: the bounded reader for every input file (scenarios,
    /// checkpoints, shards, sweep parts) and the scenario document that keeps line numbers for messages. Making
    /// them public is an API decision of its own; the list only shrinks.
    /// </summary>
    private static readonly HashSet<string> KnownInternalUses = new(StringComparer.Ordinal)
    {
        "ConsensusSim.Serialization.FileKind",
        "ConsensusSim.Serialization.FileProbe",
        "ConsensusSim.Serialization.FileProbe.IdentityOf",
        "ConsensusSim.Serialization.FileProbe.KindOf",
        "ConsensusSim.Serialization.InputFile",
        "ConsensusSim.Serialization.InputFile.Describe",
        "ConsensusSim.Serialization.InputFile.ReadAllText",
        "ConsensusSim.Serialization.InputFileException",
        "ConsensusSim.Serialization.ScenarioDocument",
        "ConsensusSim.Serialization.ScenarioDocument.Load",
        "ConsensusSim.Serialization.ScenarioDocument.ToScenario",
        // The tool's option names for the library's refusals, and its design-file reader and exact grid labels,
        // which subclass the library's designs.
        "ConsensusSim.Model.ArgumentReason",
        "ConsensusSim.Model.ArgumentReason.Of",
        "ConsensusSim.Sweeps.GridDesign",
        "ConsensusSim.Sweeps.GridDesign.Create",
        "ConsensusSim.Sweeps.ISweepFingerprint",
        "ConsensusSim.Sweeps.ISweepFingerprint.Add",
        "ConsensusSim.Sweeps.LatinHypercubeDesign",
        "ConsensusSim.Sweeps.LatinHypercubeDesign.Create",
        "ConsensusSim.Sweeps.SweepDesign..ctor",
        "ConsensusSim.Sweeps.SweepDesign.CheckOrder",
        "ConsensusSim.Sweeps.SweepDesign.FullPath",
        "ConsensusSim.Sweeps.SweepDesign.Identify",
        "ConsensusSim.Sweeps.SweepDesign.Inside",
        "ConsensusSim.Sweeps.SweepDesign.N",
        "ConsensusSim.Sweeps.SweepDesign.Origin",
        "ConsensusSim.Sweeps.SweepDesign.Overlap",
        "ConsensusSim.Sweeps.SweepDesign.Values",
        "ConsensusSim.Sweeps.SweepRunner.Run",
    };

    internal static IEnumerable<string> HiddenUses(Assembly user, Assembly library)
    {
        using var stream = File.OpenRead(user.Location);
        using var pe = new PEReader(stream);
        var md = pe.GetMetadataReader();
        var module = user.ManifestModule;
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var handle in md.TypeReferences)
        {
            if (Resolve(() => module.ResolveType(MetadataTokens.GetToken(handle))) is { } type && type.Assembly == library && !type.IsVisible)
            {
                found.Add(type.FullName!);
            }
        }

        foreach (var handle in md.MemberReferences)
        {
            if (Resolve(() => module.ResolveMember(MetadataTokens.GetToken(handle))) is { DeclaringType: { } declaring } member
                && declaring.Assembly == library && !IsPublic(member))
            {
                found.Add(declaring.FullName + "." + member.Name);
            }
        }

        return found;
    }

    private static T? Resolve<T>(Func<T?> resolve)
        where T : class
    {
        try
        {
            return resolve();
        }
        catch (ArgumentException)
        {
            // A member of a generic instantiation needs its context; its declaring type is referenced on its own.
            return null;
        }
    }

    private static bool IsPublic(MemberInfo member) => member.DeclaringType!.IsVisible && member switch
    {
        MethodBase method => method.IsPublic || method.IsFamily || method.IsFamilyOrAssembly,
        FieldInfo field => field.IsPublic || field.IsFamily || field.IsFamilyOrAssembly,
        _ => true,
    };
}
