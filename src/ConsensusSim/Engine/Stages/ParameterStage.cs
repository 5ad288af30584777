using System.Runtime.CompilerServices;
using ConsensusSim.Model;
using ConsensusSim.Numerics;

namespace ConsensusSim.Engine.Stages;

/// <summary>
/// Draws a trial's random parameters into the workspace — the States', then the items' status quo and draft — and sets
/// fixed ones once, when the stage is built.
/// </summary>
internal sealed class ParameterStage
{
    private readonly (ParameterSlot Slot, ParameterSampler Sampler)[] _randomSlots;
    // Kept beside _randomSlots rather than merged with it: one array of wider structs made drawing 114 ideal points
    // 1.6x slower (AgendaSetterStageBenchmarks.Draws: 318 vs 511 ns).
    private readonly UniformDraw[] _uniformDraws;
    private readonly QuantileTable?[] _tables;
    private readonly double[] _objectionProbability;
    private readonly float[] _objectionThreshold;
    private readonly double[] _ideal;
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
        foreach (var slot in ParameterSlot.All(c))
        {
            if (slot.Parameter.IsFixed)
            {
                var unused = default(TrialRandom);
                Set(slot, slot.Parameter.Sample(ref unused));
            }
        }

        _randomSlots = [.. plan.RandomSlots];
        _uniformDraws = [.. _randomSlots.Select(r => UniformDraw.For(r.Slot, r.Sampler, TargetArray(r.Slot.Target)))];
        _tables = [.. _randomSlots.Select(r => r.Sampler.Table)];
    }

    /// <summary>Draws this trial's random parameters, in the stream order of <see cref="ParameterSlot.All"/>.</summary>
    public void Draw(ref TrialRandom random)
    {
        var slots = _randomSlots;
        var uniforms = _uniformDraws;
        for (int k = 0; k < slots.Length; k++)
        {
            ref readonly var direct = ref uniforms[k];
            if (direct.Target is not null)
            {
                Store(k, random.NextDouble());
            }
            else
            {
                Set(slots[k].Slot, slots[k].Sampler.Draw(ref random));
            }
        }
    }

    /// <summary>Whether a trial draws one parameter, and stores it as drawn: <see cref="DrawOne"/> may then take its one uniform.</summary>
    public bool DrawsOneStored => _uniformDraws.Length == 1 && _uniformDraws[0].Target is not null;

    /// <summary>Stores the one parameter of a trial that <see cref="DrawsOneStored"/>, from its uniform <paramref name="u"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void DrawOne(double u) => Store(0, u);

    /// <summary>Parameter.Quantile's uniform branch, or the sampler's table, inlined: the same expressions, so the same bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Store(int k, double u)
    {
        ref readonly var direct = ref _uniformDraws[k];
        direct.Target![direct.Index] = double.IsNaN(direct.Width) ? _tables[k]!.At(u) : direct.Low + (direct.Width * u);
    }

    /// <summary>The array a parameter of <paramref name="target"/> is stored in as drawn, or null if storing it computes more.</summary>
    private double[]? TargetArray(ParameterTarget target) => target switch
    {
        ParameterTarget.IdealPoint => _ideal,
        ParameterTarget.BlockingCost => _blockingCost,
        ParameterTarget.Linkage => _linkage,
        ParameterTarget.StatusQuo => _statusQuo,
        ParameterTarget.Draft => _tabledDraft,
        ParameterTarget.Retaliation => _retaliation,
        _ => null,
    };

    /// <summary>
    /// A uniform or tabulated parameter stored as drawn: most random ideal points are uniform, a default scenario's linkage
    /// is tabulated, and dispatching each through the sampler and <see cref="Set"/> cost several times the draw. A
    /// tabulated draw has a NaN <see cref="Width"/> and its table in <see cref="_tables"/> (a reference here would widen
    /// the struct, which slowed drawing many ideal points); <see cref="Target"/> is null for every other parameter.
    /// </summary>
    private readonly record struct UniformDraw(double[]? Target, int Index, double Low, double Width)
    {
        public static UniformDraw For(ParameterSlot slot, ParameterSampler sampler, double[]? target)
        {
            var p = slot.Parameter;
            if (sampler.Tabulated)
            {
                return new UniformDraw(target, slot.Index, double.NaN, double.NaN);
            }

            double width = p.Distribution == ParameterDistribution.Uniform ? p.Second - p.First : double.NaN;
            return double.IsFinite(width) ? new UniformDraw(target, slot.Index, p.First, width) : default;
        }
    }

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
