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
    Retaliation,
}

/// <summary>One parameter of a trial: its distribution, what it sets, and the index it sets (a State, or a State's dimension).</summary>
internal readonly record struct ParameterSlot(Parameter Parameter, ParameterTarget Target, int Index)
{
    /// <summary>The State the parameter belongs to.</summary>
    public int State(int dimensions) => Target == ParameterTarget.IdealPoint ? Index / dimensions : Index;

    /// <summary>
    /// Every parameter a trial uses, in the order they draw from the trial's stream: per State, its objection
    /// probability (fixed-objection model) or its ideal point, blocking cost, noise, linkage and retaliation (stance model).
    /// Fixed parameters draw nothing, so skipping them leaves every random one on the same number of the stream.
    /// </summary>
    public static IEnumerable<ParameterSlot> All(CompiledScenario c)
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
}
