using System.Globalization;
using System.Text.Json;
using ConsensusSim.Model;
using ConsensusSim.Serialization;
using ConsensusSim.Sweeps;

namespace ConsensusSim.Calibration;

/// <summary>
/// Reads a calibration spec file: JSON with comments, every problem reported at once with its JSON path and line, then
/// the record and the templates it names (relative to the file), then every cell checked by building its scenario with
/// each parameter at both bounds, so a bad path or an out-of-range bound is refused before any simulation runs.
/// </summary>
internal sealed partial class CalibrationSpecReader
{
    /// <summary>The largest spec file read, in bytes.</summary>
    public const int MaxFileBytes = 1 << 20;

    internal static readonly string[] TemplateKeys = ["item", "topic", "scenario", "set"];

    internal static readonly string[] ParameterKeys = ["name", "path", "low", "high", "prior", "appliesTo"];

    internal static readonly string[] Known = ["$schema", "name", "observations", "periodPath", "periods", "templates", "settings", "parameters", "trials", "seed", "starts"];

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        AllowDuplicateProperties = false,
        MaxDepth = ScenarioJson.MaxDepth,
    };

    private readonly string _path;
    private readonly string _folder;
    private readonly JsonLineMap _lines;
    private readonly List<ScenarioProblem> _problems = [];

    private CalibrationSpecReader(string path, JsonLineMap lines)
    {
        _path = path;
        _folder = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        _lines = lines;
    }

    public static CalibrationSpec Load(string path)
    {
        byte[] bytes;
        try
        {
            bytes = InputFile.ReadAllBytes(path, MaxFileBytes, "calibration specs");
        }
        catch (FileNotFoundException)
        {
            throw new FileNotFoundException($"The calibration spec '{path}' does not exist.", path);
        }
        catch (InputFileException ex)
        {
            throw new CalibrationSpecException([new ScenarioProblem("$", ex.Problem, ex.Line ?? 1)], path);
        }

        JsonDocument document;
        JsonLineMap lines;
        try
        {
            lines = JsonLineMap.Build(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = ScenarioJson.MaxDepth }, ScenarioJson.MaxDepth);
            document = JsonDocument.Parse(bytes, DocumentOptions);
        }
        catch (JsonException ex)
        {
            throw new CalibrationSpecException([new ScenarioProblem(ex.Path ?? "$", "Not valid JSON: " + ex.Message.Split(" Path:")[0], JsonLineMap.OneBased(ex.LineNumber))], path);
        }

        using (document)
        {
            return new CalibrationSpecReader(path, lines).Read(document.RootElement);
        }
    }

    private CalibrationSpec Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            Fail("$", "A calibration spec is a JSON object.");
        }

        foreach (var property in root.EnumerateObject().Where(p => !Known.Contains(p.Name)))
        {
            Problem("$." + property.Name, $"Unknown property; a calibration spec has {string.Join(", ", Known)}.");
        }

        string? name = Text(root, "name", required: false);
        string? observations = Text(root, "observations", required: true);
        var templates = Array(root, "templates", required: true).Select((t, i) => ReadTemplate(t, $"$.templates[{i}]")).ToList();
        var parameters = Array(root, "parameters", required: true).Select((p, i) => ReadParameter(p, $"$.parameters[{i}]")).ToList();
        var settings = Settings(root, "settings", "$.settings");
        var periods = Array(root, "periods", required: false).Select((p, i) => p.ValueKind == JsonValueKind.String ? p.GetString() : Problem($"$.periods[{i}]", "A period is a string.")).ToList();
        string? periodPath = root.TryGetProperty("periodPath", out var pp) && pp.ValueKind == JsonValueKind.Null ? null : Text(root, "periodPath", required: false) ?? CalibrationSpec.DefaultPeriodPath;
        long trials = Integer(root, "trials", 1, Simulation.SimulationOptions.MaxTrials, CalibrationSpec.DefaultTrials);
        long starts = Integer(root, "starts", 1, CalibrationSpec.MaxStarts, CalibrationSpec.DefaultStarts);
        ulong seed = Seed(root);
        Duplicates(parameters.Select(p => p.Parameter?.Name), "$.parameters", "name", "Two parameters are named '{0}'; give each a distinct name.");
        Duplicates(templates.Select(t => t.Key), "$.templates", "item", "Two templates are for {0}; give one per item kind and topic.");
        ThrowIfAny();

        string recordPath = Relative(observations!, "$.observations");
        var record = ObservedRecord.Load(recordPath);
        var forms = templates.Select((t, i) => new CalibrationTemplate(Scenario(t.Scenario!, $"$.templates[{i}].scenario"), t.Item, t.Topic, t.Settings)).ToList();
        CalibrationSpec spec;
        try
        {
            spec = new CalibrationSpec(record, forms, parameters.Select(p => p.Parameter!), periods.Count > 0 ? periods.OfType<string>() : null)
            {
                Name = name,
                Source = _path,
                RecordSource = recordPath,
                PeriodPath = periodPath,
                Settings = settings,
                Trials = trials,
                Seed = seed,
                Starts = (int)starts,
            };
        }
        catch (ArgumentException ex)
        {
            throw new CalibrationSpecException([new ScenarioProblem(ex.ParamName == "periodOrder" ? "$.periods" : "$", ex.Message.Split(" (Parameter")[0], Line(ex.ParamName == "periodOrder" ? "$.periods" : "$"))], _path);
        }

        CheckCells(spec);
        ThrowIfAny();
        return spec;
    }

    private (string? Item, string? Topic, string? Scenario, KeyValuePair<string, string>[] Settings, string? Key) ReadTemplate(JsonElement t, string at)
    {
        if (!Object(t, at, TemplateKeys))
        {
            return (null, null, null, [], null);
        }

        string? item = Text(t, "item", false, at), topic = Text(t, "topic", false, at), scenario = Text(t, "scenario", true, at);
        if (item is null && topic is null)
        {
            Problem(at, "A template names the item kind it simulates, its topic, or both.");
        }

        return (item, topic, scenario, Settings(t, "set", at + ".set"), item is null && topic is null ? null : $"{item}/{topic}");
    }

    private (CalibrationParameter? Parameter, int Unused) ReadParameter(JsonElement p, string at)
    {
        if (!Object(p, at, ParameterKeys))
        {
            return (null, 0);
        }

        string? name = Text(p, "name", false, at), path = Text(p, "path", true, at);
        double? low = Number(p, "low", at, required: true), high = Number(p, "high", at, required: true);
        if (low is double lo && high is double hi && !(hi > lo))
        {
            Problem(at + ".high", $"high ({N(hi)}) must be above low ({N(lo)}).");
        }

        NormalPrior? prior = null;
        if (p.TryGetProperty("prior", out var pr) && Object(pr, at + ".prior", ["mean", "sd"]))
        {
            double? mean = Number(pr, "mean", at + ".prior", required: true), sd = Number(pr, "sd", at + ".prior", required: true);
            if (sd is <= 0)
            {
                Problem(at + ".prior.sd", "The prior's standard deviation must be positive.");
            }
            else if (mean is double m && sd is double s)
            {
                prior = new NormalPrior(m, s);
            }
        }

        CellSelector? applies = null;
        if (p.TryGetProperty("appliesTo", out var ap) && Object(ap, at + ".appliesTo", ["period", "item", "topic"]))
        {
            string? period = Text(ap, "period", false, at + ".appliesTo"), item = Text(ap, "item", false, at + ".appliesTo"), topic = Text(ap, "topic", false, at + ".appliesTo");
            if (period is null && item is null && topic is null)
            {
                Problem(at + ".appliesTo", "appliesTo names a period, an item kind or a topic; leave it out to apply to every cell.");
            }
            else
            {
                applies = new CellSelector(period, item, topic);
            }
        }

        if (path is null || low is not double l || high is not double h || !(h > l))
        {
            return (null, 0);
        }

        return (new CalibrationParameter(new SweepRange(path, l, h), name, prior, applies), 0);
    }

    private ScenarioTemplate Scenario(string file, string at)
    {
        string path = Relative(file, at);
        byte[] bytes;
        try
        {
            bytes = InputFile.ReadAllBytes(path, ScenarioJson.MaxFileBytes, "scenario files");
        }
        catch (InputFileException ex)
        {
            throw new ScenarioValidationException([new ScenarioProblem("$", ex.Problem, ex.Line ?? 1)], path);
        }

        return ScenarioTemplate.Parse(bytes, path);
    }

    private string Relative(string file, string at)
    {
        string path = Path.IsPathRooted(file) ? file : Path.Combine(_folder, file);
        if (!File.Exists(path))
        {
            Fail(at, $"No such file: {path}.");
        }

        return path;
    }
}
