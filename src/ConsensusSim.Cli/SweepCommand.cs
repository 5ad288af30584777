using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using ConsensusSim.Model;
using ConsensusSim.Reporting;
using ConsensusSim.Serialization;
using ConsensusSim.Simulation;

namespace ConsensusSim.Cli;

/// <summary>
/// <c>consensussim sweep scenario.json --vary tension=0:1:0.1 --out results.csv</c>: runs a full grid
/// over scenario parameters and writes one tidy CSV row per design point and outcome.
/// </summary>
internal static class SweepCommand
{
    private static readonly string[] OutcomeColumns = ["point"];

    public static Command Create(TextWriter stdout)
    {
        var scenario = new Argument<string>("scenario") { Description = "The scenario file to vary." };
        var vary = new Option<string[]>("--vary", "-v")
        {
            Description = "PATH=START:STOP:STEP or PATH=A,B,C; repeat for a full grid (with --design lhs: PATH=LOW:HIGH). PATH is a dot path in the scenario file (behaviour.tension, overrides.RUS.linkage, proposal.draft[0]) or a shorthand: tension, topic, susceptibility, blocCorrelation, maxRounds.",
            AllowMultipleArgumentsPerToken = false,
        };
        var design = new Option<string>("--design") { Description = "grid (default), lhs (Latin hypercube; needs --points) or the path of a CSV file whose header names the paths and whose rows are the design points.", DefaultValueFactory = _ => "grid" };
        var points = new Option<int?>("--points") { Description = "Number of Latin hypercube points." };
        var output = new Option<string>("--out", "-o") { Description = "The CSV file to write (long format, one row per design point and outcome).", Required = true };
        var trials = new Option<long?>("--trials", "-n") { Description = "Trials per design point (default: the scenario's)." };
        var seed = new Option<ulong?>("--seed", "-s") { Description = "Seed for every design point (common random numbers make curves smooth)." };
        var threads = new Option<int?>("--threads", "-t") { Description = "Worker threads (default: all cores)." };
        var part = new Option<string?>("--part") { Description = "Run only part I of N of the design points (points I, I+N, I+2N, …), e.g. 2/8, for a cluster array; 'consensussim merge' joins the parts' CSV files." };
        var conditional = new Option<bool>("--conditional") { Description = "Also estimate P(adopted) at every design point by conditional Monte Carlo (an adopted_conditional row); every point must be a single meeting vote under a consensus rule." };
        var chart = new Option<string?>("--chart") { Description = "Also draw P(adopted) against the first varied parameter (one curve per value of the second) with 95 % bands, as PATH.png and PATH.svg." };
        var command = new Command("sweep", "Run a grid of design points over scenario parameters. Example: consensussim sweep samples/scenarios/thesis-counter-terrorism.json --vary tension=0:1:0.1 --vary topic=counter-terrorism,migration,arms-control --out results.csv")
        {
            scenario, vary, design, points, output, trials, seed, threads, chart, part, conditional,
        };
        command.SetAction(parse => Execute(
            stdout,
            parse.GetValue(scenario)!,
            Design(parse.GetValue(vary) ?? [], parse.GetValue(design)!, parse.GetValue(points), parse.GetValue(seed)),
            parse.GetValue(output)!,
            parse.GetValue(trials),
            parse.GetValue(seed),
            parse.GetValue(threads),
            parse.GetValue(chart),
            Part(parse.GetValue(part), parse.GetValue(chart)),
            parse.GetValue(conditional)));
        return command;
    }

    internal static IReadOnlyList<(string Path, IReadOnlyList<string> Values)> ParseVaries(IEnumerable<string> varies)
    {
        var result = new List<(string, IReadOnlyList<string>)>();
        foreach (string spec in varies)
        {
            int eq = spec.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || eq == spec.Length - 1)
            {
                throw new UserInputException($"--vary '{spec}': expected PATH=START:STOP:STEP or PATH=A,B,C.");
            }

            string path = spec[..eq];
            string values = spec[(eq + 1)..];
            result.Add((path, values.Contains(':', StringComparison.Ordinal) ? Range(spec, values) : values.Split(',', StringSplitOptions.TrimEntries)));
        }

