namespace ConsensusSim.Simulation;

/// <summary>Thrown when results cannot be merged; <see cref="Problems"/> names every reason.</summary>
public sealed class ResultMergeException : Exception
{
    /// <summary>Creates the exception from the problems found.</summary>
    /// <param name="problems">What is wrong, one entry per problem.</param>
    public ResultMergeException(IReadOnlyList<string> problems)
        : base("Cannot merge: " + string.Join("; ", problems) + ".")
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
        : this([message])
    {
    }

    /// <summary>Creates the exception with one message and its cause.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public ResultMergeException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [message];
    }

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<string> Problems { get; }
}
