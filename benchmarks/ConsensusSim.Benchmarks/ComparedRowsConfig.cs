using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace ConsensusSim.Benchmarks;

/// <summary>
/// Configuration of the classes whose rows are compared with each other (scaling in States, one
/// against two threads): more iterations than a ShortRun, and the comparison made from medians and
/// minima as well as shown per row.
/// </summary>
/// <remarks>
/// The rows of such a class run one after another, minutes apart, and the shared VM they were
/// measured on changes speed by up to 40 % between phases lasting seconds to minutes. Fifteen
/// iterations in each of two launches per row give the median and the minimum enough samples to
/// see past a slow phase.
/// </remarks>
public sealed class ComparedRowsConfig : ManualConfig
{
    /// <summary>
    /// Applied to whichever job the command line asks for (a mutator adds no job of its own): two
    /// launches of fifteen iterations, MediumRun's counts.
    /// </summary>
    private static Job Steady { get; } = Job.Default.WithLaunchCount(2).WithIterationCount(15).AsMutator();

    /// <summary>Creates the configuration.</summary>
    public ComparedRowsConfig()
    {
        AddJob(Steady);
        AddColumn(StatisticColumn.Median, StatisticColumn.Min);
        AddColumn(PerState(fromMinimum: false), PerState(fromMinimum: true), SpeedUp(fromMinimum: false), SpeedUp(fromMinimum: true));
    }

    /// <summary>
    /// A <see cref="ScalingBenchmarks"/> row's cost per State and its ratio to the largest body's: the
    /// figure the goal "cost per State stays linear within ±20 %" is about.
    /// </summary>
    private static RowComparisonColumn PerState(bool fromMinimum) => new(
        nameof(ScalingBenchmarks.States),
        fromMinimum,
        "ns/State ({0}) ÷ largest",
        "Nanoseconds per State from the {0}, divided by the same figure for the largest body in the table",
        (states, nanoseconds, rows) =>
        {
            var largest = rows.MaxBy(r => r.Value);
            double own = nanoseconds / states, reference = largest.Nanoseconds / largest.Value;
            return FormattableString.Invariant($"{own:F2} ÷ {reference:F2} = {own / reference:F2}");
        });

    /// <summary>
    /// A <see cref="ThreadingBenchmarks"/> row's speed-up over the single-thread row: the figure the goal
    /// "two threads give at least 1.8×" is about.
    /// </summary>
    private static RowComparisonColumn SpeedUp(bool fromMinimum) => new(
        nameof(ThreadingBenchmarks.Threads),
        fromMinimum,
        "speed-up ({0})",
        "Time per trial on one thread divided by this row's, both from the {0}",
        (_, nanoseconds, rows) => rows.FirstOrDefault(r => r.Value == 1) is { Nanoseconds: > 0 } single
            ? FormattableString.Invariant($"{single.Nanoseconds / nanoseconds:F2}×")
            : "-");
}
