using ConsensusSim.Model;
using ConsensusSim.Procedures;

namespace ConsensusSim.Simulation;

/// <summary>
/// Runs trials of one compiled scenario: walks the compiled procedure table, taking a vote at each
/// decision point. One kernel per worker: it owns scratch arrays sized once, so a trial allocates nothing.
/// </summary>
internal sealed class TrialKernel
{
    private readonly CompiledScenario _c;
    private readonly CompiledProcedure _procedure;
    private readonly double[] _objectionProbability;
    private readonly double[] _gain;
    private readonly double[] _blockingCost;
    private readonly double[] _noise;
    private readonly double[] _hostage;
    private readonly double[] _blocShock;
    private readonly int[] _objectors;
    private readonly double _sharedWeight;
    private readonly double _ownWeight;

    public TrialKernel(CompiledScenario compiled)
    {
        _c = compiled;
        _procedure = compiled.Procedure;
        int n = compiled.StateCount;
        _objectionProbability = new double[n];
        _gain = new double[n];
        _blockingCost = new double[n];
        _noise = new double[n];
        _hostage = new double[n];
        _blocShock = new double[compiled.BlocCount];
        _objectors = new int[n];
        _sharedWeight = Math.Sqrt(compiled.BlocCorrelation);
        _ownWeight = Math.Sqrt(1.0 - compiled.BlocCorrelation);
        if (!compiled.HasRandomParameters)
        {
            // Fixed parameters consume no draws, so sampling them once here equals sampling per trial.
            var unused = default(TrialRandom);
            DrawParameters(ref unused);
        }
    }

    public void RunChunk(ulong seed, long firstTrial, long count, TrialAccumulator acc)
    {
        for (long t = firstTrial; t < firstTrial + count; t++)
        {
            var random = TrialRandom.ForTrial(seed, t);
            if (_c.HasRandomParameters)
            {
                DrawParameters(ref random);
            }

            RunTrial(ref random, acc);
        }
    }

    private void RunTrial(ref TrialRandom random, TrialAccumulator acc)
    {
        acc.Trials++;
        var stage = ProcedureStage.Tabled;
        var lastStage = stage;
        int round = 0;
        VoteTally vote = default;
        bool escalated = false;
        while (_procedure.TriggerAt(stage) is { } trigger)
        {
            var context = default(ProcedureContext);
            if (trigger is ProcedureTrigger.Decide or ProcedureTrigger.SilenceEnds)
            {
                var setting = stage switch
                {
                    ProcedureStage.SilenceProcedure => VoteSetting.Silence,
                    ProcedureStage.MinisterialCouncil => VoteSetting.MinisterialCouncil,
                    _ => VoteSetting.Meeting,
                };
                if (setting == VoteSetting.Meeting)
                {
                    round++;
                }

                escalated |= setting == VoteSetting.MinisterialCouncil;
                vote = _c.Model == BehaviourModel.FixedObjection ? VoteFixed(ref random, setting) : VoteStance(ref random, setting);
                bool agreed = Agreed(vote) && vote.Amendments == 0;
                context = new ProcedureContext(agreed, round < _c.MaxRounds, _c.Escalate, _c.UseSilence);
            }

            lastStage = stage;
            _procedure.TryFire(stage, trigger, context, out stage);
        }

        Record(acc, stage == ProcedureStage.Adopted, lastStage, round, vote, escalated);
    }

    private bool Agreed(in VoteTally v) => _c.RuleKind switch
    {
        DecisionRuleKind.Consensus or DecisionRuleKind.ConsensusMinusOne or DecisionRuleKind.ConsensusMinusTwo => v.Counted == 0,
        DecisionRuleKind.UnanimityWithAbstention => v.Objectors == 0 && v.Statements < _c.StateCount,
        _ => _c.StateCount - v.Objectors >= _c.MinimumSupporters
            && _c.TotalWeight - v.ObjectorWeight >= _c.MinimumSupporterWeight,
    };

