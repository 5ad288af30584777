using System.Globalization;
using ConsensusSim.Simulation;

namespace ConsensusSim.Cli;

/// <summary>The checks every command that runs trials applies to its options, so each refuses the same values with the same message.</summary>
internal static class RunLimits
{
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

    /// <summary>The longest interval between checkpoints: a day.</summary>
    public const double MaxCheckpointSeconds = 86_400;

    /// <summary>
    /// Refuses a checkpoint interval that is not above 0 or is longer than <see cref="MaxCheckpointSeconds"/>,
    /// with the message <c>run</c> gives; <see langword="null"/> (the default) passes.
    /// </summary>
    /// <param name="seconds">The --checkpoint-every value.</param>
    /// <exception cref="UserInputException">The interval is out of range.</exception>
    public static void CheckCheckpointEvery(double? seconds)
    {
        if (seconds is double every && !(every > 0 && every <= MaxCheckpointSeconds))
        {
            throw new UserInputException($"--checkpoint-every must be between 0 and {MaxCheckpointSeconds:N0} seconds; got {every.ToString(CultureInfo.InvariantCulture)}.");
        }
    }

    /// <summary>Refuses a thread count below 1; <see langword="null"/> (every core) passes.</summary>
    /// <param name="threads">The --threads value.</param>
    /// <exception cref="UserInputException">The count is below 1.</exception>
    public static void CheckThreads(int? threads)
    {
        if (threads is < 1)
        {
            throw new UserInputException($"--threads must be at least 1; got {threads}.");
        }
    }
}
