using System.CommandLine;

namespace ConsensusSim.Cli;

/// <summary><c>consensussim validate scenario.json</c>: checks a scenario file and lists every problem with its JSON path and line.</summary>
internal static class ValidateCommand
{
    public static Command Create(TextWriter stdout)
    {
        var file = new Argument<string>("scenario") { Description = "The scenario file to check." };
        var command = new Command("validate", "Check a scenario file; exit code 2 and one line per problem (file:line: JSON path: message) if it is invalid.") { file };
        command.SetAction(parse =>
        {
            string path = parse.GetValue(file)!;
            var scenario = ScenarioSource.Load(path);
            stdout.WriteLine($"{path}: valid — {scenario.DescribeParticipants()}, {scenario.Dimensions.Count} dimensions, topic {scenario.Proposal.Topic}, rule {scenario.Rule}, {scenario.Behaviour.Model} behaviour.");
            return ExitCodes.Success;
        });
        return ToolHelp.WithExamples(
            command,
            "consensussim validate samples/scenarios/chairmanship.json");
    }
}
