using System.Diagnostics;
using System.Globalization;
using ConsensusSim.Analysis;
using ConsensusSim.Simulation;

namespace ConsensusSim.Cli;

/// <summary>
/// Progress of a long run on standard error, at most once a second: one line redrawn in place on a
/// terminal, plain lines when the output is redirected or <c>CI=true</c>, so logs stay readable.
/// </summary>
internal sealed class ProgressReporter(TextWriter output, bool interactive) : IProgress<SimulationProgress>
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan _last = TimeSpan.Zero;
    private bool _drawn;

    public static bool IsInteractive(TextWriter writer) =>
        ReferenceEquals(writer, Console.Error) && !Console.IsErrorRedirected
        && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public void Report(SimulationProgress value)
    {
        var now = _clock.Elapsed;
        if (now - _last < Interval || value.CompletedTrials == 0)
        {
            return;
        }

        _last = now;
        double rate = value.CompletedTrials / Math.Max(now.TotalSeconds, 1e-9);
        double p = (double)value.AdoptedTrials / value.CompletedTrials;
        var (lo, hi) = ProportionInterval.Wilson(value.AdoptedTrials, value.CompletedTrials);
        double eta = (value.TotalTrials - value.CompletedTrials) / Math.Max(rate, 1e-9);
        string line = string.Create(CultureInfo.InvariantCulture,
            $"  {value.CompletedTrials:N0}/{value.TotalTrials:N0} trials ({100.0 * value.CompletedTrials / value.TotalTrials:0}%), {rate / 1e6:0.00} M/s, P(adopted) ≈ {p:0.0000} [{lo:0.0000}, {hi:0.0000}], ETA {eta:0}s");
        if (interactive)
        {
            output.Write("\r" + line.PadRight(100));
            _drawn = true;
        }
        else
        {
            output.WriteLine(line);
        }
    }

    /// <summary>Ends the redrawn line so the results start on a fresh one.</summary>
    public void Finish()
    {
        if (_drawn)
        {
            output.WriteLine();
        }
    }
}
