using System.Globalization;
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
/// lands in some iterations and not others: the mean carries it into the comparison in proportion to
/// its length, the median once it covers half the iterations, the minimum only if it covers them all.
/// </remarks>
public sealed class RowComparisonColumn : IColumn
{
    private readonly string _parameter;
    private readonly bool _usesMinimum;
    private readonly Describer _describe;

    /// <summary>Creates the column.</summary>
    /// <param name="parameter">The benchmark parameter whose rows are compared.</param>
    /// <param name="fromMinimum">Whether to compare fastest iterations rather than medians.</param>
    /// <param name="name">The column's name; {0} stands for "min" or "median".</param>
    /// <param name="legend">What the column shows; {0} stands for "min" or "median".</param>
    /// <param name="describe">The cell for one row.</param>
    public RowComparisonColumn(string parameter, bool fromMinimum, string name, string legend, Describer describe)
    {
        _parameter = parameter;
        _usesMinimum = fromMinimum;
        _describe = describe;
        ColumnName = string.Format(CultureInfo.InvariantCulture, name, StatisticName);
        Legend = string.Format(CultureInfo.InvariantCulture, legend, StatisticName);
    }

    /// <summary>The cell for one row.</summary>
    /// <param name="value">The row's parameter value.</param>
    /// <param name="nanoseconds">The row's median or fastest time per operation.</param>
    /// <param name="rows">Every measured row of the table: parameter value and time per operation.</param>
    /// <returns>The text of the cell.</returns>
    public delegate string Describer(int value, double nanoseconds, IReadOnlyList<(int Value, double Nanoseconds)> rows);

    private string StatisticName => _usesMinimum ? "min" : "median";

    /// <inheritdoc />
    public string Id => $"{nameof(RowComparisonColumn)}.{ColumnName}";

    /// <inheritdoc />
    public string ColumnName { get; }

    /// <inheritdoc />
    public string Legend { get; }

    /// <inheritdoc />
    public bool AlwaysShow => true;

    /// <inheritdoc />
    public ColumnCategory Category => ColumnCategory.Custom;

    /// <inheritdoc />
    public int PriorityInCategory => _usesMinimum ? 1 : 0;

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
        return own is null || time is null || rows.Length == 0 ? "-" : _describe(own.Value, time.Value, rows);
    }

    /// <inheritdoc />
    public override string ToString() => ColumnName;

    private double? Time(Summary summary, BenchmarkCase benchmarkCase)
    {
        Statistics? statistics = summary[benchmarkCase]?.ResultStatistics;
        return statistics is null ? null : _usesMinimum ? statistics.Min : statistics.Median;
    }

    private int? ParameterValue(BenchmarkCase benchmarkCase) =>
        benchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name == _parameter)?.Value as int?;
}
