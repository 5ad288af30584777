using System.Diagnostics;
using ConsensusSim.Model;
using ConsensusSim.Reporting;
using ConsensusSim.Simulation;
using ConsensusSim.Tests.Support;
using SkiaSharp;
using ConsensusSim.Serialization;

namespace ConsensusSim.Tests.Reporting;

public sealed class ReportTests : CliHarness
{
    [Fact]
    public void Run_out_writes_charts_as_PNG_and_SVG_and_a_self_contained_report()
    {
        var (code, _, _) = Cli("run", Path.Combine(AppContext.BaseDirectory, "scenarios", "field-mission-mandate.json"), "--trials", "20000", "--out", F("out"));
        Assert.Equal(0, code);
        foreach (var chart in new[] { "outcomes", "rounds", "blockers" })
        {
            using var bitmap = SKBitmap.Decode(F($"out/{chart}.png"));
            Assert.Equal(ResultCharts.Width, bitmap.Width);
            Assert.True(DistinctColours(bitmap) > 20, chart);
            Assert.Contains("<svg", File.ReadAllText(F($"out/{chart}.svg")), StringComparison.Ordinal);
        }

        string html = File.ReadAllText(F("out/report.html"));
        Assert.Contains("<svg", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<?xml", html, StringComparison.Ordinal);
        Assert.Contains("Field mission mandate extension", html, StringComparison.Ordinal);
        Assert.Contains("stateDiagram-v2", html, StringComparison.Ordinal);
        Assert.Contains(">SilenceProcedure</text>", html, StringComparison.Ordinal);

        // Self-contained: nothing is fetched from the network.
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
    }

    [Trait("Category", "Integration")]
    [SkippableFact]
    public async Task The_report_renders_in_headless_Chromium()
    {
        string chromium = HeadlessChromium.Require();
        var result = MonteCarloRunner.Run(Scenario.Default.Compile(), new SimulationOptions { Trials = 20_000 });
        var charts = ResultCharts.WriteAll(F("charts"), result, Scenario.Default);
        File.WriteAllText(F("report.html"), HtmlReport.Render(Scenario.Default, result, charts));

        var start = new ProcessStartInfo(chromium) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", $"--user-data-dir={F("profile")}", $"--screenshot={F("shot.png")}",
            "--window-size=1000,1600", new Uri(F("report.html")).AbsoluteUri,
        })
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(File.Exists(F("shot.png")), await output);

        using var shot = SKBitmap.Decode(F("shot.png"));
        Assert.Equal(1000, shot.Width);

        // Not blank: many colours (text, bars, axes) and a good share of non-white pixels.
        Assert.True(DistinctColours(shot) > 50, "the screenshot has almost no colours");
        Assert.True(NonWhiteShare(shot) > 0.03, "the screenshot is almost all white");
    }

    [Fact]
    public void The_procedure_is_drawn_as_SVG_with_every_stage_and_transition()
    {
        string svg = ProcedureDiagram.Svg(ConsensusSim.Procedures.ProcedureDefinition.OsceConsensus);
        Assert.StartsWith("<svg", svg, StringComparison.Ordinal);
        foreach (var stage in Enum.GetValues<ConsensusSim.Procedures.ProcedureStage>())
        {
            Assert.Contains($">{stage}</text>", svg, StringComparison.Ordinal);
        }

        Assert.Equal(ConsensusSim.Procedures.ProcedureDefinition.OsceConsensus.Compile().TransitionCount, svg.Split("marker-end=").Length - 1);
        Assert.Contains("Revise", svg, StringComparison.Ordinal);
        Assert.Contains("[blocked, last round, escalate]", svg, StringComparison.Ordinal);
    }

    private static int DistinctColours(SKBitmap bitmap)
    {
        var colours = new HashSet<uint>();
        for (int y = 0; y < bitmap.Height; y += 3)
        {
            for (int x = 0; x < bitmap.Width; x += 3)
            {
                colours.Add((uint)bitmap.GetPixel(x, y));
            }
        }

        return colours.Count;
    }

    private static double NonWhiteShare(SKBitmap bitmap)
    {
        long nonWhite = 0, all = 0;
        for (int y = 0; y < bitmap.Height; y += 2)
        {
            for (int x = 0; x < bitmap.Width; x += 2)
            {
                var c = bitmap.GetPixel(x, y);
                nonWhite += c.Red < 240 || c.Green < 240 || c.Blue < 240 ? 1 : 0;
                all++;
            }
        }

        return (double)nonWhite / all;
    }
}
