using ConsensusSim.Cli;
using ConsensusSim.Procedures;

namespace ConsensusSim.Tests.Procedures;

public class ProcedureGraphTests
{
    [Fact]
    public void The_OSCE_procedure_exports_to_Mermaid_with_its_guards()
    {
        string mermaid = ProcedureDefinition.OsceConsensus.ToMermaid();
        Assert.StartsWith("stateDiagram-v2", mermaid, StringComparison.Ordinal);
        Assert.Contains("[*] --> Tabled", mermaid, StringComparison.Ordinal);
        Assert.Contains("CouncilMeeting --> SilenceProcedure : Decide [no objection to putting it under silence]", mermaid, StringComparison.Ordinal);
        Assert.Contains("SilenceProcedure --> ChairRevises : SilenceEnds [blocked, rounds remain]", mermaid, StringComparison.Ordinal);
        Assert.Contains("MinisterialCouncil --> Reverted : Decide [blocked]", mermaid, StringComparison.Ordinal);

        // A semicolon ends a Mermaid statement, so guard texts must not contain one.
        Assert.DoesNotContain(";", mermaid, StringComparison.Ordinal);
    }

    [Fact]
    public void The_OSCE_procedure_exports_to_DOT()
    {
        string dot = ProcedureDefinition.OsceConsensus.ToDot();
        Assert.StartsWith("digraph {", dot, StringComparison.Ordinal);
        Assert.Contains("\"ChairRevises\" -> \"CouncilMeeting\" [style=\"solid\", label=\"Revise\"];", dot, StringComparison.Ordinal);
        Assert.Equal(dot.Count(c => c == '{'), dot.Count(c => c == '}'));
    }

    [Theory]
    [InlineData("mermaid", "stateDiagram-v2")]
    [InlineData("dot", "digraph")]
    public void The_graph_command_prints_the_diagram(string format, string start)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = ConsensusSimCli.Run(["graph", "consensus", "--format", format], output, error);
        Assert.Equal(0, code);
        Assert.StartsWith(start, output.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("graph", "no-such-procedure")]
    [InlineData("graph", "consensus", "--format", "png")]
    public void The_graph_command_refuses_unknown_procedures_and_formats(params string[] args)
    {
        var error = new StringWriter();
        Assert.Equal(2, ConsensusSimCli.Run(args, new StringWriter(), error));
        Assert.NotEmpty(error.ToString());
    }
}
