using ConsensusSim.Samples.Calibration;

// Fits the eras' CSTO linkage (samples/calibration/eras.json) and prints it as docs/calibration.md reports it; with
// --rolling-origin, validates the eras model with one linkage for every era (eras-shared.json) out of sample;
// with --topics, fits each topic's susceptibility (topics.json).
if (args.Contains("--rolling-origin"))
{
    Console.Write(Calibration.Markdown(Calibration.RollingOrigin("eras-shared")));
    return 0;
}

var fit = Calibration.Fit(args.Contains("--topics") ? "topics" : "eras");
Console.Write(Calibration.Markdown(fit));
Console.WriteLine($"deviance {fit.Deviance:0.000} over {fit.Cells.Count} cells; {fit.Skipped.Count} cells skipped (no template)");
return 0;
