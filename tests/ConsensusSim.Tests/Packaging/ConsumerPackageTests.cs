namespace ConsensusSim.Tests.Packaging;

/// <summary>
/// A new user's first contact: a net10.0 console app that references the ConsensusSim and
/// ConsensusSim.Reporting packages by version, from a feed, and runs README.md's quick start and the
/// packages' own examples as written there.
/// </summary>
[Trait("Category", "Integration")]
[Collection(nameof(PacksTheProjects))]
public sealed class ConsumerPackageTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("consensussim-consumer-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public async Task A_net10_console_app_runs_the_READMEs_quick_start_and_the_package_examples_from_the_packages()
    {
        string root = Dotnet.RepositoryRoot();
        string feed = Path.Combine(dir, "feed");
        foreach (string project in new[] { "ConsensusSim", "ConsensusSim.Reporting" })
        {
            var pack = await Dotnet.Run("pack", Path.Combine(root, "src", project, project + ".csproj"), "-c", "Release", "-o", feed);
            Assert.True(pack.Code == 0, pack.Output);
        }

        string app = Path.Combine(dir, "app");
        Directory.CreateDirectory(app);
        File.WriteAllText(Path.Combine(app, "Consumer.csproj"), ConsumerProject(Dotnet.PackageVersion));
        File.WriteAllText(Path.Combine(app, "nuget.config"), NuGetConfig(feed));
        File.WriteAllText(Path.Combine(app, "Program.cs"), MarkdownCSharp.OnlyBlockUnder(File.ReadAllText(Path.Combine(root, "README.md")), "Quick start in C#"));
        string[] packageReadmes = [Path.Combine(root, "src", "ConsensusSim", "PACKAGE.md"), Path.Combine(root, "src", "ConsensusSim.Reporting", "PACKAGE.md")];
        File.WriteAllText(Path.Combine(app, "PackageReadmes.cs"), PackageReadmesFile(packageReadmes));

        // A packages folder of its own, so the app gets the packages just packed, never a cached 0.5.0.
        var ownPackages = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(dir, "packages") };
        var build = await Dotnet.Run("dotnet", ["build", "-c", "Release"], app, ownPackages);
        Assert.True(build.Code == 0, build.Output);
        Assert.True(File.Exists(Path.Combine(dir, "packages", "consensussim", Dotnet.PackageVersion, $"consensussim.{Dotnet.PackageVersion}.nupkg")), "the app should restore ConsensusSim from the feed");

        string program = Path.Combine(app, "bin", "Release", "net10.0", "Consumer.dll");
        var quickStart = await Dotnet.Run("dotnet", [program], app);
        Assert.True(quickStart.Code == 0, quickStart.Output);
        Assert.StartsWith("P(adopted) = 0.", quickStart.Output, StringComparison.Ordinal);
        Assert.Contains("95% CI", quickStart.Output, StringComparison.Ordinal);
        Assert.Contains("Russian Federation: blocks in", quickStart.Output, StringComparison.Ordinal);

        var examples = await Dotnet.Run("dotnet", [program], app, new Dictionary<string, string> { ["CONSUMER_RUN_PACKAGE_READMES"] = "1" });
        Assert.True(examples.Code == 0, examples.Output);
        Assert.Contains("P(adopted) = 0.", examples.Output, StringComparison.Ordinal);
        Assert.True(new FileInfo(Path.Combine(app, "charts", "outcomes.png")).Length > 1000, examples.Output);
        Assert.Contains("<svg", File.ReadAllText(Path.Combine(app, "report.html")), StringComparison.Ordinal);
    }

    private static string ConsumerProject(string version) => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <ImplicitUsings>enable</ImplicitUsings>
            <Nullable>enable</Nullable>
            <!-- The module initializer that runs the package examples on request (see PackageReadmes.cs). -->
            <NoWarn>$(NoWarn);CA2255</NoWarn>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="ConsensusSim" Version="{version}" />
            <PackageReference Include="ConsensusSim.Reporting" Version="{version}" />
          </ItemGroup>
        </Project>
        """;

    /// <summary>
    /// ConsensusSim's packages from the feed only; their dependencies from this machine's packages
    /// folder (the solution's restore put them there), so the test needs no network.
    /// </summary>
    private static string NuGetConfig(string feed)
    {
        string machine = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } set
            ? set
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        return $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="feed" value="{feed}" />
                <add key="machine" value="{machine}" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="feed">
                  <package pattern="ConsensusSim" />
                  <package pattern="ConsensusSim.*" />
                </packageSource>
                <packageSource key="machine">
                  <package pattern="*" />
                </packageSource>
              </packageSourceMapping>
              <fallbackPackageFolders>
                <clear />
              </fallbackPackageFolders>
            </configuration>
            """;
    }

    /// <summary>
    /// The packages' examples as methods, run instead of the quick start when the environment asks:
    /// Program.cs stays the README's block exactly as written.
    /// </summary>
    private static string PackageReadmesFile(IEnumerable<string> packageReadmes)
    {
        var blocks = packageReadmes.SelectMany(path => MarkdownCSharp.Blocks(File.ReadAllText(path))).ToList();
        Assert.NotEmpty(blocks);
        return MarkdownCSharp.AsMethods(blocks, "PackageReadmes") + """

            internal static class PackageReadmesEntry
            {
                [System.Runtime.CompilerServices.ModuleInitializer]
                internal static void RunWhenAsked()
                {
                    if (Environment.GetEnvironmentVariable("CONSUMER_RUN_PACKAGE_READMES") == "1")
                    {
                        PackageReadmes.RunAll();
                        Environment.Exit(0);
                    }
                }
            }
            """;
    }
}
