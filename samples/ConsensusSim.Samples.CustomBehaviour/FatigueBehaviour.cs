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
        // Halving by the exponent, not Math.Pow: the platform's pow may differ between machines, and p reaches the tally.
        double p = Math.ScaleB(objection, 1 - round);
        double u = random.NextDouble();
        return u < p ? StatePosition.Objects : u < p + statement ? StatePosition.JoinsWithStatement : StatePosition.Joins;
    }
}
