using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using ConsensusSim.Model;
using ConsensusSim.Serialization;
using ConsensusSim.Simulation;
using ConsensusSim.Engine;

namespace ConsensusSim.Cli;

/// <summary><c>consensussim run [scenario.json]</c>: runs a scenario and prints P(adopted) with its interval, rounds and blockers.</summary>
internal static class RunCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr, CancellationToken interrupt)
    {
        var scenario = new Argument<string?>("scenario")
        {
            Description = "Scenario file (JSON). Omit to run the embedded default: a counter-terrorism decision at the Permanent Council.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var trials = new Option<long?>("--trials", "-n") { Description = "Number of Monte Carlo trials (default: the scenario's)." };
        var seed = new Option<ulong?>("--seed", "-s") { Description = "Run seed (default: the scenario's). Same seed, same result, bit for bit." };
        var threads = new Option<int?>("--threads", "-t") { Description = $"Worker threads, 1 to {SimulationOptions.MaxThreads:N0} (default: all cores). Does not change results." };
        var json = new Option<string?>("--json") { Description = "Also write the full result as JSON to this path (after Ctrl+C: the partial result, marked \"complete\": false)." };
        var precision = new Option<double?>("--precision") { Description = "Stop early once the 95 % interval of P(adopted) is at most this wide on each side, e.g. 0.001; --trials is then the maximum." };
        var shard = new Option<string?>("--shard") { Description = "Run only shard I of N of the chunks, e.g. 2/4; combine the parts with 'consensussim merge'." };
        var checkpoint = new Option<string?>("--checkpoint") { Description = "Save the completed chunks to this file every few seconds (atomically) and on Ctrl+C." };
        var every = new Option<double?>("--checkpoint-every") { Description = $"Seconds between checkpoints, {RunLimits.MinCheckpointSeconds:N0} to {RunLimits.MaxCheckpointSeconds:N0} (default 5)." };
        var resume = new Option<bool>("--resume") { Description = "Continue from the --checkpoint file if it exists; the result is bit-identical to an uninterrupted run." };
        var chunk = new Option<int?>("--chunk-size") { Description = $"Trials per chunk (default {SimulationOptions.DefaultChunkSize:N0}); part of a run's identity for shards and checkpoints." };
        var conditional = new Option<bool>("--conditional") { Description = "Also estimate P(adopted) by conditional Monte Carlo (one vote at a meeting, consensus rules): the same quantity with a smaller standard error." };
        var conditionalOnly = new Option<bool>("--conditional-only") { Description = "Estimate P(adopted) by conditional Monte Carlo alone (where --conditional applies): trials draw no State's own noise and take no vote, so they cost a fraction of a counted trial; no other outcome, round or blocker is counted." };
        var rare = new Option<string?>("--rare") { Description = "Also estimate the probability of a rare outcome (adopted or deadlocked) by importance sampling, with its own standard error: for probabilities far too small to count, e.g. 1e-6." };
        rare.AcceptOnlyFromAmong("adopted", "deadlocked");
        var outFolder = new Option<string?>("--out", "-o") { Description = "Write result.json, outcomes.csv and blockers.csv (tidy long format), charts as PNG and SVG, and a self-contained report.html into this folder." };

        var command = new Command("run", "Run a scenario and print the probability of adoption, rounds and blockers.")
        {
            scenario, trials, seed, threads, json, precision, shard, checkpoint, every, resume, chunk, outFolder, conditional, conditionalOnly, rare,
        };
        command.SetAction(parse => Execute(
            stdout,
            stderr,
            parse.GetValue(scenario),
            new RunRequest(parse.GetValue(trials), parse.GetValue(seed), parse.GetValue(threads), parse.GetValue(json), parse.GetValue(precision), parse.GetValue(shard), parse.GetValue(checkpoint), parse.GetValue(resume), parse.GetValue(chunk), parse.GetValue(outFolder), parse.GetValue(every), parse.GetValue(conditional), parse.GetValue(rare), parse.GetValue(conditionalOnly)),
            interrupt));
        return ToolHelp.WithExamples(
            command,
            "consensussim run",
            "consensussim run samples/scenarios/migration-mc.json --trials 100000 --out results",
            "consensussim run samples/scenarios/unified-budget.json --precision 0.01 --checkpoint run.ckpt --resume");
    }

    private static int Execute(TextWriter stdout, TextWriter stderr, string? path, RunRequest request, CancellationToken interrupt)
    {
        request.Check();

        // Every output is checked before a trial runs: a bad path costs a second, not the run.
        var plan = new OutputPlan(stdout, [path]);
        var files = ResultFiles.Declare(plan, request.Json is { } json ? ("--json", json) : null, request.Checkpoint, request.OutFolder);

        // With a result on standard output, the summary for people goes to standard error.
        var console = plan.UsesStandardOutput ? stderr : stdout;
        var scenario = ScenarioSource.Load(path);
        var compiled = scenario.Compile();
        var options = request.ToOptions(Resume(request, console), files.CheckpointWriter());

        // Ctrl+C and SIGTERM stop the run at the next chunk boundary; the partial result is written and marked.
        using var interruption = new InterruptScope(interrupt);
        var clock = Stopwatch.StartNew();
        var names = request.Checkpoint is { } checkpoint ? OptionNames.Run.With("options.ResumeFrom", checkpoint) : OptionNames.Run;
        var result = names.Call(() => Simulate(compiled, options, stderr, interruption.Token));
        clock.Stop();
        files.Set(result, request.Record(path, options), scenario);
        plan.Commit();
        return Report((stdout, stderr, console), scenario, result, clock.Elapsed, files);
    }

    /// <summary>Reads the checkpoint to resume from, if asked and it exists.</summary>
    private static SimulationResult? Resume(RunRequest request, TextWriter console)
    {
        if (!request.Resume || request.Checkpoint is not { } saved || !File.Exists(saved))
        {
            return null;
        }

        SimulationResult resumed;
        try
        {
            resumed = ResultJson.Deserialize(InputFile.ReadAllText(saved, InputLimits.ResultFileBytes, "result files"), saved);
        }
        catch (ResultFileException ex)
        {
            throw new UserInputException($"{ex.Message} (cannot resume from it; nothing was run or written)");
        }

        console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  resuming from {saved}: {resumed.Trials:N0} trials done"));
        return resumed;
    }

    /// <summary>Runs with a live progress bar on a terminal, or plain progress lines for logs.</summary>
    private static SimulationResult Simulate(CompiledScenario compiled, SimulationOptions options, TextWriter stderr, CancellationToken interrupt)
    {
        SimulationResult Run(IProgress<SimulationProgress> progress) => MonteCarloRunner.Run(compiled, options, progress, interrupt);
        return ProgressReporter.IsInteractive(stderr) ? LiveProgress.Run(options.Trials ?? compiled.Scenario.Trials, options.ConditionalOnly, Run) : Run(new ProgressReporter(stderr, options.ConditionalOnly));
    }

    /// <summary>Prints the summary and where the result went; an interrupted run names every file holding its partial result.</summary>
    private static int Report((TextWriter Stdout, TextWriter Stderr, TextWriter Console) to, Scenario scenario, SimulationResult result, TimeSpan elapsed, ResultFiles files)
    {
        if (!result.Provenance.IsComplete)
        {
            // Name every file that now holds the partial result, so none is mistaken for a complete one.
            var holders = files.Holders;
            string where = holders.Count == 0 ? " nowhere: give --json, --checkpoint or --out to keep it" : " to " + string.Join(", ", holders);
            to.Stderr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"consensussim: interrupted after {result.Trials:N0} trials; the partial result (\"complete\": false) was written{where}."));
            if (result.Trials > 0)
            {
                to.Console.Write(ResultText.Format(scenario, result, elapsed));
            }

            return ExitCodes.Interrupted;
        }

        if (ReferenceEquals(to.Console, to.Stdout) && ResultTable.IsInteractive(to.Stdout))
        {
            ResultTable.Write(scenario, result, elapsed);
        }
        else
        {
            to.Console.Write(ResultText.Format(scenario, result, elapsed));
        }

        files.Report(to.Console);
        return ExitCodes.Success;
    }

    /// <summary>The run options as given on the command line.</summary>
    private sealed record RunRequest(long? Trials, ulong? Seed, int? Threads, string? Json, double? Precision, string? Shard, string? Checkpoint, bool Resume, int? ChunkSize, string? OutFolder, double? CheckpointEvery, bool Conditional, string? Rare = null, bool ConditionalOnly = false)
    {
        /// <summary>The shard, once <see cref="Check"/> has accepted its text.</summary>
        private ShardSpec? ParsedShard => Shard is { } text && ShardSpec.TryParse(text, out var shard) ? shard : null;

        /// <summary>The checks only the command line makes: the shard's syntax and the checkpoint options; the library checks the values it is given.</summary>
        public void Check()
        {
            if (Shard is { } text && ParsedShard is null)
            {
                throw new UserInputException($"--shard '{text}': expected I/N with 1 ≤ I ≤ N, e.g. 2/4.");
            }

            RunLimits.CheckCheckpointEvery(CheckpointEvery);
            if (CheckpointEvery is not null && Checkpoint is null)
            {
                throw new UserInputException("--checkpoint-every needs --checkpoint <path>.");
            }

            if (Resume && Checkpoint is null)
            {
                throw new UserInputException("--resume needs --checkpoint <path>.");
            }
        }

        public SimulationOptions ToOptions(SimulationResult? resumed, Action<SimulationResult>? checkpoint) => new()
        {
            Trials = Trials,
            Seed = Seed,
            MaxDegreeOfParallelism = Threads,
            ChunkSize = ChunkSize ?? SimulationOptions.DefaultChunkSize,
            Precision = Precision,
            Shard = ParsedShard,
            ResumeFrom = resumed,
            Checkpoint = checkpoint,
            CheckpointInterval = TimeSpan.FromSeconds(CheckpointEvery ?? 5),
            ConditionalMonteCarlo = Conditional,
            ConditionalOnly = ConditionalOnly,
            RareEvent = Rare switch { "adopted" => RareOutcome.Adopted, "deadlocked" => RareOutcome.Deadlocked, _ => null },
        };

        /// <summary>The options as the result file's provenance records them.</summary>
        public Dictionary<string, object?> Record(string? path, SimulationOptions options) => new()
        {
            ["scenarioFile"] = path,
            ["threads"] = options.MaxDegreeOfParallelism ?? Math.Min(Environment.ProcessorCount, SimulationOptions.MaxThreads),
            ["chunkSize"] = options.ChunkSize,
            ["precision"] = options.Precision,
            ["shard"] = options.Shard?.ToString(),
            ["resumedFrom"] = options.ResumeFrom is null ? null : Checkpoint,
        };
    }
}
