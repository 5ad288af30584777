using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using ConsensusSim.Serialization;

namespace ConsensusSim.Cli;

/// <summary>
/// <c>consensussim init &lt;name&gt;</c>: writes a commented starter scenario to edit — the default
/// scenario under a new name — and the schema beside it, which its <c>"$schema"</c> names, so that
/// editors complete and check it wherever it is written.
/// </summary>
internal static class InitCommand
{
    /// <summary>The name under which the schema is written beside the scenario.</summary>
    internal const string SchemaFile = "scenario.schema.json";

    private const string TemplateSchema = "\"$schema\": \"../../schemas/scenario.schema.json\",";
    private const string TemplateName = "\"name\": \"Counter-terrorism decision at the Permanent Council\"";

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var name = new Argument<string>("name") { Description = "The scenario's name; the file is NAME.json in the current folder (or --out)." };
        var output = new Option<string?>("--out", "-o") { Description = $"The file to write instead of NAME.json ('-' for standard output). {SchemaFile} is written beside it unless the same file is there already." };
        var command = new Command("init", $"Write a commented starter scenario to edit: a copy of the default scenario (a counter-terrorism decision at the Permanent Council) under your name, with {SchemaFile} beside it for editors. Never overwrites.") { name, output };
        command.SetAction(parse =>
        {
            string scenarioName = parse.GetValue(name)!;
            if (string.IsNullOrWhiteSpace(scenarioName))
            {
                throw new UserInputException("The scenario needs a name.");
            }

            string path = parse.GetValue(output) ?? FileNameFor(scenarioName);
            var plan = new OutputPlan(stdout, []);
            var scenarioOutput = plan.File("--out", path, OutputRules.New);
            string? schemaReference = null;
            if (scenarioOutput.Mode == AtomicFile.Mode.Replace)
            {
                schemaReference = PlanSchema(plan, Path.GetFullPath(path));
            }

            string text = Starter(scenarioName, schemaReference);

            // Read it back before writing, so a starter that would not validate is never written.
            ScenarioJson.Parse(text, path);
            scenarioOutput.Set(text);
            plan.Commit();
            var console = plan.UsesStandardOutput ? stderr : stdout;
            console.WriteLine(schemaReference is null
                ? $"wrote {AtomicFile.Shown(path)}"
                : $"wrote {path} (its \"$schema\" is {schemaReference} beside it)");
            return ExitCodes.Success;
        });
        return ToolHelp.WithExamples(
            command,
            "consensussim init border-management",
            "consensussim run border-management.json --trials 10000");
    }

    /// <summary>The starter's text: the default scenario renamed, with a header that says what it is.</summary>
    internal static string Starter(string scenarioName, string? schemaReference)
    {
        using var stream = typeof(Model.Scenario).Assembly.GetManifestResourceStream("ConsensusSim.Scenarios.default.json")!;
        using var reader = new StreamReader(stream);
        string template = reader.ReadToEnd();

        // The default scenario's own header describes it as the default; the starter is not.
        int body = template.IndexOf("\n{", StringComparison.Ordinal) + 1;
        string json = Replace(template[body..], TemplateName, "\"name\": " + JsonValue.Create(scenarioName).ToJsonString());
        json = Replace(json, TemplateSchema, schemaReference is null ? string.Empty : "\"$schema\": " + JsonValue.Create(schemaReference).ToJsonString() + ",");
        return "// Starter scenario written by 'consensussim init': a copy of the default scenario (a counter-terrorism\n"
            + "// decision at the Permanent Council) under a new name. Edit it, check it with 'consensussim validate FILE'\n"
            + "// and run it with 'consensussim run FILE'. Parameters are illustrative, not calibrated estimates.\n"
            + (schemaReference is null
                ? "// Every property is described in the scenario schema (schemas/scenario.schema.json in the repository).\n"
                : $"// Every property is described in {schemaReference} beside this file; editors read it through \"$schema\".\n")
            + json;
    }

    /// <summary>The schema as this version of the tool reads scenarios.</summary>
    internal static string Schema()
    {
        using var stream = typeof(InitCommand).Assembly.GetManifestResourceStream("ConsensusSim.Cli.scenario.schema.json")
            ?? throw new InvalidOperationException("The scenario schema is not embedded in the tool.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>
    /// Adds the schema beside the scenario unless that very file is there already; a different file
    /// of that name (another version's, or edited) is left alone and this version's schema gets its
    /// own name. Returns the reference <c>"$schema"</c> holds.
    /// </summary>
    private static string PlanSchema(OutputPlan plan, string scenarioPath)
    {
        string folder = Path.GetDirectoryName(scenarioPath)!;
        string schema = Schema();
        string version = typeof(InitCommand).Assembly.GetName().Version?.ToString(3) ?? "0";
        string[] candidates = [SchemaFile, $"scenario.schema-{version}.json"];
        foreach (string candidate in candidates)
        {
            string file = Path.Combine(folder, candidate);
            if (string.Equals(file, scenarioPath, StringComparison.Ordinal))
            {
                continue;
            }

            var kind = FileProbe.KindOf(file);
            if (kind == FileKind.Missing && new FileInfo(file).LinkTarget is null)
            {
                plan.File("--out", file, OutputRules.New).Set(schema);
                return Relative(candidate);
            }

            if (kind == FileKind.Regular && SameText(file, schema))
            {
                return Relative(candidate);
            }
        }

        throw new UserInputException($"{folder} already holds {string.Join(" and ", candidates)}, and neither is this version's schema; init writes next to neither, so give --out another folder.");
    }

    /// <summary>
    /// The reference to a file beside the scenario. It starts with "./" because VS Code's JSON support resolves a
    /// "$schema" against the file only when it starts with '.'; a bare name would be looked up as a URL.
    /// </summary>
    private static string Relative(string file) => "./" + file;

    private static bool SameText(string file, string text)
    {
        try
        {
            return InputFile.ReadAllText(file, 4 << 20, "schema files") == text;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static string Replace(string text, string from, string to)
    {
        int at = text.IndexOf(from, StringComparison.Ordinal);
        return at >= 0
            ? string.Concat(text.AsSpan(0, at), to, text.AsSpan(at + from.Length))
            : throw new InvalidOperationException($"The embedded default scenario no longer holds {from}; the starter cannot be made from it.");
    }

    /// <summary>NAME.json, without the characters a file name cannot hold or a terminal would act on.</summary>
    private static string FileNameFor(string scenarioName)
    {
        var invalid = Path.GetInvalidFileNameChars();
        string stem = new string([.. scenarioName.Where(c => !char.IsControl(c) && Array.IndexOf(invalid, c) < 0)]).Trim();
        if (stem.Trim('.').Length == 0)
        {
            throw new UserInputException($"'{scenarioName}' makes no file name; give the file with --out.");
        }

        // A file name holds 255 bytes (Linux, macOS) or characters (Windows); the name itself may be longer.
        int bytes = System.Text.Encoding.UTF8.GetByteCount(stem + ".json");
        return bytes <= 255
            ? stem + ".json"
            : throw new UserInputException($"The name makes a file name of {bytes:N0} bytes; a file name holds at most 255. Give the file with --out.");
    }
}
