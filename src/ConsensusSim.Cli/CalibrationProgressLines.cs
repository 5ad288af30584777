using System.Diagnostics;
using System.Globalization;
using ConsensusSim.Calibration;

namespace ConsensusSim.Cli;

/// <summary>A calibration's progress as plain lines on standard error: one per fitted block or profiled parameter, with the simulations so far.</summary>
internal sealed class CalibrationProgressLines(TextWriter output) : IProgress<CalibrationProgress>
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public void Report(CalibrationProgress value) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  [{value.CompletedSteps}/{value.TotalSteps}] {value.Step} ({value.Simulations:N0} simulations, {_clock.Elapsed.TotalSeconds:0.0} s)"));
}
