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
    public static Plot Create(IReadOnlyList<SweepPoint> points, string xLabel, string title)
    {
        ArgumentNullException.ThrowIfNull(points);
        var plot = new Plot();
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
            line.LegendText = series.Key;
        }

        if (points.Any(p => p.Series.Length > 0))
        {
            plot.ShowLegend(Edge.Right);
        }

        plot.Axes.SetLimitsY(0, 1.02);
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel("P(adopted), band: 95 % interval");
        return plot;
    }

    /// <summary>Parses a number the way the sweep writes it.</summary>
    internal static bool TryNumber(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
}
