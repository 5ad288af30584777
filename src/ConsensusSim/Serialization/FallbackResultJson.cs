using System.Text.Json;
using ConsensusSim.Simulation;

namespace ConsensusSim.Serialization;

/// <summary>The <c>packageFallback</c> estimates of a result file, for people and other tools; the result is read back from its tallies.</summary>
internal static class FallbackResultJson
{
    public static void Write(Utf8JsonWriter w, PackageFallbackEstimates f)
    {
        w.WriteStartObject("packageFallback");
        w.WriteNumber("failedPackages", f.FailedPackages);
        w.WriteStartArray("items");
        foreach (var item in f.AdoptedAfterFallback)
        {
            w.WriteStartObject();
            w.WriteString("title", item.Title);
            w.WriteString("topic", item.Topic);
            ResultJson.WriteOutcome(w, "adoptedAfterFallback", item.Adopted);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartObject("distinctObjectors");
        ResultJson.WriteNumberOrNull(w, "mean", f.MeanDistinctObjectors);
        ResultJson.WriteArray(w, "failedPackages", f.DistinctObjectorCounts);
        w.WriteEndObject();
        w.WriteNumber("objections", f.Objections);
        w.WriteNumber("retaliatoryObjections", f.RetaliatoryObjections);
        w.WriteStartObject("retaliatoryShare");
        ResultJson.WriteNumberOrNull(w, "share", f.RetaliatoryShare);
        ResultJson.WriteNumberOrNull(w, "standardError", f.RetaliatoryShareStandardError);
        w.WriteStartArray("ci95");
        ResultJson.WriteValueOrNull(w, f.RetaliatoryShareCi95Lower);
        ResultJson.WriteValueOrNull(w, f.RetaliatoryShareCi95Upper);
        w.WriteEndArray();
        w.WriteEndObject();
        ResultJson.WriteOutcome(w, "retaliation", f.Retaliation);
        w.WriteEndObject();
    }
}
