using System.Globalization;
using ConsensusSim.Simulation;

namespace ConsensusSim.Cli;

/// <summary>
/// The checks of a command's run options before it reads any input: the library's (<see cref="SimulationOptions.Validate"/>),
/// and the one limit only the command line sets, on how often it writes checkpoints to disk.
/// </summary>
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

    /// <summary>Refuses a trial count the library refuses, with its reason; <see langword="null"/> (the scenario's own) passes.</summary>
    /// <param name="trials">The --trials value.</param>
    /// <exception cref="UserInputException">The count is out of range.</exception>
    public static void CheckTrials(long? trials) => OptionNames.Run.Check(new SimulationOptions { Trials = trials });

    /// <summary>Refuses a thread count the library refuses, with its reason; <see langword="null"/> (every core) passes.</summary>
    /// <param name="threads">The value.</param>
    /// <param name="option">The option that gave it: --threads, or --cpus-per-task, which becomes each task's --threads.</param>
    /// <exception cref="UserInputException">The count is out of range.</exception>
    public static void CheckThreads(int? threads, string option = "--threads") =>
        OptionNames.Run.With("options.MaxDegreeOfParallelism", option).Check(new SimulationOptions { MaxDegreeOfParallelism = threads });

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