    private void Record(TrialAccumulator acc, bool adopted, ProcedureStage decidedIn, int round, in VoteTally vote, bool escalated)
    {
        acc.ObjectorCounts[vote.Objectors]++;
        acc.Escalated += escalated ? 1 : 0;
        if (adopted)
        {
            acc.Adopted++;
            acc.AdoptedOverObjections += vote.Objectors > 0 ? 1 : 0;
            if (decidedIn == ProcedureStage.MinisterialCouncil)
            {
                acc.AdoptedAtMinisterialCouncil++;
            }
            else
            {
                acc.AdoptedInRound[round - 1]++;
                acc.AdoptedBySilence += decidedIn == ProcedureStage.SilenceProcedure ? 1 : 0;
            }

            if (vote.Statements > 0)
            {
                acc.AdoptedWithStatements++;
                acc.StatementsInAdoptedTrials += vote.Statements;
            }

            return;
        }

        int sole = -1;
        for (int k = 0; k < vote.Objectors; k++)
        {
            int i = _objectors[k];
            if (_c.Counted[i])
            {
                acc.Blocked[i]++;
                sole = i;
            }
        }

        if (vote.Counted == 1)
        {
            acc.SoleBlocker[sole]++;
        }
    }

    private double Deterrence(VoteSetting setting) => setting switch
    {
        VoteSetting.Silence => _c.SilenceDeterrence,
        VoteSetting.MinisterialCouncil => _c.MinisterialDeterrence,
        _ => 1.0,
    };

    private VoteTally VoteFixed(ref TrialRandom random, VoteSetting setting)
    {
        int objectors = 0, counted = 0, amendments = 0;
        long weight = 0;
        double scale = 1.0 / Deterrence(setting);
        double amendment = setting == VoteSetting.Silence ? _c.AmendmentProbability : 0;
        var p = _objectionProbability;
        var isCounted = _c.Counted;
        var weights = _c.Weights;
        for (int i = 0; i < p.Length; i++)
        {
            if (random.NextDouble() < p[i] * scale)
            {
                _objectors[objectors++] = i;
                counted += isCounted[i] ? 1 : 0;
                weight += weights[i];
            }
            else if (amendment > 0 && random.NextDouble() < amendment)
            {
                amendments++;
            }
        }

        return new VoteTally(objectors, counted, weight, 0, amendments);
    }

    private VoteTally VoteStance(ref TrialRandom random, VoteSetting setting)
    {
        if (_sharedWeight > 0)
        {
            for (int b = 0; b < _blocShock.Length; b++)
            {
                _blocShock[b] = random.NextNormal();
            }
        }

        int objectors = 0, counted = 0, statements = 0, amendments = 0;
        long weight = 0;
        double deterrence = Deterrence(setting);
        double amendment = setting == VoteSetting.Silence ? _c.AmendmentProbability : 0;
        var bloc = _c.Bloc;
        var isCounted = _c.Counted;
        var weights = _c.Weights;
        for (int i = 0; i < _gain.Length; i++)
        {
            double shock = (_sharedWeight * _blocShock[bloc[i]]) + (_ownWeight * random.NextNormal());
            double perceived = _gain[i] + (_noise[i] * shock) - _hostage[i];
            if (perceived < -_blockingCost[i] * deterrence)
            {
                _objectors[objectors++] = i;
                counted += isCounted[i] ? 1 : 0;
                weight += weights[i];
            }
            else
            {
                statements += perceived < 0 ? 1 : 0;
                if (amendment > 0 && random.NextDouble() < amendment)
                {
                    amendments++;
                }
            }
        }

        return new VoteTally(objectors, counted, weight, statements, amendments);
    }

    private void DrawParameters(ref TrialRandom random)
    {
        int n = _c.StateCount;
        if (_c.Model == BehaviourModel.FixedObjection)
        {
            for (int i = 0; i < n; i++)
            {
                _objectionProbability[i] = _c.ObjectionProbability[i].Sample(ref random);
            }

            return;
        }

        int d = _c.DimensionCount;
        double conjuncture = _c.Tension * _c.Susceptibility;
        for (int i = 0; i < n; i++)
        {
            double gain = 0;
            for (int k = 0; k < d; k++)
            {
                double x = _c.IdealPoint[(i * d) + k].Sample(ref random);
                double fromStatusQuo = _c.StatusQuo[k] - x;
                double fromDraft = _c.Draft[k] - x;
                double loss = _c.Loss == LossFunction.Linear
                    ? Math.Abs(fromStatusQuo) - Math.Abs(fromDraft)
                    : (fromStatusQuo * fromStatusQuo) - (fromDraft * fromDraft);
                gain += _c.Salience[(i * d) + k] * loss;
            }

            _gain[i] = gain;
            _blockingCost[i] = _c.BlockingCost[i].Sample(ref random);
            _noise[i] = _c.Noise[i].Sample(ref random);
            _hostage[i] = _c.Linkage[i].Sample(ref random) * conjuncture;
        }
    }
}
