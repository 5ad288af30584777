namespace ConsensusSim.Simulation;

/// <summary>Thrown when results cannot be merged; <see cref="Problems"/> names every reason.</summary>
public sealed class ResultMergeException : Exception
{
    /// <summary>Creates the exception from the problems found.</summary>
    /// <param name="problems">What is wrong, one entry per problem.</param>
    public ResultMergeException(IReadOnlyList<string> problems)
        : base(Format(problems))
    {
        Problems = problems;
    }

    /// <summary>Creates the exception with one message.</summary>
    public ResultMergeException()
        : this(["the results are inconsistent"])
    {
    }

    /// <summary>Creates the exception with one message.</summary>
    /// <param name="message">What is wrong.</param>
    public ResultMergeException(string message)
        : this([message ?? throw new ArgumentNullException(nameof(message))])
    {
    }

    /// <summary>Creates the exception with one message and its cause.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public ResultMergeException(string message, Exception innerException)
        : base(message, innerException)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(innerException);
        Problems = [message];
    }

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<string> Problems { get; }

    private static string Format(IReadOnlyList<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (problems.Any(p => p is null))
        {
            throw new ArgumentException("Every problem must be given; one is null.", nameof(problems));
        }

        return "Cannot merge: " + string.Join("; ", problems) + ".";
    }
}
