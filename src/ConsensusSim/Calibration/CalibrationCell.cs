namespace ConsensusSim.Calibration;

/// <summary>A cell of the record with the template that simulates it.</summary>
/// <param name="Observed">The cell.</param>
/// <param name="Template">Its template.</param>
public sealed record CalibrationCell(ObservedCell Observed, CalibrationTemplate Template);
