using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using ConsensusSim.Model;
using ConsensusSim.Reporting;
using ConsensusSim.Simulation;
using ConsensusSim.Sweeps;

namespace ConsensusSim.Cli;

/// <summary>
/// <c>consensussim sweep scenario.json --vary tension=0:1:0.1 --out results.csv</c>: runs a full grid
/// over scenario parameters and writes one tidy CSV row per design point and outcome.
/// </summary>
internal static class SweepCommand
{
    /// <summary>
    /// The first characters of the line that ends the CSV of an interrupted sweep: the rows above it are
    /// complete design points, the design's later points are missing. Comment-aware CSV readers skip it.
    /// </summary>
    public const string InterruptedMarker = "# interrupted";

    public static Command Create(TextWriter stdout, TextWriter stderr, CancellationToken interrupt)
    {
        var scenario = new Argument<string>("scenario") { Description = "The scenario file to vary." };
        var vary = new Option<string[]>("--vary", "-v")
        {
            Description = $"PATH=START:STOP:STEP or PATH=A,B,C; repeat for a full grid of at most {SweepDesign.MaxPoints:N0} points (with --design lhs: PATH=LOW:HIGH). PATH is a dot path in the scenario file (behaviour.tension, overrides.RUS.linkage, proposal.draft[0]) or a shorthand: tension, topic, susceptibility, blocCorrelation, maxRounds.",
            AllowMultipleArgumentsPerToken = false,
        };
        var design = new Option<string>("--design") { Description = "grid (default), lhs (Latin hypercube; needs --points) or the path of a CSV file whose header names the paths and whose rows are the design points.", DefaultValueFactory = _ => "grid" };
        var points = new Option<int?>("--points") { Description = $"Number of Latin hypercube points (at most {SweepDesign.MaxPoints:N0})." };
        var output = new Option<string>("--out", "-o") { Description = $"The CSV file to write (long format, one row per design point and outcome; the columns sweep and design_points identify the sweep for 'merge', the last ones its provenance: scenario, scenario_sha256, consensussim_version), or - for standard output. After Ctrl+C or SIGTERM it holds the points completed so far and ends with a line starting '{InterruptedMarker}'.", Required = true };
        var trials = new Option<long?>("--trials", "-n") { Description = "Trials per design point (default: the scenario's)." };
        var seed = new Option<ulong?>("--seed", "-s") { Description = "Seed for every design point (common random numbers make curves smooth)." };
        var threads = new Option<int?>("--threads", "-t") { Description = "Worker threads (default: all cores; at most four per core are started)." };
        var part = new Option<string?>("--part") { Description = "Run only part I of N of the design points (points I, I+N, I+2N, …), e.g. 2/8, for a cluster array; 'consensussim merge' joins the parts' CSV files." };
        var conditional = new Option<bool>("--conditional") { Description = "Also estimate P(adopted) at every design point by conditional Monte Carlo (an adopted_conditional row); every point must be a single meeting vote under a consensus rule." };
        var conditionalOnly = new Option<bool>("--conditional-only") { Description = "Estimate P(adopted) at every design point by conditional Monte Carlo alone (run --conditional-only): each point has its adopted_conditional row only." };
        var checkpoint = new Option<string?>("--checkpoint") { Description = "A folder that keeps each finished design point's result (point-N.json, written atomically); a sweep run again with the same folder (after Ctrl+C, or as a requeued cluster task) reads the points found there instead of running them again, with the same rows." };
        var chart = new Option<string?>("--chart") { Description = "Also draw P(adopted) against the first varied parameter (one curve per value of the second) with 95 % bands, as PATH.png and PATH.svg." };
        var command = new Command("sweep", "Run a grid of design points over scenario parameters.")
        {
            scenario, vary, design, points, output, trials, seed, threads, chart, part, conditional, conditionalOnly, checkpoint,
        };
        command.SetAction(parse => Execute(
            stdout,
            stderr,
            parse.GetValue(scenario)!,
            SweepDesignOptions.FromOptions(parse.GetValue(vary) ?? [], parse.GetValue(design)!, parse.GetValue(points), parse.GetValue(seed)),
            (parse.GetValue(output)!, parse.GetValue(chart)),
            new SweepOptions
            {
                Trials = parse.GetValue(trials),
                Seed = parse.GetValue(seed),
                MaxDegreeOfParallelism = parse.GetValue(threads),
                ConditionalMonteCarlo = parse.GetValue(conditional),
                ConditionalOnly = parse.GetValue(conditionalOnly),
                Part = Part(parse.GetValue(part), parse.GetValue(chart)),
                CheckpointDirectory = Checkpoint(parse.GetValue(checkpoint)),
            },
            interrupt));
        return ToolHelp.WithExamples(
            command,
            "consensussim sweep samples/scenarios/counter-terrorism-pc.json --vary tension=0:1:0.25 --vary topic=counter-terrorism,migration --trials 10000 --out sweep.csv --chart sweep");
    }

