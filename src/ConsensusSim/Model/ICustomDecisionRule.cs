namespace ConsensusSim.Model;

/// <summary>
/// A decision rule written in code: decides from a vote whether the draft is adopted. It is called
/// once per vote (not per State) from several threads at once, the caller's among them, so it must be
/// thread-safe, must not wait for the calling thread, and should not allocate.
/// </summary>
public interface ICustomDecisionRule
{
    /// <summary>A short name, recorded in results and in the scenario's hash.</summary>
    string Name { get; }

    /// <summary>Whether the vote adopts the draft.</summary>
    /// <param name="vote">The tally.</param>
    /// <param name="objectors">Positions in <see cref="Scenario.States"/> of the States that objected.</param>
    /// <returns><see langword="true"/> to adopt.</returns>
    bool Adopts(VoteSummary vote, ReadOnlySpan<int> objectors);
}
