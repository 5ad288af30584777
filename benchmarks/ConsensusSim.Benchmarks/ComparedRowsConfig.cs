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
    public static Job Steady { get; } = Job.Default.WithLaunchCount(2).WithIterationCount(15).AsMutator();

    /// <summary>Creates the configuration.</summary>
    public ComparedRowsConfig()
    {
        AddJob(Steady);
        AddColumn(StatisticColumn.Median, StatisticColumn.Min);
        AddColumn(PerStateColumn.FromMedian, PerStateColumn.FromMinimum, SpeedUpColumn.FromMedian, SpeedUpColumn.FromMinimum);
    }
}
