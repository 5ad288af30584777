using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ConsensusSim.Analysis;

namespace ConsensusSim.Cli;

/// <summary><c>consensussim power --quota Q --weights w1,w2,…</c>: exact power indices of a weighted voting game.</summary>
internal static class PowerCommand
{
    /// <summary>The library's parameters as <c>power</c> names them: the weights' own problems are --weights', the quota's range and the tables' size the quota's.</summary>
    private static readonly OptionNames Names = OptionNames.Of(("weights", "--weights:"), ("quota", "--quota:"), ("game", "--quota:"));

    public static Command Create(TextWriter stdout)
    {
        var quota = new Option<long>("--quota", "-q") { Description = "Weight a coalition needs to win.", Required = true };
        var weights = new Option<string>("--weights", "-w") { Description = "Comma-separated whole weights, one per player.", Required = true };
        var labels = new Option<string?>("--labels", "-l") { Description = "Comma-separated player names (default 1, 2, …)." };
        var index = new Option<string>("--index", "-i") { Description = "banzhaf (normalised) or shapley-shubik.", DefaultValueFactory = _ => "banzhaf" };
        CommandLineValues.OneOf(index, "banzhaf", "shapley-shubik");
        var json = new Option<string?>("--json") { Description = "Also write {\"index\", \"quota\", \"players\": [{\"label\", \"weight\", \"value\"}]} to this path." };
        var command = new Command("power", "Exact Banzhaf or Shapley–Shubik indices of a weighted voting game.")
        {
            quota, weights, labels, index, json,
        };
        command.SetAction(parse => Execute(stdout, parse.GetValue(quota), parse.GetValue(weights)!, parse.GetValue(labels), parse.GetValue(index)!, parse.GetValue(json)));
        return ToolHelp.WithExamples(
            command,
            "# The UN Security Council: five permanent members of weight 7, ten of weight 1, quota 39.",
            "consensussim power --quota 39 --weights 7,7,7,7,7,1,1,1,1,1,1,1,1,1,1 --index shapley-shubik");
    }

    private static int Execute(TextWriter stdout, long quota, string weightText, string? labelText, string index, string? jsonPath)
    {
        // The path is checked before the indices are computed, which can take a while.
        var plan = new OutputPlan(stdout, []);
        var jsonOutput = jsonPath is null ? null : plan.File("--json", jsonPath);
        var weights = Weights(weightText);
        string[] labels = Labels(labelText, weights.Count);

        // Refused before any table is allocated when the quota makes the tables exceed PowerIndices.MaxTableBytes.
        var (game, values) = Names.Call(() =>
        {
            var made = new WeightedVotingGame(weights, quota);
            return (made, index == "shapley-shubik" ? PowerIndices.ShapleyShubik(made) : PowerIndices.BanzhafNormalized(made));
        });

        var ci = CultureInfo.InvariantCulture;
        stdout.WriteLine(string.Create(ci, $"{(index == "shapley-shubik" ? "Shapley–Shubik" : "Normalised Banzhaf")} index, quota {quota} of {game.TotalWeight}"));
        for (int i = 0; i < values.Length; i++)
        {
            stdout.WriteLine(string.Create(ci, $"  {labels[i],-20} weight {weights[i],8}   {values[i]:0.0000}"));
        }

        stdout.WriteLine(string.Create(ci, $"  {"sum",-20} {string.Empty,15}   {values.Sum():0.0000}"));
        jsonOutput?.Set(Json(index, quota, labels, weights, values));
        plan.Commit();

        return ExitCodes.Success;
    }

    private static List<long> Weights(string text)
    {
        var weights = new List<long>();
        foreach (string part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!long.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out long w))
            {
                throw new UserInputException(string.Create(CultureInfo.InvariantCulture, $"--weights: '{part}' is not a whole number from 0 to {long.MaxValue:N0}."));
            }

            weights.Add(w);
        }

        return weights;
    }

    private static string[] Labels(string? text, int count)
    {
        string[] labels = text is null
            ? [.. Enumerable.Range(1, count).Select(i => i.ToString(CultureInfo.InvariantCulture))]
            : text.Split(',', StringSplitOptions.TrimEntries);
        if (labels.Length != count)
        {
            throw new UserInputException($"--labels has {labels.Length} names for {count} weights.");
        }

        if (Array.FindIndex(labels, string.IsNullOrEmpty) is int empty and >= 0)
        {
            throw new UserInputException($"--labels: name {empty + 1} of {labels.Length} is empty.");
        }

        return labels;
    }

    private static string Json(string index, long quota, string[] labels, List<long> weights, double[] values)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("index", index);
            w.WriteNumber("quota", quota);
            w.WriteStartArray("players");
            for (int i = 0; i < labels.Length; i++)
            {
                w.WriteStartObject();
                w.WriteString("label", labels[i]);
                w.WriteNumber("weight", weights[i]);
                w.WriteNumber("value", values[i]);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
