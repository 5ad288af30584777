using ConsensusSim.Import;
using ConsensusSim.Model;
using ConsensusSim.Serialization;
using ConsensusSim.Tests.Support;

namespace ConsensusSim.Tests.Import;

/// <summary>decide and KTAB tables: the sample files read with the right content, import into runnable scenarios, and malformed files fail with their line.</summary>
public class ImportTests : CliHarness
{
    private static string Sample(string name) => Path.Combine(AppContext.BaseDirectory, "imports", name);

    [Fact]
    public void Decide_sample_reads_actors_issues_scales_and_mean_power()
    {
        var table = DecideFormat.Load(Sample("decide-sample_data.txt"));

        Assert.Equal("Data voorbeeldcasus training Decide (februari 2017)", table.Title);
        Assert.Equal(10, table.Actors.Count);
        Assert.Equal(["tolheffing-binnenstad", "tol-hoogte", "wanneer-tol", "woonwerkverkeer", "extra-investering", "kleine-of-grote-ring"], table.Issues.Select(i => i.Id));

        // tol-hoogte is priced in euro: its #M points 0.5 and 7 set the scale, not 0-100.
        var toll = table.Issues[1];
        Assert.Equal((0.5, 7.0), (toll.Minimum, toll.Maximum));
        var sp = table.Actors.Single(a => a.Code == "SP");
        Assert.Equal(2.0, sp.Positions[1]);
        Assert.Equal(0.5, sp.Saliences[1]);
        Assert.Equal((2.0 - 0.5) / 6.5, toll.ToUnit(2.0), 12);
        Assert.Equal("Fractie SP", sp.Name);
    }

    [Fact]
    public void Decide_semicolon_file_with_utf8_text_reads()
    {
        var table = DecideFormat.Load(Sample("decide-CoP21.csv"));
        Assert.Equal(15, table.Actors.Count);
        Assert.Equal(13, table.Issues.Count);
        Assert.Equal(181, table.Actors.Sum(a => a.Positions.Count(p => p is not null)));
        var african = table.Actors.Single(a => a.Code == "African_grp");
        Assert.Equal(70.0, african.Positions[0]);
        Assert.Equal(0.75, african.Saliences[0]);
    }

    [Fact]
    public void Decide_missing_cells_have_no_position_and_zero_salience()
    {
        var table = DecideFormat.Load(Sample("decide-kopenhagen.csv"));
        Assert.Equal(11, table.Actors.Count);
        Assert.Equal(7, table.Issues.Count);
        var missing = table.Actors.SelectMany(a => a.Positions.Select((p, k) => (a, p, k))).Where(x => x.p is null).ToList();
        Assert.Equal(11 * 7 - 75, missing.Count);
        Assert.All(missing, x => Assert.Equal(0.0, x.a.Saliences[x.k]));
    }

    [Fact]
    public void Decide_separator_comes_from_the_first_tagged_row_even_after_a_loose_comment()
    {
        const string text = "#/ notes without a separator\n#A;a;Actor A\n#P;x;Issue X\n#D;a;x;10;1;1\n";
        var table = DecideFormat.Parse(text, "inline");
        Assert.Equal("Actor A", Assert.Single(table.Actors).Name);
    }

    [Fact]
    public void Decide_power_is_the_mean_of_an_actors_rows()
    {
        const string text = "#A;a;Actor A\n#A;b\n#P;x;Issue X\n#P;y;Issue Y\n#D;a;x;0;1;0.2\n#D;a;y;100;1;0.6\n#D;b;x;100;0.5;1\n";
        var table = DecideFormat.Parse(text, "inline");
        Assert.Equal(0.4, table.Actors[0].Power, 12);
        Assert.Equal(1.0, table.Actors[1].Power);
        Assert.Equal("b", table.Actors[1].Name);
        Assert.Null(table.Actors[1].Positions[1]);
    }

