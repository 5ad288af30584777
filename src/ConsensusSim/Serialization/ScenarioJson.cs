using System.Text;
using System.Text.Json;
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

    private static readonly JsonReaderOptions ReaderOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        MaxDepth = 256,
    };

    /// <summary>Parses and validates a scenario.</summary>
    /// <param name="json">The scenario text.</param>
    /// <param name="source">A file name to put in error messages, if any.</param>
    /// <returns>The validated scenario.</returns>
    /// <exception cref="ScenarioValidationException">The text is not a valid scenario; every problem is listed.</exception>
    public static Scenario Parse(string json, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        return TryParse(Encoding.UTF8.GetBytes(json), out var scenario, out var problems)
            ? scenario
            : throw new ScenarioValidationException(problems, source);
    }

    /// <summary>Reads, parses and validates a scenario file.</summary>
    /// <param name="path">The file's path.</param>
    /// <returns>The validated scenario.</returns>
    /// <exception cref="ScenarioValidationException">The file is too large or not a valid scenario; every problem is listed.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static Scenario Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new FileNotFoundException($"The scenario file '{path}' does not exist.", path);
        }

        if (info.Length > MaxFileBytes)
        {
            throw new ScenarioValidationException([TooLarge(info.Length)], path);
        }

        return TryParse(File.ReadAllBytes(path), out var scenario, out var problems)
            ? scenario
            : throw new ScenarioValidationException(problems, path);
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
        if (utf8Json.Length > MaxFileBytes)
        {
            problems = [TooLarge(utf8Json.Length)];
            return false;
        }

        byte[] bytes = utf8Json.StartsWith("\uFEFF"u8) ? utf8Json[3..].ToArray() : utf8Json.ToArray();
        JsonLineMap lines;
        try
        {
            lines = JsonLineMap.Build(bytes, ReaderOptions, MaxDepth);
        }
        catch (JsonException ex)
        {
            problems = [new ScenarioProblem("$", NotJson(ex), JsonLineMap.OneBased(ex.LineNumber))];
            return false;
        }

        if (lines.TooDeepPath is { } deep)
        {
            problems = [new ScenarioProblem(deep, $"The document is nested deeper than {MaxDepth} levels.", lines.LineOf(deep))];
            return false;
        }

        using var doc = JsonDocument.Parse(bytes, new JsonDocumentOptions
        {
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
            MaxDepth = 256,
        });
        var reader = new ScenarioJsonReader();
        var builder = reader.Read(doc.RootElement);
        var all = reader.Problems.Concat(reader.Problems.Count == 0 ? builder.Validate() : SemanticOnly(builder, reader.Problems))
            .Select(p => p.AtLine(lines.LineOf(p.Path)))
            .ToList();
        problems = all;
        if (all.Count > 0)
        {
            return false;
        }

        scenario = new Scenario(builder);
        return true;
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

    /// <summary>
    /// Semantic problems at paths the shape check did not already flag, so a bad value is reported
    /// once and every independent problem still appears.
    /// </summary>
    private static IEnumerable<ScenarioProblem> SemanticOnly(ScenarioBuilder builder, IReadOnlyList<ScenarioProblem> shape)
    {
        var flagged = shape.Select(p => p.Path).ToHashSet(StringComparer.Ordinal);
        return builder.Validate().Where(p => !flagged.Any(f => p.Path.StartsWith(f, StringComparison.Ordinal) || f.StartsWith(p.Path, StringComparison.Ordinal)));
    }

    private static ScenarioProblem TooLarge(long length) =>
        new("$", $"The file is {length:N0} bytes; scenario files are limited to {MaxFileBytes:N0} bytes.", 1);

    private static string NotJson(JsonException ex)
    {
        string reason = ex.Message;
        int cut = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut > 0)
        {
            reason = reason[..cut];
        }

        return $"The file is not valid JSON: {reason.TrimEnd('.', ' ')} (line {JsonLineMap.OneBased(ex.LineNumber)}, byte {(ex.BytePositionInLine ?? 0) + 1}).";
    }
}
