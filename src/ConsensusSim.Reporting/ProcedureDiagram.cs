using System.Globalization;
using System.Net;
using System.Text;
using ConsensusSim.Procedures;
using SkiaSharp;

namespace ConsensusSim.Reporting;

/// <summary>
/// A procedure drawn as SVG without any script or network: the stages in procedural order, top to
/// bottom, forward transitions as arcs on the right, backward ones (revision rounds) on the left.
/// Each arc carries a numbered marker and its label stands in a key beside the drawing, one line
/// per transition: labels written along the arcs overprint each other and the arcs wherever
/// several transitions leave one stage.
/// </summary>
public static class ProcedureDiagram
{
    private const int BoxWidth = 200;
    private const int BoxHeight = 34;
    private const int Gap = 30;
    private const int Top = 20;
    private const double FirstLane = 30;
    private const double LaneSpacing = 24;
    private const double MarkerRadius = 10;
    private const float KeyTextSize = 12;
    private const double KeyLineHeight = 20;
    private const double KeyGap = 40;

    /// <summary>Draws the procedure.</summary>
    /// <param name="procedure">The procedure definition.</param>
    /// <returns>An <c>&lt;svg&gt;</c> element.</returns>
    public static string Svg(ProcedureDefinition procedure)
    {
        ArgumentNullException.ThrowIfNull(procedure);
        var layout = Layout(procedure);
        var ci = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append(ci, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{layout.Width:0}\" height=\"{layout.Height:0}\" viewBox=\"0 0 {layout.Width:0} {layout.Height:0}\" font-family=\"{ChartFont.CssStack}\" font-size=\"{KeyTextSize}\">");
        sb.Append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#555\"/></marker></defs>");
        foreach (var arc in layout.Arcs)
        {
            double control = arc.Apex.X + ((arc.Apex.X - arc.Side) / 3);
            sb.Append(ci, $"<path d=\"M{arc.Side:0.#},{arc.Y1:0.#} C{control:0.#},{arc.Y1:0.#} {control:0.#},{arc.Y2:0.#} {arc.Side:0.#},{arc.Y2:0.#}\" fill=\"none\" stroke=\"#555\" marker-end=\"url(#arrow)\"><title>{WebUtility.HtmlEncode(arc.Label)}</title></path>");
        }

        foreach (var stage in layout.Stages)
        {
            string fill = stage.Stage switch
            {
                ProcedureStage.Adopted => "#d8f0d8",
                ProcedureStage.Reverted => "#f6d6d6",
                _ => "#e8eef8",
            };
            sb.Append(ci, $"<rect x=\"{layout.BoxLeft:0.#}\" y=\"{stage.Y - (BoxHeight / 2.0):0.#}\" width=\"{BoxWidth}\" height=\"{BoxHeight}\" rx=\"8\" fill=\"{fill}\" stroke=\"#335\"/>");
            sb.Append(ci, $"<text x=\"{layout.BoxLeft + (BoxWidth / 2.0):0.#}\" y=\"{stage.Y + 4.5:0.#}\" text-anchor=\"middle\" font-size=\"13\">{stage.Stage}</text>");
        }

        // Markers after the boxes and arcs, so no line runs across a number.
        foreach (var arc in layout.Arcs)
        {
            sb.Append(ci, $"<circle cx=\"{arc.Apex.X:0.#}\" cy=\"{arc.Apex.Y:0.#}\" r=\"{MarkerRadius}\" fill=\"white\" stroke=\"#555\"/>");
            sb.Append(ci, $"<text x=\"{arc.Apex.X:0.#}\" y=\"{arc.Apex.Y + 4:0.#}\" text-anchor=\"middle\" font-weight=\"bold\">{arc.Number}</text>");
        }

        foreach (var arc in layout.Arcs)
        {
            double y = Top + ((arc.Number - 1) * KeyLineHeight) + 12;
            sb.Append(ci, $"<text x=\"{layout.KeyLeft:0.#}\" y=\"{y:0.#}\"><tspan font-weight=\"bold\">{arc.Number}</tspan> {WebUtility.HtmlEncode(arc.Label)}</text>");
        }

        sb.Append("</svg>");
        return sb.ToString();
    }

