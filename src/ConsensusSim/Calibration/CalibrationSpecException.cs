using ConsensusSim.Model;

namespace ConsensusSim.Calibration;

/// <summary>
/// Thrown when a calibration spec file, or the record it names, is invalid; carries every problem found in that file,
/// each with its JSON path (or <c>$</c> for a line of the record) and line.
/// </summary>
public sealed class CalibrationSpecException : Exception
{
    /// <summary>Creates the exception from the problems found in a file.</summary>
    /// <param name="problems">At least one problem.</param>
    /// <param name="source">The file they are in, if any.</param>
    public CalibrationSpecException(IReadOnlyList<ScenarioProblem> problems, string? source)
        : base(Format(problems, source))
    {
        Problems = problems;
        Source = source;
    }

    /// <summary>Creates the exception with a single message.</summary>
    public CalibrationSpecException()
        : this([new ScenarioProblem("$", "The calibration spec is invalid.")], null)
    {
    }

    /// <summary>Creates the exception with a single message.</summary>
    /// <param name="message">What is wrong.</param>
    public CalibrationSpecException(string message)
        : this([new ScenarioProblem("$", message ?? throw new ArgumentNullException(nameof(message)))], null)
    {
    }

    /// <summary>Creates the exception with a single message and its cause.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public CalibrationSpecException(string message, Exception innerException)
        : base(message, innerException)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(innerException);
        Problems = [new ScenarioProblem("$", message)];
    }

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<ScenarioProblem> Problems { get; }

    /// <summary>The file the problems are in, if any.</summary>
    public new string? Source { get; }

    private static string Format(IReadOnlyList<ScenarioProblem> problems, string? source)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (problems.Count == 0 || problems.Any(p => p is null))
        {
            throw new ArgumentException("At least one problem, and none null.", nameof(problems));
        }

        string prefix = source is null ? string.Empty : source + ":";
        return $"The calibration spec has {problems.Count} problem(s):" + Environment.NewLine
            + string.Join(Environment.NewLine, problems.Select(p => "  " + prefix + (p.Line is int l ? $"{l}: " : " ") + $"{p.Path}: {p.Message}"));
    }
}
