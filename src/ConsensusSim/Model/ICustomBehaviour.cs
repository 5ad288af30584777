using ConsensusSim.Numerics;

namespace ConsensusSim.Model;

/// <summary>
/// How States take positions, written in code. Called once per State per vote from several threads at
/// once, the caller's among them, so it must be thread-safe, must not wait for the calling thread, must
/// draw randomness only from the trial stream it is given (which keeps runs reproducible) and should
/// not allocate.
/// </summary>
public interface ICustomBehaviour
{
    /// <summary>A short name, recorded in the scenario's hash.</summary>
    string Name { get; }

    /// <summary>The position State <paramref name="state"/> takes.</summary>
    /// <param name="state">Its position in <see cref="Scenario.States"/>.</param>
    /// <param name="round">The meeting round, from 1.</param>
    /// <param name="venue">Where the vote takes place.</param>
    /// <param name="random">The trial's random stream.</param>
    /// <returns>The position.</returns>
    StatePosition Decide(int state, int round, VoteVenue venue, ref TrialRandom random);
}
