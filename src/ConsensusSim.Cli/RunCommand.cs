using System.CommandLine;
using System.Diagnostics;
using ConsensusSim.Serialization;
using ConsensusSim.Simulation;

namespace ConsensusSim.Cli;

/// <summary><c>consensussim run [scenario.json]</c>: runs a scenario and prints P(adopted) with its interval, rounds and blockers.</summary>
internal static class RunCommand
{
    public static Command Create(TextWriter stdout)
    {
        var scenario = new Argument<string?>("scenario")
        {
            Description = "Scenario file (JSON). Omit to run the embedded default: a counter-terrorism decision at the Permanent Council.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var trials = new Option<long?>("--trials", "-n") { Description = "Number of Monte Carlo trials (default: the scenario's)." };
        var seed = new Option<ulong?>("--seed", "-s") { Description = "Run seed (default: the scenario's). Same seed, same result, bit for bit." };
        var threads = new Option<int?>("--threads", "-t") { Description = "Worker threads (default: all cores). Does not change results." };
        var json = new Option<string?>("--json") { Description = "Also write the full result as JSON to this path (written only on success)." };

        var command = new Command("run", "Run a scenario and print the probability of adoption, rounds and blockers.")
        {
            scenario, trials, seed, threads, json,
        };
        command.SetAction(parse => Execute(
            stdout,
            parse.GetValue(scenario),
            parse.GetValue(trials),
            parse.GetValue(seed),
            parse.GetValue(threads),
            parse.GetValue(json)));
        return command;
    }

    private static int Execute(TextWriter stdout, string? path, long? trials, ulong? seed, int? threads, string? jsonPath)
    {
        if (trials is < 1)
        {
            throw new UserInputException($"--trials must be at least 1; got {trials}.");
        }

        if (threads is < 1)
        {
            throw new UserInputException($"--threads must be at least 1; got {threads}.");
        }

        var scenario = ScenarioSource.Load(path);
        var compiled = scenario.Compile();
        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            var clock = Stopwatch.StartNew();
            var result = MonteCarloRunner.Run(
                compiled,
                new SimulationOptions { Trials = trials, Seed = seed, MaxDegreeOfParallelism = threads },
                progress: null,
                cancel.Token);
            clock.Stop();
            stdout.Write(ResultText.Format(scenario, result, clock.Elapsed));
            if (jsonPath is not null)
            {
                AtomicFile.WriteAllText(jsonPath, ResultJson.Serialize(result));
                stdout.WriteLine($"  result written to {jsonPath}");
            }

            return ExitCodes.Success;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }
}
