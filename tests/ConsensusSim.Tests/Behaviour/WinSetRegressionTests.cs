using ConsensusSim.Behaviour;
using ConsensusSim.Model;

namespace ConsensusSim.Tests.Behaviour;

/// <summary>Instances a random property once found hard, kept as facts so they are checked on every run.</summary>
public class WinSetRegressionTests
{
    [Fact]
    public void Two_degenerate_ellipses_and_negative_requirements_solve_within_the_iteration_limit()
    {
        // FsCheck seed (6934373428631573549,11402381538573579223,39): States 1 and 8 weigh one dimension each.
        var c = new WinSetCase(
            [0.6201171875, 0.94140625],
            [0.11328125, 0.7373046875],
            [0.5, 0.5],
            [[0.611328125, 0.099609375], [0.4736328125, 0.4296875], [0.3173828125, 0.521484375], [0.9951171875, 0.9765625], [0.64453125, 0.6689453125], [0.65625, 0.1533203125], [0.3525390625, 0.564453125], [0.8515625, 0.5927734375]],
            [[1, 0], [0.3, 0.7], [0.42857142857142855, 0.5714285714285714], [0.5, 0.5], [0.2, 0.8], [0.6363636363636364, 0.36363636363636365], [0.5, 0.5], [0, 1]],
            [0, -0.041015625, 0, 0, 0, -0.0341796875, 0, 0],
            [true, true, true, true, true, true, true, true],
            LossFunction.Quadratic);
        var (status, _, limit, _) = c.Solve();
        Assert.False(limit, "the solver stopped at its iteration limit");
        Assert.Equal(WinSetStatus.StatusQuoBest, status);
    }

    [Fact]
    public void A_thin_slab_coupled_to_an_ellipse_is_solved_not_declared_empty()
    {
        // FsCheck seed (17159625477903876004,15758971631713435547,72): States 1, 3 and 4 weigh one dimension each.
        var c = new WinSetCase(
            [0.943359375, 0.5537109375],
            [0.7646484375, 0.8330078125],
            [0.5, 0.5],
            [[0.369140625, 0.369140625], [0.30078125, 0.7734375], [0.5888671875, 0.8388671875], [0.111328125, 0.951171875], [0.9013671875, 0.669921875], [0.63671875, 0.76953125]],
            [[1 / 3.0, 2 / 3.0], [0, 1], [7 / 9.0, 2 / 9.0], [1, 0], [1, 0], [7 / 9.0, 2 / 9.0]],
            [0.008544921875, 0, 0, 0.010498046875, 0.001708984375, 0],
            [true, true, false, true, true, false],
            LossFunction.Quadratic);
        // States 0 and 4 bind near (0.894, 0.589), a point every needed State accepts and the Chair prefers to q.
        var p = Tabled(c);
        Assert.Equal(0.894, p[0], 0.001);
        Assert.Equal(0.589, p[1], 0.001);
    }

    [Fact]
    public void A_slab_and_an_ellipse_pulling_the_same_coordinate_are_solved_without_zigzag()
    {
        // FsCheck seed (17975145090634634378,2557210498634516957,1): a step on one multiplier at a time zigzags here.
        var c = new WinSetCase(
            [0.818359375, 0.1328125],
            [0.970703125, 0.3662109375],
            [3 / 7.0, 4 / 7.0],
            [[0.9248046875, 0.4482421875], [0.15625, 0.6044921875], [0.05078125, 0.3154296875], [0.017578125, 0.3037109375], [0.1259765625, 0.6904296875], [0.56640625, 0.6552734375], [0.853515625, 0.78515625], [0.982421875, 0.6796875]],
            [[1 / 3.0, 2 / 3.0], [2 / 3.0, 1 / 3.0], [1 / 3.0, 2 / 3.0], [5 / 6.0, 1 / 6.0], [0.5, 0.5], [1, 0], [1 / 3.0, 2 / 3.0], [3 / 11.0, 8 / 11.0]],
            [0.01318359375, 0, -0.0341796875, 0.00390625, 0.01416015625, 0.000244140625, 0, 0],
            [true, true, true, true, true, true, true, true],
            LossFunction.Quadratic);
        // State 5, which weighs only the first dimension, holds p there; the Chair gets its ideal on the second.
        var p = Tabled(c);
        Assert.Equal(0.8179, p[0], 0.0001);
        Assert.Equal(0.3662109375, p[1], 1e-9);
    }

