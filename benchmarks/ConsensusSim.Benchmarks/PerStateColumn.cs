using BenchmarkDotNet.Columns;

namespace ConsensusSim.Benchmarks;

/// <summary>
/// Cost per State of a <see cref="ScalingBenchmarks"/> row and its ratio to the largest body's: the
/// figure the goal "cost per State stays linear within ±20 %" is about.
/// </summary>
public sealed class PerStateColumn : RowComparisonColumn
{
    private PerStateColumn(bool fromMinimum)
        : base(nameof(ScalingBenchmarks.States), fromMinimum)
    {
    }

    /// <summary>ns per State from the median, with its ratio to the largest body's.</summary>
    public static IColumn FromMedian { get; } = new PerStateColumn(false);

    /// <summary>ns per State from the fastest iteration, with its ratio to the largest body's.</summary>
    public static IColumn FromMinimum { get; } = new PerStateColumn(true);

    /// <inheritdoc />
    public override string ColumnName => $"ns/State ({StatisticName}) ÷ largest";

    /// <inheritdoc />
    public override string Legend => $"Nanoseconds per State from the {StatisticName}, divided by the same figure for the largest body in the table";

    /// <inheritdoc />
    protected override string Describe(int value, double nanoseconds, IReadOnlyList<(int Value, double Nanoseconds)> rows)
    {
        var largest = rows.MaxBy(r => r.Value);
        double own = nanoseconds / value, reference = largest.Nanoseconds / largest.Value;
        return $"{own:F2} ÷ {reference:F2} = {own / reference:F2}";
    }
}
