using System.Runtime.CompilerServices;
using ConsensusSim.Model;
using ConsensusSim.Numerics;

namespace ConsensusSim.Engine.Stages;

/// <summary>
/// Draws a trial's random parameters into the workspace — the ideal points from their own block, then from the trial's
/// stream the States' other parameters and the items' status quo and draft — and sets fixed ones once, when the stage is built.
/// </summary>
internal sealed class ParameterStage
{
    private readonly (ParameterSlot Slot, ParameterSampler Sampler)[] _randomSlots;
    private readonly UniformRun[] _runs;
    private readonly IdealPointDraw? _idealPoints;
    private readonly double[] _objectionProbability;
    private readonly float[] _objectionThreshold;
    private readonly double[] _ideal;
    private readonly GainColumns _columns;
    private readonly double[] _blockingCost;
    private readonly double[] _inverseNoise;
    private readonly double[] _linkage;
    private readonly double[] _statusQuo;
    private readonly double[] _tabledDraft;
    private readonly double[] _retaliation;
    private readonly bool _copula;
    private readonly int _padded;
    private readonly double _silenceDeterrence;
    private readonly double _ministerialDeterrence;

    public ParameterStage(KernelPlan plan, TrialWorkspace workspace)
    {
        var c = plan.Scenario;
        _objectionProbability = workspace.ObjectionProbability;
        _objectionThreshold = workspace.ObjectionThreshold;
        _ideal = workspace.Ideal;
        _columns = workspace.GainColumns;
        _blockingCost = workspace.BlockingCost;
        _inverseNoise = workspace.InverseNoise;
        _linkage = workspace.Linkage;
        _statusQuo = workspace.StatusQuo;
        _tabledDraft = workspace.TabledDraft;
        _retaliation = workspace.Retaliation;
        _copula = plan.Copula;
        _padded = workspace.Shape.Padded;
        _silenceDeterrence = c.SilenceDeterrence;
        _ministerialDeterrence = c.MinisterialDeterrence;
        foreach (var slot in c.ParameterSlots)
        {
            if (slot.Parameter.IsFixed)
            {
                var unused = default(TrialRandom);
                Set(slot, slot.Parameter.Sample(ref unused));
            }
        }

        _randomSlots = [.. plan.RandomSlots.Where(s => s.Slot.Target != ParameterTarget.IdealPoint)];
        _runs = UniformRun.Plan(_randomSlots, TargetArray);
        _idealPoints = IdealPointDraw.For(plan, workspace);
    }

    /// <summary>
    /// Draws trial <paramref name="trial"/>'s random parameters: the ideal points from their own block
    /// (<see cref="IdealPointDraw"/>), every other one from <paramref name="random"/> in the order of
    /// <see cref="ParameterSlot.All"/>.
    /// </summary>
    /// <param name="seed">The run's seed.</param>
    /// <param name="trial">The trial.</param>
    /// <param name="random">The trial's stream; left past the parameters' draws (untouched when none draws from it, <see cref="DrawsFromStream"/>).</param>
    public void Draw(ulong seed, long trial, ref TrialRandom random)
    {
        _idealPoints?.Draw(seed, trial);

        // The stream in a local whose address is never taken, so its state stays in registers: through the reference,
        // every draw stored and reloaded it.
        var r = random;
        var runs = _runs;
        for (int j = 0; j < runs.Length; j++)
        {
            ref readonly var run = ref runs[j];
            if (run.Target is { } target)
            {
                // Parameter.Quantile's uniform branch, inlined: the same expression, so the same bits.
                var values = target.AsSpan(run.Index, run.Count);
                double low = run.Low, width = run.Width;
                if (run.Table is { } table)
                {
                    values[0] = table.At(r.NextDouble());
                }
                else
                {
                    for (int i = 0; i < values.Length; i++)
                    {
                        values[i] = low + (width * r.NextDouble());
                    }
                }
            }
            else
            {
                random = r;
                DrawBySampler(run.Slot, ref random);
                r = random;
            }
        }

        random = r;
    }

    private void DrawBySampler(int k, ref TrialRandom random)
    {
        var (slot, sampler) = _randomSlots[k];
        Set(slot, sampler.Draw(ref random));
    }

    /// <summary>Whether some parameter draws from the trial's stream (the ideal points draw from their own block).</summary>
    public bool DrawsFromStream => _runs.Length > 0;

    /// <summary>Whether a trial draws one parameter, and stores it as drawn: <see cref="DrawOne"/> may then take its one uniform.</summary>
    public bool DrawsOneStored => OneStoredRun is not null;

    /// <summary>The one run of a stage that <see cref="DrawsOneStored"/>, else null: a trial that also draws ideal points has none.</summary>
    public UniformRun? OneStoredRun => _idealPoints is null && _runs is [{ Target: not null, Count: 1 } run] ? run : null;

    /// <summary>Stores the one parameter of a trial that <see cref="DrawsOneStored"/>, from its uniform <paramref name="u"/>: the expressions of <see cref="Draw"/>, so the same bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void DrawOne(double u)
    {
        ref readonly var run = ref _runs[0];
        run.Target![run.Index] = run.Table is { } table ? table.At(u) : run.Low + (run.Width * u);
    }

    /// <summary>The array a parameter of <paramref name="target"/> is stored in as drawn, or null if storing it computes more.</summary>
    private double[]? TargetArray(ParameterTarget target) => target switch
    {
        ParameterTarget.BlockingCost => _blockingCost,
        ParameterTarget.Linkage => _linkage,
        ParameterTarget.StatusQuo => _statusQuo,
        ParameterTarget.Draft => _tabledDraft,
        ParameterTarget.Retaliation => _retaliation,
        _ => null,
    };

    private void Set(ParameterSlot slot, double value)
    {
        int i = slot.Index;
        switch (slot.Target)
        {
            case ParameterTarget.ObjectionProbability:
                _objectionProbability[i] = value;
                if (_copula)
                {
                    _objectionThreshold[i] = (float)Probit(value);
                    _objectionThreshold[_padded + i] = (float)Probit(value / _silenceDeterrence);
                    _objectionThreshold[(2 * _padded) + i] = (float)Probit(value / _ministerialDeterrence);
                }

                break;
            case ParameterTarget.IdealPoint:
                _ideal[i] = value;
                _columns.SetIdeal(i, value);
                break;
            case ParameterTarget.BlockingCost:
                _blockingCost[i] = value;
                break;
            case ParameterTarget.Noise:
                _inverseNoise[i] = value > 0 ? 1.0 / value : double.PositiveInfinity;
                break;
            case ParameterTarget.StatusQuo:
                _statusQuo[i] = value;
                break;
            case ParameterTarget.Draft:
                _tabledDraft[i] = value;
                break;
            case ParameterTarget.Retaliation:
                _retaliation[i] = value;
                break;
            default:
                _linkage[i] = value;
                break;
        }
    }

    /// <summary>Φ⁻¹(p), the library's own (the same bits on every machine), with p at or beyond 0 and 1 certain.</summary>
    private static double Probit(double p) => p <= 0 ? double.NegativeInfinity : p >= 1 ? double.PositiveInfinity : StandardNormal.Quantile(p);
}
