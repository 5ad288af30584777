using ConsensusSim.Model;

namespace ConsensusSim.Simulation;

/// <summary>
/// Runs trials of one compiled scenario. One kernel per worker: it owns scratch arrays sized once,
/// so a trial allocates nothing.
/// </summary>
internal sealed class TrialKernel
{
    private readonly CompiledScenario _c;
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
        int objectorCount = 0;
        int countedCount = 0;
        for (int round = 0; round < _c.MaxRounds; round++)
        {
            int statements;
            (objectorCount, countedCount, statements) = _c.Model == BehaviourModel.FixedObjection
                ? VoteFixed(ref random)
                : VoteStance(ref random);
            if (countedCount == 0)
            {
                acc.Adopted++;
                acc.AdoptedInRound[round]++;
                acc.ObjectorCounts[objectorCount]++;
                if (statements > 0)
                {
                    acc.AdoptedWithStatements++;
                    acc.StatementsInAdoptedTrials += statements;
                }

                return;
            }
        }

        acc.ObjectorCounts[objectorCount]++;
        int sole = -1;
        for (int k = 0; k < objectorCount; k++)
        {
            int i = _objectors[k];
            if (_c.Counted[i])
            {
                acc.Blocked[i]++;
                sole = i;
            }
        }

        if (countedCount == 1)
        {
            acc.SoleBlocker[sole]++;
        }
    }

    private (int Objectors, int Counted, int Statements) VoteFixed(ref TrialRandom random)
    {
        int objectors = 0, counted = 0;
        var p = _objectionProbability;
        var isCounted = _c.Counted;
        for (int i = 0; i < p.Length; i++)
        {
            if (random.NextDouble() < p[i])
            {
                _objectors[objectors++] = i;
                counted += isCounted[i] ? 1 : 0;
            }
        }

        return (objectors, counted, 0);
    }

    private (int Objectors, int Counted, int Statements) VoteStance(ref TrialRandom random)
    {
        if (_sharedWeight > 0)
        {
            for (int b = 0; b < _blocShock.Length; b++)
            {
                _blocShock[b] = random.NextNormal();
            }
        }

        int objectors = 0, counted = 0, statements = 0;
        var bloc = _c.Bloc;
        var isCounted = _c.Counted;
        for (int i = 0; i < _gain.Length; i++)
        {
            double shock = (_sharedWeight * _blocShock[bloc[i]]) + (_ownWeight * random.NextNormal());
            double perceived = _gain[i] + (_noise[i] * shock) - _hostage[i];
            if (perceived < -_blockingCost[i])
            {
                _objectors[objectors++] = i;
                counted += isCounted[i] ? 1 : 0;
            }
            else if (perceived < 0)
            {
                statements++;
            }
        }

        return (objectors, counted, statements);
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
