using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ConsensusSim.Simulation;

namespace ConsensusSim.Serialization;

/// <summary>
/// The checksum a result file carries over its tallies: SHA-256 of the library's own canonical form of the run
/// identity and every tally, not of the JSON text, so re-indenting or reordering the file keeps it valid while
/// changing any number or name does not. It detects edits and damage; it is not a signature (anyone can
/// recompute it), which is why the reader also checks every sum the tallies must satisfy.
/// </summary>
/// <remarks>
/// The canonical form is UTF-8 text, one field a line in a fixed order: <c>name=value</c>, integers in invariant
/// decimal, strings as <c>length:text</c> (length in UTF-16 units, so no text can imitate a line break), lists
/// as <c>[count]</c> followed by their elements separated by <c>,</c>. A run whose scenario names an era adds a last
/// line, <c>era=</c> and the era provenance's canonical text (<see cref="EraProvenanceJson.Canonical"/>), so results
/// without an era keep their checksums.
/// </remarks>
internal static class TallyChecksum
{
    public const string Prefix = "sha256:";

    private const string Header = "consensussim-tallies/3";

    public static string Compute(RunIdentity id, RunTallies acc)
    {
        var c = new StringBuilder(4096);
        c.Append(Header).Append('\n');
        Text(c, "version", id.Version);
        Text(c, "scenario", id.ScenarioName);
        Text(c, "scenarioSha256", id.ScenarioSha256);
        Text(c, "rule", id.Rule);
        Number(c, "seed", id.Seed.ToString(CultureInfo.InvariantCulture));
        Number(c, "plannedTrials", id.PlannedTrials);
        Number(c, "chunkSize", id.ChunkSize);
        Number(c, "maxRounds", id.MaxRounds);
        Texts(c, "states", id.StateCodes);
        Texts(c, "stateNames", id.StateNames);
        Texts(c, "itemTitles", id.ItemTitles);
        Texts(c, "itemTopics", id.ItemTopics);
        Text(c, "shard", id.Shard?.ToString() ?? "none");
        Number(c, "firstChunk", id.FirstChunk);
        Number(c, "endChunk", id.EndChunk);
        Number(c, "completedChunks", id.CompletedChunks);
        Number(c, "trials", acc.Trials);
        Number(c, "adopted", acc.Adopted);
        Number(c, "gridlock", acc.Gridlock);
        Number(c, "policyChanged", acc.PolicyChanged);
        Number(c, "adoptedWithStatements", acc.AdoptedWithStatements);
        Number(c, "statementsInAdoptedTrials", acc.StatementsInAdoptedTrials);
        Number(c, "adoptedOverObjections", acc.AdoptedOverObjections);
        Number(c, "adoptedBySilence", acc.AdoptedBySilence);
        Number(c, "adoptedAtMinisterialCouncil", acc.AdoptedAtMinisterialCouncil);
        Number(c, "escalated", acc.Escalated);
        Number(c, "ambitionSumNano", acc.AmbitionSum);
        Number(c, "allAdoptedSeparately", acc.AllAdoptedSeparately);
        Numbers(c, "ambitionHistogram", acc.AmbitionHistogram);
        Numbers(c, "itemAdoptedSeparately", acc.ItemAdoptedSeparately);
        Numbers(c, "objectorCounts", acc.ObjectorCounts);
        Numbers(c, "adoptedInRound", acc.AdoptedInRound);
        Numbers(c, "blocked", acc.Blocked);
        Numbers(c, "soleBlocker", acc.SoleBlocker);
        if (acc.Fallback is { } fallback)
        {
            // Only results of runs with a package fallback have these lines, so every other checksum stays as it was.
            Numbers(c, "fallback.adoptedAfterFallback", fallback.AdoptedAfterFallback);
            Numbers(c, "fallback.distinctObjectors", fallback.DistinctObjectors);
            Number(c, "fallback.objections", fallback.Objections);
            Number(c, "fallback.retaliatoryObjections", fallback.RetaliatoryObjections);
            Number(c, "fallback.trialsWithRetaliation", fallback.TrialsWithRetaliation);
            Number(c, "fallback.objectionsSquared", fallback.ObjectionsSquared.ToString(CultureInfo.InvariantCulture));
            Number(c, "fallback.retaliatorySquared", fallback.RetaliatorySquared.ToString(CultureInfo.InvariantCulture));
            Number(c, "fallback.retaliatoryTimesObjections", fallback.RetaliatoryTimesObjections.ToString(CultureInfo.InvariantCulture));
        }

        Number(c, "conditional", id.Conditional ? 1 : 0);
        if (id.Conditional)
        {
            Number(c, "conditionalSum", acc.ConditionalSum.ToString(CultureInfo.InvariantCulture));
            Number(c, "conditionalSumOfSquares", acc.ConditionalSumOfSquares.ToString(CultureInfo.InvariantCulture));
        }

        // Only a conditional-only run adds this line, so checksums of other results stay as they were.
        if (id.ConditionalOnly)
        {
            Number(c, "conditionalOnly", 1);
        }

        // Only a rare-event run adds these lines, so checksums of other results stay as they were.
        if (id.Rare is { } rare)
        {
            Text(c, "rareEvent", Model.JsonNames.Of(rare));
            Number(c, "rareScaleExponent", acc.RareScaleExponent);
            Number(c, "rareHits", acc.RareHits);
            Number(c, "rareSum", acc.RareSum.ToString(CultureInfo.InvariantCulture));
            Number(c, "rareSumOfSquares", acc.RareSumOfSquares.ToString(CultureInfo.InvariantCulture));
        }

        // Only a run with an unproven proposal adds this line, so checksums of other results stay as they were.
        if (acc.UnprovenProposals != 0)
        {
            Number(c, "unprovenProposals", acc.UnprovenProposals);
        }

        // Only a run with an era adds this line, so checksums of other results stay as they were.
        if (id.Era is { } era)
        {
            Text(c, "era", EraProvenanceJson.Canonical(era));
        }

        return Prefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(c.ToString())));
    }

    private static void Number(StringBuilder c, string name, long value) => Number(c, name, value.ToString(CultureInfo.InvariantCulture));

    private static void Number(StringBuilder c, string name, string invariant) => c.Append(name).Append('=').Append(invariant).Append('\n');

    private static void Text(StringBuilder c, string name, string value)
    {
        c.Append(name).Append('=');
        Encoded(c, value);
        c.Append('\n');
    }

    private static void Encoded(StringBuilder c, string value) =>
        c.Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value);

    private static void Texts(StringBuilder c, string name, IReadOnlyList<string> values)
    {
        c.Append(name).Append("=[").Append(values.Count.ToString(CultureInfo.InvariantCulture)).Append(']');
        for (int i = 0; i < values.Count; i++)
        {
            c.Append(i == 0 ? string.Empty : ",");
            Encoded(c, values[i]);
        }

        c.Append('\n');
    }

    private static void Numbers(StringBuilder c, string name, long[] values)
    {
        c.Append(name).Append("=[").Append(values.Length.ToString(CultureInfo.InvariantCulture)).Append(']');
        for (int i = 0; i < values.Length; i++)
        {
            c.Append(i == 0 ? string.Empty : ",").Append(values[i].ToString(CultureInfo.InvariantCulture));
        }

        c.Append('\n');
    }
}
