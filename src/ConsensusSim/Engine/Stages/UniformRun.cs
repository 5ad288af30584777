using ConsensusSim.Numerics;

namespace ConsensusSim.Engine.Stages;

/// <summary>
/// Consecutive random parameters that are uniform on the same interval and stored as drawn in consecutive places of one
/// array, drawn from the trial's stream in one tight loop; or one tabulated parameter (a Beta or truncated normal) stored
/// as drawn from its <see cref="Table"/>, as a default scenario's linkage is; or, with <see cref="Target"/> null, the one
/// parameter <see cref="Slot"/> of the random slots, drawn by its sampler. Ideal points are not among them: they draw
/// from their own block (<see cref="IdealPointDraw"/>).
/// </summary>
/// <param name="Target">The array the run is stored in; null for a parameter drawn by its sampler.</param>
/// <param name="Index">The first place in <see cref="Target"/>.</param>
/// <param name="Count">The parameters of the run.</param>
/// <param name="Low">The lower end of the interval.</param>
/// <param name="Width">The interval's width.</param>
/// <param name="Slot">The random slot of a parameter drawn by its sampler.</param>
/// <param name="Table">For one tabulated parameter, its quantile table; else null.</param>
internal readonly record struct UniformRun(double[]? Target, int Index, int Count, double Low, double Width, int Slot, QuantileTable? Table = null)
{
    /// <summary>
    /// The runs of the random slots, in stream order. <paramref name="targetOf"/> gives the array a slot's parameter is
    /// stored in as drawn, or null if storing it computes more (then it is drawn by its sampler).
    /// </summary>
    public static UniformRun[] Plan(IReadOnlyList<(ParameterSlot Slot, ParameterSampler Sampler)> slots, Func<ParameterTarget, double[]?> targetOf)
    {
        var runs = new List<UniformRun>();
        for (int k = 0; k < slots.Count; k++)
        {
            var (slot, sampler) = slots[k];
            var p = slot.Parameter;
            if (sampler.Table is { } table && targetOf(slot.Target) is { } stored)
            {
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

            runs.Add(new UniformRun(target, slot.Index, 1, p.First, width, k));
        }

        return [.. runs];
    }
}
