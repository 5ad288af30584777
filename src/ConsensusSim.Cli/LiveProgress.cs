using System.Globalization;
using ConsensusSim.Analysis;
using ConsensusSim.Simulation;
using Spectre.Console;

namespace ConsensusSim.Cli;

/// <summary>
/// A live progress bar on an interactive terminal (Spectre.Console, on standard error so results on
/// standard output stay clean): trials done, trials per second, the running estimate with its interval, ETA.
/// </summary>
internal static class LiveProgress
{
    public static SimulationResult Run(long totalTrials, bool conditionalOnly, Func<IProgress<SimulationProgress>, SimulationResult> body)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        SimulationResult? result = null;
        console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                var task = context.AddTask("trials", maxValue: totalTrials);
                var clock = System.Diagnostics.Stopwatch.StartNew();
                result = body(new SynchronousProgress(p =>
                {
                    task.MaxValue = p.TotalTrials;
                    task.Value = p.CompletedTrials;
                    var (lo, hi) = ProportionInterval.Wilson(p.AdoptedTrials, Math.Max(p.CompletedTrials, 1));
                    double rate = p.CompletedTrials / Math.Max(clock.Elapsed.TotalSeconds, 1e-9) / 1e6;
                    string estimate = conditionalOnly ? string.Empty : string.Create(CultureInfo.InvariantCulture, $", P(adopted) ≈ {(double)p.AdoptedTrials / Math.Max(p.CompletedTrials, 1):0.0000} [{lo:0.0000}, {hi:0.0000}]");
                    task.Description = Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"{p.CompletedTrials:N0} trials, {rate:0.00} M/s{estimate}"));
                }));
                task.Value = task.MaxValue;
            });
        return result!;
    }

    /// <summary>Reports on the calling thread, unlike <see cref="Progress{T}"/>, which posts to the thread pool.</summary>
    private sealed class SynchronousProgress(Action<SimulationProgress> report) : IProgress<SimulationProgress>
    {
        public void Report(SimulationProgress value) => report(value);
    }
}
