using System.Globalization;
using System.Text.Json;
using ConsensusSim.Model;
using ConsensusSim.Simulation;

namespace ConsensusSim.Serialization;

/// <summary>The raw, mergeable part of a result file: the run identity and every integer tally.</summary>
internal static class ResultTallies
{
    public static void Write(Utf8JsonWriter w, RunIdentity id, RunTallies acc)
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
        w.WriteNumber("gridlock", acc.Gridlock);
        w.WriteNumber("policyChanged", acc.PolicyChanged);
        if (acc.UnprovenProposals != 0)
        {
            // Written only when some proposal is unproven: none is known, and older files then read the same.
            w.WriteNumber("unprovenProposals", acc.UnprovenProposals);
        }

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
        if (acc.Fallback is { } fallback)
        {
            FallbackTallyJson.Write(w, fallback);
        }

        if (id.Conditional)
        {
            // 128-bit fixed-point sums, as strings: JSON numbers are read as doubles by many tools.
            w.WriteBoolean("conditional", true);
            w.WriteString("conditionalSum", acc.ConditionalSum.ToString(CultureInfo.InvariantCulture));
            w.WriteString("conditionalSumOfSquares", acc.ConditionalSumOfSquares.ToString(CultureInfo.InvariantCulture));
        }

        if (id.ConditionalOnly)
        {
            // The trials counted nothing: the outcome counts above are zeros, not observations.
            w.WriteBoolean("conditionalOnly", true);
        }

        if (id.Rare is { } rare)
        {
            w.WriteString("rareEvent", JsonNames.Of(rare));
            w.WriteNumber("rareScaleExponent", acc.RareScaleExponent);
            w.WriteNumber("rareHits", acc.RareHits);
            w.WriteString("rareSum", acc.RareSum.ToString(CultureInfo.InvariantCulture));
            w.WriteString("rareSumOfSquares", acc.RareSumOfSquares.ToString(CultureInfo.InvariantCulture));
        }

