namespace ConsensusSim.Import;

/// <summary>An actor × issue file could not be read; the message names the file and line.</summary>
public sealed class ActorTableFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="source">The file name, or a description of the text.</param>
    /// <param name="line">The 1-based line where the problem is.</param>
    /// <param name="problem">What is wrong, as one sentence.</param>
    public ActorTableFormatException(string source, int line, string problem)
        : base($"{source}:{line}: {problem}")
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentOutOfRangeException.ThrowIfLessThan(line, 1);
        Source = source;
        Line = line;
        Problem = problem;
    }

    /// <summary>The file name, or a description of the text.</summary>
    public new string Source { get; }

    /// <summary>The 1-based line where the problem is.</summary>
    public int Line { get; }

    /// <summary>What is wrong, without the file and line.</summary>
    public string Problem { get; }
}
