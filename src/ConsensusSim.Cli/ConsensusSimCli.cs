using System.CommandLine;
using System.CommandLine.Invocation;
using ConsensusSim.Calibration;
using ConsensusSim.Model;
using ConsensusSim.Serialization;
using ConsensusSim.Simulation;

namespace ConsensusSim.Cli;

/// <summary>The command tree and its error handling: invalid input exits 2 with a one-line reason per problem, never a stack trace.</summary>
internal static class ConsensusSimCli
{
    /// <summary>Runs one command line and returns its exit code.</summary>
    /// <param name="args">The command line.</param>
    /// <param name="stdout">Where results go.</param>
    /// <param name="stderr">Where problems go.</param>
    /// <param name="interrupt">Cancelled like Ctrl+C or SIGTERM: how tests interrupt 'run' and 'sweep' in-process.</param>
    /// <returns>The exit code (<see cref="ExitCodes"/>).</returns>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken interrupt = default)
    {
        stdout = PrintableWriter.Wrap(stdout);
        stderr = PrintableWriter.Wrap(stderr);
        var root = new RootCommand("ConsensusSim: Monte Carlo simulation of OSCE consensus decision-making.")
        {
            RunCommand.Create(stdout, stderr, interrupt),
            MergeCommand.Create(stdout, stderr),
            ValidateCommand.Create(stdout),
            DescribeCommand.Create(stdout),
            InitCommand.Create(stdout, stderr),
            SchemaCommand.Create(stdout),
            GraphCommand.Create(stdout),
            SweepCommand.Create(stdout, stderr, interrupt),
            PowerCommand.Create(stdout),
            ImportCommand.Create(stdout, stderr),
            SlurmCommand.Create(stdout),
            CalibrateCommand.Create(stdout, stderr, interrupt),
        };

        ToolHelp.WithExamples(
            root,
            "consensussim run",
            "consensussim init border-management",
            "consensussim describe border-management.json",
            "consensussim run border-management.json --trials 20000 --out results",
            "# Paths under samples/ are in the source repository.",
            "consensussim run samples/scenarios/migration-mc.json --trials 20000");
        CommandLineValues.Apply(root);
        ToolHelp.Install(root);
        var parsed = root.Parse(args);
        if (parsed.Action is ParseErrorAction refused)
        {
            return ParseFailure.Report(parsed, refused, stderr);
        }

        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (Exception ex) when (Failure(ex) is { } failure)
        {
            stderr.WriteLine(failure.Message);
            return failure.Code;
        }
    }

    /// <summary>
    /// The exit code and message of what a command threw, the one place that decides them; <see langword="null"/> for a
    /// bug, which is left to crash with its stack trace.
    /// </summary>
    private static (int Code, string Message)? Failure(Exception ex) => ex switch
    {
        ScenarioValidationException invalid => (ExitCodes.InvalidInput, ScenarioSource.Describe(invalid, null)),
        CalibrationSpecException spec => (ExitCodes.InvalidInput, ScenarioSource.Describe(spec.Problems, spec.Source ?? "calibration spec")),

        // A scenario --conditional does not apply to, a FIFO, a device, a file over its limit or not UTF-8: the user's input, not a failure of the tool.
        UserInputException or ConditionalMonteCarloNotApplicableException or InputFileException => (ExitCodes.InvalidInput, $"consensussim: {ex.Message}"),
        OperationCanceledException => (ExitCodes.Interrupted, "consensussim: cancelled."),
        IOException or UnauthorizedAccessException or InvalidOperationException => (ExitCodes.Failure, $"consensussim: {ex.Message}"),
        _ => null,
    };
}
