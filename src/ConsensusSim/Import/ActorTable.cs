using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ConsensusSim.Model;
using ConsensusSim.Serialization;

namespace ConsensusSim.Import;

/// <summary>
/// An actor × issue table as political scientists keep them for decide or KTAB: actors with a
/// power, and per issue a position and a salience. <see cref="ToScenarioJson"/> turns it into a
/// runnable scenario whose participants are the table's actors.
/// </summary>
/// <remarks><threadsafety>Immutable.</threadsafety></remarks>
public sealed class ActorTable
{
    /// <summary>
    /// The largest table file <see cref="DecideFormat.Load"/> and <see cref="KtabFormat.Load"/> read,
    /// in bytes (4 MiB); published decide and KTAB tables are a few kilobytes.
    /// </summary>
    public const int MaxFileBytes = 4 << 20;

    /// <summary>
    /// The most actor × issue cells a table may have (2²⁰ = 1,048,576), so also the most actors or issues: the readers
    /// refuse a file that declares more before allocating its table. A table's scenario must also fit in
    /// <see cref="ScenarioJson.MaxFileBytes"/>, which takes far fewer cells.
    /// </summary>
    public const int MaxCells = 1 << 20;

    /// <summary>Creates a table.</summary>
    /// <param name="title">The table's title.</param>
    /// <param name="format">The format it was read from, for example <c>decide</c>.</param>
    /// <param name="issues">The issues, at least one.</param>
    /// <param name="actors">The actors, at least one, each with one position and salience per issue.</param>
    /// <exception cref="ArgumentException">No issue or actor, more than <see cref="MaxCells"/> cells, an actor without one position and salience per issue, or one whose saliences are all 0.</exception>
    public ActorTable(string title, string format, IReadOnlyList<ActorTableIssue> issues, IReadOnlyList<ActorTableActor> actors)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(format);
        ArgumentNullException.ThrowIfNull(issues);
        ArgumentNullException.ThrowIfNull(actors);
        if (TableText.TooManyCells(actors.Count, issues.Count) is { } tooMany)
        {
            throw new ArgumentException(tooMany, nameof(actors));
        }

        if (issues.Any(i => i is null))
        {
            throw new ArgumentException("An issue is null.", nameof(issues));
        }

        if (actors.Any(a => a is null))
        {
            throw new ArgumentException("An actor is null.", nameof(actors));
        }

        if (issues.Count == 0 || actors.Count == 0)
        {
            throw new ArgumentException("A table needs at least one issue and one actor.", nameof(actors));
        }

        if (actors.Any(a => a.Positions.Count != issues.Count))
        {
            throw new ArgumentException("Every actor needs one position and one salience per issue.", nameof(actors));
        }

        if (actors.FirstOrDefault(a => a.Saliences.All(w => w == 0)) is { } indifferent)
        {
            throw new ArgumentException(NoSalience(indifferent.Code), nameof(actors));
        }