    /// <summary>Where everything goes: lanes of arcs on each side of the column of stages, outermost for the longest span, and the key to the right.</summary>
    internal static DiagramLayout Layout(ProcedureDefinition procedure)
    {
        var info = procedure.CreateStateMachine(() => default).GetInfo();
        var stages = Enum.GetValues<ProcedureStage>().Where(s => info.States.Any(i => (ProcedureStage)i.UnderlyingState == s)).ToList();
        var edges = info.States
            .SelectMany(s => s.FixedTransitions.Select(t => (
                From: stages.IndexOf((ProcedureStage)s.UnderlyingState),
                To: stages.IndexOf((ProcedureStage)t.DestinationState.UnderlyingState),
                Label: t.Trigger.UnderlyingTrigger + (t.GuardConditionsMethodDescriptions.FirstOrDefault()?.Description is { } g ? $" [{g}]" : string.Empty))))
            .Select((e, k) => (e.From, e.To, e.Label, Number: k + 1))
            .ToList();

        double Y(int stage) => Top + (stage * (BoxHeight + Gap)) + (BoxHeight / 2.0);

        // Shorter spans nearer the boxes, so arcs nest rather than cross; every arc its own lane, so markers never meet.
        var lanes = new Dictionary<int, int>();
        foreach (bool forward in new[] { true, false })
        {
            var side = edges.Where(e => (e.To > e.From) == forward).OrderBy(e => Math.Abs(e.To - e.From)).ThenBy(e => Math.Min(e.From, e.To)).ToList();
            for (int k = 0; k < side.Count; k++)
            {
                lanes[side[k].Number] = k;
            }
        }

        int backward = edges.Count(e => e.To <= e.From);
        int forwardCount = edges.Count - backward;
        double boxLeft = FirstLane + (backward * LaneSpacing) + MarkerRadius + 10;
        double boxRight = boxLeft + BoxWidth;
        var arcs = edges.Select(e =>
        {
            bool forward = e.To > e.From;
            double offset = FirstLane + (lanes[e.Number] * LaneSpacing);
            double side = forward ? boxRight : boxLeft;
            double apexX = forward ? side + offset : side - offset;

            // Ends spread a little along the box's side, so arrowheads arriving at one stage stay apart.
            double spread = ((lanes[e.Number] % 3) - 1) * 6;
            double y1 = Y(e.From) + spread, y2 = Y(e.To) - spread;
            return new DiagramArc(e.Number, e.Label, side, y1, y2, new SKPoint((float)apexX, (float)((y1 + y2) / 2)));
        }).ToList();

        double keyLeft = boxRight + FirstLane + (forwardCount * LaneSpacing) + MarkerRadius + KeyGap;
        double keyWidth;
        using (var typeface = ChartFont.Create(bold: false))
        using (var font = new SKFont(typeface, KeyTextSize))
        {
            keyWidth = arcs.Select(a => font.MeasureText($"{a.Number} {a.Label}")).DefaultIfEmpty(0).Max();
        }

        // A browser may draw the key in a wider face than the one measured: leave a tenth more room.
        double width = keyLeft + (keyWidth * 1.1) + 20;
        double height = Math.Max(Top + (stages.Count * (BoxHeight + Gap)) + 20, Top + (arcs.Count * KeyLineHeight) + 20);
        return new DiagramLayout([.. stages.Select((s, k) => new DiagramStage(s, Y(k)))], arcs, boxLeft, keyLeft, width, height);
    }
}

/// <summary>A stage's box, by its centre line.</summary>
internal sealed record DiagramStage(ProcedureStage Stage, double Y);

/// <summary>A transition: where it leaves and enters the column of boxes, and where its numbered marker sits.</summary>
internal sealed record DiagramArc(int Number, string Label, double Side, double Y1, double Y2, SKPoint Apex);

/// <summary>The whole drawing's geometry.</summary>
internal sealed record DiagramLayout(IReadOnlyList<DiagramStage> Stages, IReadOnlyList<DiagramArc> Arcs, double BoxLeft, double KeyLeft, double Width, double Height);
