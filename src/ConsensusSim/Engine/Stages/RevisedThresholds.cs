using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using ConsensusSim.Behaviour;
using ConsensusSim.Model;

namespace ConsensusSim.Engine.Stages;

/// <summary>
/// A revised draft's gains and thresholds in one pass, eight States at a time: what <see cref="GainColumns.Compute"/>
/// followed by <see cref="ThresholdStage.PrepareAll"/> compute, lane for lane the same operations in the same order (so
/// the same bits), without the two passes and copies between them. A compromising Chair revises after every blocked
/// round, so this is most of what an extra round costs beside its vote. Only with AVX-512 and ideal points fixed for
/// the run (their columns are laid out once).
/// </summary>
internal sealed class RevisedThresholds
{
    private const int Lanes = 8;

    private readonly int _n;
    private readonly int _d;
    private readonly int _stride;
    private readonly int _padded;
    private readonly bool _linear;
    private readonly double[] _x;
    private readonly double[] _s;
    private readonly double[] _deterrence;
    private readonly double[] _itemGain;
    private readonly double[] _gain;
    private readonly double[] _hostage;
    private readonly double[] _blockingCost;
    private readonly double[] _inverseNoise;
    private readonly float[] _objectBelow;
    private readonly float[] _statementBelow;
    private readonly ThresholdStage _thresholds;

    private RevisedThresholds(KernelPlan plan, TrialWorkspace workspace, ThresholdStage thresholds)
    {
        var c = plan.Scenario;
        (_n, _d, _padded, _) = workspace.Shape;
        _stride = (_n + Lanes - 1) / Lanes * Lanes;
        _linear = c.Loss == LossFunction.Linear;
        _x = new double[_d * _stride];
        _s = new double[_d * _stride];
        for (int i = 0; i < _n; i++)
        {
            for (int k = 0; k < _d; k++)
            {
                _x[(k * _stride) + i] = workspace.Ideal[(i * _d) + k];
                _s[(k * _stride) + i] = c.Salience[(i * _d) + k];
            }
        }

        _deterrence = [.. Enumerable.Range(0, plan.Venues).Select(v => ThresholdStage.Deterrence(c, (VoteVenue)v))];
        _itemGain = workspace.ItemGain;
        _gain = workspace.Gain;
        _hostage = workspace.Hostage;
        _blockingCost = workspace.BlockingCost;
        _inverseNoise = workspace.InverseNoise;
        _objectBelow = workspace.ObjectBelow;
        _statementBelow = workspace.StatementBelow;
        _thresholds = thresholds;
    }

    /// <summary>
    /// The stage for a compromising Chair's revisions, or null where the general passes must do: without AVX-512, when
    /// ideal points are drawn per trial, or when the test switch turns it off. Build it after the fixed parameters are set (it copies the ideal points).
    /// </summary>
    public static RevisedThresholds? For(KernelPlan plan, TrialWorkspace workspace, ThresholdStage thresholds)
    {
        bool idealsDrawn = ParameterSlot.OfStates(plan.Scenario).Any(slot => slot.Target == ParameterTarget.IdealPoint && !slot.Parameter.IsFixed);
        return Avx512F.IsSupported && plan.Switches.FuseRevision && !idealsDrawn && plan.Scenario.Model == BehaviourModel.Stance
            ? new RevisedThresholds(plan, workspace, thresholds)
            : null;
    }

    /// <summary>Every State's gain from <paramref name="draft"/> over <paramref name="q"/>, as the item's and the decision's, and its thresholds in every venue.</summary>
    public void Compute(ReadOnlySpan<double> q, ReadOnlySpan<double> draft)
    {
        ref double x = ref MemoryMarshal.GetArrayDataReference(_x);
        ref double s = ref MemoryMarshal.GetArrayDataReference(_s);
        ref double itemGain = ref MemoryMarshal.GetArrayDataReference(_itemGain);
        ref double gain = ref MemoryMarshal.GetArrayDataReference(_gain);
        int i = 0;

        // Sixteen States' thresholds in one store, as the vote loads them: a load that spans two narrower recent stores
        // waits for both to be written.
        for (; i + (2 * Lanes) <= _n; i += 2 * Lanes)
        {
            var low = Gain(ref x, ref s, q, draft, i);
            var high = Gain(ref x, ref s, q, draft, i + Lanes);
            low.StoreUnsafe(ref itemGain, (nuint)i);
            low.StoreUnsafe(ref gain, (nuint)i);
            high.StoreUnsafe(ref itemGain, (nuint)(i + Lanes));
            high.StoreUnsafe(ref gain, (nuint)(i + Lanes));
            Thresholds(low, high, i);
        }

        for (; i + Lanes <= _n; i += Lanes)
        {
            var g = Gain(ref x, ref s, q, draft, i);
            g.StoreUnsafe(ref itemGain, (nuint)i);
            g.StoreUnsafe(ref gain, (nuint)i);
            Thresholds(g, i);
        }

        if (i < _n)
        {
            // The last, partial vector: its gains are lanes like the others; the thresholds one by one, as the passes do.
            var g = Gain(ref x, ref s, q, draft, i);
            for (int lane = 0; i + lane < _n; lane++)
            {
                _itemGain[i + lane] = _gain[i + lane] = g.GetElement(lane);
                _thresholds.Prepare(i + lane);
            }
        }
    }

