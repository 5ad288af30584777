using ConsensusSim.Model;

namespace ConsensusSim.Engine.Stages;

/// <summary>
/// Draws a trial's random ideal points from <see cref="IdealPointUniforms"/> into both layouts the engine reads: the
/// workspace's State-major points and the gain computation's dimension-major <see cref="GainColumns"/>. State i's
/// coordinate k takes uniform i·D + k, whether it is random or not and whatever the other States' distributions; a
/// uniform coordinate is low + width·u, a Beta or truncated normal one its sampler's table at u.
/// </summary>
/// <remarks>
/// The intervals are laid out once per run, with a mask that keeps a fixed coordinate's value, so the State-major points
/// are one vector pass over the stretch of coordinates that are random; the columns of those States are then copied from
/// them (<see cref="IdealColumnsCopy"/>), which costs less than drawing their uniforms again in column order.
/// </remarks>
internal sealed class IdealPointDraw
{
    private const int Widest = 8;

    private readonly double[] _ideal;
    private readonly double[] _columns;
    private readonly GainColumns _gainColumns;
    private readonly int _d;
    private readonly int _stride;
    private readonly (int First, int End) _coordinates;
    private readonly (int First, int End) _states;
    private readonly double[] _low;
    private readonly double[] _width;
    private readonly ulong[] _mask;
    private readonly (int Index, ParameterSampler Sampler)[] _tabulated;
    private readonly NormalPath _path;
    private bool _keyed;
    private ulong _seed;
    private ulong _key;

    private IdealPointDraw(KernelPlan plan, TrialWorkspace workspace, NormalPath path)
    {
        var c = plan.Scenario;
        int n = c.StateCount, d = c.DimensionCount, nd = n * d;
        _ideal = workspace.Ideal;
        _gainColumns = workspace.GainColumns;
        _columns = _gainColumns.Ideals;
        _d = d;
        _stride = _gainColumns.Stride;
        _path = path;
        _low = new double[nd];
        _width = new double[nd];
        _mask = new ulong[nd];
        var samplers = plan.RandomSlots.Where(s => s.Slot.Target == ParameterTarget.IdealPoint).ToDictionary(s => s.Slot.Index, s => s.Sampler);
        var tabulated = new List<(int, ParameterSampler)>();
        int firstRandom = nd, lastRandom = -1;
        for (int j = 0; j < nd; j++)
        {
            var p = c.IdealPoint[j];
            double width = p.Second - p.First;
            if (p.IsFixed)
            {
                _low[j] = p.First;
            }
            else if (p.Distribution == ParameterDistribution.Uniform && double.IsFinite(width))
            {
                (_low[j], _width[j], _mask[j]) = (p.First, width, ulong.MaxValue);
            }
            else
            {
                // Drawn after the pass, which leaves it 0 meanwhile.
                tabulated.Add((j, samplers[j]));
            }

            if (!p.IsFixed)
            {
                (firstRandom, lastRandom) = (Math.Min(firstRandom, j), j);
            }
        }

        _tabulated = [.. tabulated];
        _coordinates = Widen(firstRandom, lastRandom + 1, nd);
        _states = Widen(firstRandom / d, (lastRandom / d) + 1, n);
    }

    /// <summary>The draw of a plan with random ideal points, or null when every ideal point is fixed. Build it after the fixed ones are set.</summary>
    /// <param name="plan">The run's plan.</param>
    /// <param name="workspace">The arrays the points are drawn into.</param>
    /// <param name="path">The vector path (tests compare them); every path gives the same bits.</param>
    /// <returns>The draw, or null.</returns>
    public static IdealPointDraw? For(KernelPlan plan, TrialWorkspace workspace, NormalPath path = NormalPath.Auto)
    {
        var c = plan.Scenario;
        if (c.Model == BehaviourModel.FixedObjection || c.IdealPoint.All(p => p.IsFixed))
        {
            return null;
        }

        if ((long)c.StateCount * c.DimensionCount > IdealPointUniforms.MaxLength)
        {
            throw new ArgumentException($"A trial draws at most {IdealPointUniforms.MaxLength} ideal-point coordinates.", nameof(plan));
        }

        return new IdealPointDraw(plan, workspace, path);
    }

    /// <summary>Draws trial <paramref name="trial"/>'s random ideal points, a function of (seed, trial) alone.</summary>
    /// <param name="seed">The run's seed.</param>
    /// <param name="trial">The trial.</param>
    public void Draw(ulong seed, long trial)
    {
        if (seed != _seed || !_keyed)
        {
            (_seed, _key, _keyed) = (seed, IdealPointUniforms.KeyOf(seed), true);
        }

        ulong key = _key;
        var (first, end) = _coordinates;
        IdealPointUniforms.Draw(key, trial, first, 1, _low.AsSpan(first), _width.AsSpan(first), _mask.AsSpan(first), _ideal.AsSpan(first, end - first), _path);
        IdealColumnsCopy.Copy(_ideal, _columns, _d, _stride, _states.First, _states.End, _path != NormalPath.Scalar);

        foreach (var (j, sampler) in _tabulated)
        {
            double x = sampler.At(IdealPointUniforms.At(key, trial, j));
            _ideal[j] = x;
            _gainColumns.SetIdeal(j, x);
        }
    }

    /// <summary>The stretch [first, end) widened, within [0, limit), to a whole vector where it is shorter, so it takes the vector path.</summary>
    private static (int First, int End) Widen(int first, int end, int limit)
    {
        if (end - first >= Widest || limit < Widest)
        {
            return (first, end);
        }

        int start = Math.Min(first, limit - Widest);
        return (start, start + Widest);
    }
}
