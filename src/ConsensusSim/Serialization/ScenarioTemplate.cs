using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using ConsensusSim.Model;

namespace ConsensusSim.Serialization;

/// <summary>
/// A scenario file to derive scenarios from: read and validated once as <see cref="ScenarioJson"/> reads
/// any file, then varied at JSON paths (<see cref="Apply"/>) as often as a sweep needs. A varied
/// scenario exists only in memory, so its problems are reported at the lines of the original file.
/// </summary>
/// <remarks><threadsafety>Immutable; <see cref="Apply"/> may be called from several threads at once.</threadsafety></remarks>
public sealed class ScenarioTemplate
{
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        AllowDuplicateProperties = false,
    };

    private static readonly JsonReaderOptions ReaderOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        MaxDepth = 256,
    };

    private readonly byte[] _utf8;
    private readonly JsonLineMap _lines;
    private readonly BehaviourNumbers _numbers;

    private ScenarioTemplate(byte[] utf8, JsonLineMap lines, Scenario scenario, string? source)
    {
        _utf8 = utf8;
        _lines = lines;
        Scenario = scenario;
        Source = source;
        _numbers = new BehaviourNumbers(scenario, lines);
    }

    /// <summary>The scenario as the file states it, before any variation.</summary>
    public Scenario Scenario { get; }

    /// <summary>The name given for error messages, if any.</summary>
    public string? Source { get; }

    /// <summary>Reads a scenario file's bytes: they must form a valid scenario, exactly as for <see cref="ScenarioJson.TryParse"/>.</summary>
    /// <param name="utf8Json">The file's content, UTF-8 with an optional byte-order mark.</param>
    /// <param name="source">A file name to put in error messages, if any.</param>
    /// <returns>The template.</returns>
    /// <exception cref="ScenarioValidationException">The content is not a valid scenario; every problem is listed with its line.</exception>
    public static ScenarioTemplate Parse(ReadOnlySpan<byte> utf8Json, string? source = null)
    {
        if (!ScenarioJson.TryParse(utf8Json, out var scenario, out var problems))
        {
            throw new ScenarioValidationException(problems, source);
        }

        byte[] bytes = utf8Json.StartsWith("\uFEFF"u8) ? utf8Json[3..].ToArray() : utf8Json.ToArray();
        return new ScenarioTemplate(bytes, JsonLineMap.Build(bytes, ReaderOptions, ScenarioJson.MaxDepth), scenario, source);
    }

    /// <summary>Sets each path to its value and validates the result as a scenario file.</summary>
    /// <param name="assignments">
    /// Dot paths or shorthands (<see cref="ScenarioVariation.Expand"/>; array elements as <c>draft[0]</c>) and
    /// values; a value that parses as JSON is used as such (<see cref="ScenarioVariation.ParseValue"/>), anything
    /// else as a string.
    /// </param>
    /// <returns>The varied, validated scenario.</returns>
    /// <exception cref="ArgumentException">An assignment has a null path or value.</exception>
    /// <exception cref="ScenarioValidationException">
    /// A path cannot be set or the varied scenario is invalid; each problem carries the line of the original
    /// file where its path, or the nearest enclosing value the file has, starts.
    /// </exception>
    public Scenario Apply(IEnumerable<KeyValuePair<string, string>> assignments)
    {
        ArgumentNullException.ThrowIfNull(assignments);
        var given = assignments as IReadOnlyCollection<KeyValuePair<string, string>> ?? [.. assignments];
        return _numbers.TryApply(given) ?? ApplyToText(given);
    }

    /// <summary>As <see cref="Apply"/>, always by setting the values in the file's text and reading it.</summary>
    /// <param name="assignments">As for <see cref="Apply"/>.</param>
    /// <returns>The varied, validated scenario.</returns>
    internal Scenario ApplyToText(IEnumerable<KeyValuePair<string, string>> assignments)
    {
        // Parsed afresh each time: JsonNode materialises lazily and is not safe to share between threads.
        var root = JsonNode.Parse(_utf8, documentOptions: DocumentOptions)!;
        bool onlyScalars = true;
        try
        {
            foreach (var (path, value) in assignments)
            {
                if (path is null || value is null)
                {
                    throw new ArgumentException("Every assignment needs a path and a value.", nameof(assignments));
                }

                var node = ScenarioVariation.ParseValue(value);
                bool scalar = node is null || node.GetValueKind() is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False;
                onlyScalars &= ScenarioVariation.Set(root, ScenarioVariation.ExpandIn(root, path), node) && scalar;
            }
        }
        catch (ScenarioValidationException ex)
        {
            throw Located(ex.Problems);
        }

        var varied = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(varied))
        {
            root.WriteTo(writer);
        }

        // Strings, objects and new properties set in the text are read as any file is: they may hold what a file may not.
        bool written = onlyScalars && varied.WrittenCount <= ScenarioJson.MaxFileBytes;
        IReadOnlyList<ScenarioProblem> problems;
        return (written
                ? ScenarioDocument.OfWrittenJson(varied.WrittenSpan.ToArray()).TryBuild(out var scenario, out problems)
                : ScenarioJson.TryParse(varied.WrittenSpan, out scenario, out problems))
            ? scenario
            : throw Located(problems);
    }

    private ScenarioValidationException Located(IEnumerable<ScenarioProblem> problems) =>
        new([.. problems.Select(p => p.AtLine(_lines.LineOf(p.Path)))], Source);
}
