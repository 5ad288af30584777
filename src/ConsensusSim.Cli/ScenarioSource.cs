using ConsensusSim.Model;
using ConsensusSim.Serialization;

namespace ConsensusSim.Cli;

/// <summary>Loads the scenario a command names, or the embedded default.</summary>
internal static class ScenarioSource
{
    public static Scenario Load(string? path) => path is null ? Scenario.Default : Read(path).ToScenario();

    /// <summary>
    /// Reads a scenario file as every command must: bounded, a regular file, strictly UTF-8, JSON
    /// with the line of every path (see <see cref="ScenarioDocument"/>). A command that varies the
    /// text before validating it (sweep, slurm) reads it here too, and maps problems back to lines.
    /// </summary>
    /// <exception cref="UserInputException">Nothing exists at <paramref name="path"/>.</exception>
    /// <exception cref="ScenarioValidationException">The file cannot be read as a scenario document.</exception>
    public static ScenarioDocument Read(string path)
    {
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            throw new UserInputException($"{path}: no such scenario file.");
        }

        return ScenarioDocument.Load(path);
    }

    /// <summary>Formats validation problems as "file:line: path: message" lines, the shape editors and CI logs link.</summary>
    public static string Describe(ScenarioValidationException ex, string? path) => Describe(ex.Problems, path ?? ex.Source ?? "scenario");

    /// <summary>Formats problems of a file as "file:line: path: message" lines.</summary>
    public static string Describe(IEnumerable<ScenarioProblem> problems, string file) =>
        string.Join(Environment.NewLine, problems.Select(p =>
            p.Line is int line ? $"{file}:{line}: {p.Path}: {p.Message}" : $"{file}: {p.Path}: {p.Message}"));
}
