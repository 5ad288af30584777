using ConsensusSim.Behaviour;
using ConsensusSim.Model;
using FsCheck;
using FsCheck.Fluent;

namespace ConsensusSim.Tests.Behaviour;

/// <summary>
/// A Chair's problem as FsCheck draws it: positions on a grid of 1/1024 (so that indifference, parallel facets and
/// States sharing an ideal point are common), saliences in eighths (zeros included), required gains that are mostly at
/// most 0 but sometimes positive, and now and then a State the Chair does not need.
/// </summary>
public sealed record WinSetCase(
    double[] StatusQuo,
    double[] ChairIdeal,
    double[] ChairSalience,
    double[][] Ideals,
    double[][] Saliences,
    double[] Required,
    bool[] Needed,
    LossFunction Loss)
{
    public int Dimensions => StatusQuo.Length;

    public int States => Ideals.Length;

    /// <summary>
    /// Solves with the public entry point; the proposal is q when nothing is tabled. HitLimit: the active-set method
    /// stopped at its iteration limit (the ellipsoid method answered); Unproven: that one too.
    /// </summary>
    public (WinSetStatus Status, double[] Proposal, bool HitLimit, bool Unproven) Solve(bool ballProjection = true)
    {
        var solver = new WinSetSolver(Dimensions, States, Loss) { UseBallProjection = ballProjection };
        var proposal = new double[Dimensions];
        var status = solver.Solve(StatusQuo, ChairIdeal, ChairSalience, [.. Ideals.SelectMany(x => x)], [.. Saliences.SelectMany(s => s)], Required, Needed, proposal);
        return (status, proposal, solver.HitIterationLimit, solver.LastAnswerUnproven);
    }

    /// <summary>Solves with the ellipsoid method alone, the fallback that is checked against the active-set methods.</summary>
    public (WinSetStatus Status, double[] Proposal, bool Proven) SolveByEllipsoid()
    {
        var instance = new WinSetInstance(Dimensions, States);
        instance.Load(StatusQuo, ChairIdeal, ChairSalience, [.. Ideals.SelectMany(x => x)], [.. Saliences.SelectMany(s => s)], Required, Needed, Loss);
        var ellipsoid = new WinSetEllipsoid(instance);
        var proposal = (double[])StatusQuo.Clone();
        if (instance.SomeoneAcceptsNothing)
        {
            // The solver answers this before any method runs; the ellipsoid method could only approach it.
            return (instance.StatusQuoAcceptable ? WinSetStatus.StatusQuoBest : WinSetStatus.Empty, proposal, true);
        }

        var status = ellipsoid.Solve(proposal);
        return (status, proposal, ellipsoid.Proven);
    }

    /// <summary>State i's gain from p, computed here independently of the library.</summary>
    public double Gain(int i, ReadOnlySpan<double> p)
    {
        double g = 0;
        for (int d = 0; d < Dimensions; d++)
        {
            g += Saliences[i][d] * (Loss == LossFunction.Linear
                ? Math.Abs(StatusQuo[d] - Ideals[i][d]) - Math.Abs(p[d] - Ideals[i][d])
                : ((StatusQuo[d] - Ideals[i][d]) * (StatusQuo[d] - Ideals[i][d])) - ((p[d] - Ideals[i][d]) * (p[d] - Ideals[i][d])));
        }

        return g;
    }

    /// <summary>The Chair's loss at p, with its own weights (no tie-break).</summary>
    public double ChairLoss(ReadOnlySpan<double> p)
    {
        double sum = 0;
        for (int d = 0; d < Dimensions; d++)
        {
            double delta = p[d] - ChairIdeal[d];
            sum += ChairSalience[d] * (Loss == LossFunction.Linear ? Math.Abs(delta) : delta * delta);
        }

        return sum;
    }

    /// <summary>Whether every needed State accepts p with <paramref name="spare"/> to spare.</summary>
    public bool AllAccept(ReadOnlySpan<double> p, double spare)
    {
        for (int i = 0; i < States; i++)
        {
            if (Needed[i] && Gain(i, p) < Required[i] + spare)
            {
                return false;
            }
        }

        return true;
    }

    public override string ToString() =>
        $"{Loss}, q [{Join(StatusQuo)}], a [{Join(ChairIdeal)}] w [{Join(ChairSalience)}], ideals [{string.Join("; ", Ideals.Select(Join))}], saliences [{string.Join("; ", Saliences.Select(Join))}], required [{Join(Required)}], needed [{string.Join(", ", Needed)}]";

    private static string Join(double[] xs) => string.Join(", ", xs.Select(x => x.ToString("R", System.Globalization.CultureInfo.InvariantCulture)));
}

/// <summary>A <see cref="WinSetCase"/> from <see cref="WinSetArbitraries.SharedMetric"/>.</summary>
public sealed record SharedMetricWinSetCase(WinSetCase Case)
{
    public override string ToString() => Case.ToString();
}

/// <summary>A <see cref="WinSetCase"/> from <see cref="WinSetArbitraries.Coarse"/>.</summary>
public sealed record CoarseWinSetCase(WinSetCase Case)
{
    public override string ToString() => Case.ToString();
}

public static class WinSetArbitraries
{
    public static Arbitrary<WinSetCase> Cases() =>
        (from d in Gen.Choose(1, 3)
         from n in Gen.Choose(2, 8)
         from loss in Gen.Elements(LossFunction.Linear, LossFunction.Quadratic)
         from c in Case(d, n, loss)
         select c).ToArbitrary();