    [Fact]
    public void Ktab_files_with_and_without_trailing_commas_read_the_same()
    {
        var a = KtabFormat.Load(Sample("ktab-dummyData_3Dim.csv"));
        var b = KtabFormat.Load(Sample("ktab-dummyData_3Dim-no-final-comma.csv"));
        Assert.Equal(7, a.Actors.Count);
        Assert.Equal(["dimension-1", "dimension-2", "dimension-3"], a.Issues.Select(i => i.Id));
        Assert.Equal(a.Actors.Select(x => (x.Code, x.Power, string.Join(";", x.Positions), string.Join(";", x.Saliences))),
                     b.Actors.Select(x => (x.Code, x.Power, string.Join(";", x.Positions), string.Join(";", x.Saliences))));
        var first = a.Actors[0];
        Assert.Equal(("SActor-00", 102.543), (first.Code, first.Power));
        Assert.Equal([75.79, 6.37, 70.45], first.Positions.Select(p => p!.Value));
        Assert.Equal([49.53, 5.91, 28.15], first.Saliences);
    }

    [Fact]
    public void Ktab_named_dimensions_and_many_actors_read()
    {
        var six = KtabFormat.Load(Sample("ktab-dummyData_6Dim.csv"));
        Assert.Equal(27, six.Actors.Count);
        Assert.Equal(["Dim0", "Dim1", "Dim2", "Dim3", "Dim4", "Dim5"], six.Issues.Select(i => i.Id));
        var many = KtabFormat.Load(Sample("ktab-dummyData-a160.csv"));
        Assert.Equal(160, many.Actors.Count);
        Assert.Equal("XYZ", Assert.Single(many.Issues).Id);
        Assert.Equal("Desc-1001", many.Actors[0].Name);
    }

    [Fact]
    public void Imported_scenario_keeps_positions_normalised_saliences_power_and_the_compromise_draft()
    {
        var table = KtabFormat.Load(Sample("ktab-dummyData_3Dim.csv"));
        var scenario = table.ToScenario(statusQuo: 0.1);

        Assert.Equal(table.Actors.Select(a => a.Code), scenario.States);
        double largest = table.Actors.Max(a => a.Power);
        Assert.Equal(table.Actors.Select(a => a.Power / largest), scenario.Actors.Select(a => a.Power));
        Assert.Equal(Enumerable.Repeat(Parameter.Fixed(0.1), 3), scenario.Proposal.StatusQuo);
        foreach (var actor in table.Actors)
        {
            var profile = scenario.Profiles[actor.Code];
            Assert.Equal(actor.Positions.Select(p => p!.Value / 100), profile.IdealPoint!.Select(p => p.Minimum), new Tolerance(1e-6));
            double total = actor.Saliences.Sum();
            Assert.Equal(actor.Saliences.Select(s => s / total), profile.Salience!, new Tolerance(2e-6));
        }

        for (int k = 0; k < 3; k++)
        {
            double w = table.Actors.Sum(a => a.Power * a.Saliences[k]);
            double expected = table.Actors.Sum(a => a.Power * a.Saliences[k] * a.Positions[k]!.Value / 100) / w;
            Assert.Equal(expected, scenario.Proposal.Draft![k].Minimum, 6);
        }
    }

    public static TheoryData<string, string> SampleFiles() => new()
    {
        { "decide", "decide-sample_data.txt" },
        { "decide", "decide-CoP21.csv" },
        { "decide", "decide-kopenhagen.csv" },
        { "ktab", "ktab-dummyData_3Dim.csv" },
        { "ktab", "ktab-dummyData_3Dim-no-final-comma.csv" },
        { "ktab", "ktab-dummyData_6Dim.csv" },
        { "ktab", "ktab-dummyData-a160.csv" },
    };

