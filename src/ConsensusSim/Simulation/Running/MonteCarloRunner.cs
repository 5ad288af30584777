using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using ConsensusSim.Engine;
using ConsensusSim.Model;

namespace ConsensusSim.Simulation;

/// <summary>
/// Runs Monte Carlo trials of a compiled scenario in parallel. Trials are split into fixed-size
/// chunks; trial t always draws from the stream (seed, t), and chunk tallies are merged in chunk
/// order, so results are bit-identical for any thread count, across shards and after resuming.
/// </summary>
/// <remarks><threadsafety>Stateless and thread-safe.</threadsafety></remarks>
public static class MonteCarloRunner
{
    // Often enough for a live display, rarely enough to cost nothing.
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Runs the scenario.</summary>
    /// <param name="scenario">The compiled scenario.</param>
    /// <param name="options">Trials, seed, threading, precision, shard and checkpoints; <see langword="null"/> uses the scenario's settings.</param>
    /// <param name="progress">Receives progress on the calling thread, about ten times a second and when the run ends; may be <see langword="null"/>.</param>
    /// <param name="cancellationToken">
    /// Stops the run within milliseconds whatever the chunk size: chunks in progress are abandoned and discarded, and the
    /// result holds the chunks completed in order and is marked incomplete, so resuming from it recomputes the discarded
    /// chunks and gives the uninterrupted run's result bit for bit.
    /// </param>
    /// <returns>The estimates; <see cref="Provenance.IsComplete"/> says whether every chunk ran.</returns>
    /// <exception cref="ArgumentOutOfRangeException">
    /// Trials, threads, chunk size or precision are not positive, trials exceed <see cref="SimulationOptions.MaxTrials"/>, threads exceed
    /// <see cref="SimulationOptions.MaxThreads"/>, precision is not below 1, or the checkpoint interval is negative; <see cref="ArgumentException.ParamName"/>
    /// names the option, e.g. <c>options.MaxDegreeOfParallelism</c>.
    /// </exception>
    /// <exception cref="ArgumentException">
    /// The result to resume from belongs to another run (another scenario, seed, plan, shard, rounds or States:
    /// <c>options.ResumeFrom</c>), the shard is <c>default(ShardSpec)</c> or splits the run into more shards than it has
    /// chunks (<c>options.Shard</c>), or a precision target is combined with a shard (<c>options.Precision</c>);
    /// <see cref="ArgumentException.ParamName"/> names the option.
    /// </exception>
    /// <exception cref="ConditionalMonteCarloNotApplicableException">Conditional Monte Carlo (or conditional-only trials) is asked for a scenario it does not apply to.</exception>
    /// <exception cref="ArgumentException">The rare-event estimator is asked for a scenario it does not apply to, or with conditional-only trials (<c>options.RareEvent</c>).</exception>
    public static SimulationResult Run(
        CompiledScenario scenario,
        SimulationOptions? options = null,
        IProgress<SimulationProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        options ??= new SimulationOptions();
        long trials = options.Trials ?? scenario.Scenario.Trials;
        int threads = options.MaxDegreeOfParallelism ?? Math.Min(Environment.ProcessorCount, SimulationOptions.MaxThreads);
        RunOptionChecks.Check(options, trials, threads);
        if (options.Shard is { } shard)
        {
            RunOptionChecks.CheckShardHoldsTrials(shard, trials, options.ChunkSize);
        }

        if ((options.ConditionalMonteCarlo || options.ConditionalOnly) && !SupportsConditionalMonteCarlo(scenario, out string? why))
        {
            throw new ConditionalMonteCarloNotApplicableException(why);
        }

        if (options.RareEvent is not null && !SupportsRareEvent(scenario, out string? whyNotRare))
        {
            throw ArgumentReason.Invalid("options.RareEvent", "does not apply to this scenario: " + whyNotRare);
        }

        var identity = Identity(scenario, options, trials);
        var total = new TrialAccumulator(scenario.StateCount, scenario.MaxRounds, scenario.ItemCount) { Fallback = FallbackTallies.For(scenario) };
        long completed = 0;
        if (options.ResumeFrom is { } resume)
        {
            var problems = ResumeProblems(identity, resume.Identity);
            if (problems.Count > 0)
            {
                throw ArgumentReason.Invalid("options.ResumeFrom", string.Create(CultureInfo.InvariantCulture, $"cannot be resumed from: {string.Join("; ", problems)}."));
            }

            total = resume.Tallies.Accumulator.Clone();
            completed = resume.Identity.CompletedChunks;
        }

        bool reached = Reached(total, options.Precision, identity.ConditionalOnly);
        if (!reached)
        {
            var sinceCheckpoint = Stopwatch.StartNew();
            var sinceProgress = Stopwatch.StartNew();
            long planned = identity.TrialsIn(identity.FirstChunk, identity.EndChunk - identity.FirstChunk);
            var pipeline = new ChunkPipeline(scenario, identity, identity.FirstChunk + completed, threads, cancellationToken);
            long reported = total.Trials;
            foreach (var part in pipeline.InOrder())
            {
                total.Add(part);
                completed++;
                reached = Reached(total, options.Precision, identity.ConditionalOnly);
                bool more = identity.FirstChunk + completed < identity.EndChunk && !reached;
                if (!more)
                {
                    break;
                }

                if (progress is not null && sinceProgress.Elapsed >= ProgressInterval)
                {
                    progress.Report(new SimulationProgress(total.Trials, planned, total.Adopted));
                    reported = total.Trials;
                    sinceProgress.Restart();
                }

                if (options.Checkpoint is { } checkpoint && sinceCheckpoint.Elapsed >= options.CheckpointInterval)
                {
                    checkpoint(new SimulationResult(identity with { CompletedChunks = completed }, total.Clone()));
                    sinceCheckpoint.Restart();
                }
            }

            // However the run ended (done, precise enough, cancelled), the last report says where it stands.
            if (progress is not null && total.Trials != reported)
            {
                progress.Report(new SimulationProgress(total.Trials, planned, total.Adopted));
            }
        }

        // Reaching the precision target completes the run: the plan was "until precise enough".
        var done = reached ? identity with { CompletedChunks = completed, EndChunk = identity.FirstChunk + completed } : identity with { CompletedChunks = completed };
        return new SimulationResult(done, total);
    }

