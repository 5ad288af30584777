using ConsensusSim.Cli;

namespace ConsensusSim.Tests.Support;

/// <summary>Runs the command line in-process and gives each test class a scratch folder of its own.</summary>
public abstract class CliHarness : IDisposable
{
    protected string Dir { get; } = Directory.CreateTempSubdirectory("consensussim-cli-").FullName;

    public void Dispose()
    {
        Directory.Delete(Dir, recursive: true);
        GC.SuppressFinalize(this);
    }

    protected static (int Code, string Out, string Err) Cli(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = ConsensusSimCli.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    protected string F(string name) => Path.Combine(Dir, name);

    /// <summary>A result file without <c>provenance.run</c> (command, options, machine), which differs between runs by design.</summary>
    protected string ResultFile(string name)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(F(name)))!;
        Assert.NotNull(node["provenance"]!["run"]);
        node["provenance"]!.AsObject().Remove("run");
        return node.ToJsonString();
    }
}
