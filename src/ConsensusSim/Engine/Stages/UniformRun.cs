using ConsensusSim.Numerics;

namespace ConsensusSim.Engine.Stages;

/// <summary>
/// Consecutive random parameters that are uniform on the same interval and stored as drawn in consecutive places of one
/// array — typically every State's ideal point — drawn in one tight loop; or one tabulated parameter (a Beta or truncated
/// normal other than an ideal point) stored as drawn from its <see cref="Table"/>, as a default scenario's linkage is; or,
/// with <see cref="Target"/> null, the one parameter <see cref="Slot"/> of the random slots, drawn by its sampler. A run of
/// ideal points is also written dimension-major into <see cref="Columns"/>, and holds whole States.
/// </summary>
/// <param name="Target">The array the run is stored in; null for a parameter drawn by its sampler.</param>
/// <param name="Index">The first place in <see cref="Target"/>.</param>
/// <param name="Count">The parameters of the run.</param>
/// <param name="Low">The lower end of the interval.</param>
/// <param name="Width">The interval's width.</param>
/// <param name="Slot">The random slot of a parameter drawn by its sampler.</param>
/// <param name="Columns">For a run of ideal points, the gain computation's dimension-major copy of them; else null.</param>
/// <param name="Table">For one tabulated parameter, its quantile table; else null.</param>
internal readonly record struct UniformRun(double[]? Target, int Index, int Count, double Low, double Width, int Slot, GainColumns? Columns = null, QuantileTable? Table = null)
{
    /// <summary>
    /// The runs of the random slots, in stream order. <paramref name="targetOf"/> gives the array a slot's parameter is
    /// stored in as drawn, or null if storing it computes more (then it is drawn by its sampler); runs of ideal points
    /// carry <paramref name="columns"/>.
    /// </summary>
    public static UniformRun[] Plan(IReadOnlyList<(ParameterSlot Slot, ParameterSampler Sampler)> slots, Func<ParameterTarget, double[]?> targetOf, GainColumns columns)
    {
        var runs = new List<UniformRun>();
        for (int k = 0; k < slots.Count; k++)
        {
            var (slot, sampler) = slots[k];
            var p = slot.Parameter;
            if (sampler.Table is { } table && slot.Target != ParameterTarget.IdealPoint && targetOf(slot.Target) is { } stored)
            {
                // An ideal point goes through the sampler, which also writes the gain computation's columns.
                runs.Add(new UniformRun(stored, slot.Index, 1, 0, 0, k, Table: table));
                continue;
            }

            double width = p.Distribution == Model.ParameterDistribution.Uniform ? p.Second - p.First : double.NaN;
            if (!double.IsFinite(width) || targetOf(slot.Target) is not { } target)
            {
                runs.Add(new UniformRun(null, 0, 1, 0, 0, k));
                continue;
            }

            if (runs.Count > 0 && runs[^1] is { Target: { } last, Table: null } run && ReferenceEquals(last, target)
                && run.Index + run.Count == slot.Index && run.Low == p.First && run.Width == width)
            {
                runs[^1] = run with { Count = run.Count + 1 };
                continue;
            }

            runs.Add(new UniformRun(target, slot.Index, 1, p.First, width, k, slot.Target == ParameterTarget.IdealPoint ? columns : null));
        }

        // The draw writes a run of ideal points into the columns State by State; a run of part of a State's point (only
        // some dimensions uniform) is drawn parameter by parameter, by the sampler, which stores it in both.
        int d = columns.Dimensions;
        return [.. runs.SelectMany(run => run.Columns is null || (run.Index % d == 0 && run.Count % d == 0)
            ? [run]
            : Enumerable.Range(run.Slot, run.Count).Select(k => new UniformRun(null, 0, 1, 0, 0, k)))];
    }
}