    private static ShardSpec? Part(string? text, string? chart)
    {
        if (text is null)
        {
            return null;
        }

        if (!ShardSpec.TryParse(text, out var part))
        {
            throw new UserInputException($"--part '{text}': expected I/N with 1 ≤ I ≤ N, e.g. 2/8.");
        }

        return chart is null ? part : throw new UserInputException("--chart needs every design point; draw it from the merged CSV instead of a part.");
    }

    private static string? Checkpoint(string? folder) => folder switch
    {
        null => null,
        "" => throw new UserInputException("--checkpoint: the folder is empty."),
        _ when File.Exists(folder) => throw new UserInputException($"--checkpoint {folder}: a file, not a folder."),
        _ => folder,
    };

    private static int Execute(TextWriter stdout, TextWriter stderr, string path, SweepDesign design, (string Csv, string? Chart) files, SweepOptions options, CancellationToken interrupt)
    {
        RunLimits.CheckTrials(options.Trials);
        RunLimits.CheckThreads(options.MaxDegreeOfParallelism);
        var plan = SweepPlan.Load(path, design);
        var output = SweepOutput.Plan(stdout, files.Csv, files.Chart, [path, .. SweepDesignOptions.InputFiles(design)]);
        var console = output.UsesStandardOutput ? stderr : stdout;
        var part = options.Part;
        int count = PointsOf(design, part);
        SweepNames.Call(() => options.Validate(design));

        // Each point runs on threads of its own: more than four per core would not run faster, only take memory.
        int threads = Math.Min(options.MaxDegreeOfParallelism ?? Environment.ProcessorCount, 4 * Environment.ProcessorCount);
        if (part is { } selected)
        {
            console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  part {selected}: {count} of {design.Count} design points"));
        }

        // Ctrl+C and SIGTERM: the points completed so far are written, marked; before the first, nothing is.
        using var interruption = new InterruptScope(interrupt);
        using var rows = SweepRows.Create(output, stdout, design.Paths, SweepIdentity.Of(plan, options.Trials, options.Seed), design.Count);
        var clock = Stopwatch.StartNew();
        var running = new SweepOptions
        {
            Trials = options.Trials,
            Seed = options.Seed,
            MaxDegreeOfParallelism = threads,
            ConditionalMonteCarlo = options.ConditionalMonteCarlo,
            ConditionalOnly = options.ConditionalOnly,
            Part = part,
            CheckpointDirectory = options.CheckpointDirectory,
        };
        int written = Run(plan, running, rows, console, interruption.Token);
        if (written < count)
        {
            return Interrupted(stderr, rows, written, count, part, files.Csv);
        }

        string? series = design.Paths.Count > 1 ? design.Paths[1] : null;
        rows.Complete(design.Paths[0], SweepChart.Title(plan.Template.Scenario.Name, design.Paths[0], series), series);
        if (output.Chart is { } chart)
        {
            console.WriteLine($"  chart written to {chart}.png and {chart}.svg");
        }

        console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {count} design points in {clock.Elapsed.TotalSeconds:0.0} s; written to {AtomicFile.Shown(files.Csv)}"));
        return ExitCodes.Success;
    }

