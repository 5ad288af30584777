using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using ConsensusSim.Analysis;
using ConsensusSim.Model;
using ConsensusSim.Numerics;

namespace ConsensusSim.Engine;

/// <summary>
/// Conditional Monte Carlo for the one vote of a single-vote procedure. Given the blocs' shared shocks, the States'
/// own noise terms are independent, so the probability that no counted State objects is a product of normal
/// probabilities, known exactly; averaging it over trials estimates P(adopted) with the same mean as counting
/// adoptions and a smaller variance (the own-noise part of the variance is integrated out).
/// </summary>
internal sealed partial class TrialKernel
{
    private const double StaysCertainly = 8.5;

    /// <summary>Why conditional Monte Carlo does not apply to this kernel's scenario, or null if it does.</summary>
    internal string? WhyNotConditional()
    {
        if (_singleVote is not { Setting: VoteSetting.Meeting })
        {
            return "it needs a procedure with exactly one vote, at a meeting (one round, no silence procedure, no escalation, no compromising Chair).";
        }

        if (!_singleVote.IfAgreed.Adopted || _singleVote.IfNotAgreed.Adopted)
        {
            return "it needs a procedure that adopts exactly when its one vote agrees.";
        }

        if (_c.Model != BehaviourModel.Stance && !(_c.Model == BehaviourModel.FixedObjection && _copula))
        {
            return "it needs the stance behaviour, or independent objections with noise shared in blocs (a bloc correlation above 0); without shared noise the exact module gives the answer directly.";
        }

        return _c.RuleKind is DecisionRuleKind.Consensus or DecisionRuleKind.ConsensusMinusOne or DecisionRuleKind.ConsensusMinusTwo
            ? null
            : "it needs a rule that adopts exactly when no counted State objects (consensus, consensus minus one or minus two).";
    }

    /// <summary>
    /// P(no counted State objects | this trial's shocks): State i objects when s + w·ε &lt; θ, with s its bloc's scaled
    /// shock, w its own-noise weight and θ its objection threshold, so it stays out with probability Φ((s − θ) / w).
    /// Sixteen States at a time where the vote is vectorised, with a scalar twin that multiplies the same factors in
    /// the same order (eight running products, then one fixed reduction), so both give the same bits.
    /// </summary>
    private double ConditionalAdoption()
    {
        // The meeting's thresholds come first in the padded arrays; the shocks are the ones the vote just used.
        var thresholds = _c.Model == BehaviourModel.Stance ? _stanceObject : _objectionThreshold;
        var partial = _vectorVote ? ConditionalVector(thresholds) : ConditionalScalar(thresholds);
        double adopt = partial[0];
        for (int lane = 1; lane < 8; lane++)
        {
            adopt *= partial[lane];
        }

        return adopt;
    }

    private Vector512<double> ConditionalVector(float[] thresholds)
    {
        var shocks = Vector512.LoadUnsafe(ref _sharedShock[0]);
        var partial = Vector512<double>.One;
        for (int i = 0; i < _nPad; i += LatentVote.Width)
        {
            var s = Avx512F.PermuteVar16x32(shocks, Vector512.LoadUnsafe(ref _blocPerState[0], (nuint)i));
            var theta = Vector512.LoadUnsafe(ref thresholds[0], (nuint)i);
            partial *= StaysOut(Vector512.WidenLower(s), Vector512.WidenLower(theta), i);
            partial *= StaysOut(Vector512.WidenUpper(s), Vector512.WidenUpper(theta), i + 8);
        }

        return partial;
    }

    /// <summary>Each of eight States' chance of not objecting (1 for those that do not count).</summary>
    private Vector512<double> StaysOut(Vector512<double> shock, Vector512<double> theta, int first)
    {
        var inverse = Vector512.LoadUnsafe(ref _conditionalInverse[0], (nuint)first);
        var counted = Vector512.LoadUnsafe(ref _conditionalCounted[0], (nuint)first).AsDouble();
        var certain = Vector512.LoadUnsafe(ref _conditionalCertain[0], (nuint)first).AsDouble();
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
        return Vector512.ConditionalSelect(open, StandardNormal.Cdf(Vector512.ConditionalSelect(open, x, Vector512<double>.Zero)), Vector512<double>.One);
    }

    private Vector512<double> ConditionalScalar(float[] thresholds)
    {
        Span<double> partial = stackalloc double[8];
        partial.Fill(1);
        for (int i = 0; i < _nPad; i++)
        {
            double shock = _sharedShock[_blocPerState[i]];
            double theta = thresholds[i];
            double x = (shock - theta) * _conditionalInverse[i];
            if (_conditionalCertain[i] != 0)
            {
                x = shock < theta ? double.NegativeInfinity : double.PositiveInfinity;
            }

            // Beyond 8.5 the chance of objecting is below 10⁻¹⁷, under half an ulp of 1: most States, most trials.
            partial[i % 8] *= _conditionalCounted[i] == 0 || x >= StaysCertainly ? 1 : StandardNormal.Cdf(x);
        }

        return Vector512.Create((ReadOnlySpan<double>)partial);
    }

    /// <summary>Per State: 1/w for counted States with own noise, and masks of the counted States and of those without own noise.</summary>
    private (double[] Inverse, ulong[] Counted, ulong[] Certain) ConditionalWeights()
    {
        var inverse = new double[_nPad];
        var counted = new ulong[_nPad];
        var certain = new ulong[_nPad];
        for (int i = 0; i < _n; i++)
        {
            if (_c.Counted[i])
            {
                counted[i] = ulong.MaxValue;
                inverse[i] = _ownPerState[i] > 0 ? 1.0 / _ownPerState[i] : 0;
                certain[i] = _ownPerState[i] > 0 ? 0 : ulong.MaxValue;
            }
        }

        return (inverse, counted, certain);
    }
}