        w.WriteString("checksum", TallyChecksum.Compute(id, acc));
        w.WriteEndObject();
    }

    /// <summary>Reads the tallies and refuses them unless every sum holds and they match their checksum (which covers the era provenance read beside them).</summary>
    /// <exception cref="TallyProblem">What is wrong, at its JSON path.</exception>
    public static (RunIdentity Identity, RunTallies Tallies) Read(JsonElement t, EraProvenance? era)
    {
        var (unverified, acc) = ReadUnverified(t);
        var id = unverified with { Era = era };
        TallyConsistency.Check(id, acc);
        var checksum = new TallyField(t, "$.tallies").Text("checksum");
        if (!string.Equals(checksum, TallyChecksum.Compute(id, acc), StringComparison.Ordinal))
        {
            throw new TallyProblem(
                "$.tallies.checksum",
                checksum.StartsWith(TallyChecksum.Prefix, StringComparison.Ordinal)
                    ? "the tallies do not match their checksum: the file was edited or damaged after it was written; rerun the run or shard it came from"
                    : $"the checksum must be \"{TallyChecksum.Prefix}\" followed by 64 hexadecimal digits");
        }

        return (id, acc);
    }

    /// <summary>Reads the identity and tallies as the file states them, checking only their shape; nothing is verified.</summary>
    public static (RunIdentity Identity, RunTallies Tallies) ReadUnverified(JsonElement t)
    {
        var f = new TallyField(t, "$.tallies");
        string[] states = f.Texts("states");
        string[] titles = f.Texts("itemTitles");
        int maxRounds = f.Int("maxRounds", 1, ScenarioValidator.MaxRoundsLimit);
        if (states.Length is 0 or > ScenarioValidator.MaxParticipants)
        {
            throw new TallyProblem("$.tallies.states", $"a result has between 1 and {ScenarioValidator.MaxParticipants:N0} States; this one has {states.Length:N0}");
        }

        if (titles.Length == 0)
        {
            throw new TallyProblem("$.tallies.itemTitles", "a result has at least one proposal; this one has none");
        }

        ShardSpec? shard = null;
        if (t.TryGetProperty("shardIndex", out _) || t.TryGetProperty("shardCount", out _))
        {
            int count = f.Int("shardCount", 1, int.MaxValue);
            shard = new ShardSpec(f.Int("shardIndex", 1, count), count);
        }

        var id = new RunIdentity(
            f.Text("version"),
            f.Text("scenario"),
            f.Text("scenarioSha256"),
            f.Text("rule"),
            f.ULong("seed"),
            f.Long("plannedTrials"),
            f.Int("chunkSize", 1, int.MaxValue),
            maxRounds,
            states,
            f.Texts("stateNames"),
            titles,
            f.Texts("itemTopics"),
            shard,
            f.Long("firstChunk"),
            f.Long("endChunk"),
            f.Long("completedChunks"),
            t.TryGetProperty("conditional", out _) && f.Bool("conditional"),
            Rare: t.TryGetProperty("rareEvent", out _) ? RareOutcomeNamed(f.Text("rareEvent")) : null,
            ConditionalOnly: t.TryGetProperty("conditionalOnly", out _) && f.Bool("conditionalOnly"));
        var acc = new RunTallies(states.Length, maxRounds, titles.Length)
        {
            Trials = f.Long("trials"),
            Adopted = f.Long("adopted"),
            Gridlock = f.Long("gridlock"),
            PolicyChanged = f.Long("policyChanged"),
            UnprovenProposals = t.TryGetProperty("unprovenProposals", out _) ? f.Long("unprovenProposals") : 0,
            AdoptedWithStatements = f.Long("adoptedWithStatements"),
            StatementsInAdoptedTrials = f.Long("statementsInAdoptedTrials"),
            AdoptedOverObjections = f.Long("adoptedOverObjections"),
            AdoptedBySilence = f.Long("adoptedBySilence"),
            AdoptedAtMinisterialCouncil = f.Long("adoptedAtMinisterialCouncil"),
            Escalated = f.Long("escalated"),
            AmbitionSum = f.Long("ambitionSumNano"),
            AllAdoptedSeparately = f.Long("allAdoptedSeparately"),
        };
        f.Fill("ambitionHistogram", acc.AmbitionHistogram);
        f.Fill("itemAdoptedSeparately", acc.ItemAdoptedSeparately);
        f.Fill("objectorCounts", acc.ObjectorCounts);
        f.Fill("adoptedInRound", acc.AdoptedInRound);
        f.Fill("blocked", acc.Blocked);
        f.Fill("soleBlocker", acc.SoleBlocker);
        FallbackTallyJson.ReadInto(t, acc);
        if (id.Conditional)
        {
            acc.ConditionalSum = f.Int128("conditionalSum");
            acc.ConditionalSumOfSquares = f.Int128("conditionalSumOfSquares");
        }

        if (id.Rare is not null)
        {
            acc.RareScaleExponent = f.Int("rareScaleExponent", RareScaleLimit, 0);
            acc.RareHits = f.Long("rareHits");
            acc.RareSum = f.Int128("rareSum");
            acc.RareSumOfSquares = f.Int128("rareSumOfSquares");
        }

        return (id, acc);
    }

    /// <summary>The lowest scale a pilot sets (see <c>CrossEntropyPilot</c>).</summary>
    private const int RareScaleLimit = -1000;

    private static RareOutcome RareOutcomeNamed(string name) => name switch
    {
        "adopted" => RareOutcome.Adopted,
        "deadlocked" => RareOutcome.Deadlocked,
        _ => throw new TallyProblem("$.tallies.rareEvent", $"must be \"adopted\" or \"deadlocked\"; it is \"{name}\""),
    };

    private static void WriteStrings(Utf8JsonWriter w, string name, IReadOnlyList<string> values)
    {
        w.WriteStartArray(name);
        foreach (string v in values)
        {
            w.WriteStringValue(v);
        }

        w.WriteEndArray();
    }
}
