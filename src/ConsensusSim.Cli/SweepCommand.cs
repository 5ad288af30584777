using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using ConsensusSim.Model;
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
            Description = "PATH=START:STOP:STEP or PATH=A,B,C; repeat for a full grid. PATH is a dot path in the scenario file (behaviour.tension, overrides.RUS.linkage, proposal.draft[0]) or a shorthand: tension, topic, susceptibility, blocCorrelation, maxRounds.",
            Required = true,
            AllowMultipleArgumentsPerToken = false,
        };
        var output = new Option<string>("--out", "-o") { Description = "The CSV file to write (long format, one row per design point and outcome).", Required = true };
        var trials = new Option<long?>("--trials", "-n") { Description = "Trials per design point (default: the scenario's)." };
        var seed = new Option<ulong?>("--seed", "-s") { Description = "Seed for every design point (common random numbers make curves smooth)." };
        var threads = new Option<int?>("--threads", "-t") { Description = "Worker threads (default: all cores)." };
        var command = new Command("sweep", "Run a grid of design points over scenario parameters. Example: consensussim sweep samples/scenarios/thesis-counter-terrorism.json --vary tension=0:1:0.1 --vary topic=counter-terrorism,migration,arms-control --out results.csv")
        {
            scenario, vary, output, trials, seed, threads,
        };
        command.SetAction(parse => Execute(
            stdout,
            parse.GetValue(scenario)!,
            parse.GetValue(vary) ?? [],
            parse.GetValue(output)!,
            parse.GetValue(trials),
            parse.GetValue(seed),
            parse.GetValue(threads)));
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

    private static int Execute(TextWriter stdout, string path, string[] varies, string output, long? trials, ulong? seed, int? threads)
    {
        if (!File.Exists(path))
        {
            throw new UserInputException($"{path}: no such scenario file.");
        }

        var parameters = ParseVaries(varies);
        string json = File.ReadAllText(path);
        var grid = parameters.Aggregate(
            (IEnumerable<IReadOnlyList<KeyValuePair<string, string>>>)[[]],
            (points, p) => points.SelectMany(point => p.Values.Select(v => (IReadOnlyList<KeyValuePair<string, string>>)[.. point, new(p.Path, v)])))
            .ToList();

        // Validate every design point before running any, so a bad grid fails fast and writes nothing.
        var scenarios = grid.Select(point => ScenarioVariation.Apply(json, point, path)).ToList();

        string temp = Path.GetFullPath(output) + ".partial";
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
        var clock = Stopwatch.StartNew();
        using (var writer = new StreamWriter(temp))
        {
            writer.WriteLine(Csv.Row([.. OutcomeColumns, .. parameters.Select(p => p.Path), "outcome", "probability", "standard_error", "ci95_lower", "ci95_upper", "trials", "seed"]));
            for (int k = 0; k < scenarios.Count; k++)
            {
                var result = MonteCarloRunner.Run(scenarios[k].Compile(), new SimulationOptions { Trials = trials, Seed = seed, MaxDegreeOfParallelism = threads });
                foreach (var (name, estimate) in Outcomes(result))
                {
                    writer.WriteLine(Csv.Row([
                        (k + 1).ToString(CultureInfo.InvariantCulture),
                        .. grid[k].Select(a => a.Value),
                        name,
                        F(estimate.Probability),
                        F(estimate.StandardError),
                        F(estimate.Ci95Lower),
                        F(estimate.Ci95Upper),
                        estimate.Trials.ToString(CultureInfo.InvariantCulture),
                        result.Provenance.Seed.ToString(CultureInfo.InvariantCulture),
                    ]));
                }

                // Rows reach the disk as each point finishes, so a long sweep can be watched.
                writer.Flush();
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  point {k + 1}/{scenarios.Count}: {string.Join(", ", grid[k].Select(a => $"{a.Key}={a.Value}"))} → P(adopted) {result.Adopted.Probability:0.0000}"));
            }
        }

        File.Move(temp, output, overwrite: true);
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {scenarios.Count} design points in {clock.Elapsed.TotalSeconds:0.0} s; written to {output}"));
        return ExitCodes.Success;
    }

    private static IEnumerable<(string Name, OutcomeEstimate Estimate)> Outcomes(SimulationResult r)
    {
        yield return ("adopted", r.Adopted);
        yield return ("deadlocked", r.Deadlocked);
        yield return ("adopted_with_statements", r.AdoptedWithStatements);
        yield return ("adopted_over_objections", r.AdoptedOverObjections);
        yield return ("adopted_by_silence", r.AdoptedBySilence);
        yield return ("adopted_at_ministerial_council", r.AdoptedAtMinisterialCouncil);
        yield return ("escalated_to_ministerial_council", r.Escalated);
        if (r.AllAdoptedSeparately is { } all)
        {
            yield return ("all_adopted_separately", all);
        }
    }

    private static string F(double x) => x.ToString("R", CultureInfo.InvariantCulture);
}
