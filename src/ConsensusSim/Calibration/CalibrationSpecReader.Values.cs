using System.Globalization;
using System.Text.Json;
using ConsensusSim.Model;

namespace ConsensusSim.Calibration;

/// <summary>Reading the spec's JSON values, each problem recorded with its path and line.</summary>
internal sealed partial class CalibrationSpecReader
{
    private KeyValuePair<string, string>[] Settings(JsonElement owner, string name, string at)
    {
        if (!owner.TryGetProperty(name, out var value))
        {
            return [];
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            Problem(at, "Settings are an object of paths and values, e.g. { \"proposal.topic\": \"migration\" }.");
            return [];
        }

        return [.. value.EnumerateObject().Select(p => new KeyValuePair<string, string>(p.Name, p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText()))];
    }

    private List<JsonElement> Array(JsonElement owner, string name, bool required)
    {
        if (!owner.TryGetProperty(name, out var value))
        {
            if (required)
            {
                Problem("$." + name, $"'{name}' is required.");
            }

            return [];
        }

        if (value.ValueKind != JsonValueKind.Array || (required && value.GetArrayLength() == 0))
        {
            Problem("$." + name, $"'{name}' is {(required ? "a non-empty" : "an")} array.");
            return [];
        }

        return [.. value.EnumerateArray()];
    }

    private bool Object(JsonElement element, string at, string[] known)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            Problem(at, $"An object with {string.Join(", ", known)}.");
            return false;
        }

        foreach (var property in element.EnumerateObject().Where(p => !known.Contains(p.Name)))
        {
            Problem($"{at}.{property.Name}", $"Unknown property; expected {string.Join(", ", known)}.");
        }

        return true;
    }

    private string? Text(JsonElement owner, string name, bool required, string at = "$")
    {
        if (!owner.TryGetProperty(name, out var value))
        {
            return required ? Problem($"{at}.{name}", $"'{name}' is required.") : null;
        }

        return value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString())
            ? value.GetString()
            : Problem($"{at}.{name}", $"'{name}' is a non-empty string.");
    }

    private double? Number(JsonElement owner, string name, string at, bool required)
    {
        if (!owner.TryGetProperty(name, out var value))
        {
            return required ? Problem<double?>($"{at}.{name}", $"'{name}' is required.") : null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out double x) && double.IsFinite(x)
            ? x
            : Problem<double?>($"{at}.{name}", $"'{name}' is a finite number.");
    }

    private long Integer(JsonElement owner, string name, long min, long max, long fallback)
    {
        if (!owner.TryGetProperty(name, out var value))
        {
            return fallback;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out long n) && n >= min && n <= max
            ? n
            : Problem<long>("$." + name, string.Create(CultureInfo.InvariantCulture, $"'{name}' is a whole number from {min:N0} to {max:N0}."));
    }

    private ulong Seed(JsonElement owner)
    {
        if (!owner.TryGetProperty("seed", out var value))
        {
            return CalibrationSpec.DefaultSeed;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetUInt64(out ulong seed)
            ? seed
            : Problem<ulong>("$.seed", "'seed' is a whole number from 0 to 18446744073709551615.");
    }

    private void Duplicates(IEnumerable<string?> keys, string at, string field, string message)
    {
        var first = new HashSet<string>(StringComparer.Ordinal);
        int i = 0;
        foreach (string? key in keys)
        {
            if (key is not null && !first.Add(key))
            {
                Problem($"{at}[{i}].{field}", string.Format(CultureInfo.InvariantCulture, message, key.Trim('/')));
            }

            i++;
        }
    }

    private int Line(string at) => _lines.LineOf(at);

    private string? Problem(string at, string message) => Problem<string?>(at, message);

    private T Problem<T>(string at, string message)
    {
        _problems.Add(new ScenarioProblem(at, message, Line(at)));
        return default!;
    }

    private void Fail(string at, string message)
    {
        Problem(at, message);
        ThrowIfAny();
    }

    private void ThrowIfAny()
    {
        if (_problems.Count > 0)
        {
            throw new CalibrationSpecException([.. _problems], _path);
        }
    }

    private static string N(double x) => x.ToString("R", CultureInfo.InvariantCulture);
}
