using ConsensusSim.Samples.SweepChart;

var points = TensionSweep.Run(trials: 20_000);
TensionSweep.Draw(points, "tension-sweep");
foreach (var p in points)
{
    Console.WriteLine($"{p.Series,-30} tension {p.X:0.0}: P(adopted) {p.Probability:0.000} [{p.Lower:0.000}, {p.Upper:0.000}]");
}

Console.WriteLine("chart written to tension-sweep.png and tension-sweep.svg");
