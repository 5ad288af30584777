using System.CommandLine;

namespace ConsensusSim.Cli;

/// <summary>
/// <c>consensussim schema</c>: the JSON schema of scenario files as this version of the tool reads them, embedded in
/// the tool, so an editor can check and complete scenarios wherever the tool is installed, not only in the repository.
/// </summary>
internal static class SchemaCommand
{
    public static Command Create(TextWriter stdout)
    {
        var output = new Option<string?>("--out", "-o") { Description = "Write the schema to this file instead of standard output, replacing it (say, after updating the tool). A scenario in the same folder names it in \"$schema\" with a leading ./, as init does." };
        var command = new Command("schema", "Print the JSON schema of scenario files, for editors that check and complete them ('init' writes it beside each starter scenario).") { output };
        command.SetAction(parse =>
        {
            string schema = InitCommand.Schema();
            if (parse.GetValue(output) is not { } path || AtomicFile.IsStandardOutput(path))
            {
                PrintableWriter.Unwrap(stdout).Write(schema);
                return ExitCodes.Success;
            }

            var plan = new OutputPlan(stdout, []);
            plan.File("--out", path, OutputRules.RegularFile).Set(schema);
            plan.Commit();
            stdout.WriteLine($"wrote {AtomicFile.Shown(path)}");
            return ExitCodes.Success;
        });
        return ToolHelp.WithExamples(
            command,
            $"consensussim schema --out {InitCommand.SchemaFile}");
    }
}
