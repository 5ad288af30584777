namespace ConsensusSim.Model;

/// <summary>Thrown when a scenario is invalid; carries every problem found, not just the first.</summary>
public sealed class ScenarioValidationException : Exception
{
    /// <summary>Creates the exception from the problems found.</summary>
    /// <param name="problems">At least one problem.</param>
    public ScenarioValidationException(IReadOnlyList<ScenarioProblem> problems)
        : this(problems, null)
    {
    }

    /// <summary>Creates the exception from the problems found in a named source.</summary>
    /// <param name="problems">At least one problem.</param>
    /// <param name="source">The file or other source the scenario came from, if any.</param>
    public ScenarioValidationException(IReadOnlyList<ScenarioProblem> problems, string? source)
        : base(Format(problems, source))
    {
        Problems = problems;
        Source = source;
    }

    /// <summary>Creates the exception with a single message.</summary>
    public ScenarioValidationException()
        : this([new ScenarioProblem("$", "The scenario is invalid.")])
    {
    }

    /// <summary>Creates the exception with a single message.</summary>
    /// <param name="message">What is wrong.</param>
    public ScenarioValidationException(string message)
        : this([new ScenarioProblem("$", message)])
    {
    }

    /// <summary>Creates the exception with a single message and its cause.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public ScenarioValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(innerException);
        Problems = [new ScenarioProblem("$", message)];
    }

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<ScenarioProblem> Problems { get; }

    /// <summary>The file or other source the scenario came from, if any.</summary>
    public new string? Source { get; }

    private static string Format(IReadOnlyList<ScenarioProblem> problems, string? source)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (problems.Any(p => p is null))
        {
            throw new ArgumentException("Every problem must be given; one is null.", nameof(problems));
        }

        string prefix = source is null ? string.Empty : source + ": ";
        return $"The scenario has {problems.Count} problem(s):" + Environment.NewLine
            + string.Join(Environment.NewLine, problems.Select(p => "  " + prefix + p));
    }
}
