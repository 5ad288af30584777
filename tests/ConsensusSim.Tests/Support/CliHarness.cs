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

    /// <summary>
    /// Standard error without the progress lines a run prints once it has taken a second, which a loaded machine may reach
    /// in any run: what remains is what the command said beyond progress.
    /// </summary>
    public static string WithoutProgress(string stderr) =>
        string.Join('\n', stderr.Split('\n').Where(l => !System.Text.RegularExpressions.Regex.IsMatch(l, @"^\s*[\d,]+/[\d,]+ trials \(")));

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
