namespace ConsensusSim.Calibration;

/// <summary>A cell of the record with the template that simulates it (<see cref="CalibrationSpec.Cells"/>).</summary>
/// <remarks><threadsafety>Immutable.</threadsafety></remarks>
public sealed class CalibrationCell
{
    internal CalibrationCell(ObservedCell observed, CalibrationTemplate template)
    {
        Observed = observed;
        Template = template;
    }

    /// <summary>The cell.</summary>
    public ObservedCell Observed { get; }

    /// <summary>Its template.</summary>
    public CalibrationTemplate Template { get; }
}
