using ScottPlot;
using SkiaSharp;

namespace ConsensusSim.Reporting;

/// <summary>
/// The one typeface every chart uses: DejaVu Sans, embedded in this assembly (its licence, which
/// allows embedding and redistribution, is embedded beside it as LICENSE-DejaVu.txt). Charts do not
/// depend on the fonts a machine has: SkiaSharp's self-contained Linux build matches no names
/// through fontconfig and falls back to whichever face it finds first, often a serif one, and a
/// container image may have no fonts at all.
/// </summary>
public static class ChartFont
{
    /// <summary>The family every chart's text is drawn in.</summary>
    public const string Family = "DejaVu Sans";

    /// <summary>
    /// The CSS font stack SVG text is written with: the embedded face's family first, then faces
    /// of similar width, then the generic sans-serif, so a browser without DejaVu Sans never
    /// falls back to its serif default.
    /// </summary>
    internal const string CssStack = "'DejaVu Sans', Verdana, 'Bitstream Vera Sans', 'Liberation Sans', Arial, Helvetica, sans-serif";

    /// <summary>Size of tick labels and legend entries, in pixels: readable when the chart is shown at its drawn size.</summary>
    internal const float TextSize = 13;

    /// <summary>Size of axis labels, in pixels.</summary>
    internal const float AxisLabelSize = 15;

    /// <summary>Size of a chart's title, in pixels.</summary>
    internal const float TitleSize = 18;

    private static readonly byte[] Regular = Load("DejaVuSans.ttf");
    private static readonly byte[] Bold = Load("DejaVuSans-Bold.ttf");
    private static readonly Lock Gate = new();
    private static bool _registered;

    /// <summary>A new typeface of the embedded family.</summary>
    /// <param name="bold">Bold rather than regular.</param>
    /// <returns>The typeface; the caller owns it.</returns>
    internal static SKTypeface Create(bool bold) => SKTypeface.FromData(SKData.CreateCopy(bold ? Bold : Regular));

    /// <summary>Draws every text of <paramref name="plot"/> in the embedded family, at sizes readable at the chart's drawn size.</summary>
    /// <param name="plot">The chart.</param>
    /// <returns>The same chart.</returns>
    public static Plot Apply(Plot plot)
    {
        ArgumentNullException.ThrowIfNull(plot);
        Register();
        plot.Font.Set(Family);
        plot.Axes.Title.Label.FontSize = TitleSize;
        foreach (var axis in plot.Axes.GetAxes())
        {
            axis.Label.FontSize = AxisLabelSize;
            axis.TickLabelStyle.FontSize = TextSize;
        }

        plot.Legend.FontName = Family;
        plot.Legend.FontSize = TextSize;
        return plot;
    }

    /// <summary>Draws a label in the embedded bold face. Setting the label's <c>Bold</c> is not enough once <see cref="Apply"/> has fixed its typeface.</summary>
    /// <param name="label">The label.</param>
    internal static void Embolden(LabelStyle label)
    {
        Register();
        label.Bold = true;
        label.Font = Fonts.GetTypeface(Family, bold: true, italic: false);
    }

    /// <summary>Gives SVG text the CSS fallback stack, so a viewer without the embedded face still shows sans-serif text.</summary>
    /// <param name="svg">SVG markup as ScottPlot writes it.</param>
    /// <returns>The markup with every <c>font-family</c> of the embedded family widened to <see cref="CssStack"/>.</returns>
    public static string WidenSvgFontFamily(string svg)
    {
        ArgumentNullException.ThrowIfNull(svg);
        return svg.Replace($"font-family=\"{Family}\"", $"font-family=\"{CssStack}\"", StringComparison.Ordinal);
    }

    /// <summary>Puts the embedded faces ahead of the system's, once per process, for the family name alone.</summary>
    private static void Register()
    {
        lock (Gate)
        {
            if (_registered)
            {
                return;
            }

            Fonts.FontResolvers.Insert(0, new EmbeddedResolver());
            _registered = true;
        }
    }

    private static byte[] Load(string file)
    {
        using var stream = typeof(ChartFont).Assembly.GetManifestResourceStream("ConsensusSim.Reporting.Fonts." + file)
            ?? throw new InvalidOperationException($"The embedded font {file} is missing from {typeof(ChartFont).Assembly.GetName().Name}.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>Answers only for <see cref="Family"/>; every other name goes on to the system's resolver.</summary>
    private sealed class EmbeddedResolver : IFontResolver
    {
        public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) =>
            string.Equals(fontName, Family, StringComparison.OrdinalIgnoreCase) ? Create(bold) : null;

        public SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing spacing) =>
            CreateTypeface(fontName, weight >= FontWeight.SemiBold, slant != FontSlant.Upright);
    }
}
