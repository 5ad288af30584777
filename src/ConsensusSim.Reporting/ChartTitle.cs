using ScottPlot;
using SkiaSharp;

namespace ConsensusSim.Reporting;

/// <summary>A chart title broken into lines that fit the chart's width, measured in the face it is drawn in.</summary>
internal static class ChartTitle
{
    /// <summary>Room left and right of the title, in pixels.</summary>
    private const float Margin = 16;

    /// <summary>Sets <paramref name="plot"/>'s title to <paramref name="text"/>, each of its lines broken into lines no wider than <paramref name="width"/> less the margins.</summary>
    public static void Set(Plot plot, string text, int width)
    {
        plot.Title(string.Join('\n', text.Split('\n').SelectMany(paragraph => Lines(paragraph, width))));

        // Centred on the figure, not on the data area, which sits right of the tick labels: the width measured is the figure's.
        plot.Axes.Title.FullFigureCenter = true;
        plot.Axes.Title.Label.FontSize = ChartFont.TitleSize;
        ChartFont.Embolden(plot.Axes.Title.Label);
    }

    /// <summary>The lines: words go on a line while it fits; a word wider than a line is cut where it must be.</summary>
    public static IReadOnlyList<string> Lines(string text, int width)
    {
        using var typeface = ChartFont.Create(bold: true);
        using var font = new SKFont(typeface, ChartFont.TitleSize);
        float room = width - (2 * Margin);
        var lines = new List<string>();
        string line = string.Empty;
        foreach (string word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            string joined = line.Length == 0 ? word : line + " " + word;
            if (font.MeasureText(joined) <= room)
            {
                line = joined;
                continue;
            }

            if (line.Length > 0)
            {
                lines.Add(line);
            }

            line = word;
            while (font.MeasureText(line) > room)
            {
                int fit = line.Length - 1;
                while (fit > 1 && font.MeasureText(line[..fit]) > room)
                {
                    fit--;
                }

                lines.Add(line[..fit]);
                line = line[fit..];
            }
        }

        if (line.Length > 0)
        {
            lines.Add(line);
        }

        return lines;
    }

    /// <summary>The widest line's width in pixels, as drawn.</summary>
    public static float Widest(IEnumerable<string> lines)
    {
        using var typeface = ChartFont.Create(bold: true);
        using var font = new SKFont(typeface, ChartFont.TitleSize);
        return lines.Select(l => font.MeasureText(l)).DefaultIfEmpty(0).Max();
    }
}
