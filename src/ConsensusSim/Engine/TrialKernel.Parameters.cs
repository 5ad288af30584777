using ConsensusSim.Analysis;
using ConsensusSim.Behaviour;
using ConsensusSim.Model;
using ConsensusSim.Numerics;

namespace ConsensusSim.Engine;

/// <summary>The trial kernel's parameters: which draw from the trial's stream, in what order, and what they update.</summary>
internal sealed partial class TrialKernel
{
    /// <summary>Draws this trial's random parameters, in the stream order of <see cref="ParameterSlots"/>; fixed ones were set once.</summary>
    private void DrawParameters(ref TrialRandom random)
    {
        foreach (var slot in _randomSlots)
        {
            Set(slot, slot.Parameter.Sample(ref random));
        }
    }

    /// <summary>
    /// Every parameter a trial uses, in the order they draw from the trial's stream: per State, its objection
    /// probability (fixed-objection model) or its ideal point, blocking cost, noise and linkage (stance model).
    /// Fixed parameters draw nothing, so skipping them leaves every random one on the same number of the stream.
    /// </summary>
    private IEnumerable<ParameterSlot> ParameterSlots()
    {
        for (int i = 0; i < _n; i++)
        {
            if (_c.Model == BehaviourModel.FixedObjection)
            {
                yield return new ParameterSlot(_c.ObjectionProbability[i], ParameterTarget.ObjectionProbability, i);
                continue;
            }

            for (int k = 0; k < _d; k++)
            {
                yield return new ParameterSlot(_c.IdealPoint[(i * _d) + k], ParameterTarget.IdealPoint, (i * _d) + k);
            }

            yield return new ParameterSlot(_c.BlockingCost[i], ParameterTarget.BlockingCost, i);
            yield return new ParameterSlot(_c.Noise[i], ParameterTarget.Noise, i);
            yield return new ParameterSlot(_c.Linkage[i], ParameterTarget.Linkage, i);
        }
    }

    private void Set(ParameterSlot slot, double value)
    {
        int i = slot.Index;
        switch (slot.Target)
        {
            case ParameterTarget.ObjectionProbability:
                _objectionProbability[i] = value;
                if (_copula)
                {
                    _objectionThreshold[i] = (float)Probit(value);
                    _objectionThreshold[_nPad + i] = (float)Probit(value / _c.SilenceDeterrence);
                    _objectionThreshold[(2 * _nPad) + i] = (float)Probit(value / _c.MinisterialDeterrence);
                }

                break;
            case ParameterTarget.IdealPoint:
                _ideal[i] = value;
                break;
            case ParameterTarget.BlockingCost:
                _blockingCost[i] = value;
                break;
            case ParameterTarget.Noise:
                _noise[i] = value;
                _inverseNoise[i] = value > 0 ? 1.0 / value : double.PositiveInfinity;
                break;
            default:
                _linkage[i] = value;
                break;
        }
    }

    /// <summary>Φ⁻¹(p), the library's own (the same bits on every machine), with p at or beyond 0 and 1 certain.</summary>
    private static double Probit(double p) => p <= 0 ? double.NegativeInfinity : p >= 1 ? double.PositiveInfinity : StandardNormal.Quantile(p);

    /// <summary>What <see cref="PrepareItems"/> and <see cref="PrepareThresholds"/> compute, for the States whose parameters were just drawn.</summary>
    private void UpdateVariableStates(int[] states)
    {
        double conjuncture = _c.Tension * _c.Susceptibility[0];
        var q = _c.StatusQuo.AsSpan(0, _d);
        foreach (int i in states)
        {
            _hostage[i] = _itemHostage[i] = _linkage[i] * conjuncture;
            _gain[i] = _itemGain[i] = AgendaSetter.Gain(q, _draft, _ideal.AsSpan(i * _d, _d), _c.Salience.AsSpan(i * _d, _d), _c.Loss);
            PrepareThreshold(i);
        }
    }

    private enum ParameterTarget
    {
        ObjectionProbability,
        IdealPoint,
        BlockingCost,
        Noise,
        Linkage,
    }

    private readonly record struct ParameterSlot(Parameter Parameter, ParameterTarget Target, int Index);
}
