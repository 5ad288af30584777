using System.Collections;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using ConsensusSim.Import;
using ConsensusSim.Tests.Support;

namespace ConsensusSim.Tests.Import.Hostile;

/// <summary>
/// <c>import</c> refuses tables beyond <see cref="ActorTable.MaxCells"/> actor × issue cells, and counts the file
/// cannot hold, at once and before allocating the table, with the file and line; nothing is written.
/// </summary>
public sealed class ImportBoundsTests : CliHarness
{
    private static string Decide(int actors, int issues, int dataRows)
    {
        var text = new StringBuilder("#O;hostile\n");
        for (int a = 1; a <= actors; a++)
        {
            text.Append(CultureInfo.InvariantCulture, $"#A;a{a};Actor {a}\n");
        }

        for (int k = 1; k <= issues; k++)
        {
            text.Append(CultureInfo.InvariantCulture, $"#P;i{k};Issue {k}\n");
        }

        for (int d = 1; d <= dataRows; d++)
        {
            text.Append(CultureInfo.InvariantCulture, $"#D;a{d};i1;50;1;1\n");
        }

        return text.ToString();
    }

    private (int Code, string Err, TimeSpan Elapsed) Import(string format, string text)
    {
        File.WriteAllText(F("table.txt"), text);
        var clock = Stopwatch.StartNew();
        var (code, _, err) = Cli("import", "--from", format, F("table.txt"), "--out", F("scenario.json"));
        return (code, err, clock.Elapsed);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(0)]
    public void A_decide_file_declaring_20000_actors_by_10000_issues_is_refused_at_the_row_that_exceeds_the_budget(int dataRows)
    {
        // 20,000 #A rows, then the 53rd #P row makes 1,060,000 cells: line 1 (#O) + 20,000 + 53. Before, 54 s and 10 GB.
        string text = Decide(20_000, 10_000, dataRows);
        Assert.InRange(text.Length, 400_000, 700_000);
        var (code, err, elapsed) = Import("decide", text);
        Assert.Equal(2, code);
        Assert.Contains("table.txt:20054: With this row the table has 20,000 actors × 53 issues = 1,060,000 cells; a table has at most 1,048,576 actor × issue cells.", err, StringComparison.Ordinal);
        Assert.False(File.Exists(F("scenario.json")));
        Assert.True(elapsed < TimeSpan.FromSeconds(5), $"refused after {elapsed.TotalSeconds:0.0} s");
    }

    [Fact]
    public void A_decide_table_whose_actors_have_no_rows_is_refused_before_its_table_is_allocated()
    {
        // 1,024 × 1,024 cells fit the budget, but three #D rows cannot give 1,024 actors a row each.
        string text = Decide(1_024, 1_024, 3);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var ex = Assert.Throws<ActorTableFormatException>(() => DecideFormat.Parse(text, "table.txt"));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(5, ex.Line);
        Assert.Contains("Actor 'a4' has no #D rows", ex.Message, StringComparison.Ordinal);

        // The dense table alone would be 1,024² × 24 bytes = 24 MiB; parsing the file's 2,051 rows takes far less.
        Assert.True(allocated < 8 << 20, $"{allocated:N0} bytes allocated");
    }

