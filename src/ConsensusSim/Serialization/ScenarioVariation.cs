using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ConsensusSim.Model;

namespace ConsensusSim.Serialization;

/// <summary>
/// Derives scenarios from a scenario file by setting values at JSON paths, such as
/// <c>behaviour.tension</c> or <c>overrides.RUS.linkage</c>: the building block of parameter sweeps.
/// Working on the file rather than the object model means any parameter a file can hold can be varied.
/// </summary>
/// <remarks><threadsafety>Stateless and thread-safe.</threadsafety></remarks>
public static class ScenarioVariation
{
    private static readonly Dictionary<string, string> Shorthands = new(StringComparer.Ordinal)
    {
        ["tension"] = "behaviour.tension",
        ["blocCorrelation"] = "behaviour.blocCorrelation",
        ["topic"] = "proposal.topic",
        ["susceptibility"] = "proposal.susceptibility",
        ["maxRounds"] = "procedure.maxRounds",
        ["era"] = "era",
    };

    /// <summary>Expands a shorthand (<c>tension</c>, <c>topic</c>, <c>maxRounds</c> …) to its full path; other paths are returned unchanged.</summary>
    /// <param name="path">A path or shorthand.</param>
    /// <returns>The full dot path.</returns>
    public static string Expand(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Shorthands.TryGetValue(path, out var full) ? full : path;
    }

    /// <summary>Expands a shorthand for this scenario; a proposal shorthand on a package would set a proposal the package does not have.</summary>
    internal static string ExpandIn(JsonNode root, string path)
    {
        string full = Expand(path);
        if (full != path && full.StartsWith("proposal.", StringComparison.Ordinal) && root["proposals"] is JsonArray package)
        {
            string field = full["proposal.".Length..];
            throw new ScenarioValidationException([new ScenarioProblem("$.proposals", $"'{path}' varies the single proposal, but this scenario is a package of {package.Count} proposals: vary each one by its full path, proposals[i].{field} (such as proposals[0].{field}).")]);
        }

        return full;
    }

    /// <summary>Sets each path to its value and parses the result as a scenario.</summary>
    /// <param name="json">The scenario text (comments allowed); it must be a valid scenario itself, as for <see cref="ScenarioTemplate.Parse"/>.</param>
    /// <param name="assignments">Dot paths (array elements as <c>draft[0]</c>) and values; a value that parses as JSON (number, boolean, array) is used as such, anything else as a string.</param>
    /// <param name="source">A name for error messages.</param>
    /// <returns>The varied, validated scenario.</returns>
    /// <exception cref="ArgumentException">An assignment has a null path or value.</exception>
    /// <exception cref="ScenarioValidationException">The text is not a valid scenario, a path cannot be set or the varied scenario is invalid; problems carry lines of <paramref name="json"/>.</exception>
    public static Scenario Apply(string json, IEnumerable<KeyValuePair<string, string>> assignments, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(assignments);
        return ScenarioTemplate.Parse(Encoding.UTF8.GetBytes(json), source).Apply(assignments);
    }

    /// <summary>Parses a value given on a command line: JSON if it is JSON (without duplicate properties), otherwise a string.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The JSON value.</returns>
    public static JsonNode? ParseValue(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            // Duplicate properties make a value not JSON (a string), rather than an exception when the value is used.
            return JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false });
        }
        catch (JsonException)
        {
            return JsonValue.Create(text);
        }
    }

    /// <summary>Sets the value at a dot path, creating the objects on the way that the document lacks.</summary>
    /// <returns>Whether a value the document had was replaced, so nothing was added to it but the value.</returns>
    internal static bool Set(JsonNode root, string path, JsonNode? value)
    {
        bool replaced = true;
        var parts = Split(path);
        JsonNode current = root;
        for (int i = 0; i < parts.Count; i++)
        {
            bool last = i == parts.Count - 1;
            var (name, index) = parts[i];
            if (current is not JsonObject holder)
            {
                // A number where the path goes on (proposal.statusQuo[0].uniform[1] on a fixed coordinate, say).
                throw new ScenarioValidationException([new ScenarioProblem("$." + path, $"Cannot set '{name}' inside a value that is not an object (here {current.ToJsonString()}).")]);
            }

            if (index is int k)
            {
                if (holder[name] is not JsonArray array || k < 0 || k >= array.Count)
                {
                    throw new ScenarioValidationException([new ScenarioProblem("$." + path, $"'{name}' has no element {k} to set.")]);
                }

                if (last)
                {
                    array[k] = value?.DeepClone();
                    return replaced;
                }

                current = array[k] ?? throw new ScenarioValidationException([new ScenarioProblem("$." + path, $"'{name}[{k}]' is null.")]);
                continue;
            }

            if (last)
            {
                replaced &= holder.ContainsKey(name);
                holder[name] = value?.DeepClone();
                return replaced;
            }

            if (holder[name] is null)
            {
                replaced = false;
                holder[name] = new JsonObject();
            }

            current = holder[name]!;
        }

        // Split gives at least one part, and the last part returns.
        return replaced;
    }

    private static List<(string Name, int? Index)> Split(string path)
    {
        var parts = new List<(string, int?)>();
        foreach (var segment in path.Split('.'))
        {
            int open = segment.IndexOf('[', StringComparison.Ordinal);
            if (open > 0 && segment.EndsWith(']') && int.TryParse(segment.AsSpan(open + 1, segment.Length - open - 2), NumberStyles.None, CultureInfo.InvariantCulture, out int index))
            {
                parts.Add((segment[..open], index));
            }
            else if (segment.Length == 0 || segment.Contains('[', StringComparison.Ordinal))
            {
                throw new ScenarioValidationException([new ScenarioProblem("$." + path, $"'{path}' is not a valid path (use names separated by dots, array elements as name[0]).")]);
            }
            else
            {
                parts.Add((segment, null));
            }
        }

        return parts;
    }
}
