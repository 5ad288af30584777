using ConsensusSim.Model;
using ConsensusSim.Reporting;
using ConsensusSim.Simulation;
using ConsensusSim.Serialization;

namespace ConsensusSim.Samples.SweepChart;

/// <summary>A sweep in code: P(adopted) for two topics as tension rises, drawn as curves with 95 % bands.</summary>
public static class TensionSweep
{
    public static IReadOnlyList<SweepPoint> Run(long trials)
    {
        var points = new List<SweepPoint>();
        foreach (string topic in new[] { "trafficking-in-human-beings", "arms-control" })
        {
            for (int step = 0; step <= 10; step++)
            {
                var builder = Scenario.Default.ToBuilder();
                var p = builder.Proposal;
                builder.Proposal = new Proposal { Title = p.Title, Topic = topic, Body = p.Body, Kind = p.Kind, StatusQuo = p.StatusQuo, Draft = p.Draft };
                builder.Behaviour = new BehaviourOptions { Tension = step / 10.0, BlocCorrelation = 0.3 };
                var r = MonteCarloRunner.Run(builder.Build().Compile(), new SimulationOptions { Trials = trials, Seed = 7 });
                points.Add(new SweepPoint(step / 10.0, topic, r.Adopted.Probability, r.Adopted.Ci95Lower, r.Adopted.Ci95Upper));
            }
        }

        return points;
    }

    public static void Draw(IReadOnlyList<SweepPoint> points, string pathWithoutExtension)
    {
        var plot = ConsensusSim.Reporting.SweepChart.Create(points, "politico-military tension", "Trafficking versus arms control");
        plot.SavePng(pathWithoutExtension + ".png", ResultCharts.Width, ResultCharts.Height);
        File.WriteAllText(pathWithoutExtension + ".svg", plot.GetSvgXml(ResultCharts.Width, ResultCharts.Height));
    }
}
