using ConsensusSim.Model;
using ConsensusSim.Simulation;
using ConsensusSim.Numerics;

namespace ConsensusSim.Samples.CustomBehaviour;

/// <summary>
/// A behaviour written in code: each State objects with probability p in the first round, and the
/// chance halves with every further round as delegations tire; a share q joins with a statement.
/// </summary>
/// <param name="objection">p, the first-round objection probability.</param>
/// <param name="statement">q, the probability of joining with an interpretative statement.</param>
public sealed class FatigueBehaviour(double objection, double statement) : ICustomBehaviour
{
    public string Name => $"fatigue (p = {objection}, q = {statement})";

    public StatePosition Decide(int state, int round, VoteVenue venue, ref TrialRandom random)
    {
        double p = objection * Math.Pow(0.5, round - 1);
        double u = random.NextDouble();
        return u < p ? StatePosition.Objects : u < p + statement ? StatePosition.JoinsWithStatement : StatePosition.Joins;
    }
}
