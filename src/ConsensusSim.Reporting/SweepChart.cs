using System.Globalization;
using ScottPlot;

namespace ConsensusSim.Reporting;

/// <summary>One point of a sweep curve: the x value, the series it belongs to, and P(adopted) with its interval.</summary>
/// <param name="X">The varied parameter's value.</param>
/// <param name="Series">The series label (another parameter's value), or empty.</param>
/// <param name="Probability">The estimate.</param>
/// <param name="Lower">Lower bound of its 95 % interval.</param>
/// <param name="Upper">Upper bound of its 95 % interval.</param>
public readonly record struct SweepPoint(double X, string Series, double Probability, double Lower, double Upper);

/// <summary>Sweep curves: P(adopted) against a varied parameter, one line per series, with the 95 % band.</summary>
public static class SweepChart
{
    private static readonly Color[] Palette =
    [
        Colors.SteelBlue, Colors.DarkOrange, Colors.SeaGreen, Colors.FireBrick, Colors.MediumPurple, Colors.SaddleBrown, Colors.HotPink, Colors.Gray,
    ];

    /// <summary>Draws the curves.</summary>
    /// <param name="points">The points, any order.</param>
    /// <param name="xLabel">The varied parameter's name.</param>
    /// <param name="title">The chart's title.</param>
    /// <returns>The chart.</returns>
    public static Plot Create(IReadOnlyList<SweepPoint> points, string xLabel, string title) => Create(points, xLabel, title, legendTitle: null);

    /// <summary>Draws the curves, with a title over the legend naming what tells the series apart.</summary>
    /// <param name="points">The points, any order.</param>
    /// <param name="xLabel">The varied parameter's name.</param>
    /// <param name="title">The chart's title, for example from <see cref="Title"/>.</param>
    /// <param name="legendTitle">What the series stand for (the second varied parameter), shown above the legend; none when null.</param>
    /// <returns>The chart.</returns>
    public static Plot Create(IReadOnlyList<SweepPoint> points, string xLabel, string title, string? legendTitle)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(xLabel);
        ArgumentNullException.ThrowIfNull(title);
        var plot = ChartFont.Apply(new Plot());
        var entries = new List<LegendItem>();
        int k = 0;
        foreach (var series in points.GroupBy(p => p.Series))
        {
            var ordered = series.OrderBy(p => p.X).ToList();
            double[] xs = [.. ordered.Select(p => p.X)];
            var colour = Palette[k++ % Palette.Length];
            var band = plot.Add.FillY(xs, [.. ordered.Select(p => p.Lower)], [.. ordered.Select(p => p.Upper)]);
            band.FillColor = colour.WithAlpha(0.25);
            band.LineWidth = 0;
            var line = plot.Add.Scatter(xs, [.. ordered.Select(p => p.Probability)]);
            line.Color = colour;
            entries.Add(new LegendItem { LabelText = series.Key, LineColor = colour, LineWidth = 2, MarkerShape = MarkerShape.FilledCircle, MarkerFillColor = colour, MarkerLineColor = colour, MarkerSize = 6 });
        }

        if (points.Any(p => p.Series.Length > 0))
        {
            // ScottPlot's legend has no title of its own: a first entry without a symbol, in bold, serves as one.
            plot.Legend.DisplayPlottableLegendItems = false;
            if (legendTitle is not null)
            {
                var heading = new LegendItem { LabelText = legendTitle };
                ChartFont.Embolden(heading.LabelStyle);
                plot.Legend.ManualItems.Add(heading);
            }

            plot.Legend.ManualItems.AddRange(entries);

            // Below the data, not beside it: a legend at the right narrows the area the title is centred on.
            plot.ShowLegend(Edge.Bottom);
        }

        plot.Axes.SetLimitsY(0, 1.02);
        ChartTitle.Set(plot, title, ResultCharts.Width);
        plot.XLabel(xLabel);
        plot.YLabel("P(adopted), band: 95 % interval");
        return plot;
    }

    /// <summary>The title a sweep chart of a scenario file gets: the scenario's name and what was varied.</summary>
    /// <param name="scenarioName">The scenario's name (its <c>name</c> field), not its file's.</param>
    /// <param name="xParameter">The parameter along the x axis.</param>
    /// <param name="seriesParameter">The parameter that tells the curves apart, if any.</param>
    /// <returns>For example "Counter-terrorism decision: P(adopted) by tension, for each topic".</returns>
    public static string Title(string scenarioName, string xParameter, string? seriesParameter = null)
    {
        ArgumentNullException.ThrowIfNull(scenarioName);
        ArgumentNullException.ThrowIfNull(xParameter);
        return $"{scenarioName}: P(adopted) by {xParameter}" + (seriesParameter is null ? string.Empty : $", for each {seriesParameter}");
    }

    /// <summary>Parses a number the way the sweep writes it.</summary>
    internal static bool TryNumber(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
}
