using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using ConsensusSim.Simulation;
using ConsensusSim.Behaviour;
using ConsensusSim.Model;
using ConsensusSim.Procedures;
using ConsensusSim.Numerics;

namespace ConsensusSim.Engine;

/// <summary>
/// Runs trials of one compiled scenario: walks the compiled procedure table, taking a vote at each
/// decision point. One kernel per worker: it owns scratch arrays sized once, so a trial allocates nothing.
/// </summary>
internal sealed partial class TrialKernel
{
    private const int SettingCount = 3;
    private static readonly int StageCount = Enum.GetValues<ProcedureStage>().Length;
    private const double AmbitionScale = 1e9;

    /// <summary>Keys the noise streams of a trial's second and later votes (any constant would do; this one is fixed forever).</summary>
    private const ulong VoteStreamOffset = 0x5DEECE66DA3B1C27UL;

    private const long WorkPerCancellationCheck = 1L << 22;
    private const long MaxTrialsPerCancellationCheck = 1L << 16;

    private readonly CompiledScenario _c;
    private readonly CompiledProcedure _procedure;
    private readonly ProcedureStage _entry;
    private readonly double[] _inverseNoise;
    private readonly int _n;
    private readonly int _d;
    private readonly int _items;

    // Per-State parameters of the current trial.
    private readonly double[] _objectionProbability;
    private readonly float[] _objectionThreshold;
    private readonly double[] _ideal;
    private readonly double[] _blockingCost;
    private readonly double[] _noise;
    private readonly double[] _linkage;

    // Per-item expected gains and hostage-taking, item-major; then the decision currently being taken.
    private readonly double[] _itemGain;
    private readonly double[] _itemHostage;
    private readonly double[] _gain;
    private readonly double[] _hostage;

    private readonly double[] _draft;
    private readonly double[] _required;
    private readonly double[] _objectorSalience;
    private readonly double[] _blocShared;
    private readonly double[] _blocOwn;
    private readonly float[] _sharedShock;
    private readonly float[] _stanceObject;
    private readonly float[] _stanceStatement;
    private readonly bool _copula;
    private readonly int _nPad;
    private float[] _noiseBlock;
    private readonly float[][] _firstBlocks;
    private readonly bool _drawAhead;
    private readonly int _noiseLength;
    private readonly Vector512<double> _shockScaleLow;
    private readonly Vector512<double> _shockScaleHigh;
    private readonly float[] _ownPerState;
    private readonly int[] _blocPerState;
    private readonly ulong[] _objectMask;
    private readonly float[] _neverBelow;
    private readonly bool _vectorVote;
    private readonly bool _scalarStream;
    private readonly NormalPath _noisePath;
    private ulong _seed;
    private long _trial;
    private int _vote;
    private readonly bool _staticGains;
    private readonly ParameterSlot[] _randomSlots;
    private readonly int[]? _variableStates;
    private readonly int _settings;
    private readonly bool _staticThresholds;
    private readonly bool _restoreEachTrial;
    private readonly double[] _startDraft;
    private readonly double[] _startGain;
    private readonly float[] _startObject;
    private readonly float[] _startStatement;
    private bool _revised;
    private readonly int[] _objectors;
    private readonly SingleVotePlan? _singleVote;
    private readonly bool _conditional;
    private readonly bool _fusedLoop;
    private readonly long[] _unopposedByStatements;
    private readonly double[] _conditionalInverse = [];
    private readonly ulong[] _conditionalCounted = [];
    private readonly ulong[] _conditionalCertain = [];
    private readonly long _trialsPerCheck;

