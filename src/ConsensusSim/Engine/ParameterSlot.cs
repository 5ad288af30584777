using ConsensusSim.Behaviour;
using ConsensusSim.Model;

namespace ConsensusSim.Engine;

/// <summary>Which of a State's parameter arrays a <see cref="ParameterSlot"/> sets.</summary>
internal enum ParameterTarget
{
    ObjectionProbability,
    IdealPoint,
    BlockingCost,
    Noise,
    Linkage,
    StatusQuo,
    Draft,
    Retaliation,
}

/// <summary>
/// One parameter of a trial: its distribution, what it sets, and the index it sets (a State, a State's dimension, or an
/// item's dimension for a status quo or draft).
/// </summary>
internal readonly record struct ParameterSlot(Parameter Parameter, ParameterTarget Target, int Index)
{
    /// <summary>Whether the parameter is a State's, not an item's position.</summary>
    public bool IsOfState => Target is not (ParameterTarget.StatusQuo or ParameterTarget.Draft);

    /// <summary>The State a State's parameter belongs to (not for positions, which belong to items).</summary>
    public int State(int dimensions) => Target == ParameterTarget.IdealPoint ? Index / dimensions : Index;

    /// <summary>
    /// Every parameter a trial uses, in the order they draw from the trial's stream: the States' (<see cref="OfStates"/>:
    /// per State, its objection probability, or its ideal point, blocking cost, noise, linkage and retaliation), then the
    /// items' positions (<see cref="OfPositions"/>). Ideal points are listed but draw from a block of their own
    /// (<see cref="IdealPointUniforms"/>, one uniform per State and dimension), so the stream order is this one without
    /// them. Fixed parameters draw nothing, so skipping them leaves every random one on the same number of the stream, and
    /// positions drawn last leave every State's draws where they were.
    /// </summary>
    public static IEnumerable<ParameterSlot> All(CompiledScenario c) => OfStates(c).Concat(OfPositions(c));

    /// <summary>
    /// The States' parameters in stream order: per State, its objection probability (fixed-objection model) or its ideal
    /// point, blocking cost, noise and linkage (stance model).
    /// </summary>
    public static IEnumerable<ParameterSlot> OfStates(CompiledScenario c)
    {
        int d = c.DimensionCount;
        for (int i = 0; i < c.StateCount; i++)
        {
            if (c.Model == BehaviourModel.FixedObjection)
            {
                yield return new ParameterSlot(c.ObjectionProbability[i], ParameterTarget.ObjectionProbability, i);
                continue;
            }

            for (int k = 0; k < d; k++)
            {
                yield return new ParameterSlot(c.IdealPoint[(i * d) + k], ParameterTarget.IdealPoint, (i * d) + k);
            }

            yield return new ParameterSlot(c.BlockingCost[i], ParameterTarget.BlockingCost, i);
            yield return new ParameterSlot(c.Noise[i], ParameterTarget.Noise, i);
            yield return new ParameterSlot(c.Linkage[i], ParameterTarget.Linkage, i);
            yield return new ParameterSlot(c.Retaliation[i], ParameterTarget.Retaliation, i);
        }
    }

    /// <summary>
    /// The items' positions in stream order, read by the stance behaviour only: every item's status quo (item-major), then
    /// every item's draft, so making a draft uncertain leaves every status quo's draw where it was.
    /// </summary>
    public static IEnumerable<ParameterSlot> OfPositions(CompiledScenario c)
    {
        if (c.Model != BehaviourModel.Stance)
        {
            yield break;
        }

        for (int j = 0; j < c.StatusQuo.Length; j++)
        {
            yield return new ParameterSlot(c.StatusQuo[j], ParameterTarget.StatusQuo, j);
        }

        for (int j = 0; j < c.Draft.Length; j++)
        {
            yield return new ParameterSlot(c.Draft[j], ParameterTarget.Draft, j);
        }
    }
}
