using System.CommandLine;
using ConsensusSim.Procedures;

namespace ConsensusSim.Cli;

/// <summary><c>consensussim graph &lt;procedure&gt; --format mermaid|dot</c>: prints a procedure's state machine.</summary>
internal static class GraphCommand
{
    public static Command Create(TextWriter stdout)
    {
        var procedure = new Argument<string>("procedure")
        {
            Description = $"The procedure: {string.Join(", ", ProcedureDefinition.All.Select(p => p.Id))}.",
        };
        var format = new Option<string>("--format", "-f")
        {
            Description = "mermaid (stateDiagram-v2, renders on GitHub) or dot (Graphviz).",
            DefaultValueFactory = _ => "mermaid",
        };
        CommandLineValues.OneOf(format, "mermaid", "dot");
        var command = new Command("graph", "Print a decision procedure as a Mermaid or Graphviz diagram.")
        {
            procedure, format,
        };
        command.SetAction(parse =>
        {
            string id = parse.GetValue(procedure)!;
            if (!ProcedureDefinition.TryGet(id, out var definition))
            {
                throw new UserInputException($"Unknown procedure '{id}'. Known procedures: {string.Join(", ", ProcedureDefinition.All.Select(p => p.Id))}.");
            }

            stdout.Write(parse.GetValue(format) == "dot" ? definition.ToDot() : definition.ToMermaid());
            stdout.WriteLine();
            return ExitCodes.Success;
        });
        return ToolHelp.WithExamples(
            command,
            "consensussim graph consensus",
            "# Graphviz: pipe it into dot -Tsvg to draw it.",
            "consensussim graph consensus --format dot");
    }
}