    /// <param name="compiled">The scenario.</param>
    /// <param name="noisePath">Forces a path of <see cref="NormalBlock"/> (tests); every path gives the same bits.</param>
    /// <param name="vectorVote">Whether <see cref="LatentVote"/> may take its vector path (tests); both paths give the same bits.</param>
    /// <param name="cacheTrialStart">Whether a compromising Chair's starting draft, gains and thresholds are computed once and restored per trial, and with random parameters only the States that have them are recomputed (tests compare both ways).</param>
    /// <param name="planSingleVote">Whether a procedure that takes one vote per decision is planned once instead of walked per trial (tests compare both ways).</param>
    /// <param name="conditional">Whether each trial also adds P(adopted | the blocs' shocks) to the conditional sums (see the run options).</param>
    /// <param name="fuseSingleVote">Whether a single vote on fixed thresholds runs in the fused loop of <see cref="RunFusedChunk"/> (tests compare both ways).</param>
    /// <exception cref="ConditionalMonteCarloNotApplicableException">Conditional Monte Carlo is asked for a scenario it does not apply to.</exception>
    public TrialKernel(CompiledScenario compiled, NormalPath noisePath = NormalPath.Auto, bool vectorVote = true, bool cacheTrialStart = true, bool planSingleVote = true, bool conditional = false, bool fuseSingleVote = true)
    {
        _noisePath = noisePath;
        _c = compiled;
        _procedure = compiled.Procedure;
        _entry = compiled.Procedure.Entry;
        _n = compiled.StateCount;
        _d = compiled.DimensionCount;
        _items = compiled.ItemCount;
        _objectionProbability = new double[_n];
        _settings = compiled.Escalate ? 3 : compiled.UseSilence ? 2 : 1;
        // Only blocs with shared noise (ρ > 0) need a shock; all others share one slot whose shock stays 0,
        // so a table of many independent actors still fits the vector vote.
        int[] correlated = [.. Enumerable.Range(0, compiled.BlocCount).Where(b => compiled.BlocCorrelation[b] > 0)];
        int shocks = correlated.Length;
        _nPad = LatentVote.Padded(_n + shocks);
        _objectionThreshold = PaddedThresholds(SettingCount);
        _ideal = new double[_n * _d];
        _blockingCost = new double[_n];
        _noise = new double[_n];
        _linkage = new double[_n];
        _itemGain = new double[_items * _n];
        _itemHostage = new double[_items * _n];
        _gain = new double[_n];
        _hostage = new double[_n];
        _draft = new double[_d];
        _required = new double[_n];
        _objectorSalience = new double[_d];
        _sharedShock = new float[Math.Max(shocks + 1, LatentVote.MaxVectorBlocs)];
        _stanceObject = PaddedThresholds(SettingCount);
        _stanceStatement = PaddedThresholds(1);
        _neverBelow = PaddedThresholds(1);
        _inverseNoise = new double[_n];
        _blocShared = [.. correlated.Select(b => Math.Sqrt(compiled.BlocCorrelation[b]))];
        _blocOwn = [.. compiled.BlocCorrelation.Select(rho => Math.Sqrt(1 - rho))];
        _copula = compiled.BlocCorrelation.Any(rho => rho > 0);
        _objectors = new int[_n];
        // Whole blocks (a partial last block would cost a slower store for nothing), then one vector of zeros so the
        // blocs' shocks can be read as one vector from wherever they start.
        _noiseLength = (_n + shocks + NormalBlock.BlockLength - 1) / NormalBlock.BlockLength * NormalBlock.BlockLength;
        _noiseBlock = new float[_noiseLength + LatentVote.MaxVectorBlocs];
        _firstBlocks = [.. Enumerable.Range(0, 4).Select(_ => new float[_noiseBlock.Length])];
        var scales = new double[LatentVote.MaxVectorBlocs];
        _blocShared.AsSpan(0, Math.Min(shocks, scales.Length)).CopyTo(scales);
        _shockScaleLow = Vector512.Create(scales.AsSpan(0, 8));
        _shockScaleHigh = Vector512.Create(scales.AsSpan(8, 8));
        _drawAhead = compiled.Model == BehaviourModel.Stance || (compiled.Model == BehaviourModel.FixedObjection && _copula);
        _ownPerState = new float[_nPad];
        _blocPerState = new int[_nPad];
        for (int i = 0; i < _n; i++)
        {
            _ownPerState[i] = (float)_blocOwn[compiled.Bloc[i]];
            int slot = Array.IndexOf(correlated, compiled.Bloc[i]);
            _blocPerState[i] = slot >= 0 ? slot : shocks;
        }

        _objectMask = new ulong[(_nPad + 63) / 64];
        _vectorVote = vectorVote && LatentVote.VectorAvailable(shocks + 1);

        // Latent noise comes from the vote's normal block; the trial's scalar stream is only set up for
        // what else draws from it: random parameters, independent objections, amendments, custom behaviour.
        _scalarStream = compiled.HasRandomParameters
            || compiled.Model == BehaviourModel.Custom
            || (compiled.Model == BehaviourModel.FixedObjection && !_copula)
            || (compiled.UseSilence && compiled.AmendmentProbability > 0);

        // Without random parameters every trial starts from the same draft, gains and thresholds; only the
        // noise differs. Fixed parameters consume no draws, so computing them once equals computing them per
        // trial. A compromising Chair moves the draft within a trial, so its start is restored before each.
        bool restorable = cacheTrialStart && compiled.Chair == ChairStrategy.Compromise && _items == 1 && compiled.Model == BehaviourModel.Stance;
        _staticGains = !compiled.HasRandomParameters && (compiled.Chair == ChairStrategy.Fixed || restorable);
        foreach (var slot in ParameterSlots())
        {
            if (slot.Parameter.IsFixed)
            {
                var unused = default(TrialRandom);
                Set(slot, slot.Parameter.Sample(ref unused));
            }
        }

        _randomSlots = [.. ParameterSlots().Where(slot => !slot.Parameter.IsFixed)];

        // With random parameters, a Fixed Chair and one proposal, only the States whose parameters are random
        // change from trial to trial: their gains and thresholds are recomputed, everyone else's are kept.
        _variableStates = cacheTrialStart && compiled.HasRandomParameters && compiled.Chair == ChairStrategy.Fixed
            && _items == 1 && compiled.Model == BehaviourModel.Stance
            ? [.. _randomSlots.Select(slot => slot.Target == ParameterTarget.IdealPoint ? slot.Index / _d : slot.Index).Distinct().Order()]
            : null;
        if (_staticGains || _variableStates is not null)
        {
            PrepareItems();
        }

        // A single proposal with static gains faces the same thresholds in every trial (but for the variable States').
        _staticThresholds = (_staticGains || _variableStates is not null) && _items == 1 && compiled.Model == BehaviourModel.Stance;
        if (_staticThresholds)
        {
            _itemGain.AsSpan(0, _n).CopyTo(_gain);
            _itemHostage.AsSpan(0, _n).CopyTo(_hostage);
            PrepareThresholds();
        }

        _restoreEachTrial = _staticThresholds && restorable;
        _startDraft = _restoreEachTrial ? [.. _draft] : [];
        _startGain = _restoreEachTrial ? [.. _gain] : [];
        _startObject = _restoreEachTrial ? [.. _stanceObject] : [];
        _startStatement = _restoreEachTrial ? [.. _stanceStatement] : [];
        _singleVote = planSingleVote ? PlanSingleVote() : null;
        if (conditional && WhyNotConditional() is { } why)
        {
            throw new ConditionalMonteCarloNotApplicableException(why);
        }

        _conditional = conditional;
        if (conditional)
        {
            (_conditionalInverse, _conditionalCounted, _conditionalCertain) = ConditionalWeights();
        }

        _fusedLoop = fuseSingleVote && CanFuse();
        _unopposedByStatements = _fusedLoop ? new long[_n + 1] : [];

        // About 2²² State votes between two looks at a chunk's cancellation token: milliseconds of work, so a cancelled
        // chunk stops well within a second at any chunk size, and for the 57 States of the reference trial one look per
        // 65,536 trials, which costs nothing measurable. Outside the fused loop a trial may take every round, in every
        // setting, for every item, and recompute gains over every dimension.
        long votesPerTrial = _fusedLoop ? _nPad : (long)_nPad * Math.Max(_d, 1) * compiled.MaxRounds * _settings * _items;
        _trialsPerCheck = Math.Clamp(WorkPerCancellationCheck / votesPerTrial, 1, MaxTrialsPerCancellationCheck);
    }

