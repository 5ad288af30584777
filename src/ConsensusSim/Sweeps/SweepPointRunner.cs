using ConsensusSim.Model;
using ConsensusSim.Simulation;

namespace ConsensusSim.Sweeps;

/// <summary>Runs one design point, or reads it from the checkpoint folder: the item of the sweep's pipeline.</summary>
internal sealed class SweepPointRunner(SweepDesign design, Func<int, Scenario> scenarioAt, SweepSchedule plan, SweepCheckpoints? checkpoints)
{
    /// <summary>The point's row; null if the token stopped it part-way.</summary>
    /// <param name="index">The point (0-based, in the whole design).</param>
    /// <param name="token">Abandons the point.</param>
    /// <returns>The row, or null.</returns>
    public SweepRow? Run(int index, CancellationToken token)
    {
        var options = plan.Options;
        var compiled = scenarioAt(index).Compile();
        if ((options.ConditionalMonteCarlo || options.ConditionalOnly) && !MonteCarloRunner.SupportsConditionalMonteCarlo(compiled, out string? why))
        {
            throw new ArgumentException($"Design point {index + 1}: conditional Monte Carlo does not apply: {why}", SweepSchedule.OptionsParameter);
        }

        var saved = checkpoints?.Load(index);
        var run = new SimulationOptions
        {
            Trials = options.Trials,
            Seed = options.Seed,
            MaxDegreeOfParallelism = plan.ThreadsPerPoint,
            ChunkSize = options.ChunkSize,
            ConditionalMonteCarlo = options.ConditionalMonteCarlo,
            ConditionalOnly = options.ConditionalOnly,
            ResumeFrom = saved,
        };

        SimulationResult result;
        try
        {
            result = MonteCarloRunner.Run(compiled, run, cancellationToken: token);
        }
        catch (ArgumentException ex) when (saved is not null)
        {
            // Every other option was checked before the sweep started: the saved point is another sweep's. The run's reason
            // names its own option (options.ResumeFrom), which the sweep's caller never set; only what differs is kept.
            const string resumeReason = "cannot be resumed from: ";
            string reason = ArgumentReason.Of(ex);
            reason = reason.StartsWith(resumeReason, StringComparison.Ordinal) ? reason[resumeReason.Length..] : reason;
            string message = $"{checkpoints!.PathOf(index)} belongs to another sweep: {reason}";
            throw ArgumentReason.With(new ArgumentException(message, SweepSchedule.CheckpointOption, ex), message);
        }

        if (!result.Provenance.IsComplete)
        {
            return null;
        }

        if (saved is null)
        {
            checkpoints?.Save(index, result);
        }

        return new SweepRow(index, design.Point(index), result, saved is not null);
    }
}
