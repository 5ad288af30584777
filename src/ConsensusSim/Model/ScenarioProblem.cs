namespace ConsensusSim.Model;

/// <summary>One problem found in a scenario, located by its JSON path (and line, when read from a file).</summary>
/// <remarks><threadsafety>Immutable.</threadsafety></remarks>
public sealed class ScenarioProblem
{
    /// <summary>Creates a problem report.</summary>
    /// <param name="path">The JSON path of the offending value, for example <c>$.proposal.draft[1]</c>.</param>
    /// <param name="message">What is wrong, in words a user can act on.</param>
    /// <param name="line">The 1-based line in the source file, when known.</param>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> or <paramref name="message"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="line"/> is below 1.</exception>
    public ScenarioProblem(string path, string message, int? line = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(message);
        if (line is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(line), line, "Lines are numbered from 1.");
        }

        Path = path;
        Message = message;
        Line = line;
    }

    /// <summary>The JSON path of the offending value.</summary>
    public string Path { get; }

    /// <summary>What is wrong.</summary>
    public string Message { get; }

    /// <summary>The 1-based line in the source file, or <see langword="null"/> for scenarios built in code.</summary>
    public int? Line { get; }

    /// <summary>Returns this problem located at <paramref name="line"/>.</summary>
    /// <param name="line">The 1-based line.</param>
    /// <returns>A copy with the line set.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="line"/> is below 1.</exception>
    public ScenarioProblem AtLine(int line) => new(Path, Message, line);

    /// <inheritdoc />
    public override string ToString() => Line is int l ? $"line {l}: {Path}: {Message}" : $"{Path}: {Message}";
}
