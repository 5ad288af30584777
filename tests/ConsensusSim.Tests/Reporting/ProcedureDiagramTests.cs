using ConsensusSim.Procedures;
using ConsensusSim.Reporting;

namespace ConsensusSim.Tests.Reporting;

/// <summary>The procedure diagram keys its arcs by number, so no label can sit on another or on an arc; the browser check in ReaderViewTests measures the drawn result.</summary>
public sealed class ProcedureDiagramTests
{
    public static TheoryData<string> Procedures() => [.. ProcedureDefinition.All.Select(p => p.Id)];

    [Theory]
    [MemberData(nameof(Procedures))]
    public void Every_arc_has_its_own_marker_and_key_line_clear_of_the_drawing(string id)
    {
        Assert.True(ProcedureDefinition.TryGet(id, out var procedure));
        var layout = ProcedureDiagram.Layout(procedure);

        Assert.Equal(procedure.Compile().TransitionCount, layout.Arcs.Count);
        Assert.Equal(Enumerable.Range(1, layout.Arcs.Count), layout.Arcs.Select(a => a.Number));

        // Markers (radius 10) never touch: on one side every arc has a lane of its own, 24 px from the next.
        foreach (var a in layout.Arcs)
        {
            foreach (var b in layout.Arcs.Where(b => b.Number > a.Number))
            {
                double dx = a.Apex.X - b.Apex.X, dy = a.Apex.Y - b.Apex.Y;
                Assert.True((dx * dx) + (dy * dy) >= 20 * 20, $"markers {a.Number} and {b.Number} touch");
            }
        }

        // The key stands right of every marker and inside the drawing.
        Assert.All(layout.Arcs, a => Assert.True(a.Apex.X + 10 < layout.KeyLeft));
        Assert.All(layout.Arcs, a => Assert.True(a.Apex.X - 10 > 0));
        string svg = ProcedureDiagram.Svg(procedure);
        Assert.All(layout.Arcs, a => Assert.Contains($"<tspan font-weight=\"bold\">{a.Number}</tspan> ", svg, StringComparison.Ordinal));
        Assert.Contains("font-family=\"" + ChartFont.CssStack + "\"", svg, StringComparison.Ordinal);
    }
}
