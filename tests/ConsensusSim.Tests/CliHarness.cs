using ConsensusSim.Cli;

namespace ConsensusSim.Tests;

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
}
