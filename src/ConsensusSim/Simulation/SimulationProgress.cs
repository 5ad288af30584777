namespace ConsensusSim.Simulation;

/// <summary>How far a run has got, reported after each completed chunk.</summary>
/// <param name="CompletedTrials">Trials finished so far.</param>
/// <param name="TotalTrials">Trials the run will do.</param>
public readonly record struct SimulationProgress(long CompletedTrials, long TotalTrials);
