using System.Runtime.Intrinsics;
using ConsensusSim.Behaviour;
using ConsensusSim.Model;
using FsCheck;
using FsCheck.Fluent;

namespace ConsensusSim.Tests.Behaviour;

/// <summary>
/// A Chair in three dimensions under linear loss has a basis of six rows, whose ratio test runs in 256-bit registers
/// where the machine has them, and in two dimensions one of four rows, whose multipliers are summed in one: each must
/// choose the same leaving row as the scalar test at every pivot, so the solve ends at the same vertex, bit for bit —
/// ties at the least ratio (degenerate vertices, common on a coarse grid) included (about one ratio test in a hundred
/// on these problems), under the largest-α rule and under Bland's.
/// </summary>
public class WinSetRatioTestTests
{
    private const string NoVectors = "This processor has no 256-bit vectors: only the scalar ratio test runs here. Run on an AVX2 machine to compare the two.";

    [SkippableFact]
    public void The_register_ratio_tests_solve_as_the_scalar_one()
    {
        Skip.IfNot(Vector256.IsHardwareAccelerated, NoVectors);
        var cases =
            from coarse in Gen.Elements(false, true)
            from d in Gen.Elements(2, 3)
            from n in Gen.Choose(2, 16)
            from c in coarse ? WinSetArbitraries.CoarseCase(d, n, LossFunction.Linear) : WinSetArbitraries.Case(d, n, LossFunction.Linear)
            select c;
        Prop.ForAll(cases.ToArbitrary(), Gen.Elements(0, 4).ToArbitrary(), (c, blandAfter) =>
        {
            var vector = Solve(c, vectorRatioTest: true, blandAfter);
            var scalar = Solve(c, vectorRatioTest: false, blandAfter);
            return (vector.Status == scalar.Status && vector.HitLimit == scalar.HitLimit && SameBits(vector.Proposal, scalar.Proposal))
                .Label($"{c}, Bland's rule after {blandAfter} degenerate pivots: {vector.Status} ({string.Join(", ", vector.Proposal)}) against {scalar.Status} ({string.Join(", ", scalar.Proposal)})");
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(600).WithQuietOnSuccess(true));
    }

    [SkippableFact]
    public void Coarse_problems_from_fixed_seeds_solve_alike_with_either_ratio_test()
    {
        Skip.IfNot(Vector256.IsHardwareAccelerated, NoVectors);

        int solves = 0, differing = 0;
        for (int seed = 0; seed < 400; seed++)
        {
            var c = WinSetArbitraries.CoarseCase(2 + (seed % 2), 12, LossFunction.Linear).Sample(1, new Rnd((ulong)seed), 10).Single();
            var vector = Solve(c, vectorRatioTest: true, blandAfter: seed % 4 < 2 ? 0 : 4);
            var scalar = Solve(c, vectorRatioTest: false, blandAfter: seed % 4 < 2 ? 0 : 4);
            solves += vector.Status == WinSetStatus.Tabled ? 1 : 0;
            differing += vector.Status == scalar.Status && SameBits(vector.Proposal, scalar.Proposal) ? 0 : 1;
        }

        Assert.Equal(0, differing);
        Assert.True(solves > 40, $"only {solves} of 400 coarse problems tabled a text: too few pivots to compare");
    }

    private static bool SameBits(double[] a, double[] b) =>
        a.Select(BitConverter.DoubleToInt64Bits).SequenceEqual(b.Select(BitConverter.DoubleToInt64Bits));

    /// <summary>
    /// The linear program alone (not the solver's closed forms or fallback), with or without the vector ratio test, and
    /// Bland's rule from the first pivot (0) or after the usual four degenerate ones: random problems seldom reach it.
    /// </summary>
    private static (WinSetStatus Status, double[] Proposal, bool HitLimit) Solve(WinSetCase c, bool vectorRatioTest, int blandAfter)
    {
        var instance = new WinSetInstance(c.Dimensions, c.States);
        instance.Load(c.StatusQuo, c.ChairIdeal, c.ChairSalience, [.. c.Ideals.SelectMany(x => x)], [.. c.Saliences.SelectMany(s => s)], c.Required, c.Needed, c.Loss);
        var lp = new WinSetLinearProgram(instance, c.States) { VectorRatioTest = vectorRatioTest, DegeneratePivotsBeforeBland = blandAfter };
        var proposal = (double[])c.StatusQuo.Clone();
        var status = instance.SomeoneAcceptsNothing ? WinSetStatus.Empty : lp.Solve(proposal);
        return (status, proposal, lp.HitIterationLimit);
    }
}
