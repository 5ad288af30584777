using System.Globalization;
using System.Text.Json;
using ConsensusSim.Simulation;

namespace ConsensusSim.Serialization;

/// <summary>The raw, mergeable part of a result file: the run identity and every integer tally.</summary>
internal static class ResultTallies
{
    public static void Write(Utf8JsonWriter w, RunIdentity id, TrialAccumulator acc)
    {
        w.WriteStartObject("tallies");
        w.WriteString("version", id.Version);
        w.WriteString("scenario", id.ScenarioName);
        w.WriteString("scenarioSha256", id.ScenarioSha256);
        w.WriteString("rule", id.Rule);
        w.WriteNumber("seed", id.Seed);
        w.WriteNumber("plannedTrials", id.PlannedTrials);
        w.WriteNumber("chunkSize", id.ChunkSize);
        w.WriteNumber("maxRounds", id.MaxRounds);
        WriteStrings(w, "states", id.StateCodes);
        WriteStrings(w, "stateNames", id.StateNames);
        WriteStrings(w, "itemTitles", id.ItemTitles);
        WriteStrings(w, "itemTopics", id.ItemTopics);
        if (id.Shard is { } shard)
        {
            w.WriteNumber("shardIndex", shard.Index);
            w.WriteNumber("shardCount", shard.Count);
        }

        w.WriteNumber("firstChunk", id.FirstChunk);
        w.WriteNumber("endChunk", id.EndChunk);
        w.WriteNumber("completedChunks", id.CompletedChunks);
        w.WriteNumber("trials", acc.Trials);
        w.WriteNumber("adopted", acc.Adopted);
        w.WriteNumber("adoptedWithStatements", acc.AdoptedWithStatements);
        w.WriteNumber("statementsInAdoptedTrials", acc.StatementsInAdoptedTrials);
        w.WriteNumber("adoptedOverObjections", acc.AdoptedOverObjections);
        w.WriteNumber("adoptedBySilence", acc.AdoptedBySilence);
        w.WriteNumber("adoptedAtMinisterialCouncil", acc.AdoptedAtMinisterialCouncil);
        w.WriteNumber("escalated", acc.Escalated);
        w.WriteNumber("ambitionSumNano", acc.AmbitionSum);
        w.WriteNumber("allAdoptedSeparately", acc.AllAdoptedSeparately);
        ResultJson.WriteArray(w, "ambitionHistogram", acc.AmbitionHistogram);
        ResultJson.WriteArray(w, "itemAdoptedSeparately", acc.ItemAdoptedSeparately);
        ResultJson.WriteArray(w, "objectorCounts", acc.ObjectorCounts);
        ResultJson.WriteArray(w, "adoptedInRound", acc.AdoptedInRound);
        ResultJson.WriteArray(w, "blocked", acc.Blocked);
        ResultJson.WriteArray(w, "soleBlocker", acc.SoleBlocker);
        if (id.Conditional)
        {
            // 128-bit fixed-point sums, as strings: JSON numbers are read as doubles by many tools.
            w.WriteBoolean("conditional", true);
            w.WriteString("conditionalSum", acc.ConditionalSum.ToString(CultureInfo.InvariantCulture));
            w.WriteString("conditionalSumOfSquares", acc.ConditionalSumOfSquares.ToString(CultureInfo.InvariantCulture));
        }

        w.WriteEndObject();
    }

