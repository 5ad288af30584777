using System.Runtime.Intrinsics;
using ConsensusSim.Behaviour;
using ConsensusSim.Model;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;

namespace ConsensusSim.Tests.Behaviour;

/// <summary>
/// A Chair in three dimensions under linear loss has a basis of six rows, whose ratio test runs in 256-bit registers
/// where the machine has them, and in two dimensions one of four rows, whose multipliers are summed in one: each must
/// choose the same leaving row as the scalar test at every pivot, so the solve ends at the same vertex, bit for bit —
/// ties at the least ratio (degenerate vertices, common on a coarse grid) included (about one ratio test in a hundred
/// on these problems), under the largest-α rule and under Bland's. The 3,000 problems are drawn from a fixed seed, so
/// every run checks the same ones; each of the tie rules reversed, and either basis's rows summed in reverse order, makes
/// some of them differ.
/// </summary>
public class WinSetRatioTestTests
{
    private static readonly FSharpOption<Replay> FixedSeed = FSharpOption<Replay>.Some(new Replay(new Rnd(20261207UL, 57UL), FSharpOption<int>.None));

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
            return Same(vector, scalar)
                .Label($"{c}, Bland's rule after {blandAfter} degenerate pivots: {vector.Status} ({string.Join(", ", vector.Proposal)}) after {vector.Pivots} pivots against {scalar.Status} ({string.Join(", ", scalar.Proposal)}) after {scalar.Pivots}");
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(3000).WithQuietOnSuccess(true).WithReplay(FixedSeed));
    }

    /// <summary>
    /// The same answer by the same path: status, proposal, pivots, the final basis's rows and its inverse bit for bit —
    /// a leaving row chosen differently, or a multiplier summed in another order, shows in the inverse even where the
    /// proposal happens to come out the same.
    /// </summary>
    private static bool Same(Solved a, Solved b) =>
        a.Status == b.Status && a.HitLimit == b.HitLimit && a.Pivots == b.Pivots && a.Keys.SequenceEqual(b.Keys)
        && SameBits(a.Proposal, b.Proposal) && SameBits(a.Inverse, b.Inverse);

    private static bool SameBits(double[] a, double[] b) =>
        a.Select(BitConverter.DoubleToInt64Bits).SequenceEqual(b.Select(BitConverter.DoubleToInt64Bits));

    private sealed record Solved(WinSetStatus Status, double[] Proposal, bool HitLimit, int Pivots, long[] Keys, double[] Inverse);

    /// <summary>
    /// The linear program alone (not the solver's closed forms or fallback), with or without the vector ratio test, and
    /// Bland's rule from the first pivot (0) or after the usual four degenerate ones: random problems seldom reach it.
    /// </summary>
    private static Solved Solve(WinSetCase c, bool vectorRatioTest, int blandAfter)
    {
        var instance = new WinSetInstance(c.Dimensions, c.States);
        instance.Load(c.StatusQuo, c.ChairIdeal, c.ChairSalience, [.. c.Ideals.SelectMany(x => x)], [.. c.Saliences.SelectMany(s => s)], c.Required, c.Needed, c.Loss);
        var lp = new WinSetLinearProgram(instance, c.States) { VectorRatioTest = vectorRatioTest, DegeneratePivotsBeforeBland = blandAfter };
        var proposal = (double[])c.StatusQuo.Clone();
        var status = instance.SomeoneAcceptsNothing ? WinSetStatus.Empty : lp.Solve(proposal);
        return new Solved(status, proposal, lp.HitIterationLimit, lp.Pivots, lp.BasisKeys.ToArray(), lp.BasisInverse.ToArray());
    }
}
