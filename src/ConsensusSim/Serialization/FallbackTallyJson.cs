using System.Globalization;
using System.Text.Json;
using ConsensusSim.Simulation;

namespace ConsensusSim.Serialization;

/// <summary>The <c>fallback</c> object of a result's tallies: a package fallback's integer tallies, present only when the run had a fallback.</summary>
internal static class FallbackTallyJson
{
    public const string Name = "fallback";

    public static void Write(Utf8JsonWriter w, RunFallbackTallies f)
    {
        w.WriteStartObject(Name);
        ResultJson.WriteArray(w, "adoptedAfterFallback", f.AdoptedAfterFallback);
        ResultJson.WriteArray(w, "distinctObjectors", f.DistinctObjectors);
        w.WriteNumber("objections", f.Objections);
        w.WriteNumber("retaliatoryObjections", f.RetaliatoryObjections);
        w.WriteNumber("trialsWithRetaliation", f.TrialsWithRetaliation);

        // 128-bit sums, as strings: JSON numbers are read as doubles by many tools.
        w.WriteString("objectionsSquared", f.ObjectionsSquared.ToString(CultureInfo.InvariantCulture));
        w.WriteString("retaliatorySquared", f.RetaliatorySquared.ToString(CultureInfo.InvariantCulture));
        w.WriteString("retaliatoryTimesObjections", f.RetaliatoryTimesObjections.ToString(CultureInfo.InvariantCulture));
        w.WriteEndObject();
    }

    /// <summary>Reads the fallback's tallies into <paramref name="acc"/>, if the tallies at <paramref name="t"/> have them.</summary>
    /// <exception cref="TallyProblem">A field is missing or of the wrong type or length.</exception>
    public static void ReadInto(JsonElement t, RunTallies acc)
    {
        if (!t.TryGetProperty(Name, out var e))
        {
            return;
        }

        if (e.ValueKind != JsonValueKind.Object)
        {
            throw new TallyProblem("$.tallies." + Name, "expected an object");
        }

        var f = new TallyField(e, "$.tallies." + Name);
        var fallback = acc.AddFallback();
        f.Fill("adoptedAfterFallback", fallback.AdoptedAfterFallback);
        f.Fill("distinctObjectors", fallback.DistinctObjectors);
        fallback.Objections = f.Long("objections");
        fallback.RetaliatoryObjections = f.Long("retaliatoryObjections");
        fallback.TrialsWithRetaliation = f.Long("trialsWithRetaliation");
        fallback.ObjectionsSquared = f.Int128("objectionsSquared");
        fallback.RetaliatorySquared = f.Int128("retaliatorySquared");
        fallback.RetaliatoryTimesObjections = f.Int128("retaliatoryTimesObjections");
    }
}
