namespace ConsensusSim.Tests.Support;

/// <summary>Finds the Chromium the report screenshot test drives, if this machine has one (.ci/run installs Debian's).</summary>
internal static class HeadlessChromium
{
    public const string NotAvailable = "Chromium is not installed here (no 'chromium' on PATH). .ci/run installs Debian's package; run 'sudo apt-get install chromium' to include this test.";

    /// <summary>The browser's path; skips the calling test where there is none, unless CI demands one (CONSENSUSSIM_REQUIRE_CHROMIUM=1), where it fails.</summary>
    public static string Require() => Decide(Find(), Environment.GetEnvironmentVariable("CONSENSUSSIM_REQUIRE_CHROMIUM"));

    /// <summary>The browser found, or a skip (or, where <paramref name="required"/> is "1", a failure) without one.</summary>
    public static string Decide(string? found, string? required)
    {
        if (found is null && required == "1")
        {
            Assert.Fail("CONSENSUSSIM_REQUIRE_CHROMIUM=1 but " + NotAvailable);
        }

        Skip.If(found is null, NotAvailable);
        return found!;
    }

    private static string? Find() =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Select(d => Path.Combine(d, "chromium"))
            .FirstOrDefault(File.Exists);
}
