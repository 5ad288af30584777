using System.Diagnostics;
using ConsensusSim.Tests.Docs;
using ConsensusSim.Tests.Support;

namespace ConsensusSim.Tests.Samples;

/// <summary>
/// samples/python/thesis_chart.py draws the thesis chart from a sweep CSV the tool wrote. It needs python3 with pandas
/// and matplotlib: without them the test skips saying how to install them, unless CI demands them
/// (CONSENSUSSIM_REQUIRE_PANDAS=1, set by .ci/run), where it fails. The R script beside it is not run.
/// </summary>
[Trait("Category", "Integration")]
public sealed class PythonThesisChartTests : CliHarness
{
    public const string NotAvailable =
        "python3 with pandas and matplotlib is not installed here. .ci/run installs Debian's packages; run 'sudo apt-get install python3-pandas python3-matplotlib' to include this test.";

    [SkippableFact]
    public void The_pandas_script_draws_the_thesis_chart_from_a_sweep_csv()
    {
        string python = RequirePython();
        string scenario = Path.Combine(AppContext.BaseDirectory, "scenarios", "counter-terrorism-pc.json");
        var (code, _, err) = Cli("sweep", scenario, "--vary", "tension=0:1:0.25", "--vary", "topic=counter-terrorism,conflict-prevention", "--trials", "1000", "--seed", "4", "--out", F("sweep.csv"));
        Assert.True(code == 0, err);

        var (exit, stdout, stderr) = Run(python, Path.Combine(MarkdownBlocks.Root, "samples", "python", "thesis_chart.py"), F("sweep.csv"), F("thesis.png"));

        Assert.True(exit == 0, $"exit {exit}: {stderr}");
        Assert.Contains("10 points, 2 curve(s)", stdout, StringComparison.Ordinal);
        byte[] png = File.ReadAllBytes(F("thesis.png"));
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        Assert.True(png.Length > 10_000, $"the chart is only {png.Length} bytes");
    }

    /// <summary>A python3 that imports pandas and matplotlib (the one on PATH, else Debian's), or a skip or failure.</summary>
    private static string RequirePython()
    {
        string? found = new[] { "python3", "/usr/bin/python3" }.FirstOrDefault(p => Imports(p));
        if (found is null && Environment.GetEnvironmentVariable("CONSENSUSSIM_REQUIRE_PANDAS") == "1")
        {
            Assert.Fail("CONSENSUSSIM_REQUIRE_PANDAS=1 but " + NotAvailable);
        }

        Skip.If(found is null, NotAvailable);
        return found!;
    }

    private static bool Imports(string python)
    {
        try
        {
            return Run(python, "-c", "import pandas, matplotlib").Code == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // no such program
        }
    }

    private static (int Code, string Out, string Err) Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in args)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["MPLCONFIGDIR"] = Path.Combine(Path.GetTempPath(), "consensussim-matplotlib");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{program} took more than 2 minutes");
        }

        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
