using ConsensusSim.Engine;
namespace ConsensusSim.Simulation;

/// <content>Merging the results of shards into the result of the whole run.</content>
public sealed partial class SimulationResult
{
    /// <summary>
    /// Merges the results of all n shards of one run into the whole run's result, which is bit for
    /// bit the result a single machine would give (the tallies are integers, added exactly).
    /// </summary>
    /// <param name="shards">Every shard's complete result, in any order.</param>
    /// <returns>The result of the whole run.</returns>
    /// <exception cref="ResultMergeException">The set is incomplete or inconsistent; every problem is named.</exception>
    public static SimulationResult Merge(IReadOnlyList<SimulationResult> shards)
    {
        ArgumentNullException.ThrowIfNull(shards);
        var problems = new List<string>();
        if (shards.Count == 0)
        {
            throw new ResultMergeException(["No results to merge."]);
        }

        for (int k = 0; k < shards.Count; k++)
        {
            if (shards[k] is null)
            {
                throw new ArgumentException($"Element {k} of the results to merge is null.", nameof(shards));
            }
        }

        var first = shards[0].Identity;
        for (int k = 0; k < shards.Count; k++)
        {
            var id = shards[k].Identity;
            string who = $"part {k + 1} (shard {id.Shard?.ToString() ?? "none"})";
            if (id.Version != first.Version)
            {
                problems.Add($"{who} was made by ConsensusSim {id.Version}, part 1 by {first.Version}");
            }

            if (id.ScenarioSha256 != first.ScenarioSha256)
            {
                problems.Add($"{who} is of another scenario ({id.ScenarioName}, {id.ScenarioSha256[..12]}…) than part 1 ({first.ScenarioName}, {first.ScenarioSha256[..12]}…)");
            }

            if (id.Seed != first.Seed)
            {
                problems.Add($"{who} has seed {id.Seed}, part 1 has seed {first.Seed}");
            }

            if (id.PlannedTrials != first.PlannedTrials || id.ChunkSize != first.ChunkSize)
            {
                problems.Add($"{who} plans {id.PlannedTrials} trials in chunks of {id.ChunkSize}, part 1 plans {first.PlannedTrials} in chunks of {first.ChunkSize}");
            }

            if (!id.IsComplete)
            {
                problems.Add($"{who} is incomplete ({id.CompletedChunks} of {id.EndChunk - id.FirstChunk} chunks); resume it from its checkpoint first");
            }

            if (id.Shard is null)
            {
                problems.Add($"{who} is not a shard");
            }

            if (id.Conditional != first.Conditional)
            {
                problems.Add($"{who} was run {(id.Conditional ? "with" : "without")} conditional Monte Carlo, part 1 {(first.Conditional ? "with" : "without")}");
            }

            if (id.ConditionalOnly != first.ConditionalOnly)
            {
                // Summing a conditional-only part's zero counts into a counting part's tallies would make estimates of nothing.
                problems.Add($"{who} {CountedOrNot(id)}, part 1 {CountedOrNot(first)}: a conditional-only result cannot be merged with a counting one");
            }

            if (id.Rare != first.Rare)
            {
                problems.Add($"{who} estimates the rare outcome {(id.Rare is { } r ? Model.JsonNames.Of(r) : "none")}, part 1 {(first.Rare is { } f ? Model.JsonNames.Of(f) : "none")}");
            }
            else if (shards[k].Tallies.Accumulator.Rare is { IsEmpty: false } rare && shards[0].Tallies.Accumulator.Rare is { IsEmpty: false } firstRare
                && rare.ScaleExponent != firstRare.ScaleExponent)
            {
                problems.Add($"{who} sums its rare-event weights at scale 2^{rare.ScaleExponent}, part 1 at 2^{firstRare.ScaleExponent}: they were tuned differently");
            }

            // Tallies of another shape cannot be added: they would index past each other's rounds, States or proposals.
            if (id.MaxRounds != first.MaxRounds)
            {
                problems.Add($"{who} has {id.MaxRounds} rounds, part 1 has {first.MaxRounds}");
            }

            if (!id.StateCodes.SequenceEqual(first.StateCodes, StringComparer.Ordinal))
            {
                problems.Add($"{who} has {id.StateCodes.Count} States, part 1 has {first.StateCodes.Count}{(id.StateCodes.Count == first.StateCodes.Count ? " in another order or with other codes" : string.Empty)}");
            }

            if (id.ItemTitles.Count != first.ItemTitles.Count)
            {
                problems.Add($"{who} has {id.ItemTitles.Count} proposals, part 1 has {first.ItemTitles.Count}");
            }

            if (id.Rule != first.Rule)
            {
                problems.Add($"{who} was decided by rule {id.Rule}, part 1 by {first.Rule}");
            }

            if (id.Shard is { } sh && id.PlannedTrials == first.PlannedTrials && id.ChunkSize == first.ChunkSize && sh.Count <= id.Chunks
                && sh.ChunkRange(id.Chunks) != (id.FirstChunk, id.EndChunk))
            {
                var (from, to) = sh.ChunkRange(id.Chunks);
                problems.Add($"{who} covers chunks {id.FirstChunk} to {id.EndChunk - 1}; shard {sh} covers chunks {from} to {to - 1}");
            }
        }

        int count = first.Shard?.Count ?? 0;
        if (shards.Any(s => s.Identity.Shard is { } sh && sh.Count != count))
        {
            problems.Add($"the parts split the run differently: {string.Join(", ", shards.Select(s => s.Identity.Shard?.ToString() ?? "none"))}");
        }
        else if (count > 0)
        {
            var seen = shards.Where(s => s.Identity.Shard is not null).GroupBy(s => s.Identity.Shard!.Value.Index).ToList();
            foreach (var duplicate in seen.Where(g => g.Count() > 1))
            {
                problems.Add($"shard {duplicate.Key}/{count} is given {duplicate.Count()} times");
            }

            var missing = Enumerable.Range(1, count).Except(seen.Select(g => g.Key)).ToList();
            if (missing.Count > 0)
            {
                problems.Add($"shard{(missing.Count > 1 ? "s" : string.Empty)} {string.Join(", ", missing.Select(i => $"{i}/{count}"))} {(missing.Count > 1 ? "are" : "is")} missing");
            }
        }

        if (problems.Count > 0)
        {
            throw new ResultMergeException(problems);
        }

        var total = new TrialAccumulator(first.StateCodes.Count, first.MaxRounds, first.ItemTitles.Count);
        foreach (var shard in shards.OrderBy(s => s.Identity.Shard!.Value.Index))
        {
            total.Add(shard.Tallies.Accumulator);
        }

        long chunks = first.Chunks;
        var whole = first with { Shard = null, FirstChunk = 0, EndChunk = chunks, CompletedChunks = chunks };
        if (total.Trials != whole.PlannedTrials)
        {
            throw new ResultMergeException([$"the parts hold {total.Trials} trials in all; the run plans {whole.PlannedTrials}"]);
        }

        return new SimulationResult(whole, total);
    }

    private static string CountedOrNot(RunIdentity id) => id.ConditionalOnly ? "only estimated conditionally (--conditional-only)" : "counted outcomes";
}
