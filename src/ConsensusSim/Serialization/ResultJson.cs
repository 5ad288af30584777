using System.Globalization;
using System.Text;
using System.Text.Json;
using ConsensusSim.Simulation;

namespace ConsensusSim.Serialization;

/// <summary>
/// Writes and reads simulation results as JSON. Besides the estimates for people and other tools
/// (R, pandas, dashboards), a result carries its raw integer tallies and run identity, so results
/// can be merged (shards), resumed (checkpoints) and checked bit for bit.
/// </summary>
/// <remarks><threadsafety>Stateless and thread-safe.</threadsafety></remarks>
public static class ResultJson
{
    /// <summary>The format version written in every result; a reader refuses other versions.</summary>
    public const int FormatVersion = 1;

    /// <summary>Serialises a result: provenance, outcomes with standard errors and 95 % intervals, rounds, objector counts, blockers and tallies.</summary>
    /// <param name="result">The result.</param>
    /// <returns>Indented JSON text.</returns>
    public static string Serialize(SimulationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var id = result.Identity;
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteNumber("format", FormatVersion);
            w.WriteBoolean("complete", id.IsComplete);
            w.WriteStartObject("provenance");
            w.WriteString("library", result.Provenance.Library);
            w.WriteString("version", id.Version);
            w.WriteNumber("seed", id.Seed);
            w.WriteNumber("trials", result.Trials);
            w.WriteNumber("totalTrials", id.PlannedTrials);
            w.WriteNumber("chunkSize", id.ChunkSize);
            w.WriteString("scenario", id.ScenarioName);
            w.WriteString("scenarioSha256", id.ScenarioSha256);
            w.WriteString("rule", id.Rule);
            if (id.Shard is { } shard)
            {
                w.WriteString("shard", shard.ToString());
            }
            else
            {
                w.WriteNull("shard");
            }

            w.WriteEndObject();

            w.WriteStartObject("outcomes");
            WriteOutcome(w, "adopted", result.Adopted);
            WriteOutcome(w, "deadlocked", result.Deadlocked);
            WriteOutcome(w, "adoptedWithStatements", result.AdoptedWithStatements);
            WriteOutcome(w, "adoptedOverObjections", result.AdoptedOverObjections);
            WriteOutcome(w, "adoptedBySilence", result.AdoptedBySilence);
            WriteOutcome(w, "adoptedAtMinisterialCouncil", result.AdoptedAtMinisterialCouncil);
            WriteOutcome(w, "escalatedToMinisterialCouncil", result.Escalated);
            if (result.ConditionalAdopted is { } conditional)
            {
                w.WriteStartObject("adoptedConditional");
                WriteNumberOrNull(w, "probability", conditional.Probability);
                WriteNumberOrNull(w, "standardError", conditional.StandardError);
                w.WriteStartArray("ci95");
                WriteValueOrNull(w, conditional.Ci95Lower);
                WriteValueOrNull(w, conditional.Ci95Upper);
                w.WriteEndArray();
                WriteNumberOrNull(w, "varianceReduction", conditional.VarianceReduction);
                w.WriteEndObject();
            }

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
                WriteNumberOrNull(w, "frequency", b.Frequency);
                WriteNumberOrNull(w, "soleBlockerFrequency", b.SoleBlockerFrequency);
                w.WriteNumber("blockedTrials", b.BlockedTrials);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            ResultTallies.Write(w, id, result.Tallies);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Reads a result written by <see cref="Serialize"/>, from its tallies.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The result.</returns>
    /// <exception cref="InvalidDataException">The text is not a complete, consistent ConsensusSim result.</exception>
    public static SimulationResult Deserialize(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            int format = root.GetProperty("format").GetInt32();
            if (format != FormatVersion)
            {
                throw new InvalidDataException($"Result format {format} is not supported; this build reads format {FormatVersion}.");
            }

            var (identity, tallies) = ResultTallies.Read(root.GetProperty("tallies"));
            return new SimulationResult(identity, tallies);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or OverflowException or IndexOutOfRangeException or ArgumentException)
        {
            throw new InvalidDataException("Not a valid ConsensusSim result: " + ex.Message, ex);
        }
    }

    private static void WriteOutcome(Utf8JsonWriter w, string name, OutcomeEstimate e)
    {
        w.WriteStartObject(name);
        w.WriteNumber("count", e.Count);
        WriteNumberOrNull(w, "probability", e.Probability);
        WriteNumberOrNull(w, "standardError", e.StandardError);
        w.WriteStartArray("ci95");
        w.WriteNumberValue(e.Ci95Lower);
        w.WriteNumberValue(e.Ci95Upper);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    internal static void WriteArray(Utf8JsonWriter w, string name, IReadOnlyList<long> values)
    {
        w.WriteStartArray(name);
        foreach (long v in values)
        {
            w.WriteNumberValue(v);
        }

        w.WriteEndArray();
    }

    private static void WriteValueOrNull(Utf8JsonWriter w, double value)
    {
        if (double.IsFinite(value))
        {
            w.WriteNumberValue(value);
        }
        else
        {
            w.WriteNullValue();
        }
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

    internal static string Invariant(long x) => x.ToString(CultureInfo.InvariantCulture);
}
