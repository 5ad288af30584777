using System.Text;
using System.Text.Json;
using ConsensusSim.Model;

namespace ConsensusSim.Serialization;

/// <summary>
/// A scenario file read strictly, before it is interpreted: at most <see cref="ScenarioJson.MaxFileBytes"/>
/// bytes of a regular file, UTF-8 without invalid bytes or half surrogate pairs, JSON (comments and
/// trailing commas allowed) no deeper than <see cref="ScenarioJson.MaxDepth"/>, with the line of
/// every JSON path. The one reader of scenario files: <c>run</c>, <c>validate</c>, <c>describe</c>,
/// <c>sweep</c> and <c>slurm</c> all go through <see cref="Load"/>, so they refuse the same files
/// with the same messages, and a command that varies the text can still point at the original lines.
/// </summary>
internal sealed class ScenarioDocument
{
    private static readonly JsonReaderOptions ReaderOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        MaxDepth = 256,
    };

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        MaxDepth = 256,
    };

    private readonly byte[] _utf8;
    private JsonLineMap? _lines;
    private string? _text;

    private ScenarioDocument(byte[] utf8, string? text, JsonLineMap? lines, string? source)
    {
        _utf8 = utf8;
        _lines = lines;
        _text = text;
        Source = source;
    }

    /// <summary>The file as the caller named it, for messages; <see langword="null"/> for text given in code.</summary>
    public string? Source { get; }

    /// <summary>The decoded text, without a byte-order mark: valid Unicode and valid JSON.</summary>
    public string Text => _text ??= Encoding.UTF8.GetString(_utf8);

    /// <summary>The line of the value at a JSON path (<c>$.proposal.draft[1]</c>), or of its nearest enclosing value.</summary>
    public int LineOf(string path) => Lines.LineOf(path);

    private JsonLineMap Lines => _lines ??= JsonLineMap.Build(_utf8, ReaderOptions, ScenarioJson.MaxDepth);

    /// <summary>
    /// JSON that <see cref="Utf8JsonWriter"/> wrote from a document <see cref="TryRead"/> accepted, with numbers, booleans
    /// or nulls set in it (<see cref="ScenarioTemplate.Apply"/>): it is valid UTF-8, its strings are the accepted
    /// document's and it is no deeper, so what <see cref="TryRead"/> checks holds already. Its lines are worked out only
    /// when a problem needs one: a sweep builds a scenario at every design point, and the lines cost a fifth of that.
    /// </summary>
    /// <param name="utf8">The written JSON, at most <see cref="ScenarioJson.MaxFileBytes"/> bytes.</param>
    /// <returns>The document.</returns>
    public static ScenarioDocument OfWrittenJson(byte[] utf8) => new(utf8, null, null, null);

    /// <summary>Reads a scenario file.</summary>
    /// <param name="path">The file.</param>
    /// <exception cref="FileNotFoundException">Nothing exists at <paramref name="path"/>.</exception>
    /// <exception cref="ScenarioValidationException">Not a regular file, too large, not UTF-8 or not JSON; the one problem has its line.</exception>
    public static ScenarioDocument Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes;
        try
        {
            bytes = InputFile.ReadAllBytes(path, ScenarioJson.MaxFileBytes, "scenario files");
        }
        catch (FileNotFoundException)
        {
            throw new FileNotFoundException($"The scenario file '{path}' does not exist.", path);
        }
        catch (InputFileException ex)
        {
            throw new ScenarioValidationException([new ScenarioProblem("$", ex.Problem, ex.Line ?? 1)], path);
        }

        return TryRead(bytes, path, out var document, out var problem)
            ? document
            : throw new ScenarioValidationException([problem], path);
    }

    /// <summary>Reads scenario text given as a string, which may hold unpaired surrogates that UTF-8 cannot carry.</summary>
    /// <exception cref="ScenarioValidationException">The text is not a readable scenario document.</exception>
    public static ScenarioDocument Parse(string text, string? source)
    {
        ArgumentNullException.ThrowIfNull(text);

        // Written as \uXXXX escapes they stay where they were, so the reader reports their path and line.
        return TryRead(Encoding.UTF8.GetBytes(EscapeUnpairedSurrogates(text)), source, out var document, out var problem)
            ? document
            : throw new ScenarioValidationException([problem], source);
    }

    /// <summary>Reads scenario bytes; on failure gives the one problem (with its line) that stops reading.</summary>
    public static bool TryRead(
        ReadOnlySpan<byte> utf8Json,
        string? source,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ScenarioDocument? document,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out ScenarioProblem? problem)
    {
        document = null;
        problem = null;
        if (utf8Json.Length > ScenarioJson.MaxFileBytes)
        {
            problem = new ScenarioProblem("$", InputFile.TooLarge(utf8Json.Length, ScenarioJson.MaxFileBytes, "scenario files"), 1);
            return false;
        }

        if (utf8Json.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || utf8Json.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            InputFile.DecodeUtf8(utf8Json, out string? utf16, out _);
            problem = new ScenarioProblem("$", utf16!, 1);
            return false;
        }

        byte[] bytes = utf8Json.StartsWith("\uFEFF"u8) ? utf8Json[3..].ToArray() : utf8Json.ToArray();
        JsonLineMap lines;
        try
        {
            lines = JsonLineMap.Build(bytes, ReaderOptions, ScenarioJson.MaxDepth);
        }
        catch (JsonException ex)
        {
            problem = new ScenarioProblem("$", NotJson(ex), JsonLineMap.OneBased(ex.LineNumber));
            return false;
        }

        if (lines.InvalidStrings.Count > 0)
        {
            problem = lines.InvalidStrings[0];
            return false;
        }

        // Strings are valid now; what is left to check is the text between them (comments).
        string? text = InputFile.DecodeUtf8(bytes, out string? notUtf8, out int badLine);
        if (text is null)
        {
            problem = new ScenarioProblem("$", notUtf8!, badLine);
            return false;
        }

        if (lines.TooDeepPath is { } deep)
        {
            problem = new ScenarioProblem(deep, $"The document is nested deeper than {ScenarioJson.MaxDepth} levels.", lines.LineOf(deep));
            return false;
        }

        document = new ScenarioDocument(bytes, text, lines, source);
        return true;
    }

    /// <summary>Interprets and validates the document.</summary>
    /// <param name="scenario">The scenario, when valid.</param>
    /// <param name="problems">Every problem, each with its path and line; empty when valid.</param>
    /// <returns>Whether the scenario is valid.</returns>
    public bool TryBuild([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Scenario? scenario, out IReadOnlyList<ScenarioProblem> problems)
    {
        scenario = null;
        using var doc = JsonDocument.Parse(_utf8, DocumentOptions);
        var reader = new ScenarioJsonReader();
        var builder = reader.Read(doc.RootElement);
        var semantic = builder.Validate().Select(p => reader.PackageOfOne ? InPackage(p) : p);
        var all = reader.Problems.Concat(reader.Problems.Count == 0 ? semantic : SemanticOnly(semantic, reader.Problems))
            .Select(p => p.AtLine(LineOf(p.Path)))
            .ToList();
        problems = all;
        if (all.Count > 0)
        {
            return false;
        }

        scenario = new Scenario(builder);
        return true;
    }

    /// <summary>Interprets and validates the document.</summary>
    /// <exception cref="ScenarioValidationException">The scenario is invalid; every problem is listed with its line.</exception>
    public Scenario ToScenario() =>
        TryBuild(out var scenario, out var problems) ? scenario : throw new ScenarioValidationException(problems, Source);

    /// <summary>
    /// Semantic problems at paths the shape check did not already flag, so a bad value is reported
    /// once and every independent problem still appears.
    /// </summary>
    private static IEnumerable<ScenarioProblem> SemanticOnly(IEnumerable<ScenarioProblem> semantic, IReadOnlyList<ScenarioProblem> shape)
    {
        var flagged = shape.Select(p => p.Path).ToHashSet(StringComparer.Ordinal);
        return semantic.Where(p => !flagged.Any(f => p.Path.StartsWith(f, StringComparison.Ordinal) || f.StartsWith(p.Path, StringComparison.Ordinal)));
    }

    /// <summary>
    /// The validator names a lone proposal <c>$.proposal</c>; in a file whose package has one item, that
    /// item is <c>$.proposals[0]</c>, and only that path finds its line.
    /// </summary>
    private static ScenarioProblem InPackage(ScenarioProblem p) =>
        p.Path == "$.proposal" || p.Path.StartsWith("$.proposal.", StringComparison.Ordinal)
            ? new ScenarioProblem("$.proposals[0]" + p.Path["$.proposal".Length..], p.Message, p.Line)
            : p;

    private static string EscapeUnpairedSurrogates(string text)
    {
        StringBuilder? sb = null;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            bool paired = char.IsHighSurrogate(c) ? i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])
                : !char.IsLowSurrogate(c) || (i > 0 && char.IsHighSurrogate(text[i - 1]));
            if (paired)
            {
                sb?.Append(c);
                continue;
            }

            sb ??= new StringBuilder(text, 0, i, text.Length + 16);
            sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
        }

        return sb?.ToString() ?? text;
    }

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
