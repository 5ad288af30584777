using ConsensusSim.Simulation;

namespace ConsensusSim.Serialization;

/// <summary>
/// Every relation a run's tallies satisfy by construction (see <c>TrialKernel.Record</c>), checked when a file is
/// read: a file that breaks one was edited or damaged, whatever its checksum says. Sums are taken in 128 bits so
/// that no edited count can overflow them.
/// </summary>
internal static partial class TallyConsistency
{
    private const string T = "$.tallies";

    /// <summary>One unit of ambition in <see cref="RunTallies.AmbitionSum"/>, and one histogram bin's width in those units.</summary>
    private const long AmbitionUnit = RunTallies.AmbitionUnit, AmbitionBin = AmbitionUnit / RunTallies.AmbitionBins;

    /// <exception cref="TallyProblem">The first relation that does not hold.</exception>
    public static void Check(RunIdentity id, RunTallies acc)
    {
        CheckIdentity(id);
        CheckChunks(id, acc);
        if (id.ConditionalOnly)
        {
            // Nothing counted: the relations between counts would only be asked of zeros, which some (every trial took a vote) break.
            CheckConditionalOnly(id, acc);
            CheckConditional(id, acc);
            return;
        }

        CheckOutcomes(acc);
        CheckObjectors(id, acc);
        CheckItems(acc);
        CheckConditional(id, acc);
        CheckRare(id, acc);
        CheckFallback(acc);
    }

    private static void CheckIdentity(RunIdentity id)
    {
        Require(id.ScenarioSha256.Length == 64 && id.ScenarioSha256.All(char.IsAsciiHexDigitLower), "scenarioSha256", $"must be 64 lower-case hexadecimal digits");
        Require(id.Version.Length > 0, "version", $"must name the ConsensusSim version that wrote the file");
        Require(id.StateNames.Count == id.StateCodes.Count, "stateNames", $"names {id.StateNames.Count:N0} States; \"states\" lists {id.StateCodes.Count:N0}");
        Require(id.ItemTopics.Count == id.ItemTitles.Count, "itemTopics", $"has {id.ItemTopics.Count:N0} topics for {id.ItemTitles.Count:N0} proposals");
        Require(id.StateCodes.Distinct(StringComparer.Ordinal).Count() == id.StateCodes.Count, "states", $"names a State twice");
        Require(id.PlannedTrials is >= 1 and <= SimulationOptions.MaxTrials, "plannedTrials", $"must be between 1 and {SimulationOptions.MaxTrials:N0}; it is {id.PlannedTrials}");
    }

    /// <summary>The chunks done are the contiguous range a run or shard covers, and the trials are exactly theirs.</summary>
    private static void CheckChunks(RunIdentity id, RunTallies acc)
    {
        long chunks = id.Chunks;
        if (id.Shard is { } shard)
        {
            Require(shard.Count <= chunks, "shardCount", $"{shard} splits a run of {chunks:N0} chunks into more shards than chunks");
            var (first, end) = shard.ChunkRange(chunks);
            Require(id.FirstChunk == first, "firstChunk", $"is {id.FirstChunk:N0}; shard {shard} of {chunks:N0} chunks starts at chunk {first:N0}");
            Require(id.EndChunk == end, "endChunk", $"is {id.EndChunk:N0}; shard {shard} of {chunks:N0} chunks ends before chunk {end:N0}");
        }
        else
        {
            // A run without shards starts at chunk 0; it may end early when it reached its precision target.
            Require(id.FirstChunk == 0, "firstChunk", $"is {id.FirstChunk:N0}; a run that is not a shard starts at chunk 0");
            Require(id.EndChunk >= 1 && id.EndChunk <= chunks, "endChunk", $"is {id.EndChunk:N0}; the run has {chunks:N0} chunks");
        }

        Require(id.CompletedChunks >= 0 && id.CompletedChunks <= id.EndChunk - id.FirstChunk, "completedChunks", $"is {id.CompletedChunks:N0}; the file covers {id.EndChunk - id.FirstChunk:N0} chunks");
        long expected = id.TrialsIn(id.FirstChunk, id.CompletedChunks);
        Require(acc.Trials == expected, "trials", $"is {acc.Trials:N0}; {id.CompletedChunks:N0} chunks from chunk {id.FirstChunk:N0} hold {expected:N0} trials, so the tallies are inconsistent");
    }

