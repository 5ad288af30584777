using ConsensusSim.Analysis;
using ConsensusSim.Model;

namespace ConsensusSim.Simulation;

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
    /// </summary>
    private double ConditionalAdoption()
    {
        // The meeting's thresholds come first in the padded arrays; the shocks are the ones the vote just used.
        var thresholds = _c.Model == BehaviourModel.Stance ? _stanceObject : _objectionThreshold;
        var shocks = _sharedShock;
        double adopt = 1;
        for (int i = 0; i < _n; i++)
        {
            if (!_c.Counted[i])
            {
                continue;
            }

            double theta = thresholds[i];
            double shock = shocks[_blocPerState[i]];
            double own = _ownPerState[i];
            if (own == 0)
            {
                adopt *= shock < theta ? 0 : 1;
                continue;
            }

            // Beyond 8.5 the chance of objecting is below 10⁻¹⁷, under half an ulp of 1: most States, most trials.
            double x = (shock - theta) / own;
            if (x < StaysCertainly)
            {
                adopt *= StandardNormal.Cdf(x);
            }
        }

        return adopt;
    }
}
