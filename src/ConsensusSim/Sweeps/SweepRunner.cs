using ConsensusSim.Model;
using ConsensusSim.Serialization;
using ConsensusSim.Simulation;

namespace ConsensusSim.Sweeps;

/// <summary>
/// Runs a sweep: a Monte Carlo run of a scenario at every point of a design, streamed as rows in point order.
/// Points run side by side on the library's one scheduler (the pipeline that runs a single run's chunks), each
/// from its own scenario with the sweep's trials and seed, so a point's row is the result
/// <see cref="MonteCarloRunner.Run"/> gives for it alone: the rows are the same bit for bit for any thread count,
/// chunk size, part split or resumption.
/// </summary>
/// <remarks>
/// <para>
/// A point whose values are numbers at <c>behaviour.tension</c>, <c>behaviour.blocCorrelation</c> or
/// <c>behaviour.retaliationThreshold</c>, where the file gives them, is built from the file's model without reading
/// the file again; any other point is read from the varied text. Both give the same scenario.
/// </para>
/// <para>
/// Many short points run faster in a process whose runtime waits less before optimising hot code: the command-line
/// tool sets <c>System.Runtime.TieredCompilation.CallCountingDelayMs</c> to 10 (the default is 100), and an application
/// can do the same in its project file (<c>&lt;RuntimeHostConfigurationOption&gt;</c>) or runtimeconfig.json.
/// </para>
/// <threadsafety>Stateless and thread-safe.</threadsafety>
/// </remarks>
public static class SweepRunner
{
    /// <summary>Runs the design over the scenario file and yields a row per point, in point order, as soon as every earlier point is done.</summary>
    /// <param name="scenario">The scenario file to vary (<see cref="ScenarioTemplate.Parse"/>).</param>
    /// <param name="design">The design points.</param>
    /// <param name="options">Trials, seed, threads, part and checkpoint folder; <see langword="null"/> uses each point's scenario's settings and every core.</param>
    /// <param name="progress">Receives progress on the enumerating thread as each row is handed out; may be <see langword="null"/>.</param>
    /// <param name="cancellationToken">
    /// Stops the sweep within milliseconds: the enumeration ends after the last point completed in order, and points in
    /// progress are discarded (never handed out half-run). With a checkpoint folder, points completed out of order are
    /// kept there too, and a later run resumes from them.
    /// </param>
    /// <returns>
    /// The rows, lazily: nothing runs until the enumeration starts, and stopping the enumeration stops the sweep. A point
    /// whose scenario is invalid or cannot be run throws when the enumeration reaches it, after every earlier row.
    /// </returns>
    /// <exception cref="ArgumentOutOfRangeException">
    /// Trials, threads or chunk size are out of range; <see cref="ArgumentException.ParamName"/> names the option, e.g.
    /// <c>options.Trials</c>.
    /// </exception>
    /// <exception cref="ArgumentException">
    /// The part is <c>default(ShardSpec)</c> or has no points; a seed or trial count is set for every point while the design
    /// varies <c>simulation.seed</c> or <c>simulation.trials</c> (<c>options.Seed</c>, <c>options.Trials</c>); or, during
    /// the enumeration, a point's saved result in the checkpoint folder belongs to another sweep
    /// (<c>options.CheckpointDirectory</c>) or conditional Monte Carlo does not apply at a point (<c>options</c>).
    /// </exception>
    /// <exception cref="ScenarioValidationException">During the enumeration: a point's varied scenario is invalid.</exception>
    /// <exception cref="ResultFileException">During the enumeration: a point's file in the checkpoint folder is damaged or edited.</exception>
    public static IEnumerable<SweepRow> Run(
        ScenarioTemplate scenario,
        SweepDesign design,
        SweepOptions? options = null,
        IProgress<SweepProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(design);
        return Run(design, index => scenario.Apply(design.Point(index)), options, progress, cancellationToken);
    }

    /// <summary>Runs the design with the caller's scenario for each point (the tool's, whose problems name the option that set a value).</summary>
    /// <param name="design">The design points.</param>
    /// <param name="scenarioAt">The scenario of a point, by index; called on worker threads.</param>
    /// <param name="options">As for the public overload.</param>
    /// <param name="progress">As for the public overload.</param>
    /// <param name="cancellationToken">As for the public overload.</param>
    /// <returns>The rows, in point order.</returns>
    internal static IEnumerable<SweepRow> Run(
        SweepDesign design,
        Func<int, Scenario> scenarioAt,
        SweepOptions? options,
        IProgress<SweepProgress>? progress,
        CancellationToken cancellationToken)
    {
        var plan = SweepSchedule.For(design, options ?? new SweepOptions());
        var checkpoints = plan.Options.CheckpointDirectory is { } folder ? SweepCheckpoints.Open(folder) : null;
        return Rows(plan, new SweepPointRunner(design, scenarioAt, plan, checkpoints), progress, cancellationToken);
    }

    private static IEnumerable<SweepRow> Rows(SweepSchedule plan, SweepPointRunner point, IProgress<SweepProgress>? progress, CancellationToken cancellationToken)
    {
        var pipeline = new OrderedPipeline<SweepPointRunner, SweepRow>(0, plan.Count, plan.PointsAtOnce, () => point, (p, k, token) => p.Run(plan.IndexOf(k), token), cancellationToken);
        int done = 0, saved = 0;
        foreach (var row in pipeline.InOrder())
        {
            done++;
            saved += row.FromCheckpoint ? 1 : 0;
            progress?.Report(new SweepProgress(done, plan.Count, saved));
            yield return row;
        }
    }
}
