using ConsensusSim.Tests.Support;

namespace ConsensusSim.Tests.Reporting.Hostile;

/// <summary>
/// Item 22 of issue 15: on a machine with only the .NET SDK the browser test skips, saying how to
/// include it; where CI demands it (CONSENSUSSIM_REQUIRE_CHROMIUM=1, as .ci/run sets) it fails instead.
/// </summary>
public sealed class ChromiumSkipTests
{
    [Fact]
    public void Without_Chromium_the_browser_test_skips_and_says_how_to_run_it()
    {
        var skip = Assert.ThrowsAny<Exception>(() => HeadlessChromium.Decide(found: null, required: null));
        Assert.Equal("SkipException", skip.GetType().Name);
        Assert.Contains("apt-get install chromium", skip.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_Chromium_the_browser_test_fails_where_CI_requires_it()
    {
        var failure = Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => HeadlessChromium.Decide(found: null, required: "1"));
        Assert.Contains("CONSENSUSSIM_REQUIRE_CHROMIUM=1", failure.Message, StringComparison.Ordinal);
        Assert.Equal("/usr/bin/chromium", HeadlessChromium.Decide(found: "/usr/bin/chromium", required: "1"));
    }

    [Fact]
    public void The_CI_script_requires_Chromium_as_it_requires_Slurm()
    {
        string ci = File.ReadAllText(Path.Combine(RepoRoot(), ".ci", "run"));
        Assert.Contains("export CONSENSUSSIM_REQUIRE_CHROMIUM=1", ci, StringComparison.Ordinal);
        Assert.Contains("export CONSENSUSSIM_REQUIRE_SLURM=1", ci, StringComparison.Ordinal);
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ConsensusSim.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Not inside the repository.");
    }
}
