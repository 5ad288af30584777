using ConsensusSim.Model;
using ConsensusSim.Reporting;
using ConsensusSim.Serialization;
using ConsensusSim.Simulation;

namespace ConsensusSim.Cli;

/// <summary>
/// The files that hold a run's result, for every command that writes one (<c>run</c>, <c>merge</c>): the result as
/// JSON (<c>--json</c>, or <c>merge --out</c>), the checkpoint it can be resumed from, and a folder (<c>--out</c>) of
/// result.json, outcomes.csv and blockers.csv (and fallback.csv for a package fallback), the charts as PNG and SVG and report.html. Declared on an
/// <see cref="OutputPlan"/> before the run, so a bad path fails before any trial; filled once the result is known;
/// written together by the plan's <see cref="OutputPlan.Commit"/>.
/// </summary>
internal sealed class ResultFiles
{
    /// <summary>The result's name in the folder.</summary>
    public const string ResultFile = "result.json";

    private const string ReportFile = "report.html";
    private const string FallbackFile = "fallback.csv";
    private readonly Output? _json;
    private readonly IReadOnlyDictionary<string, Output>? _folder;

    private ResultFiles(Output? json, Output? checkpoint, IReadOnlyDictionary<string, Output>? folder, string? folderPath)
    {
        _json = json;
        Checkpoint = checkpoint;
        _folder = folder;
        FolderPath = folderPath;
    }

    /// <summary>The checkpoint file, read back to resume: never standard output, never a FIFO.</summary>
    public Output? Checkpoint { get; }

    /// <summary>The JSON file, if one was asked for.</summary>
    public Output? Json => _json;

    /// <summary>The folder as given, if one was asked for.</summary>
    public string? FolderPath { get; }

    /// <summary>Every file that holds the result as JSON, as the user named them.</summary>
    public IReadOnlyList<string> Holders =>
        [.. new[] { _json, Checkpoint, _folder?[ResultFile] }.OfType<Output>().Select(o => AtomicFile.Shown(o.Path))];

    /// <summary>Every file <c>--out</c> may write.</summary>
    private static IEnumerable<string> FolderFiles =>
        [ResultFile, "outcomes.csv", "blockers.csv", FallbackFile, ReportFile, .. ResultCharts.Names.SelectMany(n => new[] { n + ".png", n + ".svg" })];

    /// <summary>Declares the files and checks their paths now.</summary>
    /// <param name="plan">The command's plan.</param>
    /// <param name="json">The JSON file's option and path, if any.</param>
    /// <param name="checkpoint">The checkpoint's path (<c>--checkpoint</c>), if any.</param>
    /// <param name="folder">The folder's path (<c>--out</c>), if any.</param>
    /// <returns>The files.</returns>
    /// <exception cref="UserInputException">A path cannot be written.</exception>
    public static ResultFiles Declare(OutputPlan plan, (string Option, string Path)? json, string? checkpoint = null, string? folder = null) => new(
        json is var (option, path) ? plan.File(option, path) : null,
        checkpoint is null ? null : plan.File("--checkpoint", checkpoint, OutputRules.NotStandardOutput | OutputRules.RegularFile),
        folder is null ? null : plan.Folder("--out", folder, FolderFiles),
        folder);

    /// <summary>Writes a checkpoint now, atomically: how a run saves its progress while it runs.</summary>
    /// <returns>The callback for <see cref="SimulationOptions.Checkpoint"/>, or <see langword="null"/> without a checkpoint file.</returns>
    public Action<SimulationResult>? CheckpointWriter() =>
        Checkpoint is { } file ? partial => AtomicFile.WriteAllText(file.Target, ResultJson.Serialize(partial)) : null;

    /// <summary>Fills every file from the result.</summary>
    /// <param name="result">The result.</param>
    /// <param name="run">What the command knows about the run (its options), recorded in the JSON's provenance.</param>
    /// <param name="scenario">The scenario, for the charts and report; needed only with a folder.</param>
    public void Set(SimulationResult result, IReadOnlyDictionary<string, object?> run, Scenario? scenario)
    {
        string serialized = RunRecord.Annotate(ResultJson.Serialize(result), run);
        Checkpoint?.Set(serialized);
        _json?.Set(serialized);
        if (_folder is null)
        {
            return;
        }

        _folder[ResultFile].Set(serialized);
        _folder["outcomes.csv"].Set(ResultCsv.Outcomes(result));
        _folder["blockers.csv"].Set(ResultCsv.Blockers(result));
        if (ResultCsv.Fallback(result) is { } fallback)
        {
            _folder[FallbackFile].Set(fallback);
        }
        if (result.Trials > 0)
        {
            var charts = ResultCharts.Render(result, scenario ?? throw new ArgumentNullException(nameof(scenario)));
            foreach (var chart in charts)
            {
                _folder[chart.Name + ".png"].Set(chart.Png.ToArray());
                _folder[chart.Name + ".svg"].Set(chart.Svg);
            }

            _folder[ReportFile].Set(HtmlReport.Render(scenario, result, charts.ToDictionary(c => c.Name, c => c.InlineSvg, StringComparer.Ordinal)));
        }
    }

    /// <summary>Says where the complete result was written.</summary>
    /// <param name="console">Where messages for people go.</param>
    public void Report(TextWriter console)
    {
        if (_json is not null)
        {
            console.WriteLine($"  result written to {AtomicFile.Shown(_json.Path)}");
        }

        if (FolderPath is not null)
        {
            console.WriteLine($"  result.json, outcomes.csv, blockers.csv, charts (PNG, SVG) and report.html written to {FolderPath}");
        }
    }
}
