using System.Runtime.InteropServices;
using ConsensusSim.Tests.Support;

namespace ConsensusSim.Tests.Packaging;

/// <summary>The command line ships as a .NET tool, one package per platform: pack it, install it from the folder, run it.</summary>
[Trait("Category", "Integration")]
[Collection(nameof(PacksTheProjects))]
public sealed class ToolPackagingTests : CliHarness
{
    private static readonly string[] ToolPlatforms = ["linux-x64", "linux-arm64", "osx-x64", "osx-arm64", "win-x64"];

    [Fact]
    public async Task The_tool_packs_installs_from_a_folder_as_this_platforms_package_and_runs()
    {
        string project = Path.Combine(Dotnet.RepositoryRoot(), "src", "ConsensusSim.Cli", "ConsensusSim.Cli.csproj");
        string rid = RuntimeInformation.RuntimeIdentifier;
        // Packing this platform's package only keeps the test to one publish; .ci/run packs them all.
        string[] onlyThisPlatform = ToolPlatforms.Contains(rid) ? [$"-p:ToolPackageRuntimeIdentifiers={rid}"] : [];
        var pack = await Dotnet.Run(["pack", project, "-c", "Release", "-o", F("packages"), .. onlyThisPlatform]);
        Assert.True(pack.Code == 0, pack.Output);
        Assert.True(File.Exists(F($"packages/ConsensusSim.Cli.{Dotnet.PackageVersion}.nupkg")), pack.Output);

        var install = await Dotnet.Run("tool", "install", "--tool-path", F("tools"), "--add-source", F("packages"), "ConsensusSim.Cli", "--version", Dotnet.PackageVersion);
        Assert.True(install.Code == 0, install.Output);
        if (ToolPlatforms.Contains(rid))
        {
            Assert.True(Directory.Exists(F($"tools/.store/consensussim.cli/{Dotnet.PackageVersion}/consensussim.cli.{rid}")), "the pointer package should resolve to this platform's package");
        }

        string tool = Path.Combine(F("tools"), OperatingSystem.IsWindows() ? "consensussim.exe" : "consensussim");
        var run = await Dotnet.Run(tool, ["run", "--trials", "2000", "--out", F("out")]);
        Assert.True(run.Code == 0, run.Output);
        Assert.Contains("P(adopted)", run.Output, StringComparison.Ordinal);
        // The charts need the platform's SkiaSharp natives, the reason for per-platform packages.
        Assert.True(new FileInfo(F("out/outcomes.png")).Length > 1000, "outcomes.png should be a drawn chart");
    }
}