    /// <summary>Whether the run's estimate is precise enough: the counted one's, or without counting the conditional one's.</summary>
    private static bool Reached(TrialAccumulator total, double? precision, bool conditionalOnly)
    {
        if (precision is not double target || total.Trials == 0)
        {
            return false;
        }

        if (conditionalOnly)
        {
            // One trial's variance is unknown; the conditional estimate's interval needs two.
            var c = new ConditionalEstimate(total);
            return total.Trials > 1 && (c.Ci95Upper - c.Ci95Lower) / 2 <= target;
        }

        // The Wilson interval is not centred on the estimate; its longer side is the one to bound (at 3 of 3 trials adopted,
        // [0.44, 1] has a half-width of 0.28 but reaches 0.56 below the estimate).
        var (lower, upper) = Analysis.ProportionInterval.Wilson(total.Adopted, total.Trials);
        double estimate = (double)total.Adopted / total.Trials;
        return Math.Max(estimate - lower, upper - estimate) <= target;
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
            JsonNames.Of(s.Rule.Kind),
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
            0,
            options.ConditionalMonteCarlo || options.ConditionalOnly,
            s.EraProvenance,
            options.RareEvent,
            options.ConditionalOnly);
    }

    /// <summary>
    /// Whether <see cref="SimulationOptions.ConditionalMonteCarlo"/> applies to a scenario: one vote, at a meeting, under the
    /// stance behaviour or independent objections with shared noise, and a consensus rule.
    /// </summary>
    /// <param name="scenario">The compiled scenario.</param>
    /// <param name="reason">Why not, in a sentence, when it does not apply.</param>
    /// <returns>Whether it applies.</returns>
    public static bool SupportsConditionalMonteCarlo(CompiledScenario scenario, [NotNullWhen(false)] out string? reason)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        reason = KernelPlan.For(scenario).WhyNotConditional;
        return reason is null;
    }

    /// <summary>
    /// Whether <see cref="SimulationOptions.RareEvent"/> applies to a scenario: one vote, at a meeting, with the same
    /// thresholds in every trial, the stance behaviour or independent objections, and a rule decided by who objects.
    /// </summary>
    /// <param name="scenario">The compiled scenario.</param>
    /// <param name="reason">Why not, in a sentence, when it does not apply.</param>
    /// <returns>Whether it applies.</returns>
    public static bool SupportsRareEvent(CompiledScenario scenario, [NotNullWhen(false)] out string? reason)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        reason = KernelPlan.For(scenario).WhyNotRare;
        return reason is null;
    }

    private static string Listed(IReadOnlyList<string> codes) => codes.Count <= 6 ? string.Join(", ", codes) : $"{string.Join(", ", codes.Take(5))}, …";

    private static string Named(RareOutcome? rare) => rare is { } o ? JsonNames.Of(o) : "none";

    /// <summary>Why a saved result cannot be resumed by this run: every difference that matters, empty when none.</summary>
    private static List<string> ResumeProblems(RunIdentity run, RunIdentity saved)
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

        if (saved.Conditional != run.Conditional)
        {
            problems.Add(saved.Conditional ? "it was made with conditional Monte Carlo, this run without" : "it was made without conditional Monte Carlo, this run with it");
        }

        if (saved.ConditionalOnly != run.ConditionalOnly)
        {
            problems.Add(saved.ConditionalOnly ? "its trials only estimated conditionally, this run's count outcomes" : "its trials counted outcomes, this run's only estimate conditionally");
        }

        if (saved.Rare != run.Rare)
        {
            problems.Add($"it estimates the rare outcome {Named(saved.Rare)}, this run {Named(run.Rare)}");
        }

        // The tallies' shape is the scenario's: resuming into other rounds, States or proposals would index past them.
        if (saved.MaxRounds != run.MaxRounds)
        {
            problems.Add($"it has {saved.MaxRounds} rounds, this run's scenario {run.MaxRounds}");
        }

        if (!saved.StateCodes.SequenceEqual(run.StateCodes, StringComparer.Ordinal))
        {
            problems.Add($"it has {saved.StateCodes.Count} States ({Listed(saved.StateCodes)}), this run's scenario {run.StateCodes.Count} ({Listed(run.StateCodes)})");
        }

        if (saved.ItemTitles.Count != run.ItemTitles.Count)
        {
            problems.Add($"it has {saved.ItemTitles.Count} proposals, this run's scenario {run.ItemTitles.Count}");
        }

        if (saved.Rule != run.Rule)
        {
            problems.Add($"it was decided by rule {saved.Rule}, this run by {run.Rule}");
        }

        // A run that reached its precision target ends early, so a saved run may end before this one; never after it.
        if (saved.FirstChunk != run.FirstChunk || saved.EndChunk > run.EndChunk || saved.CompletedChunks < 0 || saved.CompletedChunks > saved.EndChunk - saved.FirstChunk)
        {
            problems.Add($"it covers chunks {saved.FirstChunk} to {saved.EndChunk - 1} ({saved.CompletedChunks} done), this run chunks {run.FirstChunk} to {run.EndChunk - 1}");
        }

        return problems;
    }
}
