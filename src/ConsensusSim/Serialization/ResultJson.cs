using System.Text;
using System.Text.Json;
using ConsensusSim.Simulation;

namespace ConsensusSim.Serialization;

/// <summary>Writes simulation results as JSON for other tools (R, pandas, dashboards).</summary>
/// <remarks><threadsafety>Stateless and thread-safe.</threadsafety></remarks>
public static class ResultJson
{
    /// <summary>Serialises a result: provenance, outcomes with standard errors and 95 % intervals, rounds, objector counts and blockers.</summary>
    /// <param name="result">The result.</param>
    /// <returns>Indented JSON text.</returns>
    public static string Serialize(SimulationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteStartObject("provenance");
            w.WriteString("library", result.Provenance.Library);
            w.WriteString("version", result.Provenance.Version);
            w.WriteNumber("seed", result.Provenance.Seed);
            w.WriteNumber("trials", result.Provenance.Trials);
            w.WriteString("scenario", result.Provenance.ScenarioName);
            w.WriteString("scenarioSha256", result.Provenance.ScenarioSha256);
            w.WriteString("rule", JsonNames.Of(result.Rule.Kind));
            w.WriteEndObject();

            w.WriteStartObject("outcomes");
            WriteOutcome(w, "adopted", result.Adopted);
            WriteOutcome(w, "deadlocked", result.Deadlocked);
            WriteOutcome(w, "adoptedWithStatements", result.AdoptedWithStatements);
            WriteOutcome(w, "adoptedOverObjections", result.AdoptedOverObjections);
            WriteOutcome(w, "adoptedBySilence", result.AdoptedBySilence);
            WriteOutcome(w, "adoptedAtMinisterialCouncil", result.AdoptedAtMinisterialCouncil);
            WriteOutcome(w, "escalatedToMinisterialCouncil", result.Escalated);
            w.WriteEndObject();

            w.WriteStartObject("rounds");
            WriteNumberOrNull(w, "meanToAdoption", result.MeanRoundsToAdoption);
            WriteArray(w, "adoptedInRound", result.AdoptedInRound);
            w.WriteEndObject();

            WriteNumberOrNull(w, "meanStatementsWhenAdopted", result.MeanStatementsWhenAdopted);
            w.WriteStartObject("ambition");
            WriteNumberOrNull(w, "meanWhenAdopted", result.MeanAmbitionWhenAdopted);
            WriteArray(w, "histogram", result.AmbitionHistogram);
            w.WriteEndObject();
            if (result.AllAdoptedSeparately is { } all)
            {
                w.WriteStartObject("package");
                WriteOutcome(w, "allAdoptedSeparately", all);
                w.WriteStartArray("items");
                foreach (var item in result.SeparateAdoption)
                {
                    w.WriteStartObject();
                    w.WriteString("title", item.Title);
                    w.WriteString("topic", item.Topic);
                    WriteOutcome(w, "adoptedSeparately", item.Adopted);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            WriteArray(w, "objectorCounts", result.ObjectorCounts);

            w.WriteStartArray("blockers");
            foreach (var b in result.Blockers)
            {
                w.WriteStartObject();
                w.WriteString("state", b.State);
                w.WriteString("name", b.Name);
                w.WriteNumber("frequency", b.Frequency);
                w.WriteNumber("soleBlockerFrequency", b.SoleBlockerFrequency);
                w.WriteNumber("blockedTrials", b.BlockedTrials);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteOutcome(Utf8JsonWriter w, string name, OutcomeEstimate e)
    {
        w.WriteStartObject(name);
        w.WriteNumber("count", e.Count);
        w.WriteNumber("probability", e.Probability);
        w.WriteNumber("standardError", e.StandardError);
        w.WriteStartArray("ci95");
        w.WriteNumberValue(e.Ci95Lower);
        w.WriteNumberValue(e.Ci95Upper);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteArray(Utf8JsonWriter w, string name, IReadOnlyList<long> values)
    {
        w.WriteStartArray(name);
        foreach (long v in values)
        {
            w.WriteNumberValue(v);
        }

        w.WriteEndArray();
    }

    private static void WriteNumberOrNull(Utf8JsonWriter w, string name, double value)
    {
        if (double.IsFinite(value))
        {
            w.WriteNumber(name, value);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
