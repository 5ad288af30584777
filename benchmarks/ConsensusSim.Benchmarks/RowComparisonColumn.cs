using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Mathematics;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace ConsensusSim.Benchmarks;

/// <summary>
/// A column that compares a row with another row of the same table, from the median or from the
/// fastest iteration: the figures the scaling goals are stated in.
/// </summary>
/// <remarks>
/// The median and the minimum are used rather than the mean because on a shared VM a slow phase
/// lands in some iterations and not others; the mean carries it into the comparison, the median and
/// the minimum mostly do not.
/// </remarks>
public abstract class RowComparisonColumn : IColumn
{
    /// <summary>Creates the column.</summary>
    /// <param name="parameter">The benchmark parameter whose rows are compared.</param>
    /// <param name="fromMinimum">Whether to compare fastest iterations rather than medians.</param>
    protected RowComparisonColumn(string parameter, bool fromMinimum)
    {
        Parameter = parameter;
        UsesMinimum = fromMinimum;
    }

    /// <summary>The benchmark parameter whose rows are compared.</summary>
    protected string Parameter { get; }

    /// <summary>Whether the fastest iteration is compared rather than the median.</summary>
    protected bool UsesMinimum { get; }

    /// <summary>"min" or "median", for the column's name.</summary>
    protected string StatisticName => UsesMinimum ? "min" : "median";

    /// <inheritdoc />
    public string Id => GetType().Name + "." + StatisticName;

    /// <inheritdoc />
    public abstract string ColumnName { get; }

    /// <inheritdoc />
    public abstract string Legend { get; }

    /// <inheritdoc />
    public bool AlwaysShow => true;

    /// <inheritdoc />
    public ColumnCategory Category => ColumnCategory.Custom;

    /// <inheritdoc />
    public int PriorityInCategory => UsesMinimum ? 1 : 0;

    /// <inheritdoc />
    public bool IsNumeric => false;

    /// <inheritdoc />
    public UnitType UnitType => UnitType.Dimensionless;

    /// <inheritdoc />
    public bool IsAvailable(Summary summary) => summary.BenchmarksCases.Any(c => ParameterValue(c) is not null);

    /// <inheritdoc />
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var rows = summary.BenchmarksCases
            .Where(c => ParameterValue(c) is not null && Time(summary, c) is not null)
            .Select(c => (Value: ParameterValue(c)!.Value, Nanoseconds: Time(summary, c)!.Value))
            .ToArray();
        var own = ParameterValue(benchmarkCase);
        var time = Time(summary, benchmarkCase);
        return own is null || time is null || rows.Length == 0 ? "-" : Describe(own.Value, time.Value, rows);
    }

    /// <summary>The cell for one row.</summary>
    /// <param name="value">The row's parameter value.</param>
    /// <param name="nanoseconds">The row's median or fastest time per operation.</param>
    /// <param name="rows">Every measured row of the table: parameter value and time per operation.</param>
    protected abstract string Describe(int value, double nanoseconds, IReadOnlyList<(int Value, double Nanoseconds)> rows);

    /// <inheritdoc />
    public override string ToString() => ColumnName;

    private double? Time(Summary summary, BenchmarkCase benchmarkCase)
    {
        Statistics? statistics = summary[benchmarkCase]?.ResultStatistics;
        return statistics is null ? null : UsesMinimum ? statistics.Min : statistics.Median;
    }

    private int? ParameterValue(BenchmarkCase benchmarkCase) =>
        benchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name == Parameter)?.Value as int?;
}
