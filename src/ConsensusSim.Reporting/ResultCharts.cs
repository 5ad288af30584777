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

    private static readonly Color[] BlocPalette =
    [
        Colors.SteelBlue, Colors.DarkOrange, Colors.SeaGreen, Colors.FireBrick, Colors.MediumPurple, Colors.SaddleBrown,
    ];

    /// <summary>Probability of each outcome, with the 95 % Wilson interval as an error bar.</summary>
    /// <param name="result">The result.</param>
    /// <returns>The chart.</returns>
    public static Plot Outcomes(SimulationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var named = Serialization.ResultCsv.NamedOutcomes(result).Where(o => double.IsFinite(o.Value.Probability)).ToList();
        var plot = new Plot();

        // Horizontal bars keep the outcome names readable at any length.
        var bars = named.Select((o, k) => new Bar
        {
            Position = named.Count - 1 - k,
            Value = o.Value.Probability,
            ValueBase = 0,
            Error = (o.Value.Ci95Upper - o.Value.Ci95Lower) / 2,
            FillColor = o.Key switch { "adopted" => Colors.SteelBlue, "deadlocked" => Colors.FireBrick, "gridlock" => Colors.DarkOrange, _ => Colors.Gray },
        }).ToList();
        var barPlot = plot.Add.Bars(bars);
        barPlot.Horizontal = true;
        plot.Axes.Left.SetTicks([.. Enumerable.Range(0, named.Count).Select(k => (double)(named.Count - 1 - k))], [.. named.Select(o => o.Key.Replace('_', ' '))]);
        plot.Axes.SetLimitsX(0, 1.05);
        plot.Title($"{result.Provenance.ScenarioName}: outcomes ({result.Trials:N0} trials)");
        plot.XLabel("probability (error bars: 95 % interval)");
        return plot;
    }

    /// <summary>Adopted trials by the meeting round of adoption.</summary>
    /// <param name="result">The result.</param>
    /// <returns>The chart.</returns>
    public static Plot Rounds(SimulationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var plot = new Plot();
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
        plot.Title("Rounds to adoption");
        plot.XLabel("meeting round (MC: Ministerial Council)");
        plot.YLabel("share of all trials");
        return plot;
    }

    /// <summary>The States that blocked most often, coloured by bloc.</summary>
    /// <param name="result">The result.</param>
    /// <param name="catalog">Resolves each State's bloc.</param>
    /// <param name="top">How many States to show.</param>
    /// <returns>The chart.</returns>
    public static Plot Blockers(SimulationResult result, OsceCatalog catalog, int top = 15)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(catalog);
        var shown = result.Blockers.Where(b => b.BlockedTrials > 0).Take(top).Reverse().ToList();
        var blocs = catalog.Groupings.Where(g => g.Kind == GroupingKind.Bloc).Select(g => g.Id).ToList();
        var plot = new Plot();
        var bars = shown.Select((b, k) => new Bar
        {
            Position = k,
            Value = b.Frequency,
            FillColor = BlocPalette[Math.Max(0, blocs.IndexOf(catalog.TryGetState(b.State, out var s) ? s.Bloc : string.Empty)) % BlocPalette.Length],
        }).ToList();
        var barPlot = plot.Add.Bars(bars);
        barPlot.Horizontal = true;
        plot.Axes.Left.SetTicks([.. Enumerable.Range(0, shown.Count).Select(k => (double)k)], [.. shown.Select(b => $"{b.Name} ({b.State})")]);
        for (int k = 0; k < blocs.Count; k++)
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = blocs[k], FillColor = BlocPalette[k % BlocPalette.Length] });
        }

        plot.ShowLegend(Edge.Bottom);
        plot.Title("Who blocked");
        plot.XLabel("share of trials in which the State's objection blocked the draft");
        return plot;
    }

    /// <summary>The charts <see cref="Render"/> draws, by name; each is written as NAME.png and NAME.svg.</summary>
    public static IReadOnlyList<string> Names { get; } = ["outcomes", "rounds", "blockers"];

    /// <summary>Draws every chart of <see cref="Names"/> in memory, so a caller can write them together with its other files.</summary>
    /// <param name="result">The result.</param>
    /// <param name="catalog">Resolves blocs.</param>
    /// <returns>The charts, in the order of <see cref="Names"/>.</returns>
    public static IReadOnlyList<RenderedChart> Render(SimulationResult result, OsceCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(catalog);
        var charts = new List<RenderedChart>();
        foreach (string name in Names)
        {
            var plot = name switch
            {
                "outcomes" => Outcomes(result),
                "rounds" => Rounds(result),
                _ => Blockers(result, catalog),
            };
            using var image = plot.GetImage(Width, Height);
            charts.Add(new RenderedChart(name, image.GetImageBytes(ImageFormat.Png, 100), plot.GetSvgXml(Width, Height)));
        }

        return charts;
    }

    /// <summary>Writes each chart as PNG and SVG into <paramref name="folder"/>; returns the SVG texts by chart name for embedding.</summary>
    /// <param name="folder">The output folder (created if missing).</param>
    /// <param name="result">The result.</param>
    /// <param name="catalog">Resolves blocs.</param>
    /// <returns>Chart name → SVG markup.</returns>
    public static IReadOnlyDictionary<string, string> WriteAll(string folder, SimulationResult result, OsceCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var charts = Render(result, catalog);
        Directory.CreateDirectory(folder);
        foreach (var chart in charts)
        {
            File.WriteAllBytes(Path.Combine(folder, chart.Name + ".png"), chart.Png.ToArray());
            File.WriteAllText(Path.Combine(folder, chart.Name + ".svg"), chart.Svg);
        }

        return charts.ToDictionary(c => c.Name, c => c.InlineSvg, StringComparer.Ordinal);
    }
}
