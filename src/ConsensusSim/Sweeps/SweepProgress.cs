namespace ConsensusSim.Sweeps;

/// <summary>How far a sweep has got, reported on the enumerating thread as each row is handed out.</summary>
/// <param name="CompletedPoints">Rows handed out so far.</param>
/// <param name="TotalPoints">Rows the sweep (or its part) plans.</param>
/// <param name="CheckpointedPoints">Rows among them read from the checkpoint folder instead of run.</param>
public readonly record struct SweepProgress(int CompletedPoints, int TotalPoints, int CheckpointedPoints);