    private static void CheckOutcomes(RunTallies acc)
    {
        long n = acc.Trials;
        NotNegative(acc);
        AtMost(acc.Adopted, n, "adopted", "trials");
        Int128 inRounds = Sum(acc.AdoptedInRound);
        Require(inRounds + acc.AdoptedAtMinisterialCouncil == acc.Adopted, "adopted", $"is {acc.Adopted:N0}, but adoptedInRound ({inRounds:N0}) and adoptedAtMinisterialCouncil ({acc.AdoptedAtMinisterialCouncil:N0}) add up to {inRounds + acc.AdoptedAtMinisterialCouncil:N0}");
        Require(acc.AdoptedBySilence <= inRounds, "adoptedBySilence", $"is {acc.AdoptedBySilence:N0}, more than the {inRounds:N0} trials adopted in a meeting round or the silence after it");
        AtMost(acc.Gridlock, n - acc.Adopted, "gridlock", "trials not adopted");
        AtMost(acc.PolicyChanged, acc.Adopted, "policyChanged", "adopted");
        AtMost(acc.UnprovenProposals, n, "unprovenProposals", "trials");
        AtMost(acc.AdoptedAtMinisterialCouncil, acc.Escalated, "adoptedAtMinisterialCouncil", "escalated");
        AtMost(acc.Escalated, n - acc.Gridlock, "escalated", "trials that took a vote (not gridlock)");
        AtMost(acc.AdoptedWithStatements, acc.Adopted, "adoptedWithStatements", "adopted");
        AtMost(acc.AdoptedOverObjections, acc.Adopted, "adoptedOverObjections", "adopted");

        // Each adopted trial with statements has between one and one per State.
        Require(acc.StatementsInAdoptedTrials >= acc.AdoptedWithStatements, "statementsInAdoptedTrials", $"is {acc.StatementsInAdoptedTrials:N0}, fewer than the {acc.AdoptedWithStatements:N0} trials adopted with at least one statement");
        Int128 most = (Int128)acc.AdoptedWithStatements * acc.StateCount;
        Require(acc.StatementsInAdoptedTrials <= most, "statementsInAdoptedTrials", $"is {acc.StatementsInAdoptedTrials:N0}, more than one statement per State in each of the {acc.AdoptedWithStatements:N0} trials adopted with statements");

        Int128 histogram = Sum(acc.AmbitionHistogram);
        Require(histogram == acc.Adopted, "ambitionHistogram", $"counts {histogram:N0} adopted trials; \"adopted\" is {acc.Adopted:N0}");

        // A trial in bin b kept at least b tenths of the ambition.
        Int128 least = 0;
        for (int b = 0; b < acc.AmbitionHistogram.Length; b++)
        {
            least += (Int128)acc.AmbitionHistogram[b] * b * AmbitionBin;
        }

        Require(acc.AmbitionSum >= least - acc.Adopted, "ambitionSumNano", $"is {acc.AmbitionSum:N0}, less than the {least:N0} the ambition histogram implies");
    }

