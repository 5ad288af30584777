using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using ConsensusSim.Behaviour;
using ConsensusSim.Model;
using ConsensusSim.Procedures;

namespace ConsensusSim.Engine;

/// <summary>The States' expected gains and objection thresholds for the current draft, and the compromising Chair's revision of it.</summary>
internal sealed partial class TrialKernel
{
    /// <summary>Sets each item's expected gains and hostage-taking for this trial; the agenda-setter first chooses the draft.</summary>
    private void PrepareItems()
    {
        if (_c.Model != BehaviourModel.Stance)
        {
            return;
        }

        _c.Draft.AsSpan(0, _d).CopyTo(_draft);
        for (int k = 0; k < _items; k++)
        {
            double conjuncture = _c.Tension * _c.Susceptibility[k];
            for (int i = 0; i < _n; i++)
            {
                _itemHostage[(k * _n) + i] = _linkage[i] * conjuncture;
            }

            if (k == 0 && _c.Chair == ChairStrategy.AgendaSetter)
            {
                // Computes the gains from the draft it tables, as it checks them.
                ProposeAsAgendaSetter();
                continue;
            }

            ComputeGains(k, k == 0 ? _draft : _c.Draft.AsSpan(k * _d, _d));
        }
    }

    private void ComputeGains(int item, ReadOnlySpan<double> draft)
    {
        var q = _c.StatusQuo.AsSpan(item * _d, _d);
        for (int i = 0; i < _n; i++)
        {
            _itemGain[(item * _n) + i] = AgendaSetter.Gain(q, draft, _ideal.AsSpan(i * _d, _d), _c.Salience.AsSpan(i * _d, _d), _c.Loss);
        }
    }

    /// <summary>Puts back the draft, gains and thresholds every trial starts from, after a Chair revised them.</summary>
    private void RestoreTrialStart()
    {
        _startDraft.CopyTo(_draft);
        _startGain.CopyTo(_gain);
        _startGain.CopyTo(_itemGain, 0);
        _startObject.CopyTo(_stanceObject, 0);
        _startStatement.CopyTo(_stanceStatement, 0);
        _revised = false;
    }

    /// <summary>Moves the draft toward the status quo, most on the dimensions the objectors weigh most.</summary>
    private void Compromise(int objectors)
    {
        if (objectors == 0)
        {
            return;
        }

        Array.Clear(_objectorSalience);
        for (int j = 0; j < objectors; j++)
        {
            int i = _objectors[j];
            for (int k = 0; k < _d; k++)
            {
                _objectorSalience[k] += _c.Salience[(i * _d) + k];
            }
        }

        double max = 0;
        for (int k = 0; k < _d; k++)
        {
            max = Math.Max(max, _objectorSalience[k]);
        }

        if (max <= 0)
        {
            return;
        }

        for (int k = 0; k < _d; k++)
        {
            double q = _c.StatusQuo[k];
            _draft[k] += _c.CompromiseStep * (_objectorSalience[k] / max) * (q - _draft[k]);
        }

        ComputeGains(0, _draft);
        _itemGain.AsSpan(0, _n).CopyTo(_gain);
        PrepareThresholds();
        _revised = _restoreEachTrial;
    }

    /// <summary>
    /// Turns each State's gain, hostage-taking, cost and noise into thresholds on its latent normal z:
    /// it objects when z &lt; (−τ·d − g + h)/σ and joins with a statement when z &lt; (h − g)/σ.
    /// </summary>
    private void PrepareThresholds()
    {
        for (int i = 0; i < _n; i++)
        {
            PrepareThreshold(i);
        }
    }

    private void PrepareThreshold(int i)
    {
        // Only the settings the procedure can reach: every revision round recomputes these.
        int settings = _settings;
        double margin = _hostage[i] - _gain[i];
        double inverse = _inverseNoise[i];
        _stanceStatement[i] = (float)Threshold(margin, inverse);
        _stanceObject[i] = (float)Threshold(ObjectionMargin(_hostage[i], _gain[i], _blockingCost[i]), inverse);
        for (int setting = 1; setting < settings; setting++)
        {
            _stanceObject[(setting * _nPad) + i] = (float)Threshold(margin - (_blockingCost[i] * Deterrence((VoteSetting)setting)), inverse);
        }
    }

    /// <summary>z &lt; margin/σ; with no noise (1/σ = ∞) the position is certain: always below (+∞) or never (−∞).</summary>
    private static double Threshold(double margin, double inverseNoise) =>
        double.IsFinite(inverseNoise) ? margin * inverseNoise : margin > 0 ? double.PositiveInfinity : double.NegativeInfinity;
}
