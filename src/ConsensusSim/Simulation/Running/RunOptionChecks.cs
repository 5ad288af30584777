using System.Globalization;
using ConsensusSim.Model;

namespace ConsensusSim.Simulation;

/// <summary>
/// The checks of <see cref="SimulationOptions"/>, the one place that decides which values a run accepts. Each refusal
/// names the option (<c>options.Trials</c>) and carries its reason as a phrase (<see cref="ArgumentReason"/>), which
/// the command line shows under its own name for the option.
/// </summary>
internal static class RunOptionChecks
{
    /// <summary>Checks the options, with the trials and threads the run will use (its own or the scenario's and the machine's).</summary>
    /// <param name="options">The options.</param>
    /// <param name="trials">The trials to check, <see langword="null"/> to skip them.</param>
    /// <param name="threads">The threads to check, <see langword="null"/> to skip them.</param>
    public static void Check(SimulationOptions options, long? trials, int? threads)
    {
        var ci = CultureInfo.InvariantCulture;
        if (trials is < 1 or > SimulationOptions.MaxTrials)
        {
            throw ArgumentReason.OutOfRange("options.Trials", trials, string.Create(ci, $"must be between 1 and {SimulationOptions.MaxTrials:N0}; got {trials}."));
        }

        if (threads is < 1 or > SimulationOptions.MaxThreads)
        {
            throw ArgumentReason.OutOfRange("options.MaxDegreeOfParallelism", threads, string.Create(ci, $"must be between 1 and {SimulationOptions.MaxThreads:N0}; got {threads}."));
        }

        if (options.ChunkSize < 1)
        {
            throw ArgumentReason.OutOfRange("options.ChunkSize", options.ChunkSize, string.Create(ci, $"must be at least 1; got {options.ChunkSize}."));
        }

        if (options.CheckpointInterval < TimeSpan.Zero)
        {
            throw ArgumentReason.OutOfRange("options.CheckpointInterval", options.CheckpointInterval, string.Create(ci, $"must not be negative; got {options.CheckpointInterval}."));
        }

        if (options.Precision is double target && !(target > 0 && target < 1))
        {
            throw ArgumentReason.OutOfRange("options.Precision", target, string.Create(ci, $"must lie between 0 and 1; got {target}."));
        }

        if (options.Shard is { IsDefault: true })
        {
            throw ArgumentReason.Invalid("options.Shard", "is default(ShardSpec), which is not a shard: leave it null for the whole run, or create one with new ShardSpec(index, count).");
        }

        if (options.Precision is not null && options.Shard is not null)
        {
            throw ArgumentReason.Invalid("options.Precision", "cannot be combined with a shard: the stopping point needs the whole run in order.");
        }

        if (options.RareEvent is { } rare && !Enum.IsDefined(rare))
        {
            throw ArgumentReason.OutOfRange("options.RareEvent", rare, string.Create(ci, $"must be {nameof(RareOutcome.Adopted)}, {nameof(RareOutcome.Deadlocked)} or null; got {(int)rare}."));
        }

        if (options.ConditionalOnly && options.RareEvent is not null)
        {
            throw ArgumentReason.Invalid("options.RareEvent", "cannot be combined with conditional-only trials: they take no vote for it to tilt.");
        }
    }

    /// <summary>Refuses a split into more shards than the run has chunks: some shard would hold no trials, and its result would be NaN.</summary>
    /// <param name="shard">The shard.</param>
    /// <param name="trials">The run's trials.</param>
    /// <param name="chunkSize">Trials per chunk.</param>
    public static void CheckShardHoldsTrials(ShardSpec shard, long trials, int chunkSize)
    {
        long chunks = ((trials - 1) / chunkSize) + 1;
        if (shard.Count > chunks)
        {
            string s = chunks == 1 ? string.Empty : "s";
            throw ArgumentReason.Invalid("options.Shard", string.Create(CultureInfo.InvariantCulture, $"{shard}: {trials:N0} trials make {chunks:N0} chunk{s} of {chunkSize:N0}, so the run splits into at most {chunks:N0} shard{s}; shard {shard} would hold no trials or leave another shard with none. Use fewer shards or a smaller chunk size."));
        }
    }
}
