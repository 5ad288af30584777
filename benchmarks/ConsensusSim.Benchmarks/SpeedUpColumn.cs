using BenchmarkDotNet.Columns;

namespace ConsensusSim.Benchmarks;

/// <summary>
/// Speed-up of a <see cref="ThreadingBenchmarks"/> row over the single-thread row: the figure the goal
/// "two threads give at least 1.8×" is about.
/// </summary>
public sealed class SpeedUpColumn : RowComparisonColumn
{
    private SpeedUpColumn(bool fromMinimum)
        : base(nameof(ThreadingBenchmarks.Threads), fromMinimum)
    {
    }

    /// <summary>Speed-up from the medians.</summary>
    public static IColumn FromMedian { get; } = new SpeedUpColumn(false);

    /// <summary>Speed-up from the fastest iterations.</summary>
    public static IColumn FromMinimum { get; } = new SpeedUpColumn(true);

    /// <inheritdoc />
    public override string ColumnName => $"speed-up ({StatisticName})";

    /// <inheritdoc />
    public override string Legend => $"Time per trial on one thread divided by this row's, both from the {StatisticName}";

    /// <inheritdoc />
    protected override string Describe(int value, double nanoseconds, IReadOnlyList<(int Value, double Nanoseconds)> rows)
    {
        var single = rows.Where(r => r.Value == 1).ToArray();
        return single.Length == 0 ? "-" : $"{single[0].Nanoseconds / nanoseconds:F2}×";
    }
}
