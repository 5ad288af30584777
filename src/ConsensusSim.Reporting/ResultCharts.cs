using ConsensusSim.Model;
using ConsensusSim.Osce;
using ConsensusSim.Simulation;
using ScottPlot;

namespace ConsensusSim.Reporting;

/// <summary>Charts of a result, ready for a paper: outcome probabilities with their 95 % intervals, rounds, blockers by bloc.</summary>
public static class ResultCharts
{
    /// <summary>Width of every chart in pixels.</summary>
    public const int Width = 800;

    /// <summary>Height of every chart in pixels.</summary>
    public const int Height = 450;

    /// <summary>Probability of each outcome, with the 95 % Wilson interval as an error bar.</summary>
    /// <param name="result">The result.</param>
    /// <returns>The chart.</returns>
    public static Plot Outcomes(SimulationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var named = Serialization.ResultCsv.NamedOutcomes(result).Where(o => double.IsFinite(o.Value.Probability)).ToList();
        var plot = ChartFont.Apply(new Plot());

        // Horizontal bars keep the outcome names readable at any length. The error bar is the
        // interval itself, drawn from its bounds: Wilson intervals are not symmetric near 0 and 1.
        var bars = named.Select((o, k) => new Bar
        {
            Position = named.Count - 1 - k,
            Value = o.Value.Probability,
            ValueBase = 0,
            FillColor = o.Key switch { "adopted" => Colors.SteelBlue, "deadlocked" => Colors.FireBrick, "gridlock" => Colors.DarkOrange, _ => Colors.Gray },
        }).ToList();
        var barPlot = plot.Add.Bars(bars);
        barPlot.Horizontal = true;
        for (int k = 0; k < named.Count; k++)
        {
            var e = named[k].Value;
            double y = named.Count - 1 - k;
            var whisker = plot.Add.Line(e.Ci95Lower, y, e.Ci95Upper, y);
            whisker.Color = Colors.Black;
            whisker.LineWidth = 1.5f;
            whisker.MarkerSize = 0;
        }

        plot.Axes.Left.SetTicks([.. Enumerable.Range(0, named.Count).Select(k => (double)(named.Count - 1 - k))], [.. named.Select(o => o.Key.Replace('_', ' '))]);
        plot.Axes.SetLimitsX(0, 1.05);
        ChartTitle.Set(plot, $"{result.Provenance.ScenarioName}\noutcomes of {result.Trials:N0} trials", Width);
        plot.XLabel("probability (bars: 95 % interval)");
        return plot;
    }

    /// <summary>
    /// Whether the result has a rounds chart: only when adoption could come in more than one place
    /// (several meeting rounds, or the Ministerial Council); a one-bar chart says nothing the
    /// outcome table does not.
    /// </summary>
    /// <param name="result">The result.</param>
    /// <returns><see langword="true"/> when <see cref="Rounds"/> has at least two bars.</returns>
    public static bool HasRounds(SimulationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.AdoptedInRound.Count + (result.AdoptedAtMinisterialCouncil.Count > 0 ? 1 : 0) > 1;
    }

