using ConsensusSim.Model;
using ConsensusSim.Serialization;
using ConsensusSim.Sweeps;

namespace ConsensusSim.Calibration;

/// <summary>The check of every cell of a read spec, and where in the spec a cell's problem comes from.</summary>
internal sealed partial class CalibrationSpecReader
{
    /// <summary>Builds every cell's scenario with the parameters at their lower and then their upper bounds.</summary>
    private void CheckCells(CalibrationSpec spec)
    {
        var simulator = new CellSimulator(spec, spec.Trials, spec.Seed);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int c = 0; c < spec.Cells.Count; c++)
        {
            foreach (bool upper in new[] { false, true })
            {
                double[] theta = [.. spec.Parameters.Select(p => upper ? p.High : p.Low)];
                try
                {
                    spec.Cells[c].Template.Scenario.Apply(simulator.Assignments(c, theta));
                }
                catch (ScenarioValidationException ex)
                {
                    foreach (var problem in ex.Problems)
                    {
                        // Once per origin and problem: a bad bound or path would otherwise be reported for every cell.
                        var (at, message) = Blame(spec, c, simulator.ParametersOf(c), upper, problem);
                        if (seen.Add($"{at.Replace(".high", ".low", StringComparison.Ordinal)}|{problem.Path}|{problem.Message}"))
                        {
                            Problem(at, message);
                        }
                    }
                }
            }
        }
    }

    /// <summary>Where in the spec a problem of a cell's scenario comes from: the parameter, setting or period that set the offending path, or else the template.</summary>
    private static (string At, string Message) Blame(CalibrationSpec spec, int cell, IReadOnlyList<int> parameters, bool upper, ScenarioProblem problem)
    {
        var c = spec.Cells[cell];
        string what = $"{problem.Path}: {problem.Message}";
        bool Sets(string path) => SweepDesign.Overlap(SweepDesign.FullPath(path), problem.Path);
        foreach (int j in parameters.Where(j => Sets(spec.Parameters[j].Path)))
        {
            var p = spec.Parameters[j];
            return ($"$.parameters[{j}].{(upper ? "high" : "low")}", $"With '{p.Path}' at {N(upper ? p.High : p.Low)} the scenario of cell {c.Observed} is invalid: {what}");
        }

        int t = ((IList<CalibrationTemplate>)spec.Templates).IndexOf(c.Template);
        if (c.Template.Settings.FirstOrDefault(s => Sets(s.Key)) is { Key: not null } set)
        {
            return ($"$.templates[{t}].set.{set.Key}", $"Setting '{set.Key}' to {set.Value} makes the scenario of cell {c.Observed} invalid: {what}");
        }

        if (spec.Settings.FirstOrDefault(s => Sets(s.Key)) is { Key: not null } shared)
        {
            return ($"$.settings.{shared.Key}", $"Setting '{shared.Key}' to {shared.Value} makes the scenario of cell {c.Observed} invalid: {what}");
        }

        if (spec.PeriodPath is { } periodPath && Sets(periodPath))
        {
            return ("$.periodPath", $"Setting '{periodPath}' to the period '{c.Observed.Period}' (line {c.Observed.Line} of the record) makes the scenario invalid: {what}");
        }

        return ($"$.templates[{t}].scenario", $"The template's scenario for cell {c.Observed} is invalid: {what}");
    }
}
