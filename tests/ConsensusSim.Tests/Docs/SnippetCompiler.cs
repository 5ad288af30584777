using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ConsensusSim.Tests.Docs;

/// <summary>
/// Compiles a documentation block in memory as a reader's <c>dotnet new console</c> app would: C# of the SDK's version,
/// nullable on, the console template's implicit usings, and references to the framework's reference assemblies,
/// ConsensusSim and ConsensusSim.Reporting (with the packages they expose).
/// </summary>
internal static class SnippetCompiler
{
    /// <summary>The global usings the .NET SDK adds to a console app (ImplicitUsings enabled, as <c>dotnet new console</c> writes).</summary>
    public static readonly string[] ImplicitUsings =
        ["System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks"];

    /// <summary>Every public namespace of the library and of Reporting: what a fragment may use without saying so.</summary>
    public static IEnumerable<string> LibraryNamespaces() =>
        new[] { typeof(ConsensusSim.Model.Scenario).Assembly, typeof(ConsensusSim.Reporting.ResultCharts).Assembly }
            .SelectMany(a => a.GetExportedTypes())
            .Select(t => t.Namespace)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);

    private static readonly Lazy<MetadataReference[]> References = new(LoadReferences);

    /// <summary>Compiles the sources into a console program.</summary>
    /// <param name="name">The assembly's name.</param>
    /// <param name="sources">The syntax trees' texts with their paths (the block's file, so errors point at it).</param>
    /// <returns>The compilation.</returns>
    public static CSharpCompilation Compile(string name, params (string Text, string Path)[] sources)
    {
        var options = new CSharpParseOptions(LanguageVersion.Latest);
        var trees = sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, options, s.Path)).ToList();
        trees.Add(CSharpSyntaxTree.ParseText(string.Concat(ImplicitUsings.Select(u => $"global using global::{u};\n")), options, "ImplicitUsings.g.cs"));
        return CSharpCompilation.Create(
            name,
            trees,
            References.Value,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
    }

    /// <summary>The errors of a compilation, one per line, each with the Markdown line it comes from.</summary>
    public static string[] Errors(CSharpCompilation compilation, int firstLine) =>
        [.. compilation.GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .Select(d => d.Location.IsInSource && d.Location.SourceTree!.FilePath.EndsWith(".md", StringComparison.Ordinal)
                ? $"{d.Location.SourceTree.FilePath}:{firstLine + d.Location.GetLineSpan().StartLinePosition.Line}: {d.Id}: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}"
                : d.ToString())];

    /// <summary>Runs a compiled program's entry point in a collectible load context, the library shared with the tests.</summary>
    /// <param name="compilation">A compilation without errors.</param>
    public static void Run(CSharpCompilation compilation)
    {
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        Assert.True(emitted.Success, string.Join('\n', emitted.Diagnostics));
        image.Position = 0;
        var context = new AssemblyLoadContext(compilation.AssemblyName, isCollectible: true);
        try
        {
            var entry = context.LoadFromStream(image).EntryPoint!;
            entry.Invoke(null, entry.GetParameters().Length == 0 ? null : [Array.Empty<string>()]);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            throw ex.InnerException;
        }
        finally
        {
            context.Unload();
        }
    }

    private static MetadataReference[] LoadReferences()
    {
        // The reference pack of the running runtime (dotnet/packs/Microsoft.NETCore.App.Ref/<version>/ref/net10.0),
        // as a real build uses; the runtime's own assemblies only where no pack is installed.
        string runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        string dotnetRoot = Path.GetFullPath(Path.Combine(runtime, "..", "..", ".."));
        string packs = Path.Combine(dotnetRoot, "packs", "Microsoft.NETCore.App.Ref");
        string framework = $"net{Environment.Version.Major}.{Environment.Version.Minor}";
        string? refPack = Directory.Exists(packs)
            ? Directory.GetDirectories(packs)
                .Select(v => Path.Combine(v, "ref", framework))
                .Where(Directory.Exists)
                .OrderByDescending(d => Version.TryParse(Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(d))!).Split('-')[0], out var v) ? v : new Version())
                .FirstOrDefault()
            : null;
        var frameworkFiles = refPack is not null
            ? Directory.GetFiles(refPack, "*.dll")
            : ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator).Where(p => p.StartsWith(runtime, StringComparison.Ordinal));

        // The library and Reporting, and the packages whose types their public API shows (Stateless, MathNet, ScottPlot, SkiaSharp).
        string[] libraries = ["ConsensusSim.dll", "ConsensusSim.Reporting.dll", "Stateless.dll", "MathNet.Numerics.dll", "ScottPlot.dll", "SkiaSharp.dll"];
        var libraryFiles = libraries.Select(l => Path.Combine(AppContext.BaseDirectory, l)).Where(File.Exists);
        return [.. frameworkFiles.Concat(libraryFiles).Select(f => MetadataReference.CreateFromFile(f))];
    }
}
