namespace ConsensusSim.Simulation;

/// <summary>
/// Thrown when <see cref="SimulationOptions.ConditionalMonteCarlo"/> is asked for a scenario it does not apply to
/// (more than one vote, a vote outside a meeting, objections not shared in blocs, a rule other than consensus);
/// <see cref="Reason"/> says which. <see cref="MonteCarloRunner.SupportsConditionalMonteCarlo"/> tells beforehand.
/// </summary>
public sealed class ConditionalMonteCarloNotApplicableException : InvalidOperationException
{
    private const string Prefix = "Conditional Monte Carlo does not apply to this scenario: ";

    /// <summary>Creates the exception from the reason.</summary>
    /// <param name="reason">Why conditional Monte Carlo does not apply, in a sentence.</param>
    public ConditionalMonteCarloNotApplicableException(string reason)
        : base(Prefix + (reason ?? throw new ArgumentNullException(nameof(reason))))
    {
        Reason = reason;
    }

    /// <summary>Creates the exception without a particular reason.</summary>
    public ConditionalMonteCarloNotApplicableException()
        : this("the scenario does not have the form it needs.")
    {
    }

    /// <summary>Creates the exception from the reason and its cause.</summary>
    /// <param name="reason">Why conditional Monte Carlo does not apply, in a sentence.</param>
    /// <param name="innerException">The cause.</param>
    public ConditionalMonteCarloNotApplicableException(string reason, Exception innerException)
        : base(Prefix + (reason ?? throw new ArgumentNullException(nameof(reason))), innerException ?? throw new ArgumentNullException(nameof(innerException)))
    {
        Reason = reason;
    }

    /// <summary>Why conditional Monte Carlo does not apply, in a sentence, without the words the message begins with.</summary>
    public string Reason { get; }
}
