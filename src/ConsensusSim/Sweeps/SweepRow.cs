using ConsensusSim.Simulation;

namespace ConsensusSim.Sweeps;

/// <summary>
/// One design point of a sweep and everything a single run reports about it: <see cref="Result"/> holds every
/// outcome with its interval, the mean rounds to adoption, the ambition adopted, the distribution of objectors and
/// the blockers, exactly as <see cref="MonteCarloRunner.Run"/> gives them for the point's scenario.
/// </summary>
public sealed class SweepRow
{
    internal SweepRow(int index, IReadOnlyList<KeyValuePair<string, string>> assignments, SimulationResult result, bool fromCheckpoint)
    {
        Index = index;
        Assignments = assignments;
        Result = result;
        FromCheckpoint = fromCheckpoint;
    }

    /// <summary>The point's index in the whole design, from 0 (point number <see cref="Index"/> + 1 in files).</summary>
    public int Index { get; }

    /// <summary>The point's assignments: a value for each varied path, in column order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Assignments { get; }

    /// <summary>The point's complete result.</summary>
    public SimulationResult Result { get; }

    /// <summary>Whether the result was read from <see cref="SweepOptions.CheckpointDirectory"/> rather than run now.</summary>
    public bool FromCheckpoint { get; }

    /// <summary>
    /// The mean number of objecting States in the deciding vote, over every trial that took one (<see cref="SimulationResult.ObjectorCounts"/>:
    /// every trial but gridlock); NaN when none did.
    /// </summary>
    public double MeanObjectors
    {
        get
        {
            long voted = Result.ObjectorCounts.Sum();
            return voted == 0 ? double.NaN : Result.ObjectorCounts.Select((n, k) => (double)n * k).Sum() / voted;
        }
    }

    /// <summary>The States that blocked most often, most frequent first, without those that never blocked.</summary>
    /// <param name="count">How many at most.</param>
    /// <returns>The blockers.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    public IReadOnlyList<BlockerStatistic> TopBlockers(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return [.. Result.Blockers.Where(b => b.BlockedTrials > 0).Take(count)];
    }
}
