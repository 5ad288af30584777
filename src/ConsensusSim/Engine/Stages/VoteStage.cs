using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using ConsensusSim.Behaviour;
using ConsensusSim.Model;
using ConsensusSim.Numerics;

namespace ConsensusSim.Engine.Stages;

/// <summary>The vote: each State's stance (fixed objection, latent noise or a custom behaviour), the objectors, and whether the rule is met.</summary>
internal sealed class VoteStage
{
    private readonly CompiledScenario _c;
    private readonly int _n;
    private readonly int _padded;
    private readonly bool _copula;
    private readonly LatentBallot _latent;
    private readonly double[] _objectionProbability;
    private readonly float[] _objectionThreshold;
    private readonly float[] _neverBelow;
    private readonly float[] _objectBelow;
    private readonly float[] _statementBelow;
    private readonly int[] _objectors;
    private readonly ulong[] _objectMask;
    private readonly IndependentObjectors? _independent;

    public VoteStage(KernelPlan plan, TrialWorkspace workspace, LatentBallot latent)
    {
        _c = plan.Scenario;
        _n = workspace.Shape.States;
        _padded = workspace.Shape.Padded;
        _copula = plan.Copula;
        _latent = latent;
        _objectionProbability = workspace.ObjectionProbability;
        _objectionThreshold = workspace.ObjectionThreshold;
        _neverBelow = workspace.PaddedThresholds(1);
        _objectBelow = workspace.ObjectBelow;
        _statementBelow = workspace.StatementBelow;
        _objectors = workspace.Objectors;
        _objectMask = latent.ObjectMask;
        _independent = _c.Model == BehaviourModel.FixedObjection && !_copula ? new IndependentObjectors(plan, workspace) : null;
    }

    /// <summary>The draw of independent objectors, under the fixed-objection model without shared noise; null otherwise.</summary>
    public IndependentObjectors? Independent => _independent;

    /// <summary>Takes a vote in <paramref name="venue"/>, in meeting round <paramref name="round"/>.</summary>
    public VoteTally Vote(ref TrialRandom random, VoteVenue venue, int round) => _c.Model switch
    {
        BehaviourModel.FixedObjection => VoteFixed(ref random, venue),
        BehaviourModel.Custom => VoteCustom(ref random, venue, round),
        _ => VoteStance(ref random, venue),
    };

    /// <summary>Whether the vote meets the decision rule.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Agreed(in VoteTally v) => Agreed(_c, v, _objectors);

    /// <summary>Whether a vote with <paramref name="objectors"/> (its first v.Objectors entries, in State order) meets the scenario's rule.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Agreed(CompiledScenario c, in VoteTally v, int[] objectors) => c.RuleKind switch
    {
        DecisionRuleKind.Consensus or DecisionRuleKind.ConsensusMinusOne or DecisionRuleKind.ConsensusMinusTwo => v.Counted == 0,
        DecisionRuleKind.UnanimityWithAbstention => v.Objectors == 0 && v.Statements < c.StateCount,
        DecisionRuleKind.Custom => c.CustomRule!.Adopts(
            new VoteSummary(c.StateCount, v.Objectors, v.Statements, c.TotalWeight - v.ObjectorWeight, c.TotalWeight),
            objectors.AsSpan(0, v.Objectors)),
        _ => c.StateCount - v.Objectors >= c.MinimumSupporters && CarriesWeight(c, v, objectors),
    };

    /// <summary>Turns the objectors marked in the latent ballot's mask into a tally, drawing amendments to a silence procedure if any.</summary>
    public VoteTally TallyLatent(ref TrialRandom random, double amendment, int statements)
    {
        int objectors = 0, counted = 0, amendments = 0;
        long weight = 0;
        if (amendment == 0)
        {
            for (int w = 0; w < _objectMask.Length; w++)
            {
                for (ulong bits = _objectMask[w]; bits != 0; bits &= bits - 1)
                {
                    Object((w << 6) + BitOperations.TrailingZeroCount(bits), ref objectors, ref counted, ref weight);
                }
            }

            return new VoteTally(objectors, counted, weight, statements, 0);
        }

        // Every State draws its amendment chance in order, objector or not (common random numbers).
        var r = random;
        for (int i = 0; i < _n; i++)
        {
            bool objects = _latent.IsObjector(i);
            amendments += AmendsSilence(ref r, amendment, objects);
            if (objects)
            {
                Object(i, ref objectors, ref counted, ref weight);
            }
        }

        random = r;
        return new VoteTally(objectors, counted, weight, statements, amendments);
    }

