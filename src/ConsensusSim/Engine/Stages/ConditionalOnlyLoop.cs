using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using ConsensusSim.Model;
using ConsensusSim.Numerics;

namespace ConsensusSim.Engine.Stages;

/// <summary>
/// Conditional-only trials: each draws only what P(adopted | the blocs' shocks) depends on and adds that probability
/// (averaged with that of the opposite shocks, <see cref="ConditionalOnlyAdoption.AntitheticAdoption"/>) to the conditional sums —
/// no State's own noise, no vote, no counted outcome. Trial t's draws come from its ideal points' block and its stream
/// <see cref="TrialRandom.ForTrial"/>(seed, t): first its random parameters, as a counted trial draws them, then one
/// standard normal (<see cref="TrialRandom.NextNormal"/>) per bloc with shared noise, in the order of the blocs; a
/// gridlocked trial draws no shocks. So a trial's value depends on (seed, t) alone, whatever the threads, chunks and shards.
/// Where the tables allow (<see cref="AdoptionTablesAcrossTrials"/>), four trials draw in turn and are then looked up together.
/// </summary>
internal sealed class ConditionalOnlyLoop
{
    private readonly ConditionalOnlyAdoption _adoption;
    private readonly ParameterStage _parameters;
    private readonly StakeStage _stakes;
    private readonly ThresholdStage _thresholds;
    private readonly VariableStateRedraw? _redraw;
    private readonly LinkageRedraw? _linkage;
    private readonly bool _eightLinkagesAtOnce;
    private readonly bool _draws;
    private readonly bool _staticGains;
    private readonly bool _prepareThresholds;
    private readonly long _trialsPerCheck;

    // The shocks of a batch of trials, bloc-major (see AdoptionTablesAcrossTrials.Products).
    private readonly double[] _shocks;

    // The arguments of Φ of the States taken one by one, for a batch (see ConditionalOnlyAdoption.WriteDirectArguments).
    private readonly double[] _directArguments;
    private readonly bool _directAcross;

    /// <summary>
    /// Builds the loop; with <paramref name="redraw"/>, each trial first draws its few States' parameters and updates their
    /// thresholds; <paramref name="linkage"/>, when given, is the same draw as <paramref name="redraw"/>'s, written inline.
    /// </summary>
    public ConditionalOnlyLoop(KernelPlan plan, ConditionalOnlyAdoption adoption, ParameterStage parameters, StakeStage stakes, ThresholdStage thresholds, VariableStateRedraw? redraw, LinkageRedraw? linkage)
    {
        var c = plan.Scenario;
        _adoption = adoption;
        _parameters = parameters;
        _stakes = stakes;
        _thresholds = thresholds;
        _redraw = redraw;
        _linkage = linkage;
        _eightLinkagesAtOnce = plan.DrawsEightLinkagesAtOnce;
        _draws = c.DrawsPerTrial;
        _staticGains = plan.StaticGains;
        _prepareThresholds = !plan.StaticThresholds && c.Model == BehaviourModel.Stance;
        _trialsPerCheck = plan.TrialsPerCancellationCheck;
        _directAcross = adoption.DirectCount > 0 && ConditionalOnlyAdoption.DirectProductsSupported && plan.Switches.DirectStatesAcrossTrials;
        _directArguments = new double[adoption.DirectCount * 2 * AdoptionTablesAcrossTrials.Lanes];
        _shocks = new double[adoption.StandardShocks.Length * AdoptionTablesAcrossTrials.Lanes];
    }

    /// <summary>Whether the States with fixed thresholds are taken from tables (tests check the path they mean is taken).</summary>
    public bool Tabulated => _adoption.Tabulated;

    /// <summary>Whether the tables are looked up for several trials at once (tests check the path they mean is taken).</summary>
    public bool AcrossTrials => _adoption.AcrossTrials is not null;

    /// <summary>How many States each trial takes one by one (tests check the path they mean is taken).</summary>
    public int DirectStates => _adoption.DirectCount;

    /// <summary>Whether each trial draws one State's linkage inline rather than by the general redraw (tests check the path they mean is taken).</summary>
    public bool DrawsLinkageInline => _linkage is not null;

    /// <summary>Runs trials [<paramref name="firstTrial"/>, <paramref name="end"/>) of the run with <paramref name="seed"/>.</summary>
    /// <returns>Whether every trial ran; false when the chunk was abandoned.</returns>
    public bool Run(ulong seed, long firstTrial, long end, TrialAccumulator acc, CancellationToken cancellationToken)
    {
        var across = _adoption.AcrossTrials;

        // A drawn linkage is taken ahead, so that its quantile's chain of multiplications runs beside the trials before: a
        // trial's linkage is a function of (seed, trial) alone.
        var linkages = _linkage is { } linkage ? new LinkagesAhead(linkage, seed, firstTrial, _eightLinkagesAtOnce) : default;
        for (long block = firstTrial; block < end; block += _trialsPerCheck)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                return false;
            }

