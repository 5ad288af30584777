using ConsensusSim.Calibration;
using static ConsensusSim.Tests.Calibration.CalibrationFixtures;

namespace ConsensusSim.Tests.Calibration;

public class ScoreTests
{
    [Fact]
    public void The_log_and_Brier_scores_are_means_per_attempt()
    {
        // 3 of 4 at 0.75 and 0 of 2 at 0.1.
        var s = PredictionScore.Of([Cell("a", 3, 4), Cell("b", 0, 2)], [0.75, 0.1]);
        double log = ((3 * Math.Log(0.75)) + Math.Log(0.25) + (2 * Math.Log(0.9))) / 6;
        double brier = ((3 * 0.0625) + 0.5625 + (2 * 0.01)) / 6;
        Assert.Equal(log, s.LogScore, 14);
        Assert.Equal(brier, s.BrierScore, 14);
        Assert.Equal(6, s.Attempts);
        Assert.True(double.IsNaN(PredictionScore.Of([], []).LogScore));
        Assert.Throws<ArgumentOutOfRangeException>(() => PredictionScore.Of([Cell("a", 1, 1)], [1.5]));
        Assert.Throws<ArgumentException>(() => PredictionScore.Of([Cell("a", 1, 1)], []));
    }

    [Fact]
    public void The_base_rate_pools_the_kind_and_falls_back_to_every_training_cell()
    {
        ObservedCell[] training = [Cell("p1", 5, 5, "budget"), Cell("p2", 1, 3, "budget"), Cell("p1", 0, 4, "declaration")];
        Assert.Equal(6.5 / 9, BaselineForecast.BaseRate(training, Cell("p3", 0, 1, "budget")), 14);
        Assert.Equal(6.5 / 13, BaselineForecast.BaseRate(training, Cell("p3", 0, 1, "appointment")), 14);
        Assert.Equal(0.5, BaselineForecast.BaseRate([], Cell("p3", 0, 1, "budget")));

        // A topic row is its own kind: thematic-decision/migration does not pool with the aggregate thematic rows.
        Assert.Equal(0.5 / 5, BaselineForecast.BaseRate([Cell("p1", 0, 4, "thematic"), Cell("p1", 4, 4, "thematic", "migration")], Cell("p2", 0, 1, "thematic")), 14);
    }

    [Fact]
    public void The_previous_period_rate_comes_from_the_period_just_before_or_falls_back_to_the_base_rate()
    {
        ObservedCell[] training = [Cell("p1", 5, 5, "budget"), Cell("p2", 1, 3, "budget")];
        string[] order = ["p1", "p2", "p3", "p4"];
        Assert.Equal(1.5 / 4, BaselineForecast.PreviousPeriod(training, Cell("p3", 0, 1, "budget"), order, out bool fellBack), 14);
        Assert.False(fellBack);
        Assert.Equal(6.5 / 9, BaselineForecast.PreviousPeriod(training, Cell("p4", 0, 1, "budget"), order, out fellBack), 14);
        Assert.True(fellBack);
    }

    [Fact]
    public void Cells_of_many_attempts_are_pooled_without_overflow()
    {
        var big = Cell("p1", int.MaxValue, int.MaxValue, "budget");
        Assert.Equal((2.0 * int.MaxValue + 0.5) / (2.0 * int.MaxValue + 1), BaselineForecast.BaseRate([big, big], Cell("p2", 0, 1, "budget")), 14);
        var ex = Assert.Throws<ArgumentException>(() => PredictionScore.Of([big, big], [0.5, 0.5]));
        Assert.Equal("cells", ex.ParamName);
        Assert.Equal(int.MaxValue, PredictionScore.Of([big], [0.5]).Attempts);
    }

    [Fact]
    public void The_period_order_may_be_any_read_only_list()
    {
        ObservedCell[] training = [Cell("p1", 5, 5, "budget"), Cell("p2", 1, 3, "budget")];
        var onlyReadOnly = new PeriodsOnly(["p1", "p2", "p3"]);
        Assert.Equal(1.5 / 4, BaselineForecast.PreviousPeriod(training, Cell("p3", 0, 1, "budget"), onlyReadOnly, out bool fellBack), 14);
        Assert.False(fellBack);
    }

    /// <summary>A list that is read-only and nothing more: no <see cref="IList{T}"/> to cast it to.</summary>
    private sealed class PeriodsOnly(string[] periods) : IReadOnlyList<string>
    {
        public int Count => periods.Length;

        public string this[int index] => periods[index];

        public IEnumerator<string> GetEnumerator() => ((IEnumerable<string>)periods).GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
