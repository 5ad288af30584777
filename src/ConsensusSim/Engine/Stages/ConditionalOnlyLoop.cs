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
/// </summary>
internal sealed class ConditionalOnlyLoop
{
    private readonly ConditionalOnlyAdoption _adoption;
    private readonly ParameterStage _parameters;
    private readonly StakeStage _stakes;
    private readonly ThresholdStage _thresholds;
    private readonly VariableStateRedraw? _redraw;
    private readonly LinkageRedraw? _linkage;
    private readonly bool _draws;
    private readonly bool _staticGains;
    private readonly bool _prepareThresholds;
    private readonly long _trialsPerCheck;

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
        _draws = c.DrawsPerTrial;
        _staticGains = plan.StaticGains;
        _prepareThresholds = !plan.StaticThresholds && c.Model == BehaviourModel.Stance;
        _trialsPerCheck = plan.TrialsPerCancellationCheck;
    }

    /// <summary>Whether the States with fixed thresholds are taken from tables (tests check the path they mean is taken).</summary>
    public bool Tabulated => _adoption.Tabulated;

    /// <summary>Whether each trial draws one State's linkage inline rather than by the general redraw (tests check the path they mean is taken).</summary>
    public bool DrawsLinkageInline => _linkage is not null;

    /// <summary>Runs trials [<paramref name="firstTrial"/>, <paramref name="end"/>) of the run with <paramref name="seed"/>.</summary>
    /// <returns>Whether every trial ran; false when the chunk was abandoned.</returns>
    public bool Run(ulong seed, long firstTrial, long end, TrialAccumulator acc, CancellationToken cancellationToken)
    {
        var adoption = _adoption;
        var eta = adoption.StandardShocks;

        // A drawn linkage is taken one trial ahead, so that its quantile's chain of multiplications runs beside the trial
        // before: a trial's linkage is a function of (seed, trial) alone.
        var linkage = _linkage;
        double nextLinkage = linkage?.Draw(seed, firstTrial) ?? 0;
        for (long block = firstTrial; block < end; block += _trialsPerCheck)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                return false;
            }

            long blockEnd = Math.Min(block + _trialsPerCheck, end);
            for (long t = block; t < blockEnd; t++)
            {
                // The stream in a local whose address is never taken, so that its state stays in registers for the normals.
                TrialRandom random;
                if (linkage is not null)
                {
                    // The general redraw's first uniform, drawn ahead, and the State's update, without its calls.
                    random = TrialRandom.ForTrial(seed, t);
                    random.NextDouble();
                    linkage.Apply(nextLinkage);
                    nextLinkage = linkage.Draw(seed, t + 1);
                }
                else
                {
                    random = Start(seed, t);
                }

                acc.UnprovenProposals += _stakes.ProposalUnproven ? 1 : 0;
                if (_stakes.Gridlocked)
                {
                    // Gridlock depends on the trial's parameters, not on its shocks: P(adopted | shocks) is 0.
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

        acc.Trials += end - firstTrial;
        return true;
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
