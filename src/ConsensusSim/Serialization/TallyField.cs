using System.Globalization;
using System.Text.Json;

namespace ConsensusSim.Serialization;

/// <summary>Reads the fields of one JSON object, naming the JSON path of any field that is missing or of the wrong type.</summary>
internal readonly struct TallyField(JsonElement obj, string path)
{
    public string Text(string name) => Get(name, JsonValueKind.String, "a string").GetString()!;

    public bool Bool(string name)
    {
        var e = Get(name, JsonValueKind.Undefined, null);
        return e.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new TallyProblem(Path(name), "expected true or false"),
        };
    }

    public long Long(string name) => Whole(Get(name, JsonValueKind.Number, "a whole number"), Path(name));

    public ulong ULong(string name) =>
        Get(name, JsonValueKind.Number, "a whole number").TryGetUInt64(out ulong v) ? v : throw new TallyProblem(Path(name), $"expected a whole number from 0 to {ulong.MaxValue}");

    public int Int(string name, int min, int max)
    {
        long v = Long(name);
        return v >= min && v <= max ? (int)v : throw new TallyProblem(Path(name), $"must be between {min} and {max}; it is {v}");
    }

    public Int128 Int128(string name) =>
        System.Int128.TryParse(Get(name, JsonValueKind.String, "a string of decimal digits").GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw new TallyProblem(Path(name), "expected a string of decimal digits");

    public string[] Texts(string name)
    {
        var array = Get(name, JsonValueKind.Array, "an array of strings");
        var values = new string[array.GetArrayLength()];
        int i = 0;
        foreach (var e in array.EnumerateArray())
        {
            values[i] = e.ValueKind == JsonValueKind.String ? e.GetString()! : throw new TallyProblem($"{Path(name)}[{i}]", "expected a string");
            i++;
        }

        return values;
    }

    /// <summary>Copies an array of whole numbers into <paramref name="target"/>, which fixes its length.</summary>
    public void Fill(string name, long[] target)
    {
        var array = Get(name, JsonValueKind.Array, "an array of whole numbers");
        int length = array.GetArrayLength();
        if (length != target.Length)
        {
            throw new TallyProblem(Path(name), $"has {length:N0} entries; {target.Length:N0} expected from the States, rounds and proposals the file names");
        }

        int i = 0;
        foreach (var e in array.EnumerateArray())
        {
            target[i] = Whole(e, $"{Path(name)}[{i}]");
            i++;
        }
    }

    private static long Whole(JsonElement e, string at) =>
        e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out long v) ? v : throw new TallyProblem(at, "expected a whole number");

    private string Path(string name) => $"{path}.{name}";

    private JsonElement Get(string name, JsonValueKind kind, string? expected)
    {
        if (!obj.TryGetProperty(name, out var e))
        {
            throw new TallyProblem(Path(name), "is missing");
        }

        return kind == JsonValueKind.Undefined || e.ValueKind == kind ? e : throw new TallyProblem(Path(name), $"expected {expected}");
    }
}
