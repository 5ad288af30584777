using System.Globalization;
using ConsensusSim.Simulation;

namespace ConsensusSim.Cli;

/// <summary>The checks every command that runs trials applies to its options, so each refuses the same values with the same message.</summary>
internal static class RunLimits
{
    /// <summary>
    /// The shortest interval between checkpoints, in seconds. Each checkpoint serialises the tallies and writes
    /// them to disk with a flush (about 5 ms on a local disk, tens on a cluster's network file system), so one a
    /// second costs at most a few per cent, while a run killed by Slurm (30 s notice) or a node failure loses at most
    /// a second. Below it, the run spends its time writing checkpoints: 1e-9 wrote one after every chunk.
    /// </summary>
    public const double MinCheckpointSeconds = 1;

    /// <summary>The longest interval between checkpoints, in seconds: a day. A longer one would never checkpoint a run of a day or less.</summary>
    public const double MaxCheckpointSeconds = 86_400;

    /// <summary>Refuses a trial count outside 1 to <see cref="SimulationOptions.MaxTrials"/>; <see langword="null"/> (the scenario's own) passes.</summary>
    /// <param name="trials">The --trials value.</param>
    /// <exception cref="UserInputException">The count is out of range.</exception>
    public static void CheckTrials(long? trials)
    {
        if (trials is < 1 or > SimulationOptions.MaxTrials)
        {
            throw new UserInputException($"--trials must be between 1 and {SimulationOptions.MaxTrials:N0}; got {trials}.");
        }
    }

    /// <summary>Refuses a thread count outside 1 to <see cref="SimulationOptions.MaxThreads"/>; <see langword="null"/> (every core) passes.</summary>
    /// <param name="threads">The value.</param>
    /// <param name="option">The option that gave it: --threads, or --cpus-per-task, which becomes each task's --threads.</param>
    /// <exception cref="UserInputException">The count is out of range.</exception>
    public static void CheckThreads(int? threads, string option = "--threads")
    {
        if (threads is < 1 or > SimulationOptions.MaxThreads)
        {
            throw new UserInputException($"{option} must be between 1 and {SimulationOptions.MaxThreads:N0}; got {threads}.");
        }
    }

    /// <summary>Refuses a chunk size below 1; <see langword="null"/> (the default) passes.</summary>
    /// <param name="chunkSize">The --chunk-size value.</param>
    /// <exception cref="UserInputException">The size is below 1.</exception>
    public static void CheckChunkSize(int? chunkSize)
    {
        if (chunkSize is < 1)
        {
            throw new UserInputException($"--chunk-size must be at least 1; got {chunkSize}.");
        }
    }

    /// <summary>Refuses a checkpoint interval outside <see cref="MinCheckpointSeconds"/> to <see cref="MaxCheckpointSeconds"/>, NaN and infinities included; <see langword="null"/> (the default) passes.</summary>
    /// <param name="seconds">The --checkpoint-every value.</param>
    /// <exception cref="UserInputException">The interval is out of range.</exception>
    public static void CheckCheckpointEvery(double? seconds)
    {
        if (seconds is double every && !(every >= MinCheckpointSeconds && every <= MaxCheckpointSeconds))
        {
            throw new UserInputException(string.Create(CultureInfo.InvariantCulture, $"--checkpoint-every must be between {MinCheckpointSeconds:N0} and {MaxCheckpointSeconds:N0} seconds; got {every}."));
        }
    }
}