    /// <summary>Whether the supporters carry the weight the rule needs; rounded units leave a near tie to the exact weights.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool CarriesWeight(CompiledScenario c, in VoteTally v, int[] objectors)
    {
        long support = c.TotalWeight - v.ObjectorWeight;
        return support >= c.MinimumSupporterWeight
            || (c.RuleWeights is { IsExact: false } weights && weights.Suffices(support, objectors.AsSpan(0, v.Objectors)));
    }

    private VoteTally VoteFixed(ref TrialRandom random, VoteVenue venue)
    {
        var r = random;
        int objectors = 0, counted = 0, amendments = 0;
        long weight = 0;
        double amendment = venue == VoteVenue.Silence ? _c.AmendmentProbability : 0;
        if (_copula)
        {
            // With shared noise a State objects when its latent normal falls below Φ⁻¹(p): the Gaussian copula.
            _latent.Draw(_objectionThreshold.AsSpan((int)venue * _padded, _padded), _neverBelow);
            return TallyLatent(ref random, amendment, statements: 0);
        }

        if (amendment == 0 && _independent is { } independent && independent.TryDraw(ref random, venue))
        {
            return TallyMask(independent.Mask);
        }

        // With amendments every State draws its chance in order, objector or not (common random numbers), and so its objection.
        double scale = 1.0 / ThresholdStage.Deterrence(_c, venue);
        var p = _objectionProbability;
        for (int i = 0; i < p.Length; i++)
        {
            bool objects = r.NextDouble() < p[i] * scale;
            amendments += AmendsSilence(ref r, amendment, objects);
            if (objects)
            {
                Object(i, ref objectors, ref counted, ref weight);
            }
        }

        random = r;
        return new VoteTally(objectors, counted, weight, 0, amendments);
    }

    /// <summary>The tally of the objectors marked in <paramref name="mask"/>, in State order.</summary>
    private VoteTally TallyMask(ulong[] mask)
    {
        int objectors = 0, counted = 0;
        long weight = 0;
        for (int w = 0; w < mask.Length; w++)
        {
            for (ulong bits = mask[w]; bits != 0; bits &= bits - 1)
            {
                Object((w << 6) + BitOperations.TrailingZeroCount(bits), ref objectors, ref counted, ref weight);
            }
        }

        return new VoteTally(objectors, counted, weight, 0, 0);
    }

    private VoteTally VoteStance(ref TrialRandom random, VoteVenue venue)
    {
        int statements = _latent.Draw(_objectBelow.AsSpan((int)venue * _padded, _padded), _statementBelow);
        return TallyLatent(ref random, venue == VoteVenue.Silence ? _c.AmendmentProbability : 0, statements);
    }

    private VoteTally VoteCustom(ref TrialRandom random, VoteVenue venue, int round)
    {
        var behaviour = _c.CustomBehaviour!;
        int objectors = 0, counted = 0, statements = 0, amendments = 0;
        long weight = 0;
        double amendment = venue == VoteVenue.Silence ? _c.AmendmentProbability : 0;
        for (int i = 0; i < _n; i++)
        {
            var position = behaviour.Decide(i, round, venue, ref random);
            if ((uint)position > (uint)StatePosition.Objects)
            {
                throw UndefinedPosition(behaviour, position, i);
            }

            bool objects = position == StatePosition.Objects;
            amendments += AmendsSilence(ref random, amendment, objects);
            if (objects)
            {
                Object(i, ref objectors, ref counted, ref weight);
            }
            else
            {
                statements += position == StatePosition.JoinsWithStatement ? 1 : 0;
            }
        }

        return new VoteTally(objectors, counted, weight, statements, amendments);
    }

    /// <summary>A position outside the enum would otherwise count as joining: a silent wrong answer.</summary>
    private InvalidOperationException UndefinedPosition(ICustomBehaviour behaviour, StatePosition position, int state) =>
        new(string.Create(CultureInfo.InvariantCulture, $"The custom behaviour '{behaviour.Name}' returned StatePosition {(int)position} for State {_c.Scenario.States[state]}, which is not a defined position (Joins, JoinsWithStatement or Objects)."));

    /// <summary>Every State draws its amendment chance whether or not it objects, so streams stay aligned across scenarios (common random numbers).</summary>
    private static int AmendsSilence(ref TrialRandom random, double amendment, bool objects) =>
        amendment > 0 && random.NextDouble() < amendment && !objects ? 1 : 0;

    private void Object(int i, ref int objectors, ref int counted, ref long weight)
    {
        _objectors[objectors++] = i;
        counted += _c.Counted[i] ? 1 : 0;
        weight += _c.Weights[i];
    }
}
