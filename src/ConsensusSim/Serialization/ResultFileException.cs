namespace ConsensusSim.Serialization;

/// <summary>
/// A result or checkpoint file was refused: it is not JSON, not a ConsensusSim result of this format, its tallies
/// contradict each other, or they do not match their checksum (the file was edited or damaged). The message names
/// the file, line and JSON path, as <c>file:line: $.path: problem</c>.
/// </summary>
public sealed class ResultFileException : FormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="source">The file name, or a description of the text.</param>
    /// <param name="line">The 1-based line of <paramref name="jsonPath"/>.</param>
    /// <param name="jsonPath">Where in the file the problem is, for example <c>$.tallies.adopted</c>.</param>
    /// <param name="problem">What is wrong, as one sentence.</param>
    /// <exception cref="ArgumentNullException">A text argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="line"/> is less than 1.</exception>
    public ResultFileException(string source, int line, string jsonPath, string problem)
        : base($"{source}:{line}: {jsonPath}: {problem}")
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(jsonPath);
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentOutOfRangeException.ThrowIfLessThan(line, 1);
        Source = source;
        Line = line;
        JsonPath = jsonPath;
        Problem = problem;
    }

    /// <summary>The file name, or a description of the text.</summary>
    public new string Source { get; }

    /// <summary>The 1-based line of <see cref="JsonPath"/>.</summary>
    public int Line { get; }

    /// <summary>Where in the file the problem is, for example <c>$.tallies.adopted</c>.</summary>
    public string JsonPath { get; }

    /// <summary>What is wrong, without the file, line and path.</summary>
    public string Problem { get; }
}
