using System.CommandLine;
using ConsensusSim.Reporting;

namespace ConsensusSim.Cli;

/// <summary><c>consensussim describe [scenario.json]</c>: the scenario in words — States, blocs, proposal, rule, the States' parameters, procedure.</summary>
internal static class DescribeCommand
{
    public static Command Create(TextWriter stdout)
    {
        var scenario = new Argument<string?>("scenario") { Description = "Scenario file; omit for the embedded default.", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("describe", "Describe a scenario: its States by bloc, proposals, rule, behaviour, each State parameter's values and who has them, and the procedure's settings.") { scenario };
        command.SetAction(parse =>
        {
            stdout.Write(ScenarioText.Describe(ScenarioSource.Load(parse.GetValue(scenario))));
            return ExitCodes.Success;
        });
        return ToolHelp.WithExamples(
            command,
            "consensussim describe",
            "consensussim describe samples/scenarios/field-mission-mandate.json");
    }
}
