using ConsensusSim.Model;

namespace ConsensusSim.Serialization;

/// <summary>
/// Reads scenario files: JSON with comments and trailing commas allowed, checked against the
/// catalog, with every problem reported at once with its JSON path and line.
/// </summary>
/// <remarks><threadsafety>Stateless and thread-safe.</threadsafety></remarks>
public static class ScenarioJson
{
    /// <summary>The largest scenario file accepted, in bytes (1 MiB); real scenarios are a few kilobytes.</summary>
    public const int MaxFileBytes = 1 << 20;

    /// <summary>The deepest nesting of objects and arrays accepted.</summary>
    public const int MaxDepth = 32;

    /// <summary>Parses and validates a scenario.</summary>
    /// <param name="json">The scenario text.</param>
    /// <param name="source">A file name to put in error messages, if any.</param>
    /// <returns>The validated scenario.</returns>
    /// <exception cref="ScenarioValidationException">The text is not a valid scenario; every problem is listed.</exception>
    public static Scenario Parse(string json, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        return ScenarioDocument.Parse(json, source).ToScenario();
    }

    /// <summary>Reads, parses and validates a scenario file.</summary>
    /// <param name="path">The file's path.</param>
    /// <returns>The validated scenario.</returns>
    /// <exception cref="ScenarioValidationException">
    /// The file is not a regular file (a FIFO or device is refused rather than waited on), is larger
    /// than <see cref="MaxFileBytes"/>, is not UTF-8, or is not a valid scenario; every problem is listed.
    /// </exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static Scenario Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return ScenarioDocument.Load(path).ToScenario();
    }

    /// <summary>Parses and validates a scenario without throwing.</summary>
    /// <param name="utf8Json">The scenario as UTF-8 bytes.</param>
    /// <param name="scenario">The scenario, when valid.</param>
    /// <param name="problems">Every problem found, each with its path and line; empty when valid.</param>
    /// <returns>Whether the scenario is valid.</returns>
    public static bool TryParse(
        ReadOnlySpan<byte> utf8Json,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Scenario? scenario,
        out IReadOnlyList<ScenarioProblem> problems)
    {
        scenario = null;
        if (!ScenarioDocument.TryRead(utf8Json, null, out var document, out var problem))
        {
            problems = [problem];
            return false;
        }

        return document.TryBuild(out scenario, out problems);
    }

    /// <summary>Reads a scenario embedded in the library (the default scenario).</summary>
    internal static Scenario ReadEmbedded(string name)
    {
        using var stream = typeof(ScenarioJson).Assembly.GetManifestResourceStream("ConsensusSim.Scenarios." + name)
            ?? throw new InvalidOperationException($"The scenario '{name}' is not embedded in the library.");
        using var ms = new MemoryStream();
        stream.CopyTo(ms);
        return TryParse(ms.ToArray(), out var scenario, out var problems)
            ? scenario
            : throw new ScenarioValidationException(problems, "embedded:" + name);
    }
}