    /// <summary>The gains of States i … i + 7: Σ over dimensions of s·(|q − x| − |p − x|) (or the squares), from 0, in dimension order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Vector512<double> Gain(ref double x, ref double s, ReadOnlySpan<double> q, ReadOnlySpan<double> draft, int i)
    {
        var g = Vector512<double>.Zero;
        for (int k = 0; k < _d; k++)
        {
            var xi = Vector512.LoadUnsafe(ref x, (nuint)((k * _stride) + i));
            var si = Vector512.LoadUnsafe(ref s, (nuint)((k * _stride) + i));
            var fromQ = Vector512.Create(q[k]) - xi;
            var fromP = Vector512.Create(draft[k]) - xi;
            var term = _linear ? si * (Vector512.Abs(fromQ) - Vector512.Abs(fromP)) : si * ((fromQ * fromQ) - (fromP * fromP));
            g += term;
        }

        return g;
    }

    /// <summary>States i … i + 7's thresholds from their gains <paramref name="g"/>, as <see cref="ThresholdStage.PrepareAll"/> computes them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Thresholds(Vector512<double> g, int i)
    {
        ref double hostage = ref MemoryMarshal.GetArrayDataReference(_hostage);
        ref double cost = ref MemoryMarshal.GetArrayDataReference(_blockingCost);
        ref double inverseNoise = ref MemoryMarshal.GetArrayDataReference(_inverseNoise);
        ref float objectBelow = ref MemoryMarshal.GetArrayDataReference(_objectBelow);
        ref float statementBelow = ref MemoryMarshal.GetArrayDataReference(_statementBelow);
        var inverse = Vector512.LoadUnsafe(ref inverseNoise, (nuint)i);
        var margin = Vector512.LoadUnsafe(ref hostage, (nuint)i) - g;
        var c = Vector512.LoadUnsafe(ref cost, (nuint)i);
        Avx512F.ConvertToVector256Single(Threshold(margin, inverse)).StoreUnsafe(ref statementBelow, (nuint)i);
        Avx512F.ConvertToVector256Single(Threshold(margin - c, inverse)).StoreUnsafe(ref objectBelow, (nuint)i);
        for (int venue = 1; venue < _deterrence.Length; venue++)
        {
            var deterrence = Vector512.Create(_deterrence[venue]);
            Avx512F.ConvertToVector256Single(Threshold(margin - (c * deterrence), inverse)).StoreUnsafe(ref objectBelow, (nuint)((venue * _padded) + i));
        }
    }

    /// <summary>States i … i + 15's thresholds from their gains, as <see cref="ThresholdStage.PrepareAll"/> computes them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Thresholds(Vector512<double> lowGain, Vector512<double> highGain, int i)
    {
        ref double hostage = ref MemoryMarshal.GetArrayDataReference(_hostage);
        ref double cost = ref MemoryMarshal.GetArrayDataReference(_blockingCost);
        ref double inverseNoise = ref MemoryMarshal.GetArrayDataReference(_inverseNoise);
        ref float objectBelow = ref MemoryMarshal.GetArrayDataReference(_objectBelow);
        ref float statementBelow = ref MemoryMarshal.GetArrayDataReference(_statementBelow);
        nuint low = (nuint)i, high = (nuint)(i + Lanes);
        var lowInverse = Vector512.LoadUnsafe(ref inverseNoise, low);
        var highInverse = Vector512.LoadUnsafe(ref inverseNoise, high);
        var lowMargin = Vector512.LoadUnsafe(ref hostage, low) - lowGain;
        var highMargin = Vector512.LoadUnsafe(ref hostage, high) - highGain;
        var lowCost = Vector512.LoadUnsafe(ref cost, low);
        var highCost = Vector512.LoadUnsafe(ref cost, high);
        Vector512.Narrow(Threshold(lowMargin, lowInverse), Threshold(highMargin, highInverse)).StoreUnsafe(ref statementBelow, low);
        Vector512.Narrow(Threshold(lowMargin - lowCost, lowInverse), Threshold(highMargin - highCost, highInverse)).StoreUnsafe(ref objectBelow, low);
        for (int venue = 1; venue < _deterrence.Length; venue++)
        {
            var deterrence = Vector512.Create(_deterrence[venue]);
            Vector512.Narrow(Threshold(lowMargin - (lowCost * deterrence), lowInverse), Threshold(highMargin - (highCost * deterrence), highInverse))
                .StoreUnsafe(ref objectBelow, (nuint)(venue * _padded) + low);
        }
    }

    /// <summary>ThresholdStage's threshold, four lanes wide: margin/σ, or ±∞ with no noise.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Threshold(Vector256<double> margin, Vector256<double> inverseNoise)
    {
        var infinity = Vector256.Create(double.PositiveInfinity);
        var certain = Vector256.ConditionalSelect(Vector256.GreaterThan(margin, Vector256<double>.Zero), infinity, -infinity);
        return Vector256.ConditionalSelect(Vector256.LessThan(Vector256.Abs(inverseNoise), infinity), margin * inverseNoise, certain);
    }

    /// <summary>ThresholdStage's threshold, eight lanes wide: margin/σ, or ±∞ with no noise.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Threshold(Vector512<double> margin, Vector512<double> inverseNoise)
    {
        var infinity = Vector512.Create(double.PositiveInfinity);
        var certain = Vector512.ConditionalSelect(Vector512.GreaterThan(margin, Vector512<double>.Zero), infinity, -infinity);
        return Vector512.ConditionalSelect(Vector512.LessThan(Vector512.Abs(inverseNoise), infinity), margin * inverseNoise, certain);
    }
}