    /// <summary>Trials between two looks at a chunk's cancellation token (tests cancel in the middle of a chunk).</summary>
    internal long TrialsPerCancellationCheck => _trialsPerCheck;

    /// <summary>Whether each trial recomputes only the States that draw parameters (tests check the path they mean is taken).</summary>
    internal bool UsesVariableStates => _variableStates is not null;

    /// <summary>Runs trials <paramref name="firstTrial"/> to firstTrial + count − 1 of the run with <paramref name="seed"/>, adding their outcomes to <paramref name="acc"/>.</summary>
    /// <param name="seed">The run's seed.</param>
    /// <param name="firstTrial">The first trial's index in the run: its noise comes from the stream of (seed, trial).</param>
    /// <param name="count">The number of trials.</param>
    /// <param name="acc">The tallies to add to.</param>
    public void RunChunk(ulong seed, long firstTrial, long count, TrialAccumulator acc) => RunChunk(seed, firstTrial, count, acc, CancellationToken.None);

    /// <summary>
    /// Runs trials <paramref name="firstTrial"/> to firstTrial + count − 1 as <see cref="RunChunk(ulong, long, long, TrialAccumulator)"/>
    /// does, looking at <paramref name="cancellationToken"/> every <see cref="TrialsPerCancellationCheck"/> trials.
    /// </summary>
    /// <param name="seed">The run's seed.</param>
    /// <param name="firstTrial">The first trial's index in the run.</param>
    /// <param name="count">The number of trials.</param>
    /// <param name="acc">The tallies to add to; after an abandoned chunk they hold part of it and must be discarded.</param>
    /// <param name="cancellationToken">Abandons the chunk.</param>
    /// <returns>Whether every trial ran; false when the chunk was abandoned.</returns>
    public bool RunChunk(ulong seed, long firstTrial, long count, TrialAccumulator acc, CancellationToken cancellationToken)
    {
        _seed = seed;
        long end = firstTrial + count;
        if (_fusedLoop)
        {
            return RunFusedChunk(firstTrial, end, acc, cancellationToken);
        }

        if (_drawAhead)
        {
            DrawFirstBlocks(firstTrial, end, 0);
        }

        // Sub-blocks of trials between looks at the token: the trials, their order and their draws are those of one loop.
        for (long block = firstTrial; block < end; block += _trialsPerCheck)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                return false;
            }