    [Theory]
    [MemberData(nameof(SampleFiles))]
    public void Every_sample_file_imports_and_runs_from_the_command_line(string format, string file)
    {
        var (code, output, error) = Cli("import", "--from", format, Sample(file), "--out", F("imported.json"));
        Assert.True(code == 0, error);
        Assert.Contains("wrote", output, StringComparison.Ordinal);

        (code, _, error) = Cli("run", F("imported.json"), "--trials", "2000", "--json", F("result.json"));
        Assert.True(code == 0, error);
        var result = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(F("result.json")))!;
        Assert.Equal(2000, (long)result["provenance"]!["trials"]!);
        Assert.True((bool)result["complete"]!);
    }

    public static TheoryData<string, string, int, string> MalformedFiles() => new()
    {
        { "decide", "#A;a;A\n#P;x;X\n#Q;what\n", 3, "Expected a row tagged" },
        { "decide", "#A;a;A\n#P;x;X\n#D;a;x;high;1;1\n", 3, "The position must be a number; found 'high'" },
        { "decide", "#A;a;A\n#P;x;X\n#D;a;x;10;1;1\n#D;z;x;10;1;1\n", 4, "names actor 'z'" },
        { "decide", "#A;a;A\n#P;x;X\n#D;a;y;10;1;1\n", 3, "Issue 'y' is not declared" },
        { "decide", "#A;a;A\n#A;a;again\n#P;x;X\n", 2, "declared twice" },
        { "decide", "#A;a;A\n#A;b;B\n#P;x;X\n#D;a;x;10;1;1\n", 2, "Actor 'b' has no #D rows" },
        { "decide", "#A;a;A\n#P;x;X\n#D;a;x;10;-1;1\n", 3, "The salience must not be negative" },
        { "decide", "#A;a;A\n#P;x;X\n#D;a;x;10\n", 3, "needs a salience in column 5" },
        { "decide", "Actor;Issue\n", 1, "Expected a decide row" },
        { "ktab", "S,desc,two,1\nActor,Description,Power,P1,S1\n", 1, "number of actors must be a whole number" },
        { "ktab", "S,desc,1,2\nActor,Description,Power,P1,S1\nA,a,1,50,50\n", 2, "needs 7" },
        { "ktab", "S,desc,2,1\nActor,Description,Power,P1,S1\nA,a,1,50,50\nB,b,1,120,50\n", 4, "Position 1 must be between 0 and 100" },
        { "ktab", "S,desc,1,2\nActor,Description,Power,P1,S1,P2,S2\nA,a,1,50,60,50,41\n", 3, "sum to 101" },
        { "ktab", "S,desc,3,1\nActor,Description,Power,P1,S1\nA,a,1,50,50\nB,b,1,50,50\n", 1, "announces 3 actors; the file has 2" },
        { "ktab", "S,desc,1,1\nActor,Description,Power,P1,S1\nA,a,1,50,50\nB,b,1,50,50\n", 4, "More actor lines" },
        { "ktab", "S,desc,1,1\nActor,Description,Power,P1,S1\n\"A,a,1,50,50\n", 3, "quoted field is not closed" },
        { "ktab", "S,desc,1,1\nActor,Description,Power,P1,S1\nA,a,-3,50,50\n", 3, "The power must not be negative" },
    };

    [Theory]
    [MemberData(nameof(MalformedFiles))]
    public void Malformed_files_exit_2_with_the_line_and_write_nothing(string format, string text, int line, string message)
    {
        File.WriteAllText(F("table.txt"), text);
        var (code, _, error) = Cli("import", "--from", format, F("table.txt"), "--out", F("scenario.json"));
        Assert.Equal(2, code);
        Assert.Contains($"table.txt:{line}: ", error, StringComparison.Ordinal);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.False(File.Exists(F("scenario.json")));
    }

    [Fact]
    public void Unknown_format_and_missing_file_exit_2()
    {
        Assert.Equal(2, Cli("import", "--from", "excel", Sample("ktab-dummyData_3Dim.csv"), "--out", F("s.json")).Code);
        var (code, _, error) = Cli("import", "--from", "ktab", F("nope.csv"), "--out", F("s.json"));
        Assert.Equal(2, code);
        Assert.Contains("no such file", error, StringComparison.Ordinal);
    }

    private sealed class Tolerance(double epsilon) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= epsilon;

        public int GetHashCode(double obj) => 0;
    }
}