        Title = title;
        Format = format;
        Issues = issues;
        Actors = actors;
    }

    /// <summary>The table's title.</summary>
    public string Title { get; }

    /// <summary>The format it was read from: <c>decide</c> or <c>ktab</c>.</summary>
    public string Format { get; }

    /// <summary>The issues, which become the scenario's dimensions.</summary>
    public IReadOnlyList<ActorTableIssue> Issues { get; }

    /// <summary>The actors, which become the scenario's participants.</summary>
    public IReadOnlyList<ActorTableActor> Actors { get; }

    /// <summary>
    /// The draft the scenario starts from: per issue, the mean of the actors' positions weighted by
    /// power × salience, on [0, 1] (the expected outcome of Stokman's compromise model); 0.5 where no
    /// actor has both power and salience. Powers and saliences up to 1e308 and down to 1e-320 keep their ratios.
    /// </summary>
    /// <returns>One coordinate per issue.</returns>
    public IReadOnlyList<double> CompromiseDraft()
    {
        var powers = Actors.Select(a => a.Power).ToArray();
        var draft = new double[Issues.Count];
        for (int k = 0; k < Issues.Count; k++)
        {
            // Weights scaled by one power of two, so that 1e308 × 1e308 is no overflow and the mean is not w / ∞ = 0.
            var saliences = Actors.Select(a => a.Positions[k] is null ? 0 : a.Saliences[k]).ToArray();
            var weights = ScaledArithmetic.Products(powers, saliences);
            double weighted = 0, total = 0;
            for (int i = 0; i < Actors.Count; i++)
            {
                if (Actors[i].Positions[k] is double position)
                {
                    weighted += weights[i] * Issues[k].ToUnit(position);
                    total += weights[i];
                }
            }

            draft[k] = total > 0 ? weighted / total : 0.5;
        }

        return draft;
    }

    /// <summary>
    /// Writes a commented scenario (JSON with comments, as <c>consensussim run</c> reads it): the
    /// actors with their power divided by the largest (so the largest is 1; only ratios matter),
    /// positions rescaled to [0, 1] as ideal points, saliences normalised to sum to 1, the compromise
    /// draft against <paramref name="statusQuo"/>, consensus rule, stance behaviour, a compromising
    /// Chair with up to 10 rounds. Every number is written in its shortest round-trip form.
    /// </summary>
    /// <param name="statusQuo">The status quo on every issue, in [0, 1] (0 = the low end of each scale).</param>
    /// <returns>The scenario text.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="statusQuo"/> is outside [0, 1].</exception>
    public string ToScenarioJson(double statusQuo = 0)
    {
        if (!(statusQuo >= 0 && statusQuo <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(statusQuo), statusQuo, "The status quo is a position in [0, 1].");
        }

        var ci = CultureInfo.InvariantCulture;
        static string S(string text) => "\"" + JsonEncodedText.Encode(text, JavaScriptEncoder.UnsafeRelaxedJsonEscaping) + "\"";
        string Numbers(IEnumerable<double> xs) => "[" + string.Join(", ", xs.Select(Number)) + "]";

        var dimensions = UniqueDimensionIds();
        string name = string.IsNullOrWhiteSpace(Title) ? $"Imported {Format} table" : Title;
        double largestPower = Actors.Max(a => a.Power);
        var powers = ScaledArithmetic.Normalised([.. Actors.Select(a => a.Power)]);
        var sb = new StringBuilder();
        sb.AppendLine(ci, $"// Imported by 'consensussim import --from {Format}' from an actor × issue table.");
        sb.AppendLine("// Positions are rescaled to [0, 1] per issue (the issue's scale: its #M points or 0-100),");
        sb.AppendLine("// saliences are normalised to sum to 1 per actor; power, for weighted rules, is the table's");
        sb.AppendLine(largestPower > 0
            ? $"// power divided by its largest, {Number(largestPower)}, so only ratios count."
            : "// power, which is 0 for every actor: weighted rules need some power.");
        sb.AppendLine("// The draft is the power x salience weighted mean position; the status quo, the noise and the");
        sb.AppendLine("// blocking cost are assumptions of the import: edit them for your case.");
        sb.AppendLine("{");
        sb.AppendLine(ci, $"  \"name\": {S(name)},");
        sb.AppendLine(ci, $"  \"description\": {S($"Imported from a {Format} table: {Actors.Count} actors, {Issues.Count} issues.")},");
        sb.AppendLine(ci, $"  \"dimensions\": [{string.Join(", ", dimensions.Select(S))}],");
        sb.AppendLine("  \"actors\": [");
        for (int i = 0; i < Actors.Count; i++)
        {
            var a = Actors[i];
            sb.AppendLine(ci, $"    {{ \"code\": {S(a.Code)}, \"name\": {S(a.Name)}, \"power\": {Number(powers[i])} }}{(i + 1 < Actors.Count ? "," : string.Empty)}");
        }

        sb.AppendLine("  ],");
        sb.AppendLine("  \"proposal\": {");
        sb.AppendLine(ci, $"    \"title\": {S(name)},");
        sb.AppendLine("    // Topic and body matter only for OSCE hostage-taking, which susceptibility 0 switches off.");
        sb.AppendLine("    \"topic\": \"counter-terrorism\",");
        sb.AppendLine("    \"susceptibility\": 0,");
        sb.AppendLine(ci, $"    \"statusQuo\": {Numbers(Enumerable.Repeat(statusQuo, Issues.Count))},");
        sb.AppendLine(ci, $"    \"draft\": {Numbers(CompromiseDraft())}");
        sb.AppendLine("  },");
        sb.AppendLine("  \"rule\": \"consensus\",");
        sb.AppendLine("  \"chair\": { \"strategy\": \"compromise\", \"step\": 0.25 },");
        sb.AppendLine("  \"behaviour\": { \"model\": \"stance\", \"tension\": 0, \"blocCorrelation\": 0, \"loss\": \"linear\" },");
        sb.AppendLine("  \"defaults\": {");
        sb.AppendLine(ci, $"    \"idealPoint\": {Numbers(Enumerable.Repeat(0.5, Issues.Count))},");
        sb.AppendLine(ci, $"    \"salience\": {Numbers(Shares(new double[Issues.Count]))},");
        sb.AppendLine("    \"blockingCost\": 0.05,");
        sb.AppendLine("    \"noise\": 0.05,");
        sb.AppendLine("    \"linkage\": 0");
        sb.AppendLine("  },");
        sb.AppendLine("  \"overrides\": {");
        for (int i = 0; i < Actors.Count; i++)
        {
            var a = Actors[i];
            var ideal = Issues.Select((issue, k) => a.Positions[k] is double p ? issue.ToUnit(p) : 0.5);
            sb.AppendLine(ci, $"    {S(a.Code)}: {{ \"idealPoint\": {Numbers(ideal)}, \"salience\": {Numbers(Shares(a.Saliences))} }}{(i + 1 < Actors.Count ? "," : string.Empty)}");
        }

        sb.AppendLine("  },");
        sb.AppendLine("  \"procedure\": { \"maxRounds\": 10 },");
        sb.AppendLine("  \"simulation\": { \"trials\": 100000, \"seed\": 1 }");
        sb.AppendLine("}");
        return sb.ToString();
    }

    /// <summary>Reads <see cref="ToScenarioJson"/>'s text back as a validated scenario.</summary>
    /// <param name="statusQuo">The status quo on every issue, in [0, 1].</param>
    /// <returns>The scenario.</returns>
    public Scenario ToScenario(double statusQuo = 0) => ScenarioJson.Parse(ToScenarioJson(statusQuo), $"{Format} import of {Title}");

    /// <summary>
    /// A number as JSON in its shortest round-trip form, so no ratio is lost to rounding (1.4e-6 and 6e-7 stay 7:3).
    /// A non-finite number would make the file unreadable; every number written is a ratio or a share of finite
    /// inputs, so one would be a bug here, not a problem of the table.
    /// </summary>
    private static string Number(double x) => double.IsFinite(x)
        ? (x + 0.0).ToString("R", CultureInfo.InvariantCulture)
        : throw new InvalidOperationException($"The import computed a non-finite number ({x.ToString(CultureInfo.InvariantCulture)}).");

    /// <summary>
    /// Why an actor whose saliences are all 0 is refused: the scenario weighs each participant's issues by shares that sum
    /// to 1, and equal shares would make an actor that cares about nothing care about everything.
    /// </summary>
    internal static string NoSalience(string actor) =>
        $"Actor '{actor}' gives every issue a salience of 0; a scenario weighs each participant's issues by shares that sum to 1, so it would care about all of them equally. Give it a salience on the issues it weighs, or leave it out.";

    /// <summary>Shares that sum to 1, computed from the largest weight down so that weights up to 1e308 do not overflow; equal shares where all weights are 0 (the defaults' salience; no actor has all 0).</summary>
    private static double[] Shares(IReadOnlyList<double> weights)
    {
        var scaled = ScaledArithmetic.Normalised(weights);
        double total = scaled.Sum();
        return [.. scaled.Select(w => total > 0 ? w / total : 1.0 / scaled.Length)];
    }

    private List<string> UniqueDimensionIds()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var ids = new List<string>();
        foreach (var issue in Issues)
        {
            string id = issue.Id;
            for (int n = 2; !seen.Add(id); n++)
            {
                id = $"{issue.Id}-{n}";
            }

            ids.Add(id);
        }

        return ids;
    }
}
