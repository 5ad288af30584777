using System.Diagnostics;

namespace ConsensusSim.Simulation;

/// <summary>
/// Runs Monte Carlo trials of a compiled scenario in parallel. Trials are split into fixed-size
/// chunks; trial t always draws from the stream (seed, t), and chunk tallies are merged in chunk
/// order, so results are bit-identical for any thread count, across shards and after resuming.
/// </summary>
/// <remarks><threadsafety>Stateless and thread-safe.</threadsafety></remarks>
public static class MonteCarloRunner
{
    /// <summary>Runs the scenario.</summary>
    /// <param name="scenario">The compiled scenario.</param>
    /// <param name="options">Trials, seed, threading, precision, shard and checkpoints; <see langword="null"/> uses the scenario's settings.</param>
    /// <param name="progress">Receives progress after each wave of chunks; may be <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops the run; the result then holds the chunks completed in order and is marked incomplete.</param>
    /// <returns>The estimates; <see cref="Provenance.IsComplete"/> says whether every chunk ran.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Trials, threads, chunk size or precision are not positive.</exception>
    /// <exception cref="ArgumentException">The result to resume from belongs to another run, or a precision target is combined with a shard.</exception>
    public static SimulationResult Run(
        CompiledScenario scenario,
        SimulationOptions? options = null,
        IProgress<SimulationProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        options ??= new SimulationOptions();
        long trials = options.Trials ?? scenario.Scenario.Trials;
        int threads = options.MaxDegreeOfParallelism ?? Environment.ProcessorCount;
        ArgumentOutOfRangeException.ThrowIfLessThan(trials, 1, "options.Trials");
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1, "options.MaxDegreeOfParallelism");
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ChunkSize, 1, "options.ChunkSize");
        if (options.Precision is double target && !(target > 0 && target < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(options), target, "The precision target must lie in (0, 1).");
        }

        if (options.Precision is not null && options.Shard is not null)
        {
            throw new ArgumentException("A precision target needs the whole run in order; it cannot be combined with a shard.", nameof(options));
        }

        var identity = Identity(scenario, options, trials);
        var total = new TrialAccumulator(scenario.StateCount, scenario.MaxRounds, scenario.ItemCount);
        long completed = 0;
        if (options.ResumeFrom is { } resume)
        {
            CheckResumable(identity, resume.Identity);
            total = resume.Tallies.Clone();
            completed = resume.Identity.CompletedChunks;
        }

        ulong seed = identity.Seed;
        int chunkSize = identity.ChunkSize;
        long next = identity.FirstChunk + completed;
        long end = identity.EndChunk;
        bool reached = Reached(total, options.Precision);
        var sinceCheckpoint = Stopwatch.StartNew();

        while (next < end && !reached && !cancellationToken.IsCancellationRequested)
        {
            // A wave is a few chunks per thread; merging a wave in chunk order keeps every stopping
            // point (precision, cancellation) a prefix of the chunk sequence.
            int wave = (int)Math.Min(end - next, threads * 8L);
            var parts = new TrialAccumulator?[wave];
            long waveStart = next;
            Parallel.For(
                0,
                wave,
                new ParallelOptions { MaxDegreeOfParallelism = threads },
                () => new TrialKernel(scenario),
                (j, _, kernel) =>
                {
                    if (!cancellationToken.IsCancellationRequested)
                    {
                        long chunk = waveStart + j;
                        var part = new TrialAccumulator(scenario.StateCount, scenario.MaxRounds, scenario.ItemCount);
                        kernel.RunChunk(seed, chunk * chunkSize, identity.TrialsIn(chunk, 1), part);
                        parts[j] = part;
                    }

                    return kernel;
                },
                _ => { });

            foreach (var part in parts)
            {
                if (part is null || reached)
                {
                    break;
                }

                total.Add(part);
                completed++;
                next++;
                reached = Reached(total, options.Precision);
            }

            progress?.Report(new SimulationProgress(total.Trials, identity.TrialsIn(identity.FirstChunk, identity.EndChunk - identity.FirstChunk), total.Adopted));
            if (options.Checkpoint is { } checkpoint && sinceCheckpoint.Elapsed >= options.CheckpointInterval && next < end && !reached)
            {
                checkpoint(new SimulationResult(identity with { CompletedChunks = completed }, total.Clone()));
                sinceCheckpoint.Restart();
            }
        }

        // Reaching the precision target completes the run: the plan was "until precise enough".
        var done = reached ? identity with { CompletedChunks = completed, EndChunk = identity.FirstChunk + completed } : identity with { CompletedChunks = completed };
        return new SimulationResult(done, total);
    }

    private static bool Reached(TrialAccumulator total, double? precision)
    {
        if (precision is not double target || total.Trials == 0)
        {
            return false;
        }

        var (lower, upper) = Analysis.ProportionInterval.Wilson(total.Adopted, total.Trials);
        return (upper - lower) / 2 <= target;
    }

    private static RunIdentity Identity(CompiledScenario scenario, SimulationOptions options, long trials)
    {
        var s = scenario.Scenario;
        long chunks = ((trials - 1) / options.ChunkSize) + 1;
        var (first, end) = options.Shard is { } shard ? shard.ChunkRange(chunks) : (0L, chunks);
        return new RunIdentity(
            Provenance.LibraryVersion,
            s.Name,
            scenario.ScenarioSha256,
            Serialization.JsonNames.Of(s.Rule.Kind),
            options.Seed ?? s.Seed,
            trials,
            options.ChunkSize,
            scenario.MaxRounds,
            [.. s.States],
            [.. s.States.Select(s.ParticipantName)],
            [.. s.Proposals.Select(p => p.Title)],
            [.. s.Proposals.Select(p => p.Topic)],
            options.Shard,
            first,
            end,
            0);
    }

    private static void CheckResumable(RunIdentity run, RunIdentity saved)
    {
        var problems = new List<string>();
        if (saved.Version != run.Version)
        {
            problems.Add($"it was made by ConsensusSim {saved.Version}, this is {run.Version}");
        }

        if (saved.ScenarioSha256 != run.ScenarioSha256)
        {
            problems.Add($"it is of another scenario ({saved.ScenarioName}, {saved.ScenarioSha256[..12]}…)");
        }

        if (saved.Seed != run.Seed)
        {
            problems.Add($"its seed is {saved.Seed}, this run's is {run.Seed}");
        }

        if (saved.PlannedTrials != run.PlannedTrials || saved.ChunkSize != run.ChunkSize)
        {
            problems.Add($"it plans {saved.PlannedTrials} trials in chunks of {saved.ChunkSize}, this run {run.PlannedTrials} in chunks of {run.ChunkSize}");
        }

        if (saved.Shard != run.Shard)
        {
            problems.Add($"it covers shard {saved.Shard?.ToString() ?? "none"}, this run {run.Shard?.ToString() ?? "none"}");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("Cannot resume from this result: " + string.Join("; ", problems) + ".", nameof(run));
        }
    }
}
