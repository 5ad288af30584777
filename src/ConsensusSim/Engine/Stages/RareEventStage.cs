using ConsensusSim.Numerics;

namespace ConsensusSim.Engine.Stages;

/// <summary>
/// Importance sampling of a rare outcome (<see cref="KernelPlan.RareEvent"/>): beside its ordinary vote, each trial draws
/// one vote of the <see cref="RareEventModel"/> under the tuned <see cref="RareEventTilt"/>, from a stream of its own
/// keyed by (seed, trial), and adds 1{target}·(likelihood ratio) to the rare-event sums. The ordinary tallies are those
/// of a run without the estimator, bit for bit.
/// </summary>
/// <remarks>
/// Importance sampling rather than splitting: a single vote is a product of independent layers (shocks, then
/// objections given them) whose likelihood ratio is exact and cheap, so every trial is independent and keyed by its
/// index like any other trial — which keeps the chunked, sharded, resumable runs and their exact merges — where splitting
/// would need a run-wide population of trajectories and a level sequence to split them on.
/// </remarks>
internal sealed class RareEventStage
{
    /// <summary>Keys the rare-event streams (any constant would do; this one is fixed forever).</summary>
    private const ulong RareStreamOffset = 0x165667B19E3779F9UL;

    private const double Ln2 = 0.69314718055994530942;

    private readonly RareEventDesign _design;
    private readonly double[] _shocks;
    private readonly double[] _chance;
    private readonly double[] _complement;
    private readonly int[] _objectors;

    public RareEventStage(RareEventDesign design)
    {
        _design = design;
        _shocks = new double[design.Model.Shocks];
        _chance = new double[design.Model.Relevant];
        _complement = new double[design.Model.Relevant];
        _objectors = new int[Math.Max(design.Model.Relevant, 1)];
    }

    /// <summary>Runs trial <paramref name="trial"/>'s importance-sampled vote and adds it to <paramref name="acc"/>'s rare-event sums.</summary>
    public void Run(ulong seed, long trial, TrialAccumulator acc)
    {
        var random = TrialRandom.ForTrial(seed ^ SplitMix64.Mix(RareStreamOffset), trial);
        var sample = _design.Model.Draw(ref random, _design.Tilt, _shocks, _chance, _complement, _objectors);
        var sums = acc.Rare ??= new RareTallies(_design.ScaleExponent);
        if (sample.Hit)
        {
            sums.AddHit(DeterministicMath.Exp(sample.LogRatio - (_design.ScaleExponent * Ln2)));
        }
    }
}
