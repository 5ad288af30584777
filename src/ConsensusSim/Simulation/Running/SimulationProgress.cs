namespace ConsensusSim.Simulation;

/// <summary>How far a run has got, reported on the calling thread about ten times a second and when the run ends.</summary>
/// <param name="CompletedTrials">Trials finished so far (merged in chunk order).</param>
/// <param name="TotalTrials">Trials the run (or shard) plans.</param>
/// <param name="AdoptedTrials">Adopted trials among those finished, for a running estimate (0 in a run with <see cref="SimulationOptions.ConditionalOnly"/>, which counts no outcome).</param>
public readonly record struct SimulationProgress(long CompletedTrials, long TotalTrials, long AdoptedTrials);