            long blockEnd = Math.Min(block + _trialsPerCheck, end);
            if (across is null)
            {
                RunOneByOne(seed, block, blockEnd, acc, ref linkages);
            }
            else
            {
                RunAcrossTrials(across, seed, block, blockEnd, acc, ref linkages);
            }
        }

        acc.Trials += end - firstTrial;
        return true;
    }

    /// <summary>Trials [<paramref name="first"/>, <paramref name="end"/>), each adding its conditional probability before the next begins.</summary>
    private void RunOneByOne(ulong seed, long first, long end, TrialAccumulator acc, ref LinkagesAhead linkages)
    {
        var adoption = _adoption;
        var eta = adoption.StandardShocks;
        for (long t = first; t < end; t++)
        {
            var random = Open(seed, t, acc, ref linkages);
            if (_stakes.Gridlocked)
            {
                acc.AddConditional(0);
                continue;
            }

            for (int b = 0; b < eta.Length; b++)
            {
                eta[b] = random.NextNormal();
            }

            acc.AddConditional(adoption.AntitheticAdoption());
        }
    }

    /// <summary>
    /// Trials [<paramref name="first"/>, <paramref name="end"/>) in batches of <see cref="AdoptionTablesAcrossTrials.Lanes"/>:
    /// each trial draws its parameters and shocks and takes what the States taken one by one need from its thresholds
    /// (their factors, or with AVX-512 their arguments of Φ) in turn, as the next trial's draws replace them; then the
    /// batch's tables are looked up, and any arguments multiplied out, together. The conditional sums are integers, so the
    /// order in which the trials add to them does not matter.
    /// </summary>
    private void RunAcrossTrials(AdoptionTablesAcrossTrials across, ulong seed, long first, long end, TrialAccumulator acc, ref LinkagesAhead linkages)
    {
        const int Lanes = AdoptionTablesAcrossTrials.Lanes;
        var adoption = _adoption;
        var eta = adoption.StandardShocks;
        var shocks = _shocks;
        Span<double> directUp = stackalloc double[Lanes];
        Span<double> directDown = stackalloc double[Lanes];
        var directArguments = _directArguments;
        bool directAcross = _directAcross;
        for (long t = first; t < end; t += Lanes)
        {
            int lanes = (int)Math.Min(Lanes, end - t);
            int open = 0;
            for (int lane = 0; lane < lanes; lane++)
            {
                var random = Open(seed, t + lane, acc, ref linkages);
                if (_stakes.Gridlocked)
                {
                    acc.AddConditional(0);
                    continue;
                }

                open |= 1 << lane;
                for (int b = 0; b < eta.Length; b++)
                {
                    double shock = random.NextNormal();
                    eta[b] = shock;
                    shocks[(b * Lanes) + lane] = shock;
                }

                if (directAcross)
                {
                    adoption.WriteDirectArguments(directArguments, lane);
                }
                else
                {
                    (directUp[lane], directDown[lane]) = adoption.DirectFactors();
                }
            }

            // A lane without a trial of its own holds an earlier trial's shocks and arguments (or zeros): looked up and dropped.
            across.Products(shocks, out var up, out var down);
            if (directAcross)
            {
                ConditionalOnlyAdoption.DirectProducts(directArguments, adoption.DirectCount, out var vectorUp, out var vectorDown);
                vectorUp.CopyTo(directUp);
                vectorDown.CopyTo(directDown);
            }

            for (int lane = 0; lane < lanes; lane++)
            {
                if ((open & (1 << lane)) != 0)
                {
                    acc.AddConditional(ConditionalOnlyAdoption.Mean(up[lane], down[lane], directUp[lane], directDown[lane]));
                }
            }
        }
    }

    /// <summary>
    /// Opens trial <paramref name="t"/>: its stream, its parameters (a drawn linkage from those drawn ahead,
    /// <see cref="LinkagesAhead"/>), gains and thresholds, and its count of unproven proposals. A gridlocked trial then draws no
    /// shock: gridlock depends on its parameters, not on its shocks, so P(adopted | shocks) is 0.
    /// </summary>
    /// <returns>The trial's stream, its parameters drawn; returned rather than passed out, so that its state can stay in registers for the shocks.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private TrialRandom Open(ulong seed, long t, TrialAccumulator acc, ref LinkagesAhead linkages)
    {
        TrialRandom random;
        if (_linkage is { } linkage)
        {
            // The general redraw's first uniform, drawn ahead, and the State's update, without its calls.
            random = TrialRandom.ForTrial(seed, t);
            random.NextDouble();
            linkage.Apply(linkages.Next(seed, t));
        }
        else
        {
            random = Start(seed, t);
        }

        acc.UnprovenProposals += _stakes.ProposalUnproven ? 1 : 0;
        return random;
    }

    /// <summary>Opens the trial's stream, draws its parameters and brings gains and thresholds to the vote.</summary>
    private TrialRandom Start(ulong seed, long t)
    {
        if (_redraw is { } redraw)
        {
            return redraw.Begin(seed, t);
        }

        var random = TrialRandom.ForTrial(seed, t);
        if (_draws)
        {
            _parameters.Draw(seed, t, ref random);
        }

        if (!_staticGains)
        {
            _stakes.PrepareItems();
        }

        if (_prepareThresholds && !_stakes.Gridlocked)
        {
            _stakes.LoadDecision();
            _thresholds.PrepareAll();
        }

        return random;
    }
}
