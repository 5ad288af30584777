using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using ConsensusSim.Reporting;
using ConsensusSim.Serialization;
using ConsensusSim.Simulation;

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
        var threads = new Option<int?>("--threads", "-t") { Description = "Worker threads (default: all cores). Does not change results." };
        var json = new Option<string?>("--json") { Description = "Also write the full result as JSON to this path (after Ctrl+C: the partial result, marked \"complete\": false)." };
        var precision = new Option<double?>("--precision") { Description = "Stop early once the 95 % interval of P(adopted) is at most this wide on each side, e.g. 0.001; --trials is then the maximum." };
        var shard = new Option<string?>("--shard") { Description = "Run only shard I of N of the chunks, e.g. 2/4; combine the parts with 'consensussim merge'." };
        var checkpoint = new Option<string?>("--checkpoint") { Description = "Save the completed chunks to this file every few seconds (atomically) and on Ctrl+C." };
        var every = new Option<double?>("--checkpoint-every") { Description = "Seconds between checkpoints (default 5)." };
        var resume = new Option<bool>("--resume") { Description = "Continue from the --checkpoint file if it exists; the result is bit-identical to an uninterrupted run." };
        var chunk = new Option<int?>("--chunk-size") { Description = $"Trials per chunk (default {SimulationOptions.DefaultChunkSize:N0}); part of a run's identity for shards and checkpoints." };
        var conditional = new Option<bool>("--conditional") { Description = "Also estimate P(adopted) by conditional Monte Carlo (one vote at a meeting, consensus rules): the same quantity with a smaller standard error." };
        var outFolder = new Option<string?>("--out", "-o") { Description = "Write result.json, outcomes.csv and blockers.csv (tidy long format), charts as PNG and SVG, and a self-contained report.html into this folder." };

        var command = new Command("run", "Run a scenario and print the probability of adoption, rounds and blockers. Examples: consensussim run | consensussim run samples/scenarios/migration-mc.json --trials 1000000 --out results | consensussim run samples/scenarios/unified-budget.json --precision 0.001 --checkpoint run.ckpt --resume")
        {
            scenario, trials, seed, threads, json, precision, shard, checkpoint, every, resume, chunk, outFolder, conditional,
        };
        command.SetAction(parse => Execute(
            stdout,
            stderr,
            parse.GetValue(scenario),
            new RunRequest(parse.GetValue(trials), parse.GetValue(seed), parse.GetValue(threads), parse.GetValue(json), parse.GetValue(precision), parse.GetValue(shard), parse.GetValue(checkpoint), parse.GetValue(resume), parse.GetValue(chunk), parse.GetValue(outFolder), parse.GetValue(every), parse.GetValue(conditional)),
            interrupt));
        return command;
    }

    private static int Execute(TextWriter stdout, TextWriter stderr, string? path, RunRequest request, CancellationToken interrupt)
    {
        var options = request.ToOptions();

        // Every output is checked before a trial runs: a bad path costs a second, not the run.
        var plan = new OutputPlan(stdout, [path]);
        var jsonOutput = request.Json is { } json ? plan.File("--json", json) : null;
        var checkpointOutput = request.Checkpoint is { } checkpoint ? plan.File("--checkpoint", checkpoint, OutputRules.NotStandardOutput | OutputRules.RegularFile) : null;
        var folder = request.OutFolder is { } outFolder ? plan.Folder("--out", outFolder, FolderFiles) : null;

        // With a result on standard output, the summary for people goes to standard error.
        var console = plan.UsesStandardOutput ? stderr : stdout;
        var scenario = ScenarioSource.Load(path);
        var compiled = scenario.Compile();
        CheckShardHoldsTrials(options, scenario.Trials);
        SimulationResult? resumed = null;
        if (request.Resume && request.Checkpoint is { } saved && File.Exists(saved))
        {
            try
            {
                resumed = ResultJson.Deserialize(InputFile.ReadAllText(saved, InputLimits.ResultFileBytes, "result files"), saved);
            }
            catch (ResultFileException ex)
            {
                throw new UserInputException($"{ex.Message} (cannot resume from it; nothing was run or written)");
            }

            console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  resuming from {saved}: {resumed.Trials:N0} trials done"));
        }

        // Ctrl+C and SIGTERM stop the run at the next chunk boundary; the partial result is written and marked.
        using (var interruption = new InterruptScope(interrupt))
        {
            var clock = Stopwatch.StartNew();
            bool interactive = ProgressReporter.IsInteractive(stderr);
            var simulation = new SimulationOptions
            {
                Trials = options.Trials,
                Seed = options.Seed,
                MaxDegreeOfParallelism = options.MaxDegreeOfParallelism,
                ChunkSize = options.ChunkSize,
                Precision = options.Precision,
                Shard = options.Shard,
                ResumeFrom = resumed,
                Checkpoint = checkpointOutput is { } file ? partial => AtomicFile.WriteAllText(file.Target, ResultJson.Serialize(partial)) : null,
                CheckpointInterval = TimeSpan.FromSeconds(request.CheckpointEvery ?? 5),
                ConditionalMonteCarlo = options.ConditionalMonteCarlo,
            };
            SimulationResult result;
            try
            {
                SimulationResult Simulate(IProgress<SimulationProgress> progress) => MonteCarloRunner.Run(compiled, simulation, progress, interruption.Token);
                if (interactive)
                {
                    result = LiveProgress.Run(options.Trials ?? scenario.Trials, Simulate);
                }
                else
                {
                    var plain = new ProgressReporter(stderr);
                    result = Simulate(plain);
                }
            }
            catch (ArgumentException ex) when (ex.Message.StartsWith("Conditional Monte Carlo does not apply", StringComparison.Ordinal))
            {
                throw new UserInputException(ex.Message.Split(" (Parameter", StringSplitOptions.None)[0]);
            }
            catch (ArgumentException ex) when (resumed is not null)
            {
                throw new UserInputException($"{request.Checkpoint}: {ex.Message.Split(" (Parameter", StringSplitOptions.None)[0]}");
            }

            clock.Stop();
            string serialized = RunRecord.Annotate(ResultJson.Serialize(result), new Dictionary<string, object?>
            {
                ["scenarioFile"] = path,
                ["threads"] = options.MaxDegreeOfParallelism ?? Environment.ProcessorCount,
                ["chunkSize"] = options.ChunkSize,
                ["precision"] = options.Precision,
                ["shard"] = options.Shard?.ToString(),
                ["resumedFrom"] = resumed is null ? null : request.Checkpoint,
            });
            checkpointOutput?.Set(serialized);
            jsonOutput?.Set(serialized);
            if (folder is not null)
            {
                folder[ResultFile].Set(serialized);
                folder["outcomes.csv"].Set(ResultCsv.Outcomes(result));
                folder["blockers.csv"].Set(ResultCsv.Blockers(result));
                if (result.Trials > 0)
                {
                    var charts = ResultCharts.Render(result, scenario.Catalog);
                    foreach (var chart in charts)
                    {
                        folder[chart.Name + ".png"].Set(chart.Png.ToArray());
                        folder[chart.Name + ".svg"].Set(chart.Svg);
                    }

                    folder[ReportFile].Set(HtmlReport.Render(scenario, result, charts.ToDictionary(c => c.Name, c => c.InlineSvg, StringComparer.Ordinal)));
                }
            }

            plan.Commit();
            if (!result.Provenance.IsComplete)
            {
                // Name every file that now holds the partial result, so none is mistaken for a complete one.
                var holders = new[] { jsonOutput, checkpointOutput, folder?[ResultFile] }.OfType<Output>().Select(o => AtomicFile.Shown(o.Path)).ToList();
                string where = holders.Count == 0 ? " nowhere: give --json, --checkpoint or --out to keep it" : " to " + string.Join(", ", holders);
                stderr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"consensussim: interrupted after {result.Trials:N0} trials; the partial result (\"complete\": false) was written{where}."));
                if (result.Trials > 0)
                {
                    console.Write(ResultText.Format(scenario, result, clock.Elapsed));
                }

                return ExitCodes.Interrupted;
            }

            if (ReferenceEquals(console, stdout) && ResultTable.IsInteractive(stdout))
            {
                ResultTable.Write(scenario, result, clock.Elapsed);
            }
            else
            {
                console.Write(ResultText.Format(scenario, result, clock.Elapsed));
            }

            if (jsonOutput is not null)
            {
                console.WriteLine($"  result written to {AtomicFile.Shown(jsonOutput.Path)}");
            }

            if (request.OutFolder is { } outputs)
            {
                console.WriteLine($"  result.json, outcomes.csv, blockers.csv, charts (PNG, SVG) and report.html written to {outputs}");
            }

            return ExitCodes.Success;
        }
    }

    private const string ResultFile = "result.json";
    private const string ReportFile = "report.html";

    /// <summary>Every file <c>--out</c> may write, checked before the run.</summary>
    private static IEnumerable<string> FolderFiles =>
        [ResultFile, "outcomes.csv", "blockers.csv", ReportFile, .. ResultCharts.Names.SelectMany(n => new[] { n + ".png", n + ".svg" })];

    /// <summary>Refuses a split into more shards than the run has chunks: some shard would hold no trials, and its result would be NaN.</summary>
    private static void CheckShardHoldsTrials(SimulationOptions options, long scenarioTrials)
    {
        if (options.Shard is not { } shard)
        {
            return;
        }

        long trials = options.Trials ?? scenarioTrials;
        long chunks = ((trials - 1) / options.ChunkSize) + 1;
        if (shard.Count > chunks)
        {
            string s = chunks == 1 ? string.Empty : "s";
            throw new UserInputException(string.Create(CultureInfo.InvariantCulture, $"--shard {shard}: {trials:N0} trials make {chunks:N0} chunk{s} of {options.ChunkSize:N0}, so the run splits into at most {chunks:N0} shard{s}; shard {shard} would hold no trials or leave another shard with none. Use fewer shards or a smaller --chunk-size."));
        }
    }

    /// <summary>The run options as given on the command line, checked.</summary>
    private sealed record RunRequest(long? Trials, ulong? Seed, int? Threads, string? Json, double? Precision, string? Shard, string? Checkpoint, bool Resume, int? ChunkSize, string? OutFolder, double? CheckpointEvery, bool Conditional)
    {
        public SimulationOptions ToOptions()
        {
            RunLimits.CheckTrials(Trials);
            RunLimits.CheckThreads(Threads);

            if (ChunkSize is < 1)
            {
                throw new UserInputException($"--chunk-size must be at least 1; got {ChunkSize}.");
            }

            if (Precision is double p && !(p > 0 && p < 1))
            {
                throw new UserInputException($"--precision must lie between 0 and 1; got {p.ToString(CultureInfo.InvariantCulture)}.");
            }

            ShardSpec? shard = null;
            if (Shard is { } text)
            {
                if (!ShardSpec.TryParse(text, out var parsed))
                {
                    throw new UserInputException($"--shard '{text}': expected I/N with 1 ≤ I ≤ N, e.g. 2/4.");
                }

                shard = parsed;
            }

            if (shard is not null && Precision is not null)
            {
                throw new UserInputException("--precision cannot be combined with --shard: the stopping point needs the whole run in order.");
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

            return new SimulationOptions { Trials = Trials, Seed = Seed, MaxDegreeOfParallelism = Threads, Precision = Precision, Shard = shard, ChunkSize = ChunkSize ?? SimulationOptions.DefaultChunkSize, ConditionalMonteCarlo = Conditional };
        }
    }
}
