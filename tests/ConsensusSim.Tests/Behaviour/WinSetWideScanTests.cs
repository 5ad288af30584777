using ConsensusSim.Behaviour;
using ConsensusSim.Model;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ConsensusSim.Tests.Behaviour;

/// <summary>
/// The scans eight States at a time must find what the scalar loop finds — the same State and the same excess, to the
/// bit — or the solvers' pivots, and so their proposals, would depend on the machine. Positions on a grid of eighths
/// make ties common, and lanes past the last State must never win.
/// </summary>
[Properties(Arbitrary = [typeof(WinSetArbitraries)])]
public class WinSetWideScanTests
{
    [Property(MaxTest = 2000)]
    public Property The_wide_scan_finds_the_scalar_loops_state_and_excess(CoarseWinSetCase coarse, int seed)
    {
        var c = coarse.Case;
        var instance = Loaded(c);
        double[] p = Point(c.Dimensions, seed);
        int expected = ScalarMostViolated(instance, p, out double expectedExcess);
        int actual = WinSetWideScan.MostViolated(instance, p, c.Loss == LossFunction.Linear, out double actualExcess);
        return (!WinSetWideScan.Enabled || (actual == expected && BitConverter.DoubleToInt64Bits(actualExcess) == BitConverter.DoubleToInt64Bits(expectedExcess)))
            .Label($"scalar State {expected} by {expectedExcess}, wide State {actual} by {actualExcess}");
    }

    [Property(MaxTest = 2000)]
    public Property The_scan_at_the_chairs_target_made_while_loading_is_a_fresh_scans(CoarseWinSetCase coarse)
    {
        var c = coarse.Case;
        var instance = Loaded(c);
        double[] target = [.. instance.Target];
        int cached = instance.MostViolated(target, out double cachedExcess);
        int fresh = WinSetWideScan.Enabled ? WinSetWideScan.MostViolated(instance, target, c.Loss == LossFunction.Linear, out double freshExcess) : ScalarMostViolated(instance, target, out freshExcess);
        return (cached == fresh && BitConverter.DoubleToInt64Bits(cachedExcess) == BitConverter.DoubleToInt64Bits(freshExcess))
            .Label($"while loading State {cached} by {cachedExcess}, fresh State {fresh} by {freshExcess}");
    }

    [Property(MaxTest = 1000)]
    public Property The_wide_expanded_scan_finds_the_scalar_loops_state_and_excess(SharedMetricWinSetCase shared, int seed)
    {
        var c = shared.Case;
        var instance = Loaded(c);
        double[] p = Point(c.Dimensions, seed);
        int expected = ScalarExpanded(instance, p, out double expectedExcess);

        // Loaded at another point, the scan at p is a scan of its own; loaded at p, it was made in the loading pass.
        var scan = new WinSetBallScan(instance);
        scan.Load(instance.Target);
        int actual = scan.MostViolated(p, out double actualExcess);
        var loadedAtP = new WinSetBallScan(instance);
        loadedAtP.Load(p);
        int whileLoading = loadedAtP.MostViolated(p, out double whileLoadingExcess);
        return (actual == expected && BitConverter.DoubleToInt64Bits(actualExcess) == BitConverter.DoubleToInt64Bits(expectedExcess)
                && whileLoading == expected && BitConverter.DoubleToInt64Bits(whileLoadingExcess) == BitConverter.DoubleToInt64Bits(expectedExcess))
            .Label($"scalar State {expected} by {expectedExcess}, scan State {actual} by {actualExcess}, while loading State {whileLoading} by {whileLoadingExcess}");
    }

    [Theory]
    [InlineData(LossFunction.Linear, 2)]
    [InlineData(LossFunction.Linear, 3)]
    [InlineData(LossFunction.Quadratic, 3)]
    [InlineData(LossFunction.Quadratic, 5)]
    public void Fifty_seven_states_in_several_vectors_scan_as_the_scalar_loop_does(LossFunction loss, int d)
    {
        // 57 States fill seven vectors of eight and one lane of the eighth; every eighth State repeats the first, a tie.
        const int N = 57;
        var rng = new Random(57 + d);
        double[] ideal = [.. Enumerable.Range(0, N * d).Select(i => i / d % 8 == 0 ? (i % d) / 8.0 : rng.Next(9) / 8.0)];
        double[] salience = [.. Enumerable.Range(0, N * d).Select(_ => rng.Next(1, 4) / 4.0)];
        double[] required = [.. Enumerable.Range(0, N).Select(_ => -rng.Next(4) / 64.0)];
        bool[] needed = [.. Enumerable.Range(0, N).Select(i => i % 11 != 5)];
        var instance = new WinSetInstance(d, N);
        instance.Load([.. Enumerable.Repeat(0.25, d)], [.. Enumerable.Repeat(0.75, d)], [.. Enumerable.Repeat(1.0 / d, d)], ideal, salience, required, needed, loss);
        for (int t = 0; t < 200; t++)
        {
            double[] p = [.. Enumerable.Range(0, d).Select(_ => rng.Next(17) / 16.0)];
            int expected = ScalarMostViolated(instance, p, out double expectedExcess);
            int actual = instance.MostViolated(p, out double actualExcess);
            Assert.Equal(expected, actual);
            Assert.Equal(BitConverter.DoubleToInt64Bits(expectedExcess), BitConverter.DoubleToInt64Bits(actualExcess));
        }
    }

    private static WinSetInstance Loaded(WinSetCase c)
    {
        var instance = new WinSetInstance(c.Dimensions, c.States);
        instance.Load(c.StatusQuo, c.ChairIdeal, c.ChairSalience, [.. c.Ideals.SelectMany(x => x)], [.. c.Saliences.SelectMany(s => s)], c.Required, c.Needed, c.Loss);
        return instance;
    }

    /// <summary>A point of the box, on a grid of sixteenths (so often at a State's position) from the seed.</summary>
    private static double[] Point(int d, int seed)
    {
        var rng = new Random(seed);
        return [.. Enumerable.Range(0, d).Select(_ => rng.Next(17) / 16.0)];
    }

    /// <summary>The scalar loop: each needed State's loss minus its capacity, the first strict maximum.</summary>
    private static int ScalarMostViolated(WinSetInstance instance, double[] p, out double excess)
    {
        excess = double.NegativeInfinity;
        int first = -1;
        for (int j = 0; j < instance.Count; j++)
        {
            double e = instance.LossOf(j, p) - instance.Capacity[j];
            if (e > excess)
            {
                excess = e;
                first = j;
            }
        }

        return first;
    }

    /// <summary>The expanded form one State at a time: (|xⱼ|² − cⱼ) + |p|², then − 2 s_k p_k x_jk in dimension order.</summary>
    private static int ScalarExpanded(WinSetInstance instance, double[] p, out double excess)
    {
        int d = instance.Dimensions;
        double square = 0;
        for (int k = 0; k < d; k++)
        {
            square += instance.S(0, k) * p[k] * p[k];
        }

        excess = double.NegativeInfinity;
        int first = -1;
        for (int j = 0; j < instance.Count; j++)
        {
            double kappa = -instance.Capacity[j];
            for (int k = 0; k < d; k++)
            {
                kappa += instance.S(0, k) * (instance.X(j, k) * instance.X(j, k));
            }

            double e = kappa + square;
            for (int k = 0; k < d; k++)
            {
                e += -2 * instance.S(0, k) * p[k] * instance.X(j, k);
            }

            if (e > excess)
            {
                excess = e;
                first = j;
            }
        }

        return first;
    }
}
