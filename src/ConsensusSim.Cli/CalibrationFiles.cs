using ConsensusSim.Calibration;

namespace ConsensusSim.Cli;

/// <summary>
/// The files <c>calibrate --out DIR</c> writes, checked before the fit starts and written together at the end:
/// <c>calibration.json</c>, <c>parameters.csv</c>, <c>cells.csv</c> and, for a validation, <c>scores.csv</c>.
/// </summary>
internal sealed class CalibrationFiles
{
    public static readonly string[] Names = ["calibration.json", "parameters.csv", "cells.csv", "scores.csv"];

    private readonly OutputPlan _plan;
    private readonly IReadOnlyDictionary<string, Output> _files;
    private readonly string _folder;

    private CalibrationFiles(OutputPlan plan, IReadOnlyDictionary<string, Output> files, string folder)
    {
        (_plan, _files, _folder) = (plan, files, folder);
    }

    /// <summary>Checks the folder and its files now, never over the spec, its record or its templates; null without <c>--out</c>.</summary>
    public static CalibrationFiles? Plan(TextWriter stdout, string? folder, CalibrationSpec spec)
    {
        if (folder is null)
        {
            return null;
        }

        var inputs = spec.Templates.Select(t => t.Scenario.Source).Append(spec.Source).Append(spec.RecordSource);
        var plan = new OutputPlan(stdout, inputs);
        return new CalibrationFiles(plan, plan.Folder("--out", folder, Names), folder);
    }

    /// <summary>Writes the result's files, all or none.</summary>
    public void Write(object result, TextWriter console)
    {
        switch (result)
        {
            case CalibrationResult fit:
                Set(CalibrationReport.Json(fit), [new("all", fit)], []);
                break;
            case OutOfSampleResult held:
                Set(CalibrationReport.Json(held), [new("holdout", held.Fit)], [.. held.Predictions.Select(p => new KeyValuePair<string, CellPrediction>("holdout", p))]);
                _files["scores.csv"].Set(CalibrationReport.ScoresCsv(held));
                break;
            case RollingOriginResult rolling:
                Set(
                    CalibrationReport.Json(rolling),
                    [.. rolling.Steps.Select(s => new KeyValuePair<string, CalibrationResult>(s.Period, s.Result.Fit))],
                    [.. rolling.Steps.SelectMany(s => s.Result.Predictions.Select(p => new KeyValuePair<string, CellPrediction>(s.Period, p)))]);
                _files["scores.csv"].Set(CalibrationReport.ScoresCsv(rolling));
                break;
        }

        var written = _plan.Commit();
        console.WriteLine($"  {string.Join(", ", written.Select(Path.GetFileName))} written to {_folder}");
    }

    private void Set(string json, KeyValuePair<string, CalibrationResult>[] fits, KeyValuePair<string, CellPrediction>[] predictions)
    {
        _files["calibration.json"].Set(json);
        _files["parameters.csv"].Set(CalibrationReport.ParametersCsv(fits));
        _files["cells.csv"].Set(CalibrationReport.CellsCsv(fits, predictions));
    }
}
