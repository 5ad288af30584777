using ConsensusSim.Import;
using ConsensusSim.Model;
using ConsensusSim.Reporting;
using ConsensusSim.Serialization;
using ConsensusSim.Simulation;
using ScottPlot;
using SkiaSharp;

namespace ConsensusSim.Tests.Reporting;

/// <summary>Item 7 of issue 19: charts a reader can trust — whole titles, honest colours and legends, no empty charts, a sans-serif face everywhere.</summary>
public sealed class ChartTests : Support.CliHarness
{
    private static readonly Color[] BlocColours = [Colors.SteelBlue, Colors.DarkOrange, Colors.SeaGreen, Colors.FireBrick, Colors.MediumPurple, Colors.SaddleBrown];

    [Fact]
    public void Imported_actors_are_drawn_in_neutral_colours_and_the_legend_names_no_OSCE_bloc()
    {
        var scenario = DecideFormat.Load(Path.Combine(AppContext.BaseDirectory, "imports", "decide-CoP21.csv")).ToScenario(statusQuo: 0.1);
        var result = MonteCarloRunner.Run(scenario.Compile(), new SimulationOptions { Trials = 4_000, Seed = 11 });
        Assert.Contains(result.Blockers, b => b.BlockedTrials > 0);

        var plot = ResultCharts.Blockers(result, scenario);

        var legend = plot.Legend.ManualItems.Select(i => i.LabelText).ToList();
        Assert.Equal(["actor, not an OSCE State"], legend);
        var bars = plot.GetPlottables().OfType<ScottPlot.Plottables.BarPlot>().Single().Bars;
        Assert.NotEmpty(bars);
        Assert.All(bars, bar => Assert.DoesNotContain(bar.FillColor, BlocColours));
    }

    [Fact]
    public void The_blockers_legend_lists_only_the_blocs_drawn()
    {
        var result = MonteCarloRunner.Run(Scenario.Default.Compile(), new SimulationOptions { Trials = 20_000, Seed = 3 });
        var plot = ResultCharts.Blockers(result, Scenario.Default);

        var drawn = result.Blockers.Where(b => b.BlockedTrials > 0).Take(15)
            .Select(b => Scenario.Default.ParticipantBloc(b.State)).Distinct()
            .Select(id => Scenario.Default.Catalog.Groupings.Single(g => g.Id == id).Name).Order().ToList();
        Assert.Equal(drawn, plot.Legend.ManualItems.Select(i => i.LabelText).Order().ToList());
        Assert.True(drawn.Count < 6, "the default scenario's blockers come from fewer than six blocs, or this test proves nothing");
    }

    [Fact]
    public void From_the_catalog_alone_a_code_that_is_not_an_OSCE_State_gets_no_bloc_colour()
    {
        var scenario = DecideFormat.Load(Path.Combine(AppContext.BaseDirectory, "imports", "decide-CoP21.csv")).ToScenario(statusQuo: 0.1);
        var result = MonteCarloRunner.Run(scenario.Compile(), new SimulationOptions { Trials = 4_000, Seed = 11 });

        var plot = ResultCharts.Blockers(result, scenario.Catalog);

        // The catalog alone cannot tell the actor "USA" from the State: only codes it does not know are certain to be neutral.
        var shown = result.Blockers.Where(b => b.BlockedTrials > 0).Take(15).Reverse().ToList();
        var bars = plot.GetPlottables().OfType<ScottPlot.Plottables.BarPlot>().Single().Bars;
        var unknown = Enumerable.Range(0, shown.Count).Where(k => !scenario.Catalog.TryGetState(shown[k].State, out _)).ToList();
        Assert.NotEmpty(unknown);
        Assert.All(unknown, k => Assert.DoesNotContain(bars[k].FillColor, BlocColours));
        Assert.Contains(plot.Legend.ManualItems, i => i.LabelText == "not an OSCE State");
    }

