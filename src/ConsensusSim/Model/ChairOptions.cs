namespace ConsensusSim.Model;

/// <summary>The Chair's strategy and, for the agenda-setter, its own ideal point.</summary>
/// <remarks><threadsafety>Immutable once constructed.</threadsafety></remarks>
public sealed class ChairOptions
{
    /// <summary>The strategy. Default <see cref="ChairStrategy.Fixed"/>.</summary>
    public ChairStrategy Strategy { get; init; } = ScenarioFields.Chair.Strategy.DefaultAs<ChairStrategy>();

    /// <summary>The compromise step α ∈ (0, 1]: the share of the way back to the status quo taken per revision on the dimension objectors care most about. Default 0.25.</summary>
    public double Step { get; init; } = ScenarioFields.Chair.Step.DefaultNumber;

    /// <summary>The agenda-setter's ideal point, one coordinate per dimension; or <see langword="null"/> to use <see cref="State"/>'s.</summary>
    public IReadOnlyList<double>? IdealPoint { get; init => field = ReadOnlyCopy.Of(value); }

    /// <summary>
    /// The chairing State (ISO alpha-3); its ideal point is the agenda-setter's when <see cref="IdealPoint"/> is not given,
    /// and its saliences weigh the agenda-setter's loss (without a chairing State, every dimension weighs 1/D).
    /// </summary>
    public string? State { get; init; }
}
