using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ConsensusSim.Import;
using ConsensusSim.Tests.Support;

namespace ConsensusSim.Tests.Import.Hostile;

/// <summary>
/// <c>import</c> with extreme numbers (probe item 7 after issue 15): powers, saliences, positions and scale points from
/// 1e-320 to 1.8e308 keep their ratios in the scenario written, which holds only finite numbers in round-trip form, and
/// runs with the power-weighted results the table implies; number text that is not finite is refused at its line.
/// </summary>
public sealed class ImportPowerTests : CliHarness
{
    private static readonly JsonDocumentOptions WithComments = new() { CommentHandling = JsonCommentHandling.Skip };

    /// <summary>Writes <paramref name="text"/> as table.txt, imports it and returns the exit code, stderr and the scenario written (or null).</summary>
    private (int Code, string Err, JsonNode? Scenario) Import(string format, string text)
    {
        File.WriteAllText(F("table.txt"), text);
        var (code, _, err) = Cli("import", "--from", format, F("table.txt"), "--out", F("scenario.json"));
        var scenario = File.Exists(F("scenario.json")) ? JsonNode.Parse(File.ReadAllText(F("scenario.json")), documentOptions: WithComments) : null;
        return (code, err, scenario);
    }

    private static double[] Numbers(JsonNode? array) => [.. array!.AsArray().Select(x => (double)x!)];

    private static double[] Powers(JsonNode scenario) => [.. scenario["actors"]!.AsArray().Select(a => (double)a!["power"]!)];

    [Fact]
    public void Decide_rows_of_power_1e308_give_the_power_weighted_draft_not_the_position_of_nobody()
    {
        // Two actors of equal power at 0 and 1: the draft is 0.5. Before, the total power was ∞ and the draft 1e308 / ∞ = 0.
        var (code, err, scenario) = Import("decide", "#A;a;A\n#A;b;B\n#P;i;Issue\n#D;a;i;0;1;1e308\n#D;b;i;1;1;1e308\n");
        Assert.True(code == 0, err);
        Assert.Equal([0.5], Numbers(scenario!["proposal"]!["draft"]));
        Assert.Equal([1.0, 1.0], Powers(scenario));
    }

    [Fact]
    public void A_decide_actors_power_is_the_mean_of_its_rows_even_where_their_sum_is_beyond_a_double()
    {
        // 1e308 + 1e308 = ∞ and 2 × 1.8e308 = ∞; the means are the powers themselves. Before, the first was refused at line 3.
        var table = DecideFormat.Parse("#P;x;X\n#P;y;Y\n#A;a;A\n#A;b;B\n#D;a;x;10;1;1e308\n#D;a;y;10;1;1e308\n#D;b;x;0;1;1.7976931348623157e308\n#D;b;y;0;1;1.7976931348623157e308\n", "big.csv");
        Assert.Equal([1e308, double.MaxValue], table.Actors.Select(a => a.Power));

        // Ordinary powers keep the plain mean bit for bit.
        Assert.Equal((0.1 + 0.7) / 2, DecideFormat.Parse("#P;x;X\n#P;y;Y\n#A;a;A\n#D;a;x;10;1;0.1\n#D;a;y;10;1;0.7\n", "small.csv").Actors[0].Power);
    }

    [Fact]
    public void Ktab_powers_below_a_millionth_keep_their_ratios_in_the_scenario()
    {
        // 1.4e-6 : 6e-7 : 4e-7 is 7 : 3 : 2. Before, six decimals wrote 1E-06, 1E-06 and 0.
        var (code, err, scenario) = Import("ktab", "tiny,desc,3,1\nActor,Description,Power,P1,S1\nA,a,0.0000014,0,50\nB,b,0.0000006,100,50\nC,c,0.0000004,50,50\n");
        Assert.True(code == 0, err);
        Assert.Equal([1, 0.0000006 / 0.0000014, 0.0000004 / 0.0000014], Powers(scenario!));
        Assert.Equal(((0.3 * 1) + (0.2 * 0.5)) / 1.2, Numbers(scenario!["proposal"]!["draft"])[0], 15);
    }