            long blockEnd = Math.Min(block + _trialsPerCheck, end);
            for (long t = block; t < blockEnd; t++)
            {
                _trial = t;
                if (_drawAhead)
                {
                    // Every trial's first vote needs its block. Drawing the next two trials' blocks together, before this
                    // trial's branches, lets the processor overlap the generator's long dependency chains with each other
                    // and with this trial's vote; four buffers hold this pair and the next.
                    long k = t - firstTrial;
                    _noiseBlock = _firstBlocks[k & 3];
                    if ((k & 1) == 0)
                    {
                        DrawFirstBlocks(t + 2, end, (int)((k + 2) & 3));
                    }
                }

                _vote = 0;
                var random = _scalarStream ? TrialRandom.ForTrial(seed, t) : default;
                if (_c.HasRandomParameters)
                {
                    DrawParameters(ref random);
                }

                if (_variableStates is { } variable)
                {
                    UpdateVariableStates(variable);
                }
                else if (!_staticGains)
                {
                    PrepareItems();
                }
                else if (_revised)
                {
                    RestoreTrialStart();
                }

                RunTrial(ref random, acc);
            }
        }

        return true;
    }

    /// <summary>Draws the first vote's blocks of trials <paramref name="t"/> and t + 1 (those before <paramref name="end"/>) into buffers <paramref name="slot"/> and slot + 1.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)] // out of line: its fallbacks would take registers from the trial loops
    private void DrawFirstBlocks(long t, long end, int slot)
    {
        var first = _firstBlocks[slot].AsSpan(0, _noiseLength);
        var second = _firstBlocks[slot + 1].AsSpan(0, _noiseLength);
        if (t + 1 < end && _noisePath is NormalPath.Auto or NormalPath.Vector512)
        {
            NormalBlock.FillPair(_seed, t, first, t + 1, second);
        }
        else if (t < end)
        {
            NormalBlock.Fill(_seed, t, first, _noisePath);
            if (t + 1 < end)
            {
                NormalBlock.Fill(_seed, t + 1, second, _noisePath);
            }
        }
    }

    private void RunTrial(ref TrialRandom random, TrialAccumulator acc)
    {
        acc.Trials++;
        if (_staticThresholds)
        {
            // Gains, hostage-taking and thresholds were set once for every trial.
        }
        else if (_items == 1)
        {
            _itemGain.AsSpan(0, _n).CopyTo(_gain);
            _itemHostage.AsSpan(0, _n).CopyTo(_hostage);
        }
        else
        {
            // A package: each State weighs the sum of its gains. It takes the package hostage once, as
            // firmly as its most crisis-prone item invites: linkage is about the decision, not its length.
            Array.Clear(_gain);
            Array.Clear(_hostage);
            for (int k = 0; k < _items; k++)
            {
                for (int i = 0; i < _n; i++)
                {
                    _gain[i] += _itemGain[(k * _n) + i];
                    _hostage[i] = Math.Max(_hostage[i], _itemHostage[(k * _n) + i]);
                }
            }
        }

        var outcome = Decide(ref random, revisable: _items == 1);
        Record(acc, outcome);
        if (_conditional)
        {
            acc.AddConditional(ConditionalAdoption());
        }

        if (_items > 1)
        {
            bool all = true;
            for (int k = 0; k < _items; k++)
            {
                _itemGain.AsSpan(k * _n, _n).CopyTo(_gain);
                _itemHostage.AsSpan(k * _n, _n).CopyTo(_hostage);
                bool adopted = Decide(ref random, revisable: false).Adopted;
                acc.ItemAdoptedSeparately[k] += adopted ? 1 : 0;
                all &= adopted;
            }

            acc.AllAdoptedSeparately += all ? 1 : 0;
        }
    }

    /// <summary>Runs the procedure once for the decision in <see cref="_gain"/> and <see cref="_hostage"/>.</summary>
    private DecisionOutcome Decide(ref TrialRandom random, bool revisable)
    {
        if (!_staticThresholds && _c.Model == BehaviourModel.Stance)
        {
            PrepareThresholds();
        }

        return _singleVote is { } plan ? DecideOnce(ref random, plan) : Walk(ref random, revisable);
    }

    /// <summary>Walks the procedure table from the entry stage, taking a vote at each decision point, until it ends.</summary>
    private DecisionOutcome Walk(ref TrialRandom random, bool revisable)
    {
        // Steps without a vote (informal body, Preparatory Committee) change nothing a trial records.
        var stage = _entry;
        var decidedIn = stage;
        int round = 0;
        VoteTally vote = default;
        bool escalated = false;
        int standing = Standing;
        while (_procedure.TriggerAt(stage) is { } trigger)
        {
            int context = 0;
            if (IsVote(trigger))
            {
                var setting = SettingAt(stage);
                round += setting == VoteSetting.Meeting ? 1 : 0;
                escalated |= setting == VoteSetting.MinisterialCouncil;
                vote = Vote(ref random, setting, round);
                context = standing | (Agreed(vote) && vote.Amendments == 0 ? 1 : 0) | (round < _c.MaxRounds ? 2 : 0);
            }
            else if (trigger == ProcedureTrigger.Revise && revisable && _c.Chair == ChairStrategy.Compromise)
            {
                Compromise(vote.Objectors);
            }

            decidedIn = stage;
            stage = _procedure.Next(stage, context);
        }

        return new DecisionOutcome(stage == ProcedureStage.Adopted, decidedIn, round, vote, escalated);
    }

    private readonly record struct DecisionOutcome(bool Adopted, ProcedureStage DecidedIn, int Round, VoteTally Vote, bool Escalated);
}