    /// <summary>Adopted trials by the meeting round of adoption.</summary>
    /// <param name="result">The result.</param>
    /// <returns>The chart.</returns>
    public static Plot Rounds(SimulationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var plot = ChartFont.Apply(new Plot());
        var counts = result.AdoptedInRound.Select(c => result.Trials == 0 ? 0 : (double)c / result.Trials).ToList();
        if (result.AdoptedAtMinisterialCouncil.Count > 0)
        {
            counts.Add(result.AdoptedAtMinisterialCouncil.Probability);
        }

        plot.Add.Bars(Enumerable.Range(0, counts.Count).Select(k => new Bar { Position = k + 1, Value = counts[k], FillColor = Colors.SteelBlue }).ToList());
        var labels = Enumerable.Range(1, result.AdoptedInRound.Count).Select(r => r.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        if (counts.Count > result.AdoptedInRound.Count)
        {
            labels.Add("MC");
        }

        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(1, counts.Count).Select(k => (double)k)], [.. labels]);
        ChartTitle.Set(plot, "Rounds to adoption", Width);
        plot.XLabel("meeting round (MC: Ministerial Council)");
        plot.YLabel("share of all trials");
        return plot;
    }

    /// <summary>
    /// The participants that blocked most often, coloured by bloc: OSCE States by their bloc, the
    /// scenario's actors (imported or synthetic) in neutral colours of their own. The legend lists
    /// only the colours drawn.
    /// </summary>
    /// <param name="result">The result.</param>
    /// <param name="scenario">The scenario that was run: tells its actors from the OSCE States.</param>
    /// <param name="top">How many participants to show.</param>
    /// <returns>The chart.</returns>
    public static Plot Blockers(SimulationResult result, Scenario scenario, int top = 15)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return Blockers(result, BlocColours.For(scenario), top);
    }

    /// <summary>
    /// The participants that blocked most often, coloured by bloc as the catalog knows them; a code
    /// the catalog does not know as a State is drawn in a neutral colour as "not an OSCE State".
    /// Prefer the overload taking the scenario, which also knows an actor that shares a State's code.
    /// </summary>
    /// <param name="result">The result.</param>
    /// <param name="catalog">Resolves each State's bloc.</param>
    /// <param name="top">How many participants to show.</param>
    /// <returns>The chart.</returns>
    public static Plot Blockers(SimulationResult result, OsceCatalog catalog, int top = 15)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return Blockers(result, BlocColours.For(catalog), top);
    }

    private static Plot Blockers(SimulationResult result, BlocColours colours, int top)
    {
        ArgumentNullException.ThrowIfNull(result);
        var shown = result.Blockers.Where(b => b.BlockedTrials > 0).Take(top).Reverse().ToList();
        var groups = shown.Select(b => colours.Of(b.State)).ToList();
        var plot = ChartFont.Apply(new Plot());
        var barPlot = plot.Add.Bars(shown.Select((b, k) => new Bar { Position = k, Value = b.Frequency, FillColor = groups[k].Colour }).ToList());
        barPlot.Horizontal = true;
        plot.Axes.Left.SetTicks([.. Enumerable.Range(0, shown.Count).Select(k => (double)k)], [.. shown.Select(b => b.Name == b.State ? b.Name : $"{b.Name} ({b.State})")]);

        // Most frequent blocker's group first, as read from the top of the chart.
        foreach (var group in Enumerable.Reverse(groups).DistinctBy(g => g.Label))
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = group.Label, FillColor = group.Colour });
        }

        if (groups.Count > 0)
        {
            plot.ShowLegend(Edge.Bottom);
        }

        ChartTitle.Set(plot, "Who blocked", Width);
        plot.XLabel("share of trials in which the objection blocked the draft");
        return plot;
    }

    /// <summary>
    /// The charts <see cref="Render(SimulationResult, Scenario)"/> may draw, by name; each is written
    /// as NAME.png and NAME.svg. "rounds" is drawn only where <see cref="HasRounds"/> holds.
    /// </summary>
    public static IReadOnlyList<string> Names { get; } = ["outcomes", "rounds", "blockers"];

    /// <summary>Draws the charts of <see cref="Names"/> that the result has, in memory, so a caller can write them together with its other files.</summary>
    /// <param name="result">The result.</param>
    /// <param name="scenario">The scenario that was run: names its actors and blocs.</param>
    /// <returns>The charts, in the order of <see cref="Names"/>, without the rounds chart for a single round.</returns>
    public static IReadOnlyList<RenderedChart> Render(SimulationResult result, Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return Render(result, BlocColours.For(scenario));
    }

    /// <summary>Draws the charts from the catalog alone; prefer the overload taking the scenario, which knows its actors.</summary>
    /// <param name="result">The result.</param>
    /// <param name="catalog">Resolves blocs.</param>
    /// <returns>The charts, in the order of <see cref="Names"/>, without the rounds chart for a single round.</returns>
    public static IReadOnlyList<RenderedChart> Render(SimulationResult result, OsceCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return Render(result, BlocColours.For(catalog));
    }

    private static List<RenderedChart> Render(SimulationResult result, BlocColours colours)
    {
        ArgumentNullException.ThrowIfNull(result);
        var charts = new List<RenderedChart>();
        foreach (string name in Names.Where(n => n != "rounds" || HasRounds(result)))
        {
            var plot = name switch
            {
                "outcomes" => Outcomes(result),
                "rounds" => Rounds(result),
                _ => Blockers(result, colours, 15),
            };
            charts.Add(RenderedChart.Draw(name, plot, Width, Height));
        }

        return charts;
    }

    /// <summary>Writes each chart as PNG and SVG into <paramref name="folder"/>; returns the SVG texts by chart name for embedding.</summary>
    /// <param name="folder">The output folder (created if missing).</param>
    /// <param name="result">The result.</param>
    /// <param name="scenario">The scenario that was run.</param>
    /// <returns>Chart name → SVG markup.</returns>
    public static IReadOnlyDictionary<string, string> WriteAll(string folder, SimulationResult result, Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var charts = Render(result, scenario);
        Directory.CreateDirectory(folder);
        foreach (var chart in charts)
        {
            File.WriteAllBytes(Path.Combine(folder, chart.Name + ".png"), chart.Png.ToArray());
            File.WriteAllText(Path.Combine(folder, chart.Name + ".svg"), chart.Svg);
        }

        return charts.ToDictionary(c => c.Name, c => c.InlineSvg, StringComparer.Ordinal);
    }
}
