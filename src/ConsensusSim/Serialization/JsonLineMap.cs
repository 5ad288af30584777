using System.Text.Json;
using ConsensusSim.Model;

namespace ConsensusSim.Serialization;

/// <summary>
/// Maps each JSON path in a document to the line it starts on. System.Text.Json's DOM keeps no
/// positions, so a reader pass records them for error messages.
/// </summary>
internal sealed class JsonLineMap
{
    private readonly Dictionary<string, int> _lines;

    private JsonLineMap(Dictionary<string, int> lines, string? tooDeepPath, IReadOnlyList<ScenarioProblem> invalidStrings)
    {
        _lines = lines;
        TooDeepPath = tooDeepPath;
        InvalidStrings = invalidStrings;
    }

    /// <summary>The path where nesting first exceeded the limit, if it did.</summary>
    public string? TooDeepPath { get; }

    /// <summary>
    /// Strings and property names that are not Unicode text — invalid UTF-8 bytes, or an escape of
    /// half a surrogate pair such as <c>\ud800</c> — which a parser would refuse only when the value
    /// is read, or silently replace.
    /// </summary>
    public IReadOnlyList<ScenarioProblem> InvalidStrings { get; }

    /// <summary>Builds the map; throws <see cref="JsonException"/> for text that is not JSON.</summary>
    public static JsonLineMap Build(byte[] utf8, JsonReaderOptions options, int maxDepth)
    {
        var lineStarts = new List<int> { 0 };
        for (int i = 0; i < utf8.Length; i++)
        {
            if (utf8[i] == (byte)'\n')
            {
                lineStarts.Add(i + 1);
            }
        }

        int LineOf(long offset)
        {
            int idx = lineStarts.BinarySearch((int)offset);
            return (idx >= 0 ? idx : ~idx - 1) + 1;
        }

        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        var frames = new Stack<Frame>();
        string? pendingName = null;
        string? tooDeep = null;
        var invalid = new List<ScenarioProblem>();
        var reader = new Utf8JsonReader(utf8, options);

        string ValuePath()
        {
            if (frames.Count == 0)
            {
                return "$";
            }

            var top = frames.Peek();
            return top.IsArray ? $"{top.Path}[{top.Index}]" : $"{top.Path}.{pendingName}";
        }

        void Completed()
        {
            if (frames.Count > 0 && frames.Peek().IsArray)
            {
                frames.Peek().Index++;
            }
        }

        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    pendingName = TryGetString(ref reader);
                    if (pendingName is null)
                    {
                        string owner = frames.Count == 0 ? "$" : frames.Peek().Path;
                        invalid.Add(new ScenarioProblem(owner, "A property name " + NotUnicode(reader.ValueSpan), LineOf(reader.TokenStartIndex)));
                        pendingName = "?";
                    }

                    break;
                case JsonTokenType.StartObject:
                case JsonTokenType.StartArray:
                    string path = ValuePath();
                    lines.TryAdd(path, LineOf(reader.TokenStartIndex));
                    frames.Push(new Frame(path, reader.TokenType == JsonTokenType.StartArray));
                    if (frames.Count > maxDepth && tooDeep is null)
                    {
                        tooDeep = path;
                    }

                    break;
                case JsonTokenType.EndObject:
                case JsonTokenType.EndArray:
                    frames.Pop();
                    Completed();
                    break;
                default:
                    string at = ValuePath();
                    lines.TryAdd(at, LineOf(reader.TokenStartIndex));
                    if (reader.TokenType == JsonTokenType.String && TryGetString(ref reader) is null)
                    {
                        invalid.Add(new ScenarioProblem(at, "The string " + NotUnicode(reader.ValueSpan), LineOf(reader.TokenStartIndex)));
                    }

                    Completed();
                    break;
            }
        }

        return new JsonLineMap(lines, tooDeep, invalid);
    }

    /// <summary>Whether the document has a value at <paramref name="path"/> (<c>$.behaviour.tension</c>).</summary>
    public bool Has(string path) => _lines.ContainsKey(path);

    /// <summary>The line of <paramref name="path"/>, or of its nearest enclosing value that has one.</summary>
    public int LineOf(string path)
    {
        string p = path;
        while (true)
        {
            if (_lines.TryGetValue(p, out int line))
            {
                return line;
            }

            int cut = Math.Max(p.LastIndexOf('.'), p.LastIndexOf('['));
            if (cut <= 0)
            {
                return 1;
            }

            p = p[..cut];
        }
    }

    /// <summary>Converts a 0-based line reported by System.Text.Json into a 1-based one.</summary>
    public static int OneBased(long? zeroBased) => (int)(zeroBased ?? 0) + 1;

    private static string? TryGetString(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static string NotUnicode(ReadOnlySpan<byte> raw) => System.Text.Unicode.Utf8.IsValid(raw)
        ? "holds an escaped half of a surrogate pair (\\uD800 to \\uDFFF without its partner); text must be valid Unicode."
        : "holds bytes that are not valid UTF-8; save the file as UTF-8.";

    private sealed class Frame(string path, bool isArray)
    {
        public string Path { get; } = path;

        public bool IsArray { get; } = isArray;

        public int Index { get; set; }
    }
}