    public static (RunIdentity Identity, TrialAccumulator Tallies) Read(JsonElement t)
    {
        string[] states = Strings(t, "states");
        string[] titles = Strings(t, "itemTitles");
        int maxRounds = t.GetProperty("maxRounds").GetInt32();
        ShardSpec? shard = t.TryGetProperty("shardIndex", out var si) ? new ShardSpec(si.GetInt32(), t.GetProperty("shardCount").GetInt32()) : null;
        var id = new RunIdentity(
            t.GetProperty("version").GetString()!,
            t.GetProperty("scenario").GetString()!,
            t.GetProperty("scenarioSha256").GetString()!,
            t.GetProperty("rule").GetString()!,
            t.GetProperty("seed").GetUInt64(),
            t.GetProperty("plannedTrials").GetInt64(),
            t.GetProperty("chunkSize").GetInt32(),
            maxRounds,
            states,
            Strings(t, "stateNames"),
            titles,
            Strings(t, "itemTopics"),
            shard,
            t.GetProperty("firstChunk").GetInt64(),
            t.GetProperty("endChunk").GetInt64(),
            t.GetProperty("completedChunks").GetInt64(),
            t.TryGetProperty("conditional", out var conditional) && conditional.GetBoolean());
        var acc = new TrialAccumulator(states.Length, maxRounds, titles.Length)
        {
            Trials = t.GetProperty("trials").GetInt64(),
            Adopted = t.GetProperty("adopted").GetInt64(),
            AdoptedWithStatements = t.GetProperty("adoptedWithStatements").GetInt64(),
            StatementsInAdoptedTrials = t.GetProperty("statementsInAdoptedTrials").GetInt64(),
            AdoptedOverObjections = t.GetProperty("adoptedOverObjections").GetInt64(),
            AdoptedBySilence = t.GetProperty("adoptedBySilence").GetInt64(),
            AdoptedAtMinisterialCouncil = t.GetProperty("adoptedAtMinisterialCouncil").GetInt64(),
            Escalated = t.GetProperty("escalated").GetInt64(),
            AmbitionSum = t.GetProperty("ambitionSumNano").GetInt64(),
            AllAdoptedSeparately = t.GetProperty("allAdoptedSeparately").GetInt64(),
        };
        Fill(t, "ambitionHistogram", acc.AmbitionHistogram);
        Fill(t, "itemAdoptedSeparately", acc.ItemAdoptedSeparately);
        Fill(t, "objectorCounts", acc.ObjectorCounts);
        Fill(t, "adoptedInRound", acc.AdoptedInRound);
        Fill(t, "blocked", acc.Blocked);
        Fill(t, "soleBlocker", acc.SoleBlocker);
        if (id.Conditional)
        {
            acc.ConditionalSum = Int128.Parse(t.GetProperty("conditionalSum").GetString()!, NumberStyles.None, CultureInfo.InvariantCulture);
            acc.ConditionalSumOfSquares = Int128.Parse(t.GetProperty("conditionalSumOfSquares").GetString()!, NumberStyles.None, CultureInfo.InvariantCulture);
        }

        // Internal consistency catches files edited or truncated by hand.
        long expected = id.TrialsIn(id.FirstChunk, id.CompletedChunks);
        Int128 scale = (Int128)(1L << 60);
        if (acc.Trials != expected || acc.ObjectorCounts.Sum() != acc.Trials || acc.Adopted > acc.Trials
            || acc.ConditionalSum > acc.Trials * scale || acc.ConditionalSumOfSquares > acc.ConditionalSum << (60 - TrialAccumulator.SquareShift)
            || id.FirstChunk < 0 || id.FirstChunk + id.CompletedChunks > id.EndChunk || id.EndChunk > id.Chunks
            || id.StateNames.Count != states.Length || id.ItemTopics.Count != titles.Length)
        {
            throw new InvalidDataException($"The tallies are inconsistent: {acc.Trials} trials recorded, {expected} expected for {id.CompletedChunks} chunks from chunk {id.FirstChunk}.");
        }

        return (id, acc);
    }

    private static void WriteStrings(Utf8JsonWriter w, string name, IReadOnlyList<string> values)
    {
        w.WriteStartArray(name);
        foreach (string v in values)
        {
            w.WriteStringValue(v);
        }

        w.WriteEndArray();
    }

    private static string[] Strings(JsonElement t, string name) => [.. t.GetProperty(name).EnumerateArray().Select(e => e.GetString()!)];

    private static void Fill(JsonElement t, string name, long[] target)
    {
        var values = t.GetProperty(name).EnumerateArray().Select(e => e.GetInt64()).ToArray();
        if (values.Length != target.Length)
        {
            throw new InvalidDataException($"'{name}' has {values.Length} entries; {target.Length} expected.");
        }

        values.CopyTo(target, 0);
    }
}
