using System.CommandLine;
using System.Text.Json;

namespace ConsensusSim.Cli;

/// <summary><c>consensussim init &lt;name&gt;</c>: writes a commented starter scenario to edit.</summary>
internal static class InitCommand
{
    public static Command Create(TextWriter stdout)
    {
        var name = new Argument<string>("name") { Description = "The scenario's name; the file is NAME.json in the current folder (or --out)." };
        var output = new Option<string?>("--out", "-o") { Description = "The file to write instead of NAME.json." };
        var command = new Command("init", "Write a commented starter scenario (the default counter-terrorism scenario, renamed) to edit. Example: consensussim init border-management") { name, output };
        command.SetAction(parse =>
        {
            string scenarioName = parse.GetValue(name)!;
            if (string.IsNullOrWhiteSpace(scenarioName))
            {
                throw new UserInputException("The scenario needs a name.");
            }

            string path = parse.GetValue(output) ?? (string.Concat(scenarioName.Split(Path.GetInvalidFileNameChars())) + ".json");
            if (File.Exists(path))
            {
                throw new UserInputException($"{path} already exists; choose another name or --out.");
            }

            using var stream = typeof(Model.Scenario).Assembly.GetManifestResourceStream("ConsensusSim.Scenarios.default.json")!;
            using var reader = new StreamReader(stream);
            string template = reader.ReadToEnd();
            const string DefaultName = "\"name\": \"Counter-terrorism decision at the Permanent Council\"";
            string text = "// Starter scenario written by 'consensussim init'. Edit it, check it with 'consensussim validate',\n"
                + "// run it with 'consensussim run'. Every property is described in schemas/scenario.schema.json.\n"
                + template.Replace(DefaultName, "\"name\": " + JsonSerializer.Serialize(scenarioName), StringComparison.Ordinal);
            AtomicFile.WriteAllText(path, text);
            stdout.WriteLine($"wrote {path}");
            return ExitCodes.Success;
        });
        return command;
    }
}
