using System.Globalization;
using System.Text.Json;
using ConsensusSim.Model;

namespace ConsensusSim.Serialization;

/// <summary>The JSON values the scenario reader reads: properties, strings, numbers, lists and enumerations, each checked with its path.</summary>
internal sealed partial class ScenarioJsonReader
{
    private IEnumerable<(string Name, JsonElement Value, string Path)> Properties(JsonElement e, string path, string[]? allowed)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            Problem(path, "Expected a JSON object.");
            yield break;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var prop in e.EnumerateObject())
        {
            string p = path + "." + prop.Name;
            if (!seen.Add(prop.Name))
            {
                Problem(p, allowed is null ? $"Duplicate key '{prop.Name}' (a State code or grouping may appear only once)." : $"Duplicate property '{prop.Name}'.");
                continue;
            }

            if (allowed is not null && Array.IndexOf(allowed, prop.Name) < 0)
            {
                Problem(p, $"Unknown property '{prop.Name}'. Expected one of: {string.Join(", ", allowed.Where(a => a != "$schema"))}.");
                continue;
            }

            yield return (prop.Name, prop.Value, p);
        }
    }

    private bool? Boolean(JsonElement e, string path)
    {
        if (e.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return e.GetBoolean();
        }

        Problem(path, $"Expected true or false, found {Describe(e)}.");
        return null;
    }

    private string? String(JsonElement e, string path)
    {
        if (e.ValueKind == JsonValueKind.String)
        {
            return e.GetString();
        }

        Problem(path, "Expected a string.");
        return null;
    }

    private List<string>? StringList(JsonElement e, string path)
    {
        if (e.ValueKind != JsonValueKind.Array)
        {
            Problem(path, "Expected an array of strings.");
            return null;
        }

        var list = new List<string>();
        int i = 0;
        foreach (var item in e.EnumerateArray())
        {
            list.Add(String(item, $"{path}[{i++}]") ?? string.Empty);
        }

        return list;
    }

    private List<double>? NumberList(JsonElement e, string path)
    {
        if (e.ValueKind != JsonValueKind.Array)
        {
            Problem(path, "Expected an array of numbers.");
            return null;
        }

        var list = new List<double>();
        int i = 0;
        bool ok = true;
        foreach (var item in e.EnumerateArray())
        {
            double? x = Number(item, $"{path}[{i++}]");
            ok &= x.HasValue;
            list.Add(x ?? 0);
        }

        return ok ? list : null;
    }

    private double? Number(JsonElement e, string path)
    {
        if (e.ValueKind == JsonValueKind.Number)
        {
            if (e.TryGetDouble(out double x) && double.IsFinite(x))
            {
                return x;
            }

            Problem(path, $"Must be a finite number; {e.GetRawText()} is out of range.");
            return null;
        }

        if (e.ValueKind == JsonValueKind.String && e.GetString() is { } s
            && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double special) && !double.IsFinite(special))
        {
            Problem(path, $"Must be a finite number; NaN and infinity ('{s}') are not allowed.");
            return null;
        }

        Problem(path, $"Expected a number, found {Describe(e)}.");
        return null;
    }

    /// <summary>A JSON Schema integer: any number with an exact whole value, so 1e3, 1000.0 and -0 are whole numbers.</summary>
    private long? WholeNumber(JsonElement e, string path, long min, long max)
    {
        var n = JsonInteger.Read(e, out bool tooLarge);
        if (n is { } whole && whole >= min && whole <= max)
        {
            return (long)whole;
        }

        Problem(path, tooLarge || n is not null
            ? $"{e.GetRawText()} is out of range: expected a whole number from {min} to {max}."
            : $"Expected a whole number, found {Describe(e)}.");
        return null;
    }

    private List<string>? ReadStates(JsonElement e, string path)
    {
        if (e.ValueKind == JsonValueKind.String && e.GetString() == "all")
        {
            return null;
        }

        if (e.ValueKind != JsonValueKind.Array)
        {
            Problem(path, $"Expected \"all\" (in lower case) or an array of State codes, found {Describe(e)}.");
            return null;
        }

        return StringList(e, path);
    }

    private T Enumeration<T>(JsonElement e, string path, T fallback)
        where T : struct, Enum
    {
        string? text = String(e, path);
        if (text is null)
        {
            return fallback;
        }

        foreach (var value in Enum.GetValues<T>())
        {
            if (string.Equals(JsonNames.Of(value), text, StringComparison.Ordinal))
            {
                return value;
            }
        }

        Problem(path, $"Unknown {JsonNames.What<T>()} '{text}'. Expected one of: {string.Join(", ", Enum.GetValues<T>().Select(v => JsonNames.Of(v)))}.");
        return fallback;
    }

    private static string Describe(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{e.GetString()}\"",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => e.GetRawText(),
    };

    private void Problem(string path, string message) => _problems.Add(new ScenarioProblem(path, message));
}
