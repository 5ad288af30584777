using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ConsensusSim.Serialization;

namespace ConsensusSim.Tests.Support;

/// <summary>Edits a result or checkpoint file the way a hand, a script or a damaged disk would.</summary>
internal static partial class ResultFileEdits
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static JsonObject Tallies(JsonNode root) => root["tallies"]!.AsObject();

    public static long Long(JsonNode root, string name) => Tallies(root)[name]!.GetValue<long>();

    public static long At(JsonNode root, string array, int index) => Tallies(root)[array]![index]!.GetValue<long>();

    public static void Set(JsonNode root, string name, long value) => Tallies(root)[name] = value;

    public static void SetAt(JsonNode root, string array, int index, long value) => Tallies(root)[array]![index] = value;

    /// <summary>Applies <paramref name="edit"/> to the file and writes it back indented, one array element a line.</summary>
    public static void Edit(string file, Action<JsonNode> edit)
    {
        var root = JsonNode.Parse(File.ReadAllText(file))!;
        edit(root);
        File.WriteAllText(file, root.ToJsonString(Indented));
    }

    /// <summary>Replaces one decimal digit of a number: the tens, or the units when there are none.</summary>
    public static long ChangeOneDigit(long value) => value >= 10 ? (value % 100 / 10 == 9 ? value - 10 : value + 10) : (value == 9 ? 8 : value + 1);

    /// <summary>
    /// Recomputes the checksum over the edited tallies, as a forger who knows the format would, so that the
    /// consistency checks behind the checksum are tested on their own.
    /// </summary>
    public static void Reseal(JsonNode root)
    {
        var (id, acc) = ResultTallies.ReadUnverified(JsonDocument.Parse(Tallies(root).ToJsonString()).RootElement);
        Tallies(root)["checksum"] = TallyChecksum.Compute(id, acc);
    }

    /// <summary>
    /// The 1-based line of <c>$.tallies.name</c> (or of element <paramref name="index"/> of it) in an indented file,
    /// found from the text alone so that the reader's own line map is not what checks it.
    /// </summary>
    public static int LineOf(string file, string name, int? index = null)
    {
        string[] lines = File.ReadAllLines(file);
        int tallies = Array.FindIndex(lines, l => l.TrimStart().StartsWith("\"tallies\"", StringComparison.Ordinal));
        var property = new Regex($"^\\s*\"{Regex.Escape(name)}\"\\s*:");
        int line = Array.FindIndex(lines, tallies, l => property.IsMatch(l));
        Assert.True(line >= 0, $"no \"{name}\" in the tallies of {file}");
        return line + 1 + (index is int i ? i + 1 : 0);
    }

    /// <summary>The location a refusal must name: <c>file:line: $.tallies.name</c>.</summary>
    public static string Location(string file, string name, int? index = null) =>
        $"{file}:{LineOf(file, name, index)}: $.tallies.{name}{(index is int i ? $"[{i}]" : string.Empty)}";

    /// <summary>Adds one chunk of <paramref name="trials"/> trials, all adopted in round 1 with nobody objecting: consistent in every sum.</summary>
    public static void AddUnopposedChunk(JsonNode root, long trials)
    {
        Set(root, "completedChunks", Long(root, "completedChunks") + 1);
        foreach (string name in new[] { "trials", "adopted" })
        {
            Set(root, name, Long(root, name) + trials);
        }

        Set(root, "ambitionSumNano", Long(root, "ambitionSumNano") + (trials * 1_000_000_000L));
        SetAt(root, "objectorCounts", 0, At(root, "objectorCounts", 0) + trials);
        SetAt(root, "adoptedInRound", 0, At(root, "adoptedInRound", 0) + trials);
        SetAt(root, "ambitionHistogram", 9, At(root, "ambitionHistogram", 9) + trials);
    }

    /// <summary>Two rounds instead of three, the third round's adoptions folded into the second, resealed: consistent, but another scenario.</summary>
    public static void DropThirdRound(JsonNode root)
    {
        var rounds = Tallies(root)["adoptedInRound"]!.AsArray();
        long third = rounds[2]!.GetValue<long>();
        rounds.RemoveAt(2);
        rounds[1] = rounds[1]!.GetValue<long>() + third;
        Set(root, "maxRounds", 2);
        Reseal(root);
    }

    /// <summary>The third State dropped, its blocker counts removed and the three-objector bin folded into the two-objector bin, resealed.</summary>
    public static void DropThirdState(JsonNode root)
    {
        var t = Tallies(root);
        foreach (string name in new[] { "states", "stateNames", "blocked", "soleBlocker" })
        {
            t[name]!.AsArray().RemoveAt(2);
        }

        var counts = t["objectorCounts"]!.AsArray();
        counts[2] = counts[2]!.GetValue<long>() + counts[3]!.GetValue<long>();
        counts.RemoveAt(3);
        Reseal(root);
    }
}
