using System.Diagnostics;
using System.Globalization;
using ConsensusSim.Analysis;
using ConsensusSim.Simulation;

namespace ConsensusSim.Cli;

/// <summary>
/// Progress of a long run as plain lines, at most one a second, for logs: used when standard error
/// is redirected or <c>CI=true</c> (a terminal gets <see cref="LiveProgress"/> instead).
/// </summary>
internal sealed class ProgressReporter(TextWriter output, bool conditionalOnly = false) : IProgress<SimulationProgress>
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan _last = TimeSpan.Zero;

    public static bool IsInteractive(TextWriter writer) =>
        ReferenceEquals(PrintableWriter.Unwrap(writer), Console.Error) && !Console.IsErrorRedirected
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

        // Conditional-only trials count no adoptions: there is no running count to show.
        string estimate = conditionalOnly ? string.Empty : string.Create(CultureInfo.InvariantCulture, $", P(adopted) ≈ {p:0.0000} [{lo:0.0000}, {hi:0.0000}]");
        string line = string.Create(CultureInfo.InvariantCulture,
            $"  {value.CompletedTrials:N0}/{value.TotalTrials:N0} trials ({100.0 * value.CompletedTrials / value.TotalTrials:0}%), {rate / 1e6:0.00} M/s{estimate}, ETA {eta:0}s");
        output.WriteLine(line);
    }
}
