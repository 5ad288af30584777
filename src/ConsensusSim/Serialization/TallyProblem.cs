namespace ConsensusSim.Serialization;

/// <summary>A problem found while reading tallies, at a JSON path; <see cref="ResultJson"/> adds the file and line.</summary>
internal sealed class TallyProblem(string path, string problem) : Exception(problem)
{
    public string Path { get; } = path;
}
