namespace ConsensusSim.Simulation;

/// <summary>The adoption of one proposal of a package: when it is decided on its own, or after a failed package's fallback.</summary>
/// <remarks><threadsafety>Immutable.</threadsafety></remarks>
public sealed class ItemEstimate
{
    internal ItemEstimate(string title, string topic, OutcomeEstimate adopted)
    {
        Title = title;
        Topic = topic;
        Adopted = adopted;
    }

    /// <summary>The proposal's title.</summary>
    public string Title { get; }

    /// <summary>The proposal's topic.</summary>
    public string Topic { get; }

    /// <summary>Its probability of adoption: on its own, or after the fallback.</summary>
    public OutcomeEstimate Adopted { get; }
}
