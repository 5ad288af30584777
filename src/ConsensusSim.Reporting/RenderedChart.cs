using ScottPlot;

namespace ConsensusSim.Reporting;

/// <summary>A chart drawn in memory, as <see cref="ResultCharts.Render(ConsensusSim.Simulation.SimulationResult, ConsensusSim.Model.Scenario)"/> returns it.</summary>
/// <param name="Name">The chart's name, one of <see cref="ResultCharts.Names"/>.</param>
/// <param name="Png">The chart as a PNG image.</param>
/// <param name="Svg">The chart as an SVG document, as written to a file.</param>
public sealed record RenderedChart(string Name, ReadOnlyMemory<byte> Png, string Svg)
{
    /// <summary>The SVG element without its XML declaration, to embed in HTML.</summary>
    public string InlineSvg
    {
        get
        {
            int start = Svg.IndexOf("<svg", StringComparison.Ordinal);
            return start > 0 ? Svg[start..] : Svg;
        }
    }

    /// <summary>Draws a chart as PNG and as SVG; the SVG's text falls back to a sans-serif face where the embedded one is missing.</summary>
    /// <param name="name">The chart's name.</param>
    /// <param name="plot">The chart.</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    /// <returns>The drawn chart.</returns>
    public static RenderedChart Draw(string name, Plot plot, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(plot);
        using var image = plot.GetImage(width, height);
        return new RenderedChart(name, image.GetImageBytes(ImageFormat.Png, 100), ChartFont.WidenSvgFontFamily(plot.GetSvgXml(width, height)));
    }
}