    [Fact]
    public void Ktab_powers_of_1e308_import_instead_of_failing_on_a_file_never_written()
    {
        // Before: "scenario.json:20: $: 'N' is an invalid start of a value", a NaN draft reported against the output.
        var (code, err, scenario) = Import("ktab", "big,desc,2,1\nActor,Description,Power,P1,S1\nA,a,1e308,0,50\nB,b,1e308,100,50\n");
        Assert.True(code == 0, err);
        Assert.Equal([1.0, 1.0], Powers(scenario!));
        Assert.Equal([0.5], Numbers(scenario!["proposal"]!["draft"]));
        Assert.DoesNotContain("NaN", File.ReadAllText(F("scenario.json")), StringComparison.Ordinal);
    }

    public static TheoryData<string, string, double, long> WeightedCases() => new()
    {
        // A and B hold half the power each (C next to none); A always objects, so 50 % < 60 % support: never adopted.
        { "A,a,1e308,0,50\nB,b,1e308,100,50\nC,c,1,50,50", "A", 0.6, 0 },

        // A holds 70 %, B 30 %: B objecting leaves 70 % ≥ 65 %, always adopted; A objecting leaves 30 %, never.
        { "A,a,0.0000014,0,50\nB,b,0.0000006,100,50", "B", 0.65, 2000 },
        { "A,a,0.0000014,0,50\nB,b,0.0000006,100,50", "A", 0.65, 0 },
    };

    [Theory]
    [MemberData(nameof(WeightedCases))]
    public void An_imported_table_run_under_a_power_weighted_rule_gives_the_result_its_powers_imply(string rows, string objector, double weightShare, long adopted)
    {
        int actors = rows.Split('\n').Length;
        var (code, err, scenario) = Import("ktab", $"weighted,desc,{actors},1\nActor,Description,Power,P1,S1\n{rows}\n");
        Assert.True(code == 0, err);

        // The import's negotiation swapped for one sure objector, so the outcome of every trial is known.
        scenario!["rule"] = JsonNode.Parse(string.Create(CultureInfo.InvariantCulture, $$"""{"kind": "qualified-majority", "weight": "power", "weightShare": {{weightShare}}}"""));
        scenario["behaviour"] = JsonNode.Parse("""{"model": "fixed-objection"}""");
        scenario.AsObject().Remove("chair");
        scenario["defaults"]!["objectionProbability"] = 0;
        scenario["overrides"]![objector]!["objectionProbability"] = 1;
        File.WriteAllText(F("weighted.json"), scenario.ToJsonString());

        (code, _, err) = Cli("run", F("weighted.json"), "--trials", "2000", "--json", F("result.json"));
        Assert.True(code == 0, err);
        var result = JsonNode.Parse(File.ReadAllText(F("result.json")))!;
        Assert.Equal(adopted, (long)result["outcomes"]!["adopted"]!["count"]!);
    }

    [Fact]
    public void Positions_and_scale_points_across_the_whole_double_range_become_ideal_points_in_0_to_1()
    {
        // The scale from -1.8e308 to 1.8e308 is wider than a double; before, (p - min) / (max - min) was ∞ / ∞ = NaN.
        const string Table = "#A;a;A\n#A;b;B\n#A;c;C\n#P;i;Issue\n#M;i;-1.7976931348623157e308;low\n#M;i;1.7976931348623157e308;high\n"
            + "#D;a;i;-1.7976931348623157e308;1;1\n#D;b;i;1.7976931348623157e308;1;1\n#D;c;i;0;1;1\n";
        var (code, err, scenario) = Import("decide", Table);
        Assert.True(code == 0, err);
        Assert.Equal([0.0], Numbers(scenario!["overrides"]!["a"]!["idealPoint"]));
        Assert.Equal([1.0], Numbers(scenario["overrides"]!["b"]!["idealPoint"]));
        Assert.Equal([0.5], Numbers(scenario["overrides"]!["c"]!["idealPoint"]));
        Assert.Equal([0.5], Numbers(scenario["proposal"]!["draft"]));

        var wide = new ActorTableIssue("i", "issue", -double.MaxValue, double.MaxValue);
        Assert.Equal(0.75, wide.ToUnit(double.MaxValue / 2), 15);
        Assert.Equal(0.5, wide.ToUnit(0));
    }

