using System.Globalization;
using ConsensusSim.Sweeps;

namespace ConsensusSim.Tests.Sweeps;

public sealed class SweepDesignTests
{
    [Fact]
    public void A_full_grid_varies_the_last_parameter_fastest_and_keeps_its_labels_exactly()
    {
        var grid = SweepDesign.FullGrid([new SweepParameter("tension", ["0.1", "0.30"]), new SweepParameter("topic", ["migration", "arms-control", "policing"])]);

        Assert.Equal(6, grid.Count);
        Assert.Equal(["tension", "topic"], grid.Paths);
        Assert.Equal([new("tension", "0.1"), new("topic", "migration")], grid.Point(0));
        Assert.Equal([new("tension", "0.1"), new("topic", "arms-control")], grid.Point(1));
        Assert.Equal([new("tension", "0.30"), new("topic", "policing")], grid.Point(5));
    }

    [Fact]
    public void A_grid_over_the_limit_or_with_overlapping_paths_is_refused_naming_the_parameter()
    {
        var thousand = Enumerable.Range(0, 1_000).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToList();
        var large = Assert.Throws<ArgumentException>(() => SweepDesign.FullGrid([new SweepParameter("tension", thousand), new SweepParameter("blocCorrelation", [.. thousand.Take(101)])]));
        Assert.Equal("parameters", large.ParamName);
        Assert.Contains("101,000 design points", large.Message, StringComparison.Ordinal);

        var overlap = Assert.Throws<ArgumentException>(() => SweepDesign.FullGrid([new SweepParameter("tension", ["0"]), new SweepParameter("behaviour.tension", ["1"])]));
        Assert.Equal("parameters", overlap.ParamName);
        Assert.Equal("values", Assert.Throws<ArgumentException>(() => new SweepParameter("tension", [])).ParamName);
    }

    [Fact]
    public void A_latin_hypercube_uses_each_stratum_of_each_range_once_and_is_reproducible_from_its_seed()
    {
        var ranges = new[] { new SweepRange("tension", 0, 1), new SweepRange("blocCorrelation", 0.2, 0.6) };
        var design = SweepDesign.LatinHypercube(ranges, 25, seed: 3);

        for (int c = 0; c < ranges.Length; c++)
        {
            var strata = Enumerable.Range(0, 25)
                .Select(k => double.Parse(design.Point(k)[c].Value, CultureInfo.InvariantCulture))
                .Select(v => (int)Math.Floor((v - ranges[c].Low) / (ranges[c].High - ranges[c].Low) * 25))
                .Order();
            Assert.Equal(Enumerable.Range(0, 25), strata);
        }

        var again = SweepDesign.LatinHypercube(ranges, 25, seed: 3);
        var other = SweepDesign.LatinHypercube(ranges, 25, seed: 4);
        Assert.Equal(Enumerable.Range(0, 25).Select(design.Point), Enumerable.Range(0, 25).Select(again.Point));
        Assert.NotEqual(Enumerable.Range(0, 25).Select(design.Point), Enumerable.Range(0, 25).Select(other.Point));
    }

    [Theory]
    [InlineData(0.0, 1.7e308)]
    [InlineData(-1.7e308, 0.0)]
    [InlineData(-1e308, 1e308)]
    [InlineData(-double.MaxValue, double.MaxValue)]
    public void A_range_wider_than_a_double_spans_gives_finite_points_one_per_stratum(double low, double high)
    {
        const int points = 8;
        var design = SweepDesign.LatinHypercube([new SweepRange("x", low, high)], points, seed: 5);
        var values = Enumerable.Range(0, points).Select(k => double.Parse(design.Point(k)[0].Value, CultureInfo.InvariantCulture)).ToList();
        Assert.All(values, v => Assert.InRange(v, low, high));
        var strata = values.Select(v => (int)Math.Floor(((v / points) - (low / points)) / ((high / points) - (low / points)) * points)).Order();
        Assert.Equal(Enumerable.Range(0, points), strata);
    }

    [Fact]
    public void Bad_hypercube_arguments_are_refused_naming_the_parameter()
    {
        Assert.Equal("points", Assert.Throws<ArgumentOutOfRangeException>(() => SweepDesign.LatinHypercube([new SweepRange("tension", 0, 1)], 0, 1)).ParamName);
        Assert.Equal("points", Assert.Throws<ArgumentOutOfRangeException>(() => SweepDesign.LatinHypercube([new SweepRange("tension", 0, 1)], SweepDesign.MaxPoints + 1, 1)).ParamName);
        Assert.Equal("ranges", Assert.Throws<ArgumentException>(() => SweepDesign.LatinHypercube([], 5, 1)).ParamName);
        Assert.Equal("high", Assert.Throws<ArgumentOutOfRangeException>(() => new SweepRange("tension", 1, 1)).ParamName);
        Assert.Equal("low", Assert.Throws<ArgumentOutOfRangeException>(() => new SweepRange("tension", double.NaN, 1)).ParamName);
    }

    [Fact]
    public void Rows_given_by_the_caller_are_the_points_and_malformed_rows_are_refused_naming_the_parameter()
    {
        var design = SweepDesign.FromRows(["tension", "topic"], [["0.2", "migration"], ["0.7", "arms-control"]]);
        Assert.Equal(2, design.Count);
        Assert.Equal([new("tension", "0.7"), new("topic", "arms-control")], design.Point(1));

        Assert.Equal("rows", Assert.Throws<ArgumentException>(() => SweepDesign.FromRows(["tension", "topic"], [["0.2"]])).ParamName);
        Assert.Equal("rows", Assert.Throws<ArgumentException>(() => SweepDesign.FromRows(["tension"], [])).ParamName);
        Assert.Equal("paths", Assert.Throws<ArgumentException>(() => SweepDesign.FromRows(["proposal", "proposal.draft[0]"], [["1", "2"]])).ParamName);
        Assert.Equal("index", Assert.Throws<ArgumentOutOfRangeException>(() => design.Point(2)).ParamName);
    }
}
