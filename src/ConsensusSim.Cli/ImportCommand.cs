using System.CommandLine;
using System.Globalization;
using ConsensusSim.Import;

namespace ConsensusSim.Cli;

/// <summary><c>consensussim import --from decide|ktab table --out scenario.json</c>: turns an actor × issue table into a runnable scenario.</summary>
internal static class ImportCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<string>("table") { Description = "The actor × issue file to read." };
        var from = new Option<string>("--from") { Description = "The file's format: decide (#A/#P/#M/#D rows) or ktab (KTAB's CSV).", Required = true };
        CommandLineValues.OneOf(from, "decide", "ktab");
        var output = new Option<string>("--out", "-o") { Description = "The scenario file to write.", Required = true };
        var statusQuo = new Option<double>("--status-quo") { Description = "The status quo on every issue, in [0, 1] (0 = the low end of each issue's scale).", DefaultValueFactory = _ => 0 };
        var command = new Command("import", "Turn a decide or KTAB actor × issue table into a scenario: actors with power, positions as ideal points, saliences, the power × salience weighted mean as the draft. Exit code 2 with file:line on a malformed table.")
        {
            file, from, output, statusQuo,
        };
        command.SetAction(parse => Execute(stdout, stderr, parse.GetValue(file)!, parse.GetValue(from)!, parse.GetValue(output)!, parse.GetValue(statusQuo)));
        return ToolHelp.WithExamples(
            command,
            "consensussim import --from ktab samples/imports/ktab-dummyData_3Dim.csv --out actors.json");
    }

    private static int Execute(TextWriter stdout, TextWriter stderr, string path, string format, string target, double sq)
    {
        if (!(sq >= 0 && sq <= 1))
        {
            throw new UserInputException($"--status-quo must be between 0 and 1; it is {sq}.");
        }

        if (!File.Exists(path) && !Directory.Exists(path))
        {
            throw new UserInputException($"{path}: no such file.");
        }

        var plan = new OutputPlan(stdout, [path]);
        var scenarioOutput = plan.File("--out", target);
        var table = Load(format, path);
        string json = table.ToScenarioJson(sq);
        var scenario = Check(table, json, path);
        scenarioOutput.Set(json);
        plan.Commit();
        string summary = $"wrote {AtomicFile.Shown(target)}: {scenario.Actors.Count} actors, {scenario.Dimensions.Count} issues from {table.Format} table '{table.Title}'.";
        (plan.UsesStandardOutput ? stderr : stdout).WriteLine(plan.UsesStandardOutput ? summary : $"{summary} Run it with: consensussim run {target}");
        return ExitCodes.Success;
    }

    private static ActorTable Load(string format, string path)
    {
        try
        {
            return format == "decide" ? DecideFormat.Load(path) : KtabFormat.Load(path);
        }
        catch (ActorTableFormatException ex)
        {
            throw new UserInputException(ex.Message);
        }
    }

    /// <summary>
    /// Reads the scenario back before it is written, so a table that cannot make a valid scenario leaves no file behind;
    /// the problem is the table's, so it is said of the table, not of the scenario file that is never written.
    /// </summary>
    private static Model.Scenario Check(ActorTable table, string json, string path)
    {
        int bytes = System.Text.Encoding.UTF8.GetByteCount(json);
        if (bytes > Serialization.ScenarioJson.MaxFileBytes)
        {
            throw new UserInputException(string.Create(CultureInfo.InvariantCulture, $"{path}: {table.Actors.Count:N0} actors × {table.Issues.Count:N0} issues make a scenario of {bytes:N0} bytes; scenario files are limited to {Serialization.ScenarioJson.MaxFileBytes:N0} bytes."));
        }

        try
        {
            return Serialization.ScenarioJson.Parse(json);
        }
        catch (Model.ScenarioValidationException ex)
        {
            throw new UserInputException($"{path}: the table makes an invalid scenario, so nothing was written: {string.Join("; ", ex.Problems.Select(p => $"{p.Path}: {p.Message}"))}");
        }
    }
}
