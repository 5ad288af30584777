using ConsensusSim.Samples.LatinHypercubeSweep;

// dotnet run -- [scenario.json] [out.csv]: a Latin hypercube over tension and bloc correlation, as tidy CSV.
string scenario = args.Length > 0 ? args[0] : Path.Combine(AppContext.BaseDirectory, "scenarios", "counter-terrorism-pc.json");
string output = args.Length > 1 ? args[1] : "lhs-sweep.csv";
var rows = LatinHypercubeSweep.Run(scenario, points: 40, trials: 20_000, seed: 2024);
File.WriteAllText(output, LatinHypercubeSweep.TidyCsv(rows));
foreach (var row in rows)
{
    string blocker = row.TopBlockers(1) is [var top] ? $"{top.State} {top.Frequency:P1}" : "none";
    Console.WriteLine($"point {row.Index + 1,2}: {string.Join(", ", row.Assignments.Select(a => $"{a.Key}={double.Parse(a.Value, System.Globalization.CultureInfo.InvariantCulture):0.000}"))} → P(adopted) {row.Result.Adopted.Probability:0.000}, mean rounds {row.Result.MeanRoundsToAdoption:0.00}, top blocker {blocker}");
}

Console.WriteLine($"{rows.Count} design points written to {output}");
