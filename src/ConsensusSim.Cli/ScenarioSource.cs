using ConsensusSim.Model;
using ConsensusSim.Serialization;

namespace ConsensusSim.Cli;

/// <summary>Loads the scenario a command names, or the embedded default.</summary>
internal static class ScenarioSource
{
    public static Scenario Load(string? path)
    {
        if (path is null)
        {
            return Scenario.Default;
        }

        if (!File.Exists(path) && !Directory.Exists(path))
        {
            throw new UserInputException($"{path}: no such scenario file.");
        }

        return ScenarioJson.Load(path);
    }

    /// <summary>Formats validation problems as "file:line: path: message" lines, the shape editors and CI logs link.</summary>
    public static string Describe(ScenarioValidationException ex, string? path)
    {
        string file = path ?? ex.Source ?? "scenario";
        return string.Join(Environment.NewLine, ex.Problems.Select(p =>
            p.Line is int line ? $"{file}:{line}: {p.Path}: {p.Message}" : $"{file}: {p.Path}: {p.Message}"));
    }
}
