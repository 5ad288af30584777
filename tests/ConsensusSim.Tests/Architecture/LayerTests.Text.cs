using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace ConsensusSim.Tests.Architecture;

/// <summary>What the compiled code does not show: documentation references, using directives, the folders.</summary>
public sealed partial class LayerTests
{
    [Fact]
    public void The_documentation_of_each_layer_refers_only_to_layers_it_may_use()
    {
        var namespaces = Library.GetTypes().Select(t => t.Namespace).OfType<string>().Distinct()
            .OrderByDescending(n => n.Length).ToList();
        var offences = new List<string>();
        foreach (var member in XDocument.Load(Path.ChangeExtension(Library.Location, ".xml")).Descendants("member"))
        {
            string id = member.Attribute("name")!.Value;
            if (LayerOf(id[2..].Split('(')[0], namespaces) is not { } user)
            {
                continue;
            }

            foreach (var cref in member.Descendants().Attributes("cref"))
            {
                foreach (Match name in QualifiedName().Matches(cref.Value))
                {
                    if (LayerOf(name.Value, namespaces) is { } used && !Layers.Allows(user, used))
                    {
                        offences.Add($"{user} -> {used}: the documentation of {id} refers to {cref.Value}");
                    }
                }
            }
        }

        Assert.True(offences.Count == 0, string.Join("\n", offences.Distinct()));
    }

    [Fact]
    public void Each_source_folder_declares_its_layers_namespace_and_names_no_layer_above_it()
    {
        string source = Path.Combine(RepositoryRoot(), "src", "ConsensusSim");
        var offences = new List<string>();
        foreach (string file in Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(source, file).Replace('\\', '/');
            string folder = relative.Split('/')[0];
            if (folder is "obj" or "bin")
            {
                continue;
            }

            if (!Layers.MayUse.ContainsKey(folder))
            {
                offences.Add($"{relative} is in no layer's folder");
                continue;
            }

            offences.AddRange(SourceOffences(relative, folder, File.ReadAllLines(file)));
        }

        Assert.True(offences.Count == 0, string.Join("\n", offences));
    }

    private static IEnumerable<string> SourceOffences(string relative, string folder, string[] lines)
    {
        bool declared = false;
        for (int i = 0; i < lines.Length; i++)
        {
            var declaration = NamespaceDeclaration().Match(lines[i]);
            if (declaration.Success)
            {
                declared = true;
                if (Layers.Of(declaration.Groups[1].Value) != folder)
                {
                    yield return $"{relative}:{i + 1} declares {declaration.Groups[1].Value}, not a namespace of layer {folder}";
                }

                continue;
            }

            // A constant leaves no trace in the compiled code, so names qualified by a layer's namespace are read
            // here; a name qualified only from ConsensusSim on (Engine.NormalBlock) counts if the layer has that type.
            string code = lines[i].TrimStart().StartsWith("//", StringComparison.Ordinal) ? "" : StringLiteral().Replace(lines[i], "\"\"");
            var names = LayerName().Matches(code).Concat(PartlyQualifiedName().Matches(code).Where(m => TypesByLayer.Value.Contains(m.Value)));
            foreach (Match name in names)
            {
                string used = name.Groups[1].Value;
                if (Layers.MayUse.ContainsKey(used) && !Layers.Allows(folder, used))
                {
                    yield return $"{relative}:{i + 1}: {folder} -> {used}: {lines[i].Trim()}";
                }
            }
        }

        if (!declared)
        {
            yield return $"{relative} declares no namespace";
        }
    }

    private static readonly Lazy<HashSet<string>> TypesByLayer = new(() => Library.GetTypes()
        .Where(t => !t.IsNested && t.Namespace is not null && Layers.Of(t.Namespace) is not null)
        .Select(t => Layers.Of(t.Namespace!) + "." + t.Name.Split('`')[0])
        .ToHashSet(StringComparer.Ordinal));

    private static string? LayerOf(string qualifiedName, List<string> namespaces) =>
        namespaces.FirstOrDefault(ns => qualifiedName == ns || qualifiedName.StartsWith(ns + ".", StringComparison.Ordinal)) is { } found
            ? Layers.Of(found)
            : null;

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ConsensusSim.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("The repository root (ConsensusSim.sln) was not found above the test folder.");
    }

    [GeneratedRegex(@"ConsensusSim(?:\.[\w`]+)+")]
    private static partial Regex QualifiedName();

    [GeneratedRegex(@"\bConsensusSim\.([A-Z]\w*)")]
    private static partial Regex LayerName();

    [GeneratedRegex(@"(?<![\w.])(Numerics|Osce|Procedures|Model|Behaviour|Analysis|Engine|Simulation|Sweeps|Calibration|Serialization|Import)\.[A-Z]\w*")]
    private static partial Regex PartlyQualifiedName();

    [GeneratedRegex(@"\$?@?""(?:[^""\\]|\\.)*""")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"^\s*namespace\s+([\w.]+)")]
    private static partial Regex NamespaceDeclaration();
}