        return result;
    }

    private static string[] Range(string spec, string text)
    {
        var parts = text.Split(':');
        if (parts.Length != 3
            || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double start)
            || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double stop)
            || !double.TryParse(parts[2], NumberStyles.Float, CultureInfo.InvariantCulture, out double step)
            || !double.IsFinite(start) || !double.IsFinite(stop) || !(step > 0) || stop < start)
        {
            throw new UserInputException($"--vary '{spec}': a range is START:STOP:STEP with STEP > 0 and STOP ≥ START.");
        }

        // Count steps in whole numbers so 0:1:0.1 gives exactly 11 points despite binary rounding.
        long count = (long)Math.Floor(((stop - start) / step) + 1e-9) + 1;
        if (count > 10_000)
        {
            throw new UserInputException($"--vary '{spec}': {count} points; at most 10,000 per parameter.");
        }

        return [.. Enumerable.Range(0, (int)count).Select(k => Math.Round(start + (k * step), 12).ToString("R", CultureInfo.InvariantCulture))];
    }

    internal static (List<string> Paths, List<IReadOnlyList<KeyValuePair<string, string>>> Points) Design(string[] varies, string design, int? points, ulong? seed)
    {
        if (design == "grid")
        {
            if (varies.Length == 0)
            {
                throw new UserInputException("A grid needs at least one --vary.");
            }

            var parameters = ParseVaries(varies);
            return ([.. parameters.Select(p => p.Path)], SweepDesign.Grid(parameters));
        }

        if (design == "lhs")
        {
            if (points is not int n || n < 1 || n > 100_000)
            {
                throw new UserInputException("--design lhs needs --points N with 1 ≤ N ≤ 100,000.");
            }

            var ranges = varies.Select(LhsRange).ToList();
            if (ranges.Count == 0)
            {
                throw new UserInputException("--design lhs needs at least one --vary PATH=LOW:HIGH.");
            }

            return ([.. ranges.Select(r => r.Path)], SweepDesign.LatinHypercube(ranges, n, seed ?? 1975));
        }

        if (varies.Length > 0)
        {
            throw new UserInputException("A design file sets the design points; --vary cannot be combined with it.");
        }

        return SweepDesign.FromCsv(design);
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

    private static (string Path, double Low, double High) LhsRange(string spec)
    {
        int eq = spec.IndexOf('=', StringComparison.Ordinal);
        var bounds = eq > 0 ? spec[(eq + 1)..].Split(':') : [];
        if (bounds.Length < 2
            || !double.TryParse(bounds[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double low)
            || !double.TryParse(bounds[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double high)
            || !(high > low))
        {
            throw new UserInputException($"--vary '{spec}': a Latin hypercube range is PATH=LOW:HIGH with HIGH > LOW.");
        }

        return (spec[..eq], low, high);
    }

    private static int Execute(TextWriter stdout, string path, (List<string> Paths, List<IReadOnlyList<KeyValuePair<string, string>>> Points) design, string output, long? trials, ulong? seed, int? threads, string? chart, ShardSpec? part, bool conditional)
    {
        RunLimits.CheckTrials(trials);
        RunLimits.CheckThreads(threads);
        if (!File.Exists(path))
        {
            throw new UserInputException($"{path}: no such scenario file.");
        }

        string json = File.ReadAllText(path);
        var grid = design.Points;

        // Validate every design point before running any, so a bad grid fails fast and writes nothing.
        var all = grid.Select(point => ScenarioVariation.Apply(json, point, path)).ToList();

        // Round-robin parts balance slow and fast regions of the design; point numbers stay global.
        int[] numbers = [.. Enumerable.Range(0, all.Count).Where(k => part is not { } p || k % p.Count == p.Index - 1)];
        if (part is { } empty && numbers.Length == 0)
        {
            throw new UserInputException(string.Create(CultureInfo.InvariantCulture, $"--part {empty}: the sweep has {all.Count} design points, so part {empty.Index} of {empty.Count} would hold none; use at most {all.Count} parts."));
        }
        var scenarios = numbers.Select(k => all[k]).ToList();
        var compiled = scenarios.Select(x => x.Compile()).ToList();
        for (int k = 0; conditional && k < compiled.Count; k++)
        {
            if (!MonteCarloRunner.SupportsConditionalMonteCarlo(compiled[k], out string? why))
            {
                throw new UserInputException($"design point {numbers[k] + 1} ({string.Join(", ", grid[numbers[k]].Select(a => $"{a.Key}={a.Value}"))}): conditional Monte Carlo does not apply: {why}");
            }
        }

        if (part is { } selected)
        {
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  part {selected}: {scenarios.Count} of {all.Count} design points"));
        }

        string temp = Path.GetFullPath(output) + ".partial";
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
        var clock = Stopwatch.StartNew();
        var curve = new List<SweepPoint>();
        using (var writer = new StreamWriter(temp))
        {
            writer.WriteLine(Csv.Row([.. OutcomeColumns, .. design.Paths, "outcome", "probability", "standard_error", "ci95_lower", "ci95_upper", "trials", "seed"]));

            // Design points run in parallel, each on one thread; rows are written in point order as soon
            // as every earlier point is done, so the file is the same whatever the scheduling.
            var results = new SimulationResult?[scenarios.Count];
            using var finished = new SemaphoreSlim(0);
            var runner = Task.Run(() => Parallel.For(0, scenarios.Count, new ParallelOptions { MaxDegreeOfParallelism = threads ?? Environment.ProcessorCount }, k =>
            {
                results[k] = MonteCarloRunner.Run(compiled[k], new SimulationOptions { Trials = trials, Seed = seed, MaxDegreeOfParallelism = 1, ConditionalMonteCarlo = conditional });
                finished.Release();
            }));

            // If a point fails, wake the writer so it can rethrow instead of waiting for that point forever.
            _ = runner.ContinueWith(_ => finished.Release(scenarios.Count + 1), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            for (int k = 0; k < scenarios.Count; k++)
            {
                while (Volatile.Read(ref results[k]) is null)
                {
                    finished.Wait();
                    if (runner.IsFaulted)
                    {
                        runner.GetAwaiter().GetResult();
                    }
                }

                var result = results[k]!;
                var point = grid[numbers[k]];
                curve.Add(new SweepPoint(
                    double.TryParse(point[0].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double x) ? x : k + 1,
                    point.Count > 1 ? point[1].Value : string.Empty,
                    result.Adopted.Probability,
                    result.Adopted.Ci95Lower,
                    result.Adopted.Ci95Upper));
                void Row(string name, double probability, double standardError, double lower, double upper, long trials) => writer.WriteLine(Csv.Row([
                    (numbers[k] + 1).ToString(CultureInfo.InvariantCulture),
                    .. point.Select(a => a.Value),
                    name,
                    F(probability),
                    F(standardError),
                    F(lower),
                    F(upper),
                    trials.ToString(CultureInfo.InvariantCulture),
                    result.Provenance.Seed.ToString(CultureInfo.InvariantCulture),
                ]));

                foreach (var (name, e) in ResultCsv.NamedOutcomes(result))
                {
                    Row(name, e.Probability, e.StandardError, e.Ci95Lower, e.Ci95Upper, e.Trials);
                }

                if (result.ConditionalAdopted is { } c)
                {
                    Row("adopted_conditional", c.Probability, c.StandardError, c.Ci95Lower, c.Ci95Upper, c.Trials);
                }

                // Rows reach the disk as each point finishes, so a long sweep can be watched.
                writer.Flush();
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  point {numbers[k] + 1}/{all.Count}: {string.Join(", ", point.Select(a => $"{a.Key}={a.Value}"))} → P(adopted) {result.Adopted.Probability:0.0000}"));
                results[k] = null;
            }

            runner.GetAwaiter().GetResult();
        }

        File.Move(temp, output, overwrite: true);
        if (chart is not null)
        {
            var plot = SweepChart.Create(curve, design.Paths[0], Path.GetFileNameWithoutExtension(path));
            plot.SavePng(chart + ".png", ResultCharts.Width, ResultCharts.Height);
            File.WriteAllText(chart + ".svg", plot.GetSvgXml(ResultCharts.Width, ResultCharts.Height));
            stdout.WriteLine($"  chart written to {chart}.png and {chart}.svg");
        }
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {scenarios.Count} design points in {clock.Elapsed.TotalSeconds:0.0} s; written to {output}"));
        return ExitCodes.Success;
    }

    private static string F(double x) => x.ToString("R", CultureInfo.InvariantCulture);
}