    private static void CheckObjectors(RunIdentity id, RunTallies acc)
    {
        // A gridlock trial takes no vote: it has no objectors to count and nobody blocked it.
        long n = acc.Trials - acc.Gridlock, deadlocked = n - acc.Adopted;
        Int128 counted = Sum(acc.ObjectorCounts);
        Require(counted == n, "objectorCounts", $"counts {counted:N0} trials; \"trials\" less \"gridlock\" is {n:N0}");

        // Trials adopted without any objector, and trials adopted over objections, each fit the matching bins.
        long withoutObjectors = acc.ObjectorCounts[0];
        Require(acc.Adopted - acc.AdoptedOverObjections <= withoutObjectors, "objectorCounts[0]", $"is {withoutObjectors:N0}, fewer than the {acc.Adopted - acc.AdoptedOverObjections:N0} trials adopted with no objector");
        AtMost(acc.AdoptedOverObjections, n - withoutObjectors, "adoptedOverObjections", "trials with an objector");

        // Blocking is recorded only in trials deadlocked, once per counted objector.
        Int128 objections = 0;
        for (int k = 1; k < acc.ObjectorCounts.Length; k++)
        {
            objections += (Int128)acc.ObjectorCounts[k] * k;
        }

        for (int i = 0; i < acc.StateCount; i++)
        {
            if (acc.Blocked[i] > deadlocked)
            {
                throw Problem($"blocked[{i}]", $"is {acc.Blocked[i]:N0} for {id.StateCodes[i]}, more than the {deadlocked:N0} trials not adopted after a vote");
            }

            if (acc.SoleBlocker[i] > acc.Blocked[i])
            {
                throw Problem($"soleBlocker[{i}]", $"is {acc.SoleBlocker[i]:N0} for {id.StateCodes[i]}, more than the {acc.Blocked[i]:N0} trials it blocked at all");
            }
        }

        Int128 blocked = Sum(acc.Blocked);
        Require(blocked <= objections, "blocked", $"counts {blocked:N0} blocking objections, more than the {objections:N0} objections that objectorCounts records");
        Int128 sole = Sum(acc.SoleBlocker);
        Require(sole <= deadlocked, "soleBlocker", $"counts {sole:N0} trials blocked by one State alone, more than the {deadlocked:N0} trials not adopted after a vote");
    }

    private static void CheckItems(RunTallies acc)
    {
        if (acc.Items == 1)
        {
            // A single proposal is never decided separately.
            Require(acc.ItemAdoptedSeparately[0] == 0, "itemAdoptedSeparately[0]", $"must be 0 for a single proposal");
            Require(acc.AllAdoptedSeparately == 0, "allAdoptedSeparately", $"must be 0 for a single proposal");
            return;
        }

        // The first proposal is never adopted separately in a gridlock trial: its Chair tabled nothing.
        AtMost(acc.ItemAdoptedSeparately[0], acc.Trials - acc.Gridlock, "itemAdoptedSeparately[0]", "trials that were not gridlock");
        for (int k = 0; k < acc.Items; k++)
        {
            AtMost(acc.ItemAdoptedSeparately[k], acc.Trials, $"itemAdoptedSeparately[{k}]", "trials");
            AtMost(acc.AllAdoptedSeparately, acc.ItemAdoptedSeparately[k], "allAdoptedSeparately", $"itemAdoptedSeparately[{k}] (each proposal adopted)");
        }
    }

    private static void CheckConditional(RunIdentity id, RunTallies acc)
    {
        if (!id.Conditional)
        {
            return;
        }

        // Each trial adds a probability in [0, 1] in units of 2⁻⁶⁰ (0 for gridlock), and its square in units of 2⁻⁸⁶.
        Int128 most = (acc.Trials - acc.Gridlock) * (Int128)(1L << RunTallies.ConditionalFractionBits);
        Require(acc.ConditionalSum >= 0 && acc.ConditionalSum <= most, "conditionalSum", $"must lie between 0 and (trials − gridlock) × 2^60 = {most}");
        Require(
            acc.ConditionalSumOfSquares >= 0 && acc.ConditionalSumOfSquares <= acc.ConditionalSum << (RunTallies.ConditionalFractionBits - RunTallies.SquareShift),
            "conditionalSumOfSquares",
            $"must lie between 0 and conditionalSum × 2^26 (each square is at most its probability)");
    }

    /// <summary>A conditional-only run estimates conditionally and counts nothing: every outcome tally is 0 (unproven proposals are still counted).</summary>
    private static void CheckConditionalOnly(RunIdentity id, RunTallies acc)
    {
        NotNegative(acc);
        Require(id.Conditional, "conditional", $"must be true when conditionalOnly is: a conditional-only run estimates conditionally");
        Require(id.Rare is null, "rareEvent", $"must be absent when conditionalOnly is true: conditional-only trials take no vote");
        long[] counts = [acc.Adopted, acc.Gridlock, acc.PolicyChanged, acc.AdoptedWithStatements, acc.StatementsInAdoptedTrials, acc.AdoptedOverObjections,
            acc.AdoptedBySilence, acc.AdoptedAtMinisterialCouncil, acc.Escalated, acc.AmbitionSum, acc.AllAdoptedSeparately];
        bool none = counts.All(x => x == 0)
            && acc.AmbitionHistogram.All(x => x == 0) && acc.ItemAdoptedSeparately.All(x => x == 0) && acc.ObjectorCounts.All(x => x == 0)
            && acc.AdoptedInRound.All(x => x == 0) && acc.Blocked.All(x => x == 0) && acc.SoleBlocker.All(x => x == 0)
            && (acc.Fallback is not { } f || (f.AdoptedAfterFallback.All(x => x == 0) && f.DistinctObjectors.All(x => x == 0)
                && f.Objections == 0 && f.RetaliatoryObjections == 0 && f.TrialsWithRetaliation == 0
                && f.ObjectionsSquared == 0 && f.RetaliatorySquared == 0 && f.RetaliatoryTimesObjections == 0));
        Require(none, "conditionalOnly", $"is true, but some outcome is counted: a conditional-only run counts none, so every outcome tally must be 0");
    }

