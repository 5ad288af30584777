using ConsensusSim.Cli;
using ConsensusSim.Simulation;
using ConsensusSim.Sweeps;

namespace ConsensusSim.Tests.Cli.Hostile;

/// <summary>A sweep's memory does not grow with its design: points are made from their index, and results wait in a bounded window.</summary>
public sealed class SweepStreamingTests
{
    [Fact]
    public void A_grid_of_exactly_the_limit_is_made_one_point_at_a_time_from_its_index()
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        var grid = SweepDesignOptions.FromOptions(["tension=0:0.99:0.01", "behaviour.blocCorrelation=0:0.999:0.001"], "grid", null, null);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(SweepDesign.MaxPoints, grid.Count);

        // The values (1,100 strings) and no more: 100,000 points held as lists would take megabytes.
        Assert.True(allocated < 1 << 20, $"{allocated:N0} bytes allocated to make the grid");
        Assert.Equal([new("tension", "0"), new("behaviour.blocCorrelation", "0")], grid.Point(0));
        Assert.Equal([new("tension", "0"), new("behaviour.blocCorrelation", "0.001")], grid.Point(1));
        Assert.Equal([new("tension", "0.99"), new("behaviour.blocCorrelation", "0.999")], grid.Point(99_999));
    }

    [Fact]
    public void The_check_order_of_a_grid_uses_every_value_of_every_option_within_the_longest_option()
    {
        var grid = SweepDesignOptions.FromOptions(["tension=0,0.5,1", "topic=migration,arms-control,policing,budget,youth"], "grid", null, null);
        var first = grid.CheckOrder().Take(5).Select(grid.Point).ToList();

        Assert.Equal(["0", "0.5", "1"], first.Select(p => p[0].Value).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(5, first.Select(p => p[1].Value).Distinct().Count());
        Assert.Equal(Enumerable.Range(0, 15), grid.CheckOrder().Skip(5));
    }

    [Fact]
    public void Results_computed_ahead_of_a_slow_first_item_stay_within_the_window()
    {
        const int threads = 2;
        int waiting = 0, most = 0;
        var order = new List<int>();
        var pipeline = new OrderedPipeline<int, StrongBox<int>>(
            0,
            200,
            threads,
            () => 0,
            (_, item, _) =>
            {
                int k = (int)item;
                if (k == 0)
                {
                    Thread.Sleep(300);
                }

                int now = Interlocked.Increment(ref waiting);
                int seen;
                while ((seen = Volatile.Read(ref most)) < now && Interlocked.CompareExchange(ref most, now, seen) != seen)
                {
                }

                return new StrongBox<int>(k);
            },
            CancellationToken.None);
        foreach (var result in pipeline.InOrder())
        {
            Interlocked.Decrement(ref waiting);
            order.Add(result.Value);
        }

        Assert.Equal(Enumerable.Range(0, 200), order);

        // While item 0 sleeps the other thread runs ahead, but no further than the window of eight per thread
        // (an item handed out frees its slot before the consumer has counted it, hence the one more).
        Assert.InRange(most, 2, (8 * threads) + 1);
    }

    [Fact]
    public void A_failing_item_stops_the_run_and_its_exception_reaches_the_caller()
    {
        var consumed = new List<int>();
        var pipeline = new OrderedPipeline<int, StrongBox<int>>(
            0,
            1_000,
            2,
            () => 0,
            (_, k, _) => k == 7 ? throw new InvalidDataException("item 7") : new StrongBox<int>((int)k),
            CancellationToken.None);
        var ex = Assert.Throws<InvalidDataException>(() =>
        {
            foreach (var result in pipeline.InOrder())
            {
                consumed.Add(result.Value);
            }
        });

        Assert.Equal("item 7", ex.Message);
        Assert.Equal(Enumerable.Range(0, 7), consumed);
    }

    private sealed class StrongBox<T>(T value)
    {
        public T Value { get; } = value;
    }
}