    [Fact]
    public void A_State_that_depends_on_two_nearly_tight_ones_joins_after_they_are_made_tight()
    {
        // FsCheck seed (10243488323963269930,7063170793615509977,44), States up to 60: the active States 1 and 5 and the
        // violated State 2 weigh only dimensions 1 and 2, so State 2's gradient depends on theirs; with theirs tight only to
        // 10⁻⁷ the dual step pointed State 2's multiplier below 0, and it was added and dropped until the limit.
        var c = new WinSetCase(
            [0.58984375, 0.71484375, 0.064453125],
            [0.673828125, 0.3857421875, 0.5048828125],
            [1 / 3.0, 1 / 3.0, 1 / 3.0],
            [[0.79296875, 0.0751953125, 0.248046875], [0.6796875, 1, 0.5244140625], [0.3798828125, 0.8291015625, 0.962890625], [0.85546875, 0.9775390625, 0.890625], [0.2138671875, 0.140625, 0.623046875], [0.0654296875, 0.12890625, 0.9462890625], [0.27734375, 0.087890625, 0.5673828125], [0.0576171875, 0.3837890625, 0.337890625], [0.7421875, 0.3017578125, 0.42578125], [0.59765625, 0.173828125, 0.8115234375], [0.6220703125, 0.107421875, 0.9677734375]],
            [[0, 0.5, 0.5], [0.4, 0.6, 0], [0.4, 0.6, 0], [0, 0, 1], [0.25, 7 / 12.0, 1 / 6.0], [1 / 3.0, 2 / 3.0, 0], [0.375, 0.5, 0.125], [8 / 21.0, 2 / 7.0, 1 / 3.0], [0.875, 0.125, 0], [7 / 13.0, 0, 6 / 13.0], [2 / 15.0, 1 / 3.0, 8 / 15.0]],
            [-0.0478515625, 0, 0, 0.00390625, -0.0263671875, 0, 0.00830078125, 0, -0.04296875, 0, 0.00537109375],
            [true, true, true, true, true, true, true, true, true, true, true],
            LossFunction.Quadratic);
        // The Chair keeps q on the dimensions those States weigh and moves the third to its ideal point.
        var p = Tabled(c);
        Assert.Equal(0.58984375, p[0], 1e-9);
        Assert.Equal(0.71484375, p[1], 1e-9);
        Assert.Equal(0.5048828125, p[2], 1e-12);
    }

    [Fact]
    public void A_nearly_idle_multiplier_on_a_slack_constraint_does_not_keep_the_solver_from_finishing()
    {
        // Found by review on a coarse grid with sparse saliences: with State 0's multiplier near 2e-7 and its constraint
        // slack by 7e-12, the method flipped between two iterates until its limit and called the win-set empty. The duality
        // gap there is below 1e-17, so the point is as good as the method can prove.
        var c = new WinSetCase(
            [1, 0.75, 0.875],
            [0.125, 0.25, 0.875],
            [1 / 3.0, 1 / 3.0, 1 / 3.0],
            [[0.25, 1, 0], [0.5, 0.375, 1], [0.625, 0.375, 0.25], [0.25, 1, 0.875], [0.5, 0.625, 0.75], [0.5, 0.125, 0.625]],
            [[0, 1, 0], [0.7, 0, 0.3], [1, 0, 0], [0, 0.125, 0.875], [1 / 3.0, 1 / 3.0, 1 / 3.0], [8 / 21.0, 1 / 3.0, 2 / 7.0]],
            [0, -0.0244140625, -0.037109375, 0, 0.010986328125, 0.0078125],
            [true, false, true, true, true, true],
            LossFunction.Quadratic);
        var p = Tabled(c);

        // The Chair's loss is 0.0854 there (0.3385 at q); a point found by sampling costs it 0.0874.
        Assert.InRange(c.ChairLoss(p), 0.0853, 0.0855);
    }

