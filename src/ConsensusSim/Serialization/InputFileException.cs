namespace ConsensusSim.Serialization;

/// <summary>
/// An input file was refused before it was parsed: it is not a regular file, it is larger than its
/// limit, or it is not UTF-8. The message names the file (and the line, when there is one).
/// </summary>
internal sealed class InputFileException : IOException
{
    public InputFileException(string path, string problem, int? line = null)
        : base(line is int l ? $"{path}:{l}: {problem}" : $"{path}: {problem}")
    {
        FilePath = path;
        Problem = problem;
        Line = line;
    }

    /// <summary>The file as the caller named it.</summary>
    public string FilePath { get; }

    /// <summary>What is wrong, without the file and line.</summary>
    public string Problem { get; }

    /// <summary>The 1-based line of the problem, if it has one.</summary>
    public int? Line { get; }
}
