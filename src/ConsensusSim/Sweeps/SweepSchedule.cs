using ConsensusSim.Model;
using ConsensusSim.Simulation;

namespace ConsensusSim.Sweeps;

/// <summary>The checked options of a sweep and which points it runs: all, or every N-th of a part.</summary>
internal sealed class SweepSchedule
{
    private SweepSchedule(SweepOptions options, int first, int stride, int count, int pointsAtOnce, int threadsPerPoint)
    {
        Options = options;
        First = first;
        Stride = stride;
        Count = count;
        PointsAtOnce = pointsAtOnce;
        ThreadsPerPoint = threadsPerPoint;
    }

    /// <summary>The name of the checkpoint folder's option, for the exceptions that concern it.</summary>
    public static readonly string CheckpointOption = "options.CheckpointDirectory";

    /// <summary>The name of the options argument, for a problem of the options at one point.</summary>
    public static readonly string OptionsParameter = "options";

    public SweepOptions Options { get; }

    /// <summary>The first point run (0-based).</summary>
    public int First { get; }

    /// <summary>The step between points run.</summary>
    public int Stride { get; }

    /// <summary>The number of points run.</summary>
    public int Count { get; }

    /// <summary>Points running side by side.</summary>
    public int PointsAtOnce { get; }

    /// <summary>Threads within each point: the threads left over when there are fewer points than threads.</summary>
    public int ThreadsPerPoint { get; }

    /// <summary>Checks the options against the design.</summary>
    /// <param name="design">The design.</param>
    /// <param name="options">The options.</param>
    /// <returns>The schedule.</returns>
    public static SweepSchedule For(SweepDesign design, SweepOptions options)
    {
        if (options.Trials is long trials)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(trials, 1, "options.Trials");
            ArgumentOutOfRangeException.ThrowIfGreaterThan(trials, SimulationOptions.MaxTrials, "options.Trials");
        }

        // Set for every point, the option would silently replace the values the design gives each point (and its rows
        // would still show them).
        RefuseVaried(design, options.Seed is not null, "simulation.seed", "options.Seed", "seed");
        RefuseVaried(design, options.Trials is not null, "simulation.trials", "options.Trials", "trial count");

        int threads = options.MaxDegreeOfParallelism ?? Math.Min(Environment.ProcessorCount, SimulationOptions.MaxThreads);
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1, "options.MaxDegreeOfParallelism");
        ArgumentOutOfRangeException.ThrowIfGreaterThan(threads, SimulationOptions.MaxThreads, "options.MaxDegreeOfParallelism");
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ChunkSize, 1, "options.ChunkSize");
        if (options.CheckpointDirectory is { Length: 0 })
        {
            throw new ArgumentException("The checkpoint folder is empty; leave it null to keep no checkpoints.", "options.CheckpointDirectory");
        }

        int first = 0, stride = 1;
        if (options.Part is { } part)
        {
            if (part.IsDefault)
            {
                throw new ArgumentException("Part is default(ShardSpec), which is not a part: leave it null for every point, or create one with new ShardSpec(index, count).", "options.Part");
            }

            (first, stride) = (part.Index - 1, part.Count);
        }

        int count = first >= design.Count ? 0 : ((design.Count - first - 1) / stride) + 1;
        if (count == 0)
        {
            throw new ArgumentException($"Part {options.Part} has no points: the design has {design.Count}.", "options.Part");
        }

        int atOnce = Math.Min(threads, count);
        return new SweepSchedule(options, first, stride, count, atOnce, Math.Max(1, threads / atOnce));
    }

    private static void RefuseVaried(SweepDesign design, bool set, string setting, string parameter, string what)
    {
        string full = SweepDesign.FullPath(setting);
        if (set && design.Paths.FirstOrDefault(p => SweepDesign.Overlap(SweepDesign.FullPath(p), full)) is { } varied)
        {
            string reason = $"sets one {what} for every point, but the design varies '{varied}': leave it unset to run each point with its own, or vary something else.";
            throw ArgumentReason.With(new ArgumentException($"{parameter} {reason}", parameter), reason);
        }
    }

    /// <summary>The index in the design of the <paramref name="k"/>-th point run.</summary>
    /// <param name="k">The position among the points run.</param>
    /// <returns>The design index.</returns>
    public int IndexOf(long k) => First + (int)(k * Stride);
}