    [Fact]
    public void Actors_alone_beyond_the_budget_are_refused_at_the_row_that_exceeds_it()
    {
        // No issue declared yet: each count alone is bounded.
        var text = new StringBuilder();
        for (int a = 1; a <= ActorTable.MaxCells + 1; a++)
        {
            text.Append(CultureInfo.InvariantCulture, $"#A;{a}\n");
        }

        var ex = Assert.Throws<ActorTableFormatException>(() => DecideFormat.Parse(text.ToString(), "actors.txt"));
        Assert.Equal(ActorTable.MaxCells + 1, ex.Line);
        Assert.Contains("1,048,577 actors × 0 issues", ex.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> KtabHeaders() => new()
    {
        // A header announcing a table beyond the budget, in a three-line file; then counts that overflowed 3 + 2 × dimensions.
        { "hostile,desc,20000,10000\nActor,Description,Power,P1,S1\nA,a,1,50,50\n", "The first line announces 20,000 actors × 10,000 issues = 200,000,000 cells" },
        { "hostile,desc,1,2000000000\nActor,Description,Power,P1,S1\nA,a,1,50,50\n", "The first line announces 1 actors × 2,000,000,000 issues" },
        { "hostile,desc,2000000000,1\nActor,Description,Power,P1,S1\nA,a,1,50,50\n", "The first line announces 2,000,000,000 actors × 1 issues" },

        // Within the budget, but more actors than the file has lines for.
        { "hostile,desc,20000,2\nActor,Description,Power,P1,S1,P2,S2\nA,a,1,50,50,50,50\n", "The first line announces 20,000 actors; the file has 1 line after the column line, one per actor." },
    };

    [Theory]
    [MemberData(nameof(KtabHeaders))]
    public void A_ktab_header_announcing_what_the_file_cannot_hold_is_refused_at_line_1(string text, string message)
    {
        var (code, err, elapsed) = Import("ktab", text);
        Assert.Equal(2, code);
        Assert.Contains("table.txt:1: " + message, err, StringComparison.Ordinal);
        Assert.False(File.Exists(F("scenario.json")));
        Assert.True(elapsed < TimeSpan.FromSeconds(5), $"refused after {elapsed.TotalSeconds:0.0} s");
    }

    [Fact]
    public void A_table_whose_scenario_would_exceed_the_scenario_limit_is_refused_naming_the_table()
    {
        // 1,000 actors × 60 issues with varied positions: every position and salience is written as an override.
        const int Actors = 1_000, Issues = 60;
        var text = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"big,desc,{Actors},{Issues}\nActor,Description,Power"));
        for (int k = 1; k <= Issues; k++)
        {
            text.Append(CultureInfo.InvariantCulture, $",P{k},S{k}");
        }

        for (int a = 0; a < Actors; a++)
        {
            text.Append(CultureInfo.InvariantCulture, $"\nA{a},actor {a},{1 + (a % 7)}");
            for (int k = 0; k < Issues; k++)
            {
                text.Append(CultureInfo.InvariantCulture, $",{((a * 37) + (k * 11)) % 97 + 0.123},1.{k % 10}");
            }
        }

        var (code, err, _) = Import("ktab", text.ToString());
        Assert.Equal(2, code);
        Assert.Contains("table.txt: 1,000 actors × 60 issues make a scenario of ", err, StringComparison.Ordinal);
        Assert.Contains("scenario files are limited to 1,048,576 bytes", err, StringComparison.Ordinal);
        Assert.DoesNotContain("scenario.json", err, StringComparison.Ordinal);
        Assert.False(File.Exists(F("scenario.json")));
    }

    [Fact]
    public void A_table_built_in_code_beyond_the_budget_is_refused_naming_actors_before_reading_them()
    {
        var issue = new ActorTableIssue("x", "x", 0, 100);
        var actor = new ActorTableActor("a", "a", 1, [50.0], [1.0]);
        var ex = Assert.Throws<ArgumentException>(() => new ActorTable("t", "code", [issue], new Repeated<ActorTableActor>(actor, ActorTable.MaxCells + 1)));
        Assert.Equal("actors", ex.ParamName);
        Assert.Contains("1,048,577 actors × 1 issues", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>A list of one item many times, whose items must not be read.</summary>
    private sealed class Repeated<T>(T item, int count) : IReadOnlyList<T>
    {
        public int Count => count;

        public T this[int index] => throw new InvalidOperationException("The table read an actor before refusing the count.");

        public IEnumerator<T> GetEnumerator() => throw new InvalidOperationException("The table read the actors before refusing the count.");

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => $"{count} × {item}";
    }
}
