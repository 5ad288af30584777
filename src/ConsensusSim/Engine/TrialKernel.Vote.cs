using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using ConsensusSim.Behaviour;
using ConsensusSim.Model;
using ConsensusSim.Procedures;
using ConsensusSim.Numerics;

namespace ConsensusSim.Engine;

/// <summary>The vote: each State's stance (fixed objection, latent noise or a custom behaviour), the objectors, and whether the rule is met.</summary>
internal sealed partial class TrialKernel
{
    private VoteTally Vote(ref TrialRandom random, VoteSetting setting, int round) => _c.Model switch
    {
        BehaviourModel.FixedObjection => VoteFixed(ref random, setting),
        BehaviourModel.Custom => VoteCustom(ref random, setting, round),
        _ => VoteStance(ref random, setting),
    };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Agreed(in VoteTally v) => _c.RuleKind switch
    {
        DecisionRuleKind.Consensus or DecisionRuleKind.ConsensusMinusOne or DecisionRuleKind.ConsensusMinusTwo => v.Counted == 0,
        DecisionRuleKind.UnanimityWithAbstention => v.Objectors == 0 && v.Statements < _n,
        DecisionRuleKind.Custom => _c.CustomRule!.Adopts(
            new VoteSummary(_n, v.Objectors, v.Statements, _c.TotalWeight - v.ObjectorWeight, _c.TotalWeight),
            _objectors.AsSpan(0, v.Objectors)),
        _ => _n - v.Objectors >= _c.MinimumSupporters && CarriesWeight(v),
    };

    /// <summary>Whether the supporters carry the weight the rule needs; rounded units leave a near tie to the exact weights.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool CarriesWeight(in VoteTally v)
    {
        long support = _c.TotalWeight - v.ObjectorWeight;
        return support >= _c.MinimumSupporterWeight
            || (_c.RuleWeights is { IsExact: false } weights && weights.Suffices(support, _objectors.AsSpan(0, v.Objectors)));
    }

    private double Deterrence(VoteSetting setting) => setting switch
    {
        VoteSetting.Silence => _c.SilenceDeterrence,
        VoteSetting.MinisterialCouncil => _c.MinisterialDeterrence,
        _ => 1.0,
    };

    private VoteTally VoteFixed(ref TrialRandom random, VoteSetting setting)
    {
        var r = random;
        int objectors = 0, counted = 0, amendments = 0;
        long weight = 0;
        double amendment = setting == VoteSetting.Silence ? _c.AmendmentProbability : 0;
        if (_copula)
        {
            // With shared noise a State objects when its latent normal falls below Φ⁻¹(p): the Gaussian copula.
            LatentDraws(_objectionThreshold.AsSpan((int)setting * _nPad, _nPad), _neverBelow);
            return TallyLatent(ref random, amendment, statements: 0);
        }

        double scale = 1.0 / Deterrence(setting);
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

    private VoteTally VoteStance(ref TrialRandom random, VoteSetting setting)
    {
        int statements = LatentDraws(_stanceObject.AsSpan((int)setting * _nPad, _nPad), _stanceStatement);
        return TallyLatent(ref random, setting == VoteSetting.Silence ? _c.AmendmentProbability : 0, statements);
    }

    /// <summary>Turns the objectors marked by <see cref="LatentDraws"/> into a tally, drawing amendments to a silence procedure if any.</summary>
    private VoteTally TallyLatent(ref TrialRandom random, double amendment, int statements)
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
            bool objects = IsObjector(i);
            amendments += AmendsSilence(ref r, amendment, objects);
            if (objects)
            {
                Object(i, ref objectors, ref counted, ref weight);
            }
        }

        random = r;
        return new VoteTally(objectors, counted, weight, statements, amendments);
    }

    /// <summary>
    /// Draws this vote's noise — the States' own normals, then the shocks of the blocs that share noise — from the
    /// vote's normal block and marks the objectors in <see cref="_objectMask"/>; returns the statements.
    /// </summary>
    /// <remarks>
    /// Vote v of a trial draws the block of (seed', trial) with seed' = seed for the first vote and
    /// seed ^ Mix(offset + v) after it, so each vote has its own stream and a vote's noise does not
    /// depend on how many normals earlier votes used.
    /// </remarks>
    private int LatentDraws(ReadOnlySpan<float> objectBelow, ReadOnlySpan<float> statementBelow)
    {
        var noise = _noiseBlock;
        if (_vote > 0 || !_drawAhead)
        {
            ulong seed = _vote == 0 ? _seed : _seed ^ SplitMix64.Mix(VoteStreamOffset + (ulong)_vote);

            NormalBlock.Fill(seed, _trial, noise.AsSpan(0, _noiseLength), _noisePath);
        }

        _vote++;
        var shared = _sharedShock;
        var scale = _blocShared;
        if (_vectorVote)
        {
            BlocShocks(noise).StoreUnsafe(ref shared[0]);
        }
        else
        {
            for (int b = 0; b < scale.Length; b++)
            {
                shared[b] = (float)(scale[b] * noise[_n + b]);
            }
        }

        return LatentVote.Evaluate(noise, _ownPerState, _blocPerState, shared.AsSpan(0, _vectorVote ? shared.Length : scale.Length + 1), objectBelow, statementBelow, _objectMask, _vectorVote);
    }

    /// <summary>
    /// The blocs' shocks √ρ·η of this vote, sixteen at once: the same double multiply and rounding to float as the scalar
    /// loop of <see cref="LatentDraws"/>; blocs past the last correlated one get ±0 (their scale is 0), which is the
    /// vector vote's zero slot (z + ±0 compares alike).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Vector512<float> BlocShocks(float[] noise)
    {
        var eta = Vector512.LoadUnsafe(ref noise[0], (nuint)_n);
        return Vector512.Narrow(Vector512.WidenLower(eta) * _shockScaleLow, Vector512.WidenUpper(eta) * _shockScaleHigh);
    }

    private bool IsObjector(int i) => (_objectMask[i >> 6] & (1UL << (i & 63))) != 0;

    private float[] PaddedThresholds(int settings)
    {
        var thresholds = new float[settings * _nPad];
        Array.Fill(thresholds, float.NegativeInfinity);
        return thresholds;
    }

    private VoteTally VoteCustom(ref TrialRandom random, VoteSetting setting, int round)
    {
        var behaviour = _c.CustomBehaviour!;
        int objectors = 0, counted = 0, statements = 0, amendments = 0;
        long weight = 0;
        double amendment = setting == VoteSetting.Silence ? _c.AmendmentProbability : 0;
        for (int i = 0; i < _n; i++)
        {
            var position = behaviour.Decide(i, round, (VoteVenue)setting, ref random);
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