    public static Gen<WinSetCase> Case(int d, int n, LossFunction loss) =>
        Build(n, loss, Point(d), Weights(d), Gen.Frequency(
            (5, Gen.Constant(0.0)),
            (3, Gen.Choose(0, 64).Select(k => -k / 1024.0)),
            (2, Gen.Choose(1, 64).Select(k => k / 4096.0))));

    /// <summary>
    /// Problems like expert-coded data: positions on a grid of eighths, each salience zero two times in three, up to six
    /// dimensions and sixteen States, either loss — where nearly tangent ellipsoids are common.
    /// </summary>
    public static Arbitrary<CoarseWinSetCase> Coarse() =>
        (from d in Gen.Choose(1, 6)
         from n in Gen.Choose(2, 16)
         from loss in Gen.Frequency((3, Gen.Constant(LossFunction.Quadratic)), (1, Gen.Constant(LossFunction.Linear)))
         from c in CoarseCase(d, n, loss)
         select new CoarseWinSetCase(c)).ToArbitrary();

    /// <summary>
    /// Quadratic problems where every State weighs the dimensions alike and the Chair in proportion (equal saliences two
    /// times in three): every acceptable set is a ball in one metric. Up to four dimensions and twelve States, positions on
    /// a grid of 1/1024 or of eighths (where balls touch and centres line up), the Chair one of the States half the time;
    /// the States' saliences (and gains) scaled by 1/64, 1 or 32 and the Chair's weights by 2⁻¹⁰ to 2¹⁰ of them — powers
    /// of two, so that the proportion stays exact.
    /// </summary>
    public static Arbitrary<SharedMetricWinSetCase> SharedMetric() =>
        (from d in Gen.Choose(1, 4)
         from n in Gen.Choose(1, 12)
         from coarse in Gen.Elements(false, true)
         from shape in Gen.Frequency((2, Gen.Constant(Equal(d))), (1, Weights(d).Where(w => w.All(x => x > 0))))
         from factor in Gen.Elements(1.0, 1.0 / 64, 32.0)
         from scale in Gen.Elements(1.0, 0.5, 4.0, 1024.0, 1.0 / 1024)
         from q in coarse ? Eighths(d) : Point(d)
         from ideals in (coarse ? Eighths(d) : Point(d)).ArrayOf(n)
         from chairIsState in Gen.Elements(false, true)
         from own in coarse ? Eighths(d) : Point(d)
         from gains in Gen.Frequency(
             (5, Gen.Constant(0.0)),
             (3, Gen.Choose(0, 64).Select(k => -k / 1024.0)),
             (2, Gen.Choose(1, 64).Select(k => k / 4096.0))).ArrayOf(n)
         from needed in Gen.Frequency((9, Gen.Constant(true)), (1, Gen.Constant(false))).ArrayOf(n)
         let s = shape.Select(x => x * factor).ToArray()
         select new SharedMetricWinSetCase(new WinSetCase(
             q, chairIsState ? ideals[0] : own, [.. s.Select(x => x * scale)], ideals, [.. ideals.Select(_ => s)], [.. gains.Select(g => g * factor)], needed, LossFunction.Quadratic)))
        .ToArbitrary();

    /// <summary>A problem of n States with positions, weights and required gains from the given generators; a Chair with equal weights one time in three.</summary>
    private static Gen<WinSetCase> Build(int n, LossFunction loss, Gen<double[]> point, Gen<double[]> weights, Gen<double> required) =>
        from q in point
        from a in point
        from w in Gen.Frequency((1, weights.Select(x => Equal(x.Length))), (2, weights))
        from ideals in point.ArrayOf(n)
        from saliences in weights.ArrayOf(n)
        from gains in required.ArrayOf(n)
        from needed in Gen.Frequency((9, Gen.Constant(true)), (1, Gen.Constant(false))).ArrayOf(n)
        select new WinSetCase(q, a, w, ideals, saliences, gains, needed, loss);

    /// <summary>A problem of n States in d dimensions on the grid of eighths, with sparse weights: ties and parallel facets are common.</summary>
    public static Gen<WinSetCase> CoarseCase(int d, int n, LossFunction loss) =>
        Build(n, loss, Eighths(d), Sparse(d), Gen.Frequency(
            (5, Gen.Constant(0.0)),
            (3, Gen.Choose(0, 8).Select(k => -k / 64.0)),
            (2, Gen.Choose(1, 8).Select(k => k / 256.0))));

    private static Gen<double[]> Eighths(int d) => Gen.Choose(0, 8).Select(k => k / 8.0).ArrayOf(d);

    private static Gen<double[]> Sparse(int d) =>
        from ks in Gen.Frequency((2, Gen.Constant(0)), (1, Gen.Choose(1, 8))).ArrayOf(d)
        from first in Gen.Choose(0, d - 1)
        select ks.Sum() == 0 ? [.. Enumerable.Range(0, d).Select(k => k == first ? 1.0 : 0.0)] : ks.Select(k => (double)k / ks.Sum()).ToArray();

    public static Gen<double[]> Point(int d) => Gen.Choose(0, 1024).Select(k => k / 1024.0).ArrayOf(d);

    /// <summary>Weights in eighths, zeros included, summing to 1.</summary>
    public static Gen<double[]> Weights(int d) =>
        Gen.Choose(0, 8).ArrayOf(d).Select(ks => ks.Sum() == 0 ? Equal(d) : [.. ks.Select(k => (double)k / ks.Sum())]);

    public static double[] Equal(int d) => [.. Enumerable.Repeat(1.0 / d, d)];
}
