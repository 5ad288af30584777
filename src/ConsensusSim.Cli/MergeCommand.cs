using System.CommandLine;
using System.Globalization;
using ConsensusSim.Serialization;
using ConsensusSim.Simulation;

namespace ConsensusSim.Cli;

/// <summary><c>consensussim merge part-*.json --out result.json</c>: combines shard results into the whole run's result, bit for bit.</summary>
internal static class MergeCommand
{
    public static Command Create(TextWriter stdout)
    {
        var parts = new Argument<string[]>("parts") { Description = "The shard results (from run --shard I/N --json …).", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--out", "-o") { Description = "Where to write the merged result (JSON).", Required = true };
        var command = new Command("merge", "Merge the results of all shards of a run. Refuses (exit 2, nothing written) a missing or duplicate shard, or parts of another scenario, seed, trial count or version. Example: consensussim merge part-*.json --out result.json")
        {
            parts, output,
        };
        command.SetAction(parse =>
        {
            var files = parse.GetValue(parts)!;
            var results = new List<SimulationResult>();
            foreach (string file in files)
            {
                if (!File.Exists(file))
                {
                    throw new UserInputException($"{file}: no such result file.");
                }

                try
                {
                    results.Add(ResultJson.Deserialize(File.ReadAllText(file)));
                }
                catch (InvalidDataException ex)
                {
                    throw new UserInputException($"{file}: {ex.Message}");
                }
            }

            SimulationResult merged;
            try
            {
                merged = SimulationResult.Merge(results);
            }
            catch (ResultMergeException ex)
            {
                throw new UserInputException(string.Join(Environment.NewLine, ex.Problems.Select(p => "cannot merge: " + p)));
            }

            string path = parse.GetValue(output)!;
            AtomicFile.WriteAllText(path, RunRecord.Annotate(ResultJson.Serialize(merged), new Dictionary<string, object?> { ["mergedFrom"] = files }));
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"merged {results.Count} shards: {merged.Trials:N0} trials of {merged.Provenance.ScenarioName}; P(adopted) = {merged.Adopted}"));
            stdout.WriteLine($"  written to {path}");
            return ExitCodes.Success;
        });
        return command;
    }
}
