using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using ConsensusSim.Model;
using ConsensusSim.Numerics;

namespace ConsensusSim.Engine.Stages;

/// <summary>
/// Conditional Monte Carlo for the one vote of a single-vote procedure. Given the blocs' shared shocks, the States'
/// own noise terms are independent, so the probability that no counted State objects is a product of normal
/// probabilities, known exactly; averaging it over trials estimates P(adopted) with the same mean as counting
/// adoptions and a smaller variance (the own-noise part of the variance is integrated out).
/// </summary>
internal sealed class ConditionalStage
{
    /// <summary>Beyond 8.5 the chance of objecting is below 10⁻¹⁷, under half an ulp of 1: most States, most trials.</summary>
    private const double StaysCertainly = 8.5;

    private readonly int _padded;
    private readonly bool _vectorVote;
    private readonly bool _tabulated;
    private readonly float[] _thresholds;
    private readonly float[] _sharedShock;
    private readonly int[] _blocPerState;
    private readonly double[] _inverse;
    private readonly ulong[] _counted;
    private readonly ulong[] _certain;

    public ConditionalStage(KernelPlan plan, TrialWorkspace workspace, LatentBallot latent)
    {
        var c = plan.Scenario;
        _padded = plan.Padded;
        _vectorVote = plan.VectorVote && LatentVote.Wide; // its products take sixteen States a step
        _tabulated = plan.Switches.TabulatedNormalCdf;

        // The meeting's thresholds come first in the padded arrays; the shocks are the ones the vote just used.
        _thresholds = c.Model == BehaviourModel.Stance ? workspace.ObjectBelow : workspace.ObjectionThreshold;
        _sharedShock = latent.SharedShock;
        _blocPerState = latent.BlocPerState;

        // Per State: 1/w for counted States with own noise, and masks of the counted States and of those without own noise.
        _inverse = new double[_padded];
        _counted = new ulong[_padded];
        _certain = new ulong[_padded];
        var own = latent.OwnPerState;
        for (int i = 0; i < c.StateCount; i++)
        {
            if (c.Counted[i])
            {
                _counted[i] = ulong.MaxValue;
                _inverse[i] = own[i] > 0 ? 1.0 / own[i] : 0;
                _certain[i] = own[i] > 0 ? 0 : ulong.MaxValue;
            }
        }
    }

    /// <summary>
    /// P(no counted State objects | this trial's shocks): State i objects when s + w·ε &lt; θ, with s its bloc's scaled
    /// shock, w its own-noise weight and θ its objection threshold, so it stays out with probability Φ((s − θ) / w).
    /// Φ comes from <see cref="TabulatedNormalCdf"/> (relative error below 2·10⁻¹⁰ for factors above 10⁻¹², so below
    /// 2·10⁻⁸ for the product of a hundred). Sixteen States at a time where the vote is vectorised, with a scalar twin
    /// that multiplies the same factors in the same order (eight running products, then one fixed reduction), so both
    /// give the same bits. Out of line: inlined into the fused loop, its vector registers crowd out the loop's and the
    /// trial gets slower than the call costs.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public double Adoption()
    {
        var partial = _vectorVote ? AdoptionVector() : AdoptionScalar();
        double adopt = partial[0];
        for (int lane = 1; lane < 8; lane++)
        {
            adopt *= partial[lane];
        }

        return adopt;
    }

    private Vector512<double> AdoptionVector()
    {
        var shocks = Vector512.LoadUnsafe(ref _sharedShock[0]);
        var partial = Vector512<double>.One;
        for (int i = 0; i < _padded; i += LatentVote.Width)
        {
            var s = Avx512F.PermuteVar16x32(shocks, Vector512.LoadUnsafe(ref _blocPerState[0], (nuint)i));
            var theta = Vector512.LoadUnsafe(ref _thresholds[0], (nuint)i);
            partial *= StaysOut(Vector512.WidenLower(s), Vector512.WidenLower(theta), i);
            partial *= StaysOut(Vector512.WidenUpper(s), Vector512.WidenUpper(theta), i + 8);
        }

        return partial;
    }

    /// <summary>Each of eight States' chance of not objecting (1 for those that do not count).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Vector512<double> StaysOut(Vector512<double> shock, Vector512<double> theta, int first)
    {
        var inverse = Vector512.LoadUnsafe(ref _inverse[0], (nuint)first);
        var counted = Vector512.LoadUnsafe(ref _counted[0], (nuint)first).AsDouble();
        var certain = Vector512.LoadUnsafe(ref _certain[0], (nuint)first).AsDouble();
        var x = (shock - theta) * inverse;
        var sure = Vector512.ConditionalSelect(Vector512.LessThan(shock, theta), Vector512.Create(double.NegativeInfinity), Vector512.Create(double.PositiveInfinity));
        x = Vector512.ConditionalSelect(certain, sure, x);
        var open = counted & Vector512.LessThan(x, Vector512.Create(StaysCertainly));
        if (open.AsUInt64() == Vector512<ulong>.Zero)
        {
            // Every one of the eight either does not count or stays out for certain: the usual case for careful States.
            return Vector512<double>.One;
        }

        // Lanes that are not open go in as 0, so only an open lane far in a tail makes Φ take its slower far form.
        var inside = Vector512.ConditionalSelect(open, x, Vector512<double>.Zero);
        return Vector512.ConditionalSelect(open, _tabulated ? TabulatedNormalCdf.Cdf(inside) : StandardNormal.Cdf(inside), Vector512<double>.One);
    }

    private Vector512<double> AdoptionScalar()
    {
        Span<double> partial = stackalloc double[8];
        partial.Fill(1);
        for (int i = 0; i < _padded; i++)
        {
            double shock = _sharedShock[_blocPerState[i]];
            double theta = _thresholds[i];
            double x = (shock - theta) * _inverse[i];
            if (_certain[i] != 0)
            {
                x = shock < theta ? double.NegativeInfinity : double.PositiveInfinity;
            }

            partial[i % 8] *= _counted[i] == 0 || x >= StaysCertainly ? 1 : _tabulated ? TabulatedNormalCdf.Cdf(x) : StandardNormal.Cdf(x);
        }

        return Vector512.Create((ReadOnlySpan<double>)partial);
    }
}
