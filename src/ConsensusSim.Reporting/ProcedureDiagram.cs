using System.Globalization;
using System.Net;
using System.Text;
using ConsensusSim.Procedures;

namespace ConsensusSim.Reporting;

/// <summary>
/// A procedure drawn as SVG without any script or network: the stages in procedural order, top to
/// bottom, forward transitions as arcs on the right, backward ones (revision rounds) on the left.
/// </summary>
public static class ProcedureDiagram
{
    private const int BoxWidth = 200;
    private const int BoxHeight = 34;
    private const int Gap = 30;
    private const int Left = 330;

    /// <summary>Draws the procedure.</summary>
    /// <param name="procedure">The procedure definition.</param>
    /// <returns>An <c>&lt;svg&gt;</c> element.</returns>
    public static string Svg(ProcedureDefinition procedure)
    {
        ArgumentNullException.ThrowIfNull(procedure);
        var info = procedure.CreateStateMachine(() => default).GetInfo();
        var stages = Enum.GetValues<ProcedureStage>().Where(s => info.States.Any(i => (ProcedureStage)i.UnderlyingState == s)).ToList();
        var edges = info.States
            .SelectMany(s => s.FixedTransitions.Select(t => (
                From: (ProcedureStage)s.UnderlyingState,
                To: (ProcedureStage)t.DestinationState.UnderlyingState,
                Label: t.Trigger.UnderlyingTrigger + (t.GuardConditionsMethodDescriptions.FirstOrDefault()?.Description is { } g ? $" [{g}]" : string.Empty))))
            .ToList();

        double Y(ProcedureStage s) => 20 + (stages.IndexOf(s) * (BoxHeight + Gap)) + (BoxHeight / 2.0);
        int height = 40 + (stages.Count * (BoxHeight + Gap));
        var ci = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append(ci, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1000\" height=\"{height}\" viewBox=\"0 0 1000 {height}\" font-family=\"sans-serif\" font-size=\"11\">");
        sb.Append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#555\"/></marker></defs>");
        int k = 0;
        var usedLabelRows = new List<double>();
        foreach (var (from, to, label) in edges)
        {
            bool forward = stages.IndexOf(to) > stages.IndexOf(from);
            double y1 = Y(from), y2 = Y(to);
            double x = forward ? Left + BoxWidth : Left;
            double bulge = (forward ? 1 : -1) * (40 + (Math.Abs(stages.IndexOf(to) - stages.IndexOf(from)) * 22) + (k++ * 6));
            sb.Append(ci, $"<path d=\"M{x},{y1} C{x + bulge},{y1} {x + bulge},{y2} {x},{y2}\" fill=\"none\" stroke=\"#555\" marker-end=\"url(#arrow)\"/>");
            double lx = x + (bulge * 0.75) + (forward ? 4 : -4);

            // Labels of a fan of transitions would overprint: move each down to the next free row.
            double ly = ((y1 + y2) / 2) + 4;
            while (usedLabelRows.Any(row => Math.Abs(row - ly) < 13))
            {
                ly += 13;
            }

            usedLabelRows.Add(ly);
            sb.Append(ci, $"<text x=\"{lx}\" y=\"{ly}\" text-anchor=\"{(forward ? "start" : "end")}\" fill=\"#333\">{WebUtility.HtmlEncode(label)}</text>");
        }

        foreach (var stage in stages)
        {
            string fill = stage switch
            {
                ProcedureStage.Adopted => "#d8f0d8",
                ProcedureStage.Reverted => "#f6d6d6",
                _ => "#e8eef8",
            };
            sb.Append(ci, $"<rect x=\"{Left}\" y=\"{Y(stage) - (BoxHeight / 2.0)}\" width=\"{BoxWidth}\" height=\"{BoxHeight}\" rx=\"8\" fill=\"{fill}\" stroke=\"#335\"/>");
            sb.Append(ci, $"<text x=\"{Left + (BoxWidth / 2)}\" y=\"{Y(stage) + 4}\" text-anchor=\"middle\" font-size=\"12\">{stage}</text>");
        }

        sb.Append("</svg>");
        return sb.ToString();
    }
}
