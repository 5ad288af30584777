namespace ConsensusSim.Behaviour;

/// <summary>What the agenda-setting Chair finds in the win-set of the status quo (see <see cref="WinSetSolver"/>).</summary>
public enum WinSetStatus
{
    /// <summary>A point that every State the Chair needs accepts is better for the Chair than the status quo: the Chair tables it.</summary>
    Tabled,

    /// <summary>
    /// Some point (the status quo, when every needed State accepts it) is acceptable to every State the Chair needs, but
    /// none is better for the Chair than the status quo by more than <see cref="WinSetSolver.Tolerance"/>: nothing is
    /// tabled (gridlock).
    /// </summary>
    StatusQuoBest,

    /// <summary>
    /// No point of the policy space, the status quo included, is acceptable to every State the Chair needs (each with
    /// <see cref="WinSetSolver.Margin"/> to spare): nothing is tabled (gridlock).
    /// </summary>
    Empty,
}
