namespace ConsensusSim.Simulation;

/// <summary>The outcome whose small probability <see cref="SimulationOptions.RareEvent"/> estimates by importance sampling.</summary>
public enum RareOutcome
{
    /// <summary>The text is adopted (an ambitious text in a crisis era, say).</summary>
    Adopted,

    /// <summary>The text is tabled and not adopted (a routine text failing, say).</summary>
    Deadlocked,
}
