using ConsensusSim.Import;

namespace ConsensusSim.Tests.Import.Hostile;

/// <summary>
/// Tables whose numbers the import would have changed without a word: a decide row with values past its power (a decimal
/// comma under ',' splits a number and shifts the rest), and an actor whose saliences are all 0, which the scenario's
/// shares summing to 1 would have turned into an actor caring equally about every issue (it then blocked in 57 % of
/// trials). Each is refused at its line.
/// </summary>
public sealed class ImportSilentChangeTests
{
    [Fact]
    public void A_decide_row_with_values_past_its_power_is_refused_at_its_line()
    {
        const string text = "#A,a1,A1\n#A,a2,A2\n#P,i1,I1\n#D,a1,i1,10,5,0.5,1\n#D,a2,i1,20,0.5,1\n";
        var ex = Assert.Throws<ActorTableFormatException>(() => DecideFormat.Parse(text, "d.csv"));
        Assert.Equal(4, ex.Line);
        Assert.Contains("column 7 holds '1' too. With ',' as the separator, decimals take a point, not a comma.", ex.Message, StringComparison.Ordinal);

        var garbage = Assert.Throws<ActorTableFormatException>(() => DecideFormat.Parse("#A;a1;A1\n#P;i1;I1\n#D;a1;i1;10;0.5;1;999;garbage\n", "d.csv"));
        Assert.Equal(3, garbage.Line);
        Assert.Contains("column 7 holds '999' too.", garbage.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("decimals", garbage.Message, StringComparison.Ordinal);

        // Empty fields after the power (a trailing separator) hold no value and are read as before.
        Assert.Equal(1.0, DecideFormat.Parse("#A;a1;A1\n#P;i1;I1\n#D;a1;i1;10;0.5;1;;\n", "d.csv").Actors[0].Power);
    }

    [Fact]
    public void An_actor_without_any_salience_is_refused_in_both_formats()
    {
        const string ktab = "T,d,2,1\nActor,Description,Power,Position1,Salience1\nA,a,1,0,0\nB,b,1,100,100\n";
        var k = Assert.Throws<ActorTableFormatException>(() => KtabFormat.Parse(ktab, "zs.csv"));
        Assert.Equal(3, k.Line);
        Assert.Contains("Actor 'A' gives every issue a salience of 0", k.Message, StringComparison.Ordinal);

        const string decide = "#A;a;A\n#A;b;B\n#P;x;X\n#P;y;Y\n#D;a;x;10;0;1\n#D;a;y;20;0;1\n#D;b;x;30;0.5;1\n";
        var d = Assert.Throws<ActorTableFormatException>(() => DecideFormat.Parse(decide, "zs.csv"));
        Assert.Equal(1, d.Line);
        Assert.Contains("Actor 'a' gives every issue a salience of 0", d.Message, StringComparison.Ordinal);

        // One salience above 0 is enough; b weighs only x and keeps that share.
        var table = DecideFormat.Parse(decide.Replace("#D;a;y;20;0;1", "#D;a;y;20;0.2;1", StringComparison.Ordinal), "zs.csv");
        Assert.Equal([0.0, 0.2], table.Actors[0].Saliences);
    }

    [Fact]
    public void A_table_built_in_code_refuses_an_actor_without_salience_naming_the_parameter()
    {
        var issues = new[] { new ActorTableIssue("x", "X", 0, 100) };
        var ex = Assert.Throws<ArgumentException>(() => new ActorTable("t", "code", issues, [new ActorTableActor("a", "A", 1, [50.0], [0.0])]));
        Assert.Equal("actors", ex.ParamName);
        Assert.Contains("Actor 'a' gives every issue a salience of 0", ex.Message, StringComparison.Ordinal);
    }
}
