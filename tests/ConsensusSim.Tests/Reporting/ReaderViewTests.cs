using System.Text.Json.Nodes;
using ConsensusSim.Import;
using ConsensusSim.Model;
using ConsensusSim.Reporting;
using ConsensusSim.Serialization;
using ConsensusSim.Simulation;
using ConsensusSim.Tests.Support;

namespace ConsensusSim.Tests.Reporting;

/// <summary>
/// The report as a reader sees it, in headless Chromium, at a desktop width and at a phone's
/// (375 px): no block wider than its box unless it scrolls in a box of its own, every chart drawn,
/// no text under 12 px, no chart text outside its drawing, no label of the procedure diagram over another.
/// </summary>
public sealed class ReaderViewTests : CliHarness
{
    public static TheoryData<string, int> Reports() => new()
    {
        { "default", 1000 },
        { "default", 375 },
        { "stress", 1000 },
        { "stress", 375 },
    };

    [Trait("Category", "Integration")]
    [SkippableTheory]
    [MemberData(nameof(Reports))]
    public async Task A_reader_sees_every_block_inside_the_page_every_chart_and_readable_text(string report, int width)
    {
        string chromium = HeadlessChromium.Require();
        var (html, charts) = report == "default" ? Default() : Stress();
        var view = await ReaderView.Measure(chromium, html, width, F(report));

        Assert.Equal(width, (int)view["width"]!);
        Assert.Empty(Strings(view["overflowing"]));
        Assert.Empty(Strings(view["smallText"]));
        Assert.Empty(Strings(view["outside"]));
        Assert.Empty(Strings(view["overlaps"]));
        Assert.All(view["images"]!.AsArray(), image => Assert.True((int)image!["naturalWidth"]! > 0, image.ToJsonString()));

        // The charts and the procedure diagram, each drawn at its own size with text: none collapsed, none empty.
        var drawn = view["charts"]!.AsArray();
        Assert.Equal(charts + 1, drawn.Count);
        Assert.All(drawn, chart =>
        {
            Assert.True((double)chart!["width"]! >= 400 && (double)chart["height"]! >= 200, chart.ToJsonString());
            Assert.True((int)chart["texts"]! >= 5, chart.ToJsonString());
            Assert.True((double)chart["smallestText"]! >= 12, chart.ToJsonString());
        });
    }

    /// <summary>The default scenario: one round, so two charts (no rounds chart).</summary>
    private (string Html, int Charts) Default()
    {
        var scenario = Scenario.Default;
        var result = MonteCarloRunner.Run(scenario.Compile(), new SimulationOptions { Trials = 20_000 });
        var charts = ResultCharts.WriteAll(F("default-charts"), result, scenario);
        return (HtmlReport.Render(scenario, result, charts), charts.Count);
    }

    /// <summary>An imported table (actors, no OSCE State) under a very long name, with a multi-round procedure: every chart, long lines everywhere.</summary>
    private (string Html, int Charts) Stress()
    {
        var imported = DecideFormat.Load(Path.Combine(AppContext.BaseDirectory, "imports", "decide-CoP21.csv")).ToScenario(statusQuo: 0.1).ToBuilder();
        imported.Name = "An imported negotiation with a name far longer than any chart title or page heading can hold on one line: CoP21 Paris, power scores from expert judgements, status quo 0.1, " + new string('x', 60);
        imported.Procedure = new ProcedureOptions { MaxRounds = 3 };
        var scenario = imported.Build();
        var result = MonteCarloRunner.Run(scenario.Compile(), new SimulationOptions { Trials = 20_000 });
        var charts = ResultCharts.WriteAll(F("stress-charts"), result, scenario);
        return (HtmlReport.Render(scenario, result, charts), charts.Count);
    }

    private static List<string> Strings(JsonNode? array) => [.. array!.AsArray().Select(n => n!.ToString())];
}