    private static void CheckRare(RunIdentity id, RunTallies acc)
    {
        if (id.Rare is null)
        {
            return;
        }

        // Each hit adds x ≤ 2^40 in units of 2⁻⁶⁴ and x² in units of 2⁻³²; a trial without a hit adds nothing.
        long hits = acc.RareHits;
        Require(hits >= 0 && hits <= acc.Trials, "rareHits", $"must lie between 0 and the {acc.Trials:N0} trials; it is {hits:N0}");
        Int128 most = hits * (Int128)(1L << RunTallies.RareMaxWeightBits) << RunTallies.RareSumFractionBits;
        Require(acc.RareSum >= 0 && acc.RareSum <= most, "rareSum", $"must lie between 0 and rareHits × 2^104 = {most}");
        Require(acc.RareSumOfSquares >= 0, "rareSumOfSquares", $"is negative ({acc.RareSumOfSquares})");
        Require(hits > 0 || (acc.RareSum == 0 && acc.RareSumOfSquares == 0), "rareSum", $"must be 0 when no trial hit the rare outcome");
    }

    private static void NotNegative(RunTallies acc)
    {
        (string Name, long Value)[] scalars =
        [
            ("trials", acc.Trials), ("adopted", acc.Adopted), ("gridlock", acc.Gridlock), ("policyChanged", acc.PolicyChanged),
            ("unprovenProposals", acc.UnprovenProposals), ("adoptedWithStatements", acc.AdoptedWithStatements),
            ("statementsInAdoptedTrials", acc.StatementsInAdoptedTrials), ("adoptedOverObjections", acc.AdoptedOverObjections),
            ("adoptedBySilence", acc.AdoptedBySilence), ("adoptedAtMinisterialCouncil", acc.AdoptedAtMinisterialCouncil),
            ("escalated", acc.Escalated), ("ambitionSumNano", acc.AmbitionSum), ("allAdoptedSeparately", acc.AllAdoptedSeparately),
        ];
        foreach (var (name, value) in scalars)
        {
            Require(value >= 0, name, $"is negative ({value:N0})");
        }

        (string Name, long[] Values)[] arrays =
        [
            ("ambitionHistogram", acc.AmbitionHistogram), ("itemAdoptedSeparately", acc.ItemAdoptedSeparately), ("objectorCounts", acc.ObjectorCounts),
            ("adoptedInRound", acc.AdoptedInRound), ("blocked", acc.Blocked), ("soleBlocker", acc.SoleBlocker),
        ];
        foreach (var (name, values) in arrays)
        {
            int i = Array.FindIndex(values, v => v < 0);
            if (i >= 0)
            {
                throw Problem($"{name}[{i}]", $"is negative ({values[i]:N0})");
            }
        }
    }

    private static Int128 Sum(long[] values)
    {
        Int128 sum = 0;
        foreach (long v in values)
        {
            sum += v;
        }

        return sum;
    }

    private static void AtMost(long value, long bound, string name, string boundName) =>
        Require(value <= bound, name, $"is {value:N0}, more than {boundName} ({bound:N0})");

    private static void Require(bool holds, string field, FormattableString problem)
    {
        if (!holds)
        {
            throw Problem(field, problem);
        }
    }

    private static TallyProblem Problem(string field, FormattableString problem) => new($"{T}.{field}", FormattableString.Invariant(problem));
}
