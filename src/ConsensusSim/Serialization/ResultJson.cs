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
    /// <remarks>
    /// Format 4 added the rare-event estimate and its sums (only in results of runs that ask for it), format 3 the
    /// gridlock and policy-change tallies, format 2 the checksum over the tallies. Format 3 files are read (they are
    /// format 4 without a rare-event estimate); files of formats 1 and 2 are refused: their counts cannot be completed
    /// (which adoptions changed policy is unknown).
    /// </remarks>
    public const int FormatVersion = 4;

    /// <summary>
    /// The largest result file read back (a checkpoint to resume, a shard to merge, a sweep's saved point): 64 MiB. The
    /// result of the largest scenario file (1 MiB, some tens of thousands of actors) is a few megabytes.
    /// </summary>
    internal const int MaxFileBytes = 64 << 20;

    /// <summary>The last format without rare-event sums, still read.</summary>
    private const int FormatWithoutRareEvents = 3;

    // A result nests four levels deep; the limit only keeps a hostile file from recursing far.
    private const int MaxDepth = 16;

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

            if (id.Era is { } era)
            {
                EraProvenanceJson.Write(w, era);
            }

            if (id.ConditionalOnly)
            {
                w.WriteBoolean("conditionalOnly", true);
            }

            w.WriteEndObject();

            // A conditional-only run counted no outcome: each is null, never a count of 0.
            bool counted = result.OutcomesCounted;
            w.WriteStartObject("outcomes");
            WriteCounted(w, "adopted", result.Adopted, counted);
            WriteCounted(w, "deadlocked", result.Deadlocked, counted);
            WriteCounted(w, "gridlock", result.Gridlock, counted);
            WriteCounted(w, "policyChange", result.PolicyChange, counted);
            WriteCounted(w, "adoptedWithStatements", result.AdoptedWithStatements, counted);
            WriteCounted(w, "adoptedOverObjections", result.AdoptedOverObjections, counted);
            WriteCounted(w, "adoptedBySilence", result.AdoptedBySilence, counted);
            WriteCounted(w, "adoptedAtMinisterialCouncil", result.AdoptedAtMinisterialCouncil, counted);
            WriteCounted(w, "escalatedToMinisterialCouncil", result.Escalated, counted);
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

            if (result.RareEvent is { } rare)
            {
                w.WriteStartObject("rareEvent");
                w.WriteString("outcome", Model.JsonNames.Of(rare.Outcome));
                WriteNumberOrNull(w, "probability", rare.Probability);
                WriteNumberOrNull(w, "standardError", rare.StandardError);
                WriteNumberOrNull(w, "relativeError", rare.RelativeError);
                w.WriteStartArray("ci95");
                WriteValueOrNull(w, rare.Ci95Lower);
                WriteValueOrNull(w, rare.Ci95Upper);
                w.WriteEndArray();
                w.WriteNumber("trials", rare.Trials);
                w.WriteNumber("hits", rare.Hits);
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
                WriteCounted(w, "allAdoptedSeparately", all, counted);
                w.WriteStartArray("items");
                foreach (var item in result.SeparateAdoption)
                {
                    w.WriteStartObject();
                    w.WriteString("title", item.Title);
                    w.WriteString("topic", item.Topic);
                    WriteCounted(w, "adoptedSeparately", item.Adopted, counted);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            if (result.PackageFallback is { } fallback)
            {
                FallbackResultJson.Write(w, fallback);
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

    /// <summary>
    /// Reads a result written by <see cref="Serialize"/>, from its tallies, after checking that they hold every sum a
    /// run's tallies satisfy and match the checksum written with them: an edited or damaged file is refused, never used.
    /// </summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="source">The file name, for messages; <see langword="null"/> for text from elsewhere.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is <see langword="null"/>.</exception>
    /// <exception cref="ResultFileException">
    /// The text is not a ConsensusSim result of format <see cref="FormatVersion"/> or 3 (format 1, written by 0.4, has no
    /// checksum; format 2 has no gridlock or policy-change tallies; both are refused), or its tallies are inconsistent
    /// or do not match their checksum; the exception names the line and JSON path.
    /// </exception>
    public static SimulationResult Deserialize(string json, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        string name = source ?? "result";
        try
        {
            using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { AllowDuplicateProperties = false, MaxDepth = MaxDepth });
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new TallyProblem("$", "expected a JSON object: a ConsensusSim result");
            }

            long format = new TallyField(root, "$").Long("format");
            if (format == 1)
            {
                throw new TallyProblem("$.format", "this file is in result format 1, written by ConsensusSim 0.4, which carries no checksum over its tallies, so its counts cannot be verified; rerun the run or shard with this version (format " + FormatVersion.ToString(CultureInfo.InvariantCulture) + ") to resume or merge it");
            }

            if (format == 2)
            {
                throw new TallyProblem("$.format", "this file is in result format 2, written before ConsensusSim counted gridlock (no text tabled) and policy change apart, so its tallies cannot be completed; rerun the run or shard with this version (format " + FormatVersion.ToString(CultureInfo.InvariantCulture) + ") to resume or merge it");
            }

            if (format == FormatWithoutRareEvents && root.TryGetProperty("tallies", out var old) && old.ValueKind == JsonValueKind.Object && old.TryGetProperty("rareEvent", out _))
            {
                throw new TallyProblem("$.tallies.rareEvent", "is not part of result format 3, which has no rare-event sums: the file was edited; rerun the run or shard it came from");
            }

            if (format != FormatVersion && format != FormatWithoutRareEvents)
            {
                throw new TallyProblem("$.format", string.Create(CultureInfo.InvariantCulture, $"result format {format} is not supported; this build reads formats {FormatWithoutRareEvents} and {FormatVersion}"));
            }

            if (!root.TryGetProperty("tallies", out var t) || t.ValueKind != JsonValueKind.Object)
            {
                throw new TallyProblem("$.tallies", "is missing or not an object");
            }

            var (identity, tallies) = ResultTallies.Read(t, EraProvenanceJson.Read(root));
            return new SimulationResult(identity, tallies);
        }
        catch (JsonException ex)
        {
            throw new ResultFileException(name, JsonLineMap.OneBased(ex.LineNumber), string.IsNullOrEmpty(ex.Path) ? "$" : ex.Path, "not valid JSON: " + ex.Message.Split(" LineNumber:")[0].TrimEnd('.', ' '));
        }
        catch (TallyProblem problem)
        {
            var lines = JsonLineMap.Build(Encoding.UTF8.GetBytes(json), default, MaxDepth);
            throw new ResultFileException(name, lines.LineOf(problem.Path), problem.Path, problem.Message);
        }
    }

    /// <summary>An outcome's estimate, or null when the run's trials counted no outcomes.</summary>
    private static void WriteCounted(Utf8JsonWriter w, string name, OutcomeEstimate e, bool counted)
    {
        if (counted)
        {
            WriteOutcome(w, name, e);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    internal static void WriteOutcome(Utf8JsonWriter w, string name, OutcomeEstimate e)
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

    internal static void WriteValueOrNull(Utf8JsonWriter w, double value)
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

    internal static void WriteNumberOrNull(Utf8JsonWriter w, string name, double value)
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
