namespace ConsensusSim.Reporting;

/// <summary>A chart drawn in memory, as <see cref="ResultCharts.Render"/> returns it.</summary>
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
}