    [Fact]
    public void Saliences_and_products_of_power_and_salience_beyond_a_double_keep_their_ratios()
    {
        // Saliences of 1e308 on two issues share 0.5 each; before, their sum was ∞ and the shares 1 and 0.
        var (code, err, scenario) = Import("decide", "#A;a;A\n#P;i;I\n#P;j;J\n#D;a;i;0;1e308;1\n#D;a;j;1;3e307;1\n");
        Assert.True(code == 0, err);
        Assert.Equal([1e308 / 1.3e308, 3e307 / 1.3e308], Numbers(scenario!["overrides"]!["a"]!["salience"]), new Tolerance(1e-15));

        // Power 1e300 × salience 1e300 overflows; the draft is still the mean of 0 and 1 with equal weights (before: NaN, exit 2).
        (code, err, scenario) = Import("decide", "#A;a;A\n#A;b;B\n#P;i;I\n#D;a;i;0;1e300;1e300\n#D;b;i;1;3e300;1e300\n");
        Assert.True(code == 0, err);
        Assert.Equal(0.75, Numbers(scenario!["proposal"]!["draft"])[0], 15);
    }

    [Fact]
    public void A_salience_ten_million_times_smaller_than_another_keeps_its_share()
    {
        // Before, shares were rounded to six decimals: 0.9999999 and 1e-7 became 1 and 0.
        var (code, err, scenario) = Import("ktab", "s,desc,1,2\nActor,Description,Power,P1,S1,P2,S2\nA,a,1,10,99.99999,90,0.00001\n");
        Assert.True(code == 0, err);
        var shares = Numbers(scenario!["overrides"]!["A"]!["salience"]);
        Assert.Equal(1e-7, shares[1], 1e-20);
        Assert.Equal(1.0, shares.Sum(), 15);
    }

    public static TheoryData<string, string, string> NonFiniteText() => new()
    {
        { "decide", "#A;a;A\n#P;i;I\n#D;a;i;NaN;1;1\n", "table.txt:3: The position must be a number; found 'NaN'." },
        { "decide", "#A;a;A\n#P;i;I\n#D;a;i;0;Infinity;1\n", "table.txt:3: The salience must be a number; found 'Infinity'." },
        { "decide", "#A;a;A\n#P;i;I\n#D;a;i;0;1;1e999\n", "table.txt:3: The power must be a number; found '1e999'." },
        { "decide", "#A;a;A\n#P;i;I\n#M;i;-1e999;low\n#D;a;i;0;1;1\n", "table.txt:3: The scale point must be a number; found '-1e999'." },
        { "decide", "#A;a;A\n#P;i;I\n#D;a;i;0;1;-1e-300\n", "table.txt:3: The power must not be negative; found -1E-300." },
        { "ktab", "k,desc,1,1\nActor,Description,Power,P1,S1\nA,a,-Infinity,50,50\n", "table.txt:3: The power must be a number; found '-Infinity'." },
        { "ktab", "k,desc,1,1\nActor,Description,Power,P1,S1\nA,a,1,NaN,50\n", "table.txt:3: Position 1 must be a number; found 'NaN'." },
        { "ktab", "k,desc,1,1\nActor,Description,Power,P1,S1\nA,a,1,50,1e999\n", "table.txt:3: Salience 1 must be a number; found '1e999'." },
        { "ktab", "k,desc,1,2\nActor,Description,Power,P1,S1,P2,S2\nA,a,1,0,1e308,100,1e308\n", "table.txt:3: The saliences of 'A' sum to more than a double holds; KTAB allows at most 100 per actor." },
    };

    [Theory]
    [MemberData(nameof(NonFiniteText))]
    public void Number_text_that_is_not_a_finite_number_is_refused_at_its_line_and_nothing_is_written(string format, string text, string message)
    {
        var (code, err, scenario) = Import(format, text);
        Assert.Equal(2, code);
        Assert.Contains(message, err, StringComparison.Ordinal);
        Assert.Null(scenario);
    }

    [Fact]
    public void A_table_built_in_code_with_a_blank_title_still_makes_a_valid_scenario()
    {
        // Before, the blank title became the scenario's name, and reading the scenario back failed at $.name.
        var table = new ActorTable(" ", "code", [new ActorTableIssue("x", "x", 0, 100)], [new ActorTableActor("a", "A", 2, [50.0], [1.0])]);
        var scenario = table.ToScenario();
        Assert.Equal("Imported code table", scenario.Name);
        Assert.Equal(1.0, Assert.Single(scenario.Actors).Power);
    }

    private sealed class Tolerance(double epsilon) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= epsilon;

        public int GetHashCode(double obj) => 0;
    }
}