    [Fact]
    public void A_one_round_scenario_has_no_rounds_chart_and_the_report_says_why()
    {
        Assert.Equal(1, Scenario.Default.Procedure.MaxRounds);
        Assert.False(Scenario.Default.Procedure.EscalateToMinisterialCouncil);
        var result = MonteCarloRunner.Run(Scenario.Default.Compile(), new SimulationOptions { Trials = 2_000 });

        var charts = ResultCharts.Render(result, Scenario.Default);

        Assert.False(ResultCharts.HasRounds(result));
        Assert.Equal(["outcomes", "blockers"], charts.Select(c => c.Name));
        string html = HtmlReport.Render(Scenario.Default, result, charts.ToDictionary(c => c.Name, c => c.InlineSvg));
        Assert.Contains("there is no chart of rounds", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_scenario_of_several_rounds_keeps_its_rounds_chart()
    {
        var b = Scenario.Default.ToBuilder();
        b.Procedure = new ProcedureOptions { MaxRounds = 3 };
        var scenario = b.Build();
        var result = MonteCarloRunner.Run(scenario.Compile(), new SimulationOptions { Trials = 2_000 });

        Assert.True(ResultCharts.HasRounds(result));
        Assert.Equal(["outcomes", "rounds", "blockers"], ResultCharts.Render(result, scenario).Select(c => c.Name));
    }

    [Fact]
    public void The_sweep_chart_is_titled_by_scenario_and_parameter_and_its_legend_by_the_series_parameter()
    {
        SweepPoint[] points =
        [
            new(0, "arms-control", 0.9, 0.88, 0.92), new(1, "arms-control", 0.5, 0.48, 0.52),
            new(0, "trafficking", 0.95, 0.94, 0.96), new(1, "trafficking", 0.9, 0.89, 0.91),
        ];
        string title = SweepChart.Title("Counter-terrorism decision", "tension", "topic");

        var plot = SweepChart.Create(points, "tension", title, "topic");

        Assert.Equal("Counter-terrorism decision: P(adopted) by tension, for each topic", title);
        Assert.Equal(title, plot.Axes.Title.Label.Text);
        var legend = plot.Legend.ManualItems;
        Assert.Equal(["topic", "arms-control", "trafficking"], legend.Select(i => i.LabelText));
        Assert.True(legend[0].LabelStyle.Bold);
        Assert.False(plot.Legend.DisplayPlottableLegendItems);
    }

    [Fact]
    public void The_sweep_command_titles_its_chart_by_the_scenario_name_not_the_file_name()
    {
        string scenario = Path.Combine(AppContext.BaseDirectory, "scenarios", "counter-terrorism-pc.json");
        var (code, _, error) = Cli("sweep", scenario, "--vary", "tension=0,1", "--vary", "topic=migration,arms-control", "--trials", "500", "--out", F("s.csv"), "--chart", F("chart"));

        Assert.True(code == 0, error);
        string svg = File.ReadAllText(F("chart.svg"));
        Assert.Contains(ScenarioJson.Load(scenario).Name.Split(' ')[0], svg, StringComparison.Ordinal);
        Assert.DoesNotContain("counter-terrorism-pc", svg, StringComparison.Ordinal);
        Assert.Matches(@">\s*topic\s*<", svg);
        AssertTitleInside(svg);
    }

    /// <summary>Each title line's glyphs, as the SVG places them, lie inside the chart's width.</summary>
    private static void AssertTitleInside(string svg)
    {
        var lines = System.Text.RegularExpressions.Regex.Matches(svg, @"translate\(([-\d.]+) [-\d.]+\)"" font-size=""18""[^>]*x=""([^""]*)""");
        Assert.NotEmpty(lines);
        foreach (System.Text.RegularExpressions.Match line in lines)
        {
            double origin = double.Parse(line.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            var xs = line.Groups[2].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(x => origin + double.Parse(x, System.Globalization.CultureInfo.InvariantCulture)).ToList();
            Assert.True(xs.Min() >= 0 && xs.Max() + 18 <= ResultCharts.Width, $"a title line spans {xs.Min():0} to {xs.Max() + 18:0} of {ResultCharts.Width}");
        }
    }

    [Fact]
    public void A_title_too_long_for_the_chart_is_broken_into_lines_that_fit()
    {
        string name = "A very long scenario name, as users write them: the Permanent Council's decision on the extension of the field mission mandate";
        var lines = ChartTitle.Lines(name + " " + new string('W', 120), ResultCharts.Width);

        Assert.True(lines.Count >= 3);
        Assert.All(lines, line => Assert.True(ChartTitle.Widest([line]) <= ResultCharts.Width - 32, line));
        Assert.Equal((name + " " + new string('W', 120)).Replace(" ", string.Empty, StringComparison.Ordinal), string.Concat(lines).Replace(" ", string.Empty, StringComparison.Ordinal));
    }

    [Fact]
    public void The_outcomes_chart_title_is_centred_on_the_figure_and_fits_it()
    {
        var b = Scenario.Default.ToBuilder();
        b.Name = "Counter-terrorism decision at the Permanent Council with a name long enough to overrun eight hundred pixels";
        var scenario = b.Build();
        var result = MonteCarloRunner.Run(scenario.Compile(), new SimulationOptions { Trials = 1_000 });

        var plot = ResultCharts.Outcomes(result);

        Assert.True(plot.Axes.Title.FullFigureCenter);
        var lines = plot.Axes.Title.Label.Text.Split('\n');
        Assert.True(lines.Length >= 2);
        Assert.True(ChartTitle.Widest(lines) <= ResultCharts.Width - 32);
        Assert.Equal("outcomes of 1,000 trials", lines[^1]);
        AssertTitleInside(ResultCharts.Render(result, scenario)[0].Svg);
    }

    [Fact]
    public void Every_chart_is_drawn_in_the_embedded_sans_serif_face_and_its_SVG_falls_back_to_sans_serif()
    {
        var result = MonteCarloRunner.Run(Scenario.Default.Compile(), new SimulationOptions { Trials = 2_000 });
        foreach (var plot in new[] { ResultCharts.Outcomes(result), ResultCharts.Blockers(result, Scenario.Default), SweepChart.Create([new SweepPoint(0, "a", 0.5, 0.4, 0.6)], "x", "t", "s") })
        {
            Assert.Equal(ChartFont.Family, plot.Axes.Title.Label.FontName);
            Assert.All(plot.Axes.GetAxes(), axis => Assert.Equal(ChartFont.Family, axis.TickLabelStyle.FontName));
            Assert.Equal(ChartFont.Family, plot.Legend.FontName);
        }

        var typeface = Fonts.GetTypeface(ChartFont.Family, bold: false, italic: false);
        Assert.Equal("DejaVu Sans", typeface.FamilyName);
        Assert.True(typeface.ContainsGlyphs("Aκ–…"), "the embedded face draws the Greek and the typography the charts use");

        string svg = ResultCharts.Render(result, Scenario.Default)[0].Svg;
        Assert.DoesNotContain("Serif", svg, StringComparison.Ordinal);
        Assert.Contains("font-family=\"" + ChartFont.CssStack + "\"", svg, StringComparison.Ordinal);
        Assert.EndsWith("sans-serif", ChartFont.CssStack, StringComparison.Ordinal);
    }

    [Fact]
    public void The_embedded_font_ships_with_its_licence()
    {
        var assembly = typeof(ChartFont).Assembly;
        Assert.Contains("ConsensusSim.Reporting.Fonts.LICENSE-DejaVu.txt", assembly.GetManifestResourceNames());
        using var licence = new StreamReader(assembly.GetManifestResourceStream("ConsensusSim.Reporting.Fonts.LICENSE-DejaVu.txt")!);
        Assert.Contains("Bitstream Vera Fonts Copyright", licence.ReadToEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_outcomes_chart_draws_each_interval_from_its_own_bounds()
    {
        var result = MonteCarloRunner.Run(Scenario.Default.Compile(), new SimulationOptions { Trials = 20_000 });
        Assert.Equal(0, result.Gridlock.Count);

        var plot = ResultCharts.Outcomes(result);

        // A zero count's Wilson interval is [0, u] with u > 0: a whisker from 0, not one centred on 0.
        var whiskers = plot.GetPlottables().OfType<ScottPlot.Plottables.LinePlot>().ToList();
        Assert.Contains(whiskers, w => w.Start.X == 0 && w.End.X == result.Gridlock.Ci95Upper && w.End.X > 0);
        using var image = plot.GetImage(ResultCharts.Width, ResultCharts.Height);
        using var bitmap = SKBitmap.Decode(image.GetImageBytes());
        Assert.Equal(ResultCharts.Width, bitmap.Width);
    }
}
