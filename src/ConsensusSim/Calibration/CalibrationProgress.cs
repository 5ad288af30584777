namespace ConsensusSim.Calibration;

/// <summary>How far a calibration has got: reported after each block of parameters is fitted and each parameter is profiled.</summary>
/// <param name="Step">What was just done, e.g. <c>profiled groupings.csto-bloc.linkage [period=crisis-2014]</c>, with the validation split in front when there is one.</param>
/// <param name="CompletedSteps">Steps done so far (a fit per block, a profile per parameter, per split).</param>
/// <param name="TotalSteps">Steps planned.</param>
/// <param name="Simulations">Monte Carlo runs so far.</param>
public readonly record struct CalibrationProgress(string Step, int CompletedSteps, int TotalSteps, long Simulations)
{
    /// <summary>What was just done.</summary>
    /// <exception cref="ArgumentNullException">The value is <see langword="null"/>.</exception>
    public string Step { get; init; } = Step ?? throw new ArgumentNullException(nameof(Step));
}