    [Fact]
    public void Nearly_tangent_ellipsoids_that_stop_the_dual_are_solved_by_the_ellipsoid_method()
    {
        // Positions on a grid of eighths, sparse saliences: the active-set method stops at its limit, and without the
        // fallback the trial was gridlock (the Chair's loss 0.5625 at q) though a point sampled at random costs it 0.1639.
        var c = NearlyTangent;
        var (status, p, limit, unproven) = c.Solve();
        Assert.True(limit, "this instance is kept to exercise the fallback: the active-set method must stop at its limit");
        Assert.False(unproven, "the ellipsoid method did not prove its answer");
        Assert.Equal(WinSetStatus.Tabled, status);
        Assert.True(c.AllAccept(p, WinSetSolver.Margin / 4));
        Assert.True(c.ChairLoss(p) < 0.1638, $"the Chair's loss {c.ChairLoss(p)} at the proposal");
    }

    /// <summary>Fourteen States in five dimensions, all needed, none requiring a positive gain; the Chair weighs dimension 3 only.</summary>
    internal static WinSetCase NearlyTangent => new(
        [0.875, 0.375, 1, 1, 0.875],
        [0.75, 0.875, 0.875, 0.25, 0.375],
        [0, 0, 0, 1, 0],
        [[0, 0.125, 0.125, 0.75, 0.25], [0.875, 0, 0.625, 0.625, 1], [0.25, 0.125, 0.5, 0, 0.625], [0.125, 0.5, 0.75, 0.5, 0.875], [1, 0.5, 0.75, 0.125, 0.75], [0.375, 0.25, 0.75, 0, 0.25], [0, 0.5, 0.125, 1, 0.375], [0.75, 0.625, 0, 0.5, 0.625], [1, 0.25, 0.125, 0.75, 0.625], [0.625, 0.75, 0.375, 0.875, 0.375], [0.25, 1, 0.5, 0.875, 0.625], [0.625, 0.375, 0, 0, 0.875], [0.5, 0.25, 0.625, 0.25, 0.875], [0.75, 0, 0.625, 0.75, 1]],
        [[0, 0, 1, 0, 0], [4 / 7.0, 0, 3 / 7.0, 0, 0], [0, 0.4, 0, 0.6, 0], [5 / 17.0, 6 / 17.0, 6 / 17.0, 0, 0], [0, 0, 0, 1, 0], [0, 0, 0, 0, 1], [4 / 9.0, 0, 0, 5 / 9.0, 0], [0.75, 0, 0, 0, 0.25], [0, 0, 5 / 13.0, 0, 8 / 13.0], [0, 1, 0, 0, 0], [0, 0, 0.625, 0, 0.375], [0, 0, 1, 0, 0], [0.75, 0, 0.25, 0, 0], [0, 8 / 15.0, 0, 7 / 15.0, 0]],
        [0, -0.046875, 0, -0.0625, 0, 0, 0, 0, 0, 0, 0, 0, -0.125, 0],
        [.. Enumerable.Repeat(true, 14)],
        LossFunction.Quadratic);

    /// <summary>Solves <paramref name="c"/> and checks that a text every needed State accepts is tabled within the iteration limit.</summary>
    private static double[] Tabled(WinSetCase c)
    {
        var (status, p, limit, _) = c.Solve();
        Assert.False(limit, "the solver stopped at its iteration limit");
        Assert.Equal(WinSetStatus.Tabled, status);
        Assert.True(c.AllAccept(p, WinSetSolver.Margin / 4));
        return p;
    }
}
