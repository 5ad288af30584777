using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using ConsensusSim.Behaviour;
using ConsensusSim.Model;
using ConsensusSim.Procedures;

namespace ConsensusSim.Simulation;

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
    /// <param name="conditional">Whether each trial also adds P(adopted | the blocs' shocks) to the conditional sums (see <see cref="SimulationOptions.ConditionalMonteCarlo"/>).</param>
    /// <param name="fuseSingleVote">Whether a single vote on fixed thresholds runs in the fused loop of <see cref="RunFusedChunk"/> (tests compare both ways).</param>
    /// <exception cref="ArgumentException">Conditional Monte Carlo is asked for a scenario it does not apply to.</exception>
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
            throw new ArgumentException("Conditional Monte Carlo does not apply to this scenario: " + why, nameof(conditional));
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

    /// <summary>Records <paramref name="trials"/> trials that ended in the same outcome (more than one only when no State objected).</summary>
    private void Record(TrialAccumulator acc, in DecisionOutcome o, long trials = 1)
    {
        Debug.Assert(trials == 1 || o.Vote.Objectors == 0, "Only trials without objectors are recorded together.");
        acc.ObjectorCounts[o.Vote.Objectors] += trials;
        acc.Escalated += o.Escalated ? trials : 0;
        if (o.Adopted)
        {
            acc.Adopted += trials;
            acc.AdoptedOverObjections += o.Vote.Objectors > 0 ? trials : 0;
            if (o.DecidedIn == ProcedureStage.MinisterialCouncil)
            {
                acc.AdoptedAtMinisterialCouncil += trials;
            }
            else
            {
                acc.AdoptedInRound[o.Round - 1] += trials;
                acc.AdoptedBySilence += o.DecidedIn == ProcedureStage.SilenceProcedure ? trials : 0;
            }

            if (o.Vote.Statements > 0)
            {
                acc.AdoptedWithStatements += trials;
                acc.StatementsInAdoptedTrials += o.Vote.Statements * trials;
            }

            if (_items > 1 || _c.Chair == ChairStrategy.Fixed)
            {
                // The tabled text is the adopted text: all of its ambition is kept.
                acc.AmbitionSum += (long)AmbitionScale * trials;
                acc.AmbitionHistogram[^1] += trials;
                return;
            }

            double ambition = Ambition();
            acc.AmbitionSum += (long)Math.Round(ambition * AmbitionScale) * trials;
            acc.AmbitionHistogram[Math.Clamp((int)(ambition * 10), 0, acc.AmbitionHistogram.Length - 1)] += trials;
            return;
        }

        int sole = -1;
        for (int k = 0; k < o.Vote.Objectors; k++)
        {
            int i = _objectors[k];
            if (_c.Counted[i])
            {
                acc.Blocked[i]++;
                sole = i;
            }
        }

        if (o.Vote.Counted == 1)
        {
            acc.SoleBlocker[sole]++;
        }
    }

    /// <summary>|p − q| / |p₀ − q| for a single proposal: how much of the tabled ambition the adopted text keeps.</summary>
    private double Ambition()
    {
        double kept = 0, tabled = 0;
        for (int k = 0; k < _d; k++)
        {
            double q = _c.StatusQuo[k];
            kept += (_draft[k] - q) * (_draft[k] - q);
            tabled += (_c.Draft[k] - q) * (_c.Draft[k] - q);
        }

        return tabled == 0 ? 1.0 : Math.Sqrt(kept / tabled);
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

    private readonly record struct DecisionOutcome(bool Adopted, ProcedureStage DecidedIn, int Round, VoteTally Vote, bool Escalated);
}
