using ConsensusSim.Engine.Stages;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ConsensusSim.Tests.Engine;

/// <summary>The exponential tilt's solve: the t at which the States' tilted chances add up to the target count.</summary>
public class RareEventTiltTests
{
    /// <summary>The spacing of doubles at 1.</summary>
    private const double Ulp = 2.220446049250313e-16;

    private static double Count(double t, double[] p)
    {
        double factor = Math.Exp(t);
        return p.Sum(x => x * factor / (1 - x + (x * factor)));
    }

    /// <summary>
    /// Targets from half the untilted count to halfway from it to every State, as the pilot asks for an outcome that is not
    /// rare: the Newton steps start near the root and must reach it within their eight, and keep it when a step lands on
    /// it exactly (that step also becomes the bracket's end). The tolerance, 64·n units in the last place of the target,
    /// allows for the rounding of the n terms of each sum and of the step.
    /// </summary>
    [Property(Replay = "20261207,91", MaxTest = 500)]
    public Property The_tilted_count_meets_a_target_near_the_untilted_count()
    {
        var cases =
            from n in Gen.Choose(1, 60)
            from p in Gen.Choose(1, 999).Select(i => i / 1000.0).ArrayOf(n)
            from share in Gen.Choose(-500, 500).Select(i => i / 1000.0)
            let sum = p.Sum()
            let target = share < 0 ? sum * (1 + share) : sum + (share * (n - sum))
            select (p, target);
        return Prop.ForAll(cases.ToArbitrary(), c =>
        {
            double t = RareEventTilt.Solve(c.target, c.p, [.. c.p.Select(x => 1 - x)]);
            double count = Count(t, c.p);
            double tolerance = 64 * c.p.Length * Ulp * c.target;
            return (Math.Abs(count - c.target) <= tolerance).Label($"t {t}, count {count}, target {c.target}");
        });
    }

    [Fact]
    public void A_target_equal_to_the_untilted_count_leaves_the_chances_as_they_are()
    {
        // 55 States at 0.3: t = 0 is the root to the last bit at the first step (0.3 + 0.7 is exactly 1).
        double[] p = [.. Enumerable.Repeat(0.3, 55)];
        double t = RareEventTilt.Solve(p.Sum(), p, [.. p.Select(x => 1 - x)]);
        Assert.Equal(0.0, t);
    }
}
