using System.CommandLine;
using System.Globalization;
using ConsensusSim.Serialization;
using ConsensusSim.Simulation;
using ConsensusSim.Sweeps;

namespace ConsensusSim.Cli;

/// <summary><c>consensussim merge part-*.json --out result.json</c>: combines shard results into the whole run's result, bit for bit.</summary>
internal static class MergeCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var parts = new Argument<string[]>("parts") { Description = "The shard results (from run --shard I/N --json …), or the CSV files of a sweep's parts (from sweep --part I/N).", Arity = ArgumentArity.ZeroOrMore };
        var list = new Option<string?>("--list") { Description = $"A file naming the parts, one path a line (relative to the current folder; blank lines are skipped), for more parts than a command line holds; at most {PartList.MaxParts:N0}." };
        var output = new Option<string>("--out", "-o") { Description = "Where to write the merged result (JSON, or CSV for sweep parts).", Required = true };
        var points = new Option<int?>("--points") { Description = $"For sweep parts: the sweep's number of design points (1 to {SweepDesign.MaxPoints:N0}), checked against the parts' design_points column." };
        var command = new Command("merge", "Merge the results of all shards of a run (bit-identical to one machine's run), or the CSV parts of a sweep. Refuses (exit 2, nothing written) a missing or duplicate shard or design point, or parts of another scenario, design, seed, trial count or version.")
        {
            parts, list, output, points,
        };
        command.SetAction(parse =>
        {
            string? named = parse.GetValue(list);
            return Execute(stdout, stderr, [.. parse.GetValue(parts) ?? [], .. named is null ? [] : PartList.Read(named)], named, parse.GetValue(output)!, parse.GetValue(points));
        });
        return ToolHelp.WithExamples(
            command,
            "# Two shards of one run (on two machines, say), merged into the result of a single run:",
            "consensussim run --trials 20000 --shard 1/2 --json part-1.json",
            "consensussim run --trials 20000 --shard 2/2 --json part-2.json",
            "consensussim merge part-1.json part-2.json --out result.json");
    }

    private static int Execute(TextWriter stdout, TextWriter stderr, string[] files, string? listFile, string output, int? points)
    {
        if (files.Length == 0)
        {
            throw new UserInputException("merge needs the parts: give their files, or --list FILE naming them.");
        }

        if (points is { } given && given is < 1 or > SweepDesign.MaxPoints)
        {
            throw new UserInputException(string.Create(CultureInfo.InvariantCulture, $"--points must be between 1 and {SweepDesign.MaxPoints:N0} (a sweep's design points); got {given}."));
        }

        // The list is an input too: merging over it would leave a file of JSON where the names of the parts were.
        var plan = new OutputPlan(stdout, [.. files, listFile]);
        bool csv = files.All(f => f.EndsWith(".csv", StringComparison.OrdinalIgnoreCase));
        var sweepOutput = csv ? plan.File("--out", output) : null;
        var resultFiles = csv ? null : ResultFiles.Declare(plan, ("--out", output));
        var console = plan.UsesStandardOutput ? stderr : stdout;
        if (sweepOutput is not null)
        {
            return MergeSweepParts(files, points, plan, sweepOutput, console);
        }

        if (files.Any(f => f.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)))
        {
            throw new UserInputException("cannot merge: give either shard results (JSON) or sweep parts (CSV), not both.");
        }

        if (points is not null)
        {
            throw new UserInputException("--points is the size of a sweep; it applies to sweep parts (CSV), not to shard results.");
        }

        var merged = Merge(files);
        resultFiles!.Set(merged, new Dictionary<string, object?> { ["mergedFrom"] = files }, scenario: null);
        plan.Commit();
        console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"merged {files.Length} shards: {merged.Trials:N0} trials of {merged.Provenance.ScenarioName}; {(merged.OutcomesCounted ? $"P(adopted) = {merged.Adopted}" : "outcomes not counted (conditional-only)")}"));
        if (merged.ConditionalAdopted is { } conditional)
        {
            console.WriteLine($"  P(adopted) by conditional Monte Carlo = {conditional}");
        }

        if (merged.RareEvent is { } rare)
        {
            console.WriteLine($"  {rare}");
        }

        console.WriteLine($"  written to {AtomicFile.Shown(resultFiles.Json!.Path)}");
        return ExitCodes.Success;
    }

    /// <summary>Joins the CSV parts of a sweep.</summary>
    private static int MergeSweepParts(string[] files, int? points, OutputPlan plan, Output target, TextWriter console)
    {
        using var joined = new StringWriter(CultureInfo.InvariantCulture);
        int count = SweepParts.Merge(files, points, joined);
        target.Set(joined.ToString());
        plan.Commit();
        console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"merged {files.Length} sweep parts: {count} design points written to {AtomicFile.Shown(target.Path)}"));
        return ExitCodes.Success;
    }

    /// <summary>Reads the shard results and merges them, naming the file of every part a problem is about.</summary>
    private static SimulationResult Merge(string[] files)
    {
        var results = new List<SimulationResult>();
        foreach (string file in files)
        {
            if (!File.Exists(file) && !Directory.Exists(file))
            {
                throw new UserInputException($"{file}: no such result file.");
            }

            try
            {
                results.Add(ResultJson.Deserialize(InputFile.ReadAllText(file, InputLimits.ResultFileBytes, "result files"), file));
            }
            catch (ResultFileException ex)
            {
                throw new UserInputException($"{ex.Message} (cannot merge it; nothing was written)");
            }
        }

        try
        {
            return SimulationResult.Merge(results);
        }
        catch (ResultMergeException ex)
        {
            // The library numbers the parts as given; name their files too.
            string parts = string.Join(", ", files.Select((f, i) => string.Create(CultureInfo.InvariantCulture, $"part {i + 1} is {f}")));
            throw new UserInputException(string.Join(Environment.NewLine, ex.Problems.Select(p => "cannot merge: " + p).Append($"({parts}; nothing was written)")));
        }
    }
}
