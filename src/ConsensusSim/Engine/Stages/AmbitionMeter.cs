using ConsensusSim.Model;

namespace ConsensusSim.Engine.Stages;

/// <summary>
/// How much of the tabled ambition an adopted text keeps: |p − q| / |p₀ − q| for a single proposal a Chair may move, with
/// the trial's q and p₀ (each drawn when uncertain). Without a draft the agenda-setter's p₀ is its own ideal point.
/// </summary>
internal sealed class AmbitionMeter
{
    private readonly int _d;
    private readonly double[] _draft;
    private readonly double[] _tabled;
    private readonly int _tabledAt;
    private readonly double[] _statusQuo;
    private readonly bool _keepsAll;

    public AmbitionMeter(KernelPlan plan, TrialWorkspace workspace)
    {
        var c = plan.Scenario;
        _d = workspace.Shape.Dimensions;
        _draft = workspace.Draft;
        (_tabled, _tabledAt) = !c.DraftOmitted ? (workspace.TabledDraft, 0)
            : c.ChairState >= 0 ? (workspace.Ideal, c.ChairState * _d)
            : (c.ChairIdealPoint, 0);
        _statusQuo = workspace.StatusQuo;

        // With a package or a Fixed Chair the tabled text is the adopted text.
        _keepsAll = c.ItemCount > 1 || c.Chair == ChairStrategy.Fixed;
    }

    /// <summary>Adds <paramref name="trials"/> adopted trials of the current draft's ambition to the sum and the histogram.</summary>
    public void Record(TrialAccumulator acc, long trials)
    {
        if (_keepsAll)
        {
            acc.AmbitionSum += TrialAccumulator.AmbitionUnit * trials;
            acc.AmbitionHistogram[^1] += trials;
            return;
        }

        double ambition = Ambition();
        acc.AmbitionSum += (long)Math.Round(ambition * TrialAccumulator.AmbitionUnit) * trials;
        acc.AmbitionHistogram[Math.Clamp((int)(ambition * TrialAccumulator.AmbitionBins), 0, acc.AmbitionHistogram.Length - 1)] += trials;
    }

    private double Ambition()
    {
        double kept = 0, tabled = 0;
        for (int k = 0; k < _d; k++)
        {
            double q = _statusQuo[k];
            kept += (_draft[k] - q) * (_draft[k] - q);
            double p0 = _tabled[_tabledAt + k];
            tabled += (p0 - q) * (p0 - q);
        }

        return tabled == 0 ? 1.0 : Math.Sqrt(kept / tabled);
    }
}
