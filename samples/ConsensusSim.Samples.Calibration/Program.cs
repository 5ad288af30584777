using ConsensusSim.Samples.Calibration;

// Prints the calibration table (era × item kind, simulated against observed).
// With --fit, searches each era's CSTO-bloc linkage and prints the fitted values.
if (args.Contains("--fit"))
{
    foreach (var era in Calibration.Observations().Select(o => o.Era).Distinct())
    {
        var (linkage, deviance) = Calibration.Fit(era, trials: 4_000, seed: 1975);
        Console.WriteLine($"{era}: csto-bloc linkage {linkage:0.00}, deviance {deviance:0.000}");
    }

    return 0;
}

var table = Calibration.Table(trials: 20_000, seed: 1975);
Console.Write(Calibration.Markdown(table));
Console.WriteLine($"{table.Count(r => r.Consistent)} of {table.Count} cells inside the observed 95 % interval.");
return 0;
