using System.Globalization;
using ConsensusSim.Reporting;
using ConsensusSim.Serialization;
using ConsensusSim.Sweeps;
using ConsensusSim.Simulation;

namespace ConsensusSim.Samples.SweepChart;

/// <summary>A sweep in code: P(adopted) for two topics as tension rises, drawn as curves with 95 % bands.</summary>
public static class TensionSweep
{
    public static IReadOnlyList<SweepPoint> Run(long trials)
    {
        // The default scenario's file, varied by path: topic (outer) × tension (inner), one bloc correlation.
        string file = Path.Combine(AppContext.BaseDirectory, "scenarios", "counter-terrorism-pc.json");
        var scenario = ScenarioTemplate.Parse(File.ReadAllBytes(file), file);
        var design = SweepDesign.FullGrid(
        [
            new SweepParameter("topic", ["trafficking-in-human-beings", "arms-control"]),
            new SweepParameter("tension", [.. Enumerable.Range(0, 11).Select(step => (step / 10m).ToString(CultureInfo.InvariantCulture))]),
            new SweepParameter("blocCorrelation", ["0.3"]),
        ]);
        return [.. SweepRunner.Run(scenario, design, new SweepOptions { Trials = trials, Seed = 7 }).Select(row => new SweepPoint(
            double.Parse(row.Assignments[1].Value, CultureInfo.InvariantCulture),
            row.Assignments[0].Value,
            row.Result.Adopted.Probability,
            row.Result.Adopted.Ci95Lower,
            row.Result.Adopted.Ci95Upper))];
    }

    public static void Draw(IReadOnlyList<SweepPoint> points, string pathWithoutExtension)
    {
        var plot = ConsensusSim.Reporting.SweepChart.Create(points, "politico-military tension", "Trafficking versus arms control: P(adopted) by tension", legendTitle: "topic");
        var chart = RenderedChart.Draw("sweep", plot, ResultCharts.Width, ResultCharts.Height);
        File.WriteAllBytes(pathWithoutExtension + ".png", chart.Png.ToArray());
        File.WriteAllText(pathWithoutExtension + ".svg", chart.Svg);
    }
}