    /// <summary>The command line's names for the options the library checks against the design.</summary>
    private static OptionNames SweepNames { get; } = OptionNames.Of(("options.Seed", "--seed"), ("options.Trials", "--trials"), ("options.Part", "--part"), ("options.MaxDegreeOfParallelism", "--threads"));

    /// <summary>The points a part runs; round-robin parts balance slow and fast regions of the design, and point numbers stay global.</summary>
    private static int PointsOf(SweepDesign design, ShardSpec? part)
    {
        int first = part is { } p ? p.Index - 1 : 0;
        int stride = part?.Count ?? 1;
        int count = first >= design.Count ? 0 : ((design.Count - first - 1) / stride) + 1;
        return count > 0
            ? count
            : throw new UserInputException($"--part {part}: the design has {design.Count} points, so part {part?.Index} would have none; use at most {design.Count} parts.");
    }

    /// <summary>Runs the points in the library, beside the check of every point, and writes each row as it comes; returns the points written.</summary>
    private static int Run(SweepPlan plan, SweepOptions options, SweepRows rows, TextWriter console, CancellationToken interrupted)
    {
        var design = plan.Design;
        using var stopRun = CancellationTokenSource.CreateLinkedTokenSource(interrupted);
        using var check = SweepCheck.Start(plan, options.ConditionalMonteCarlo || options.ConditionalOnly, options.MaxDegreeOfParallelism!.Value, stopRun, interrupted);
        int written = 0;
        try
        {
            foreach (var row in SweepRunner.Run(design, plan.ScenarioAt, options, null, stopRun.Token))
            {
                if (check.Passed)
                {
                    rows.Release();
                }

                rows.Write(row);
                written++;
                string saved = row.FromCheckpoint ? " (from --checkpoint)" : string.Empty;
                console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  point {row.Index + 1}/{design.Count}: {SweepPlan.Describe(row.Assignments)} → P(adopted) {Adoption(row.Result)}{saved}"));
            }
        }
        catch (Exception ex)
        {
            // A point that cannot be built or run, or one cut short by the check, is reported as the check reports it, whatever the scheduling.
            check.ThrowProblem(waitForIt: ex is ScenarioValidationException or UserInputException or ArgumentException or ConditionalMonteCarloNotApplicableException or OperationCanceledException);
            if (ex is Serialization.ResultFileException or ArgumentException { ParamName: "options.CheckpointDirectory" })
            {
                throw new UserInputException($"--checkpoint {options.CheckpointDirectory}: {ex.Message}");
            }

            throw;
        }

        // No row reaches its file, or standard output, before every point was checked.
        check.Finish();
        return written;
    }

    /// <summary>A point's P(adopted): counted, or by conditional Monte Carlo when its trials counted nothing.</summary>
    private static string Adoption(SimulationResult r) => r.OutcomesCounted || r.ConditionalAdopted is not { } c
        ? r.Adopted.Probability.ToString("0.0000", CultureInfo.InvariantCulture)
        : c.Probability.ToString("0.00000", CultureInfo.InvariantCulture) + " (conditional only)";

    private static int Interrupted(TextWriter stderr, SweepRows rows, int written, int count, ShardSpec? part, string csv)
    {
        if (written == 0)
        {
            stderr.WriteLine("consensussim: interrupted before any design point completed; nothing was written.");
            return ExitCodes.Interrupted;
        }

        rows.Interrupted($"{InterruptedMarker}: only the first {written} of {count} design points{(part is null ? string.Empty : $" of part {part}")} are above; run the sweep again for all of them");
        stderr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"consensussim: interrupted after {written} of {count} design points; their rows were written to {AtomicFile.Shown(csv)}, which ends with a line starting '{InterruptedMarker}'."));
        return ExitCodes.Interrupted;
    }
}
