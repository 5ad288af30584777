using ConsensusSim.Calibration;
using ConsensusSim.Tests.Support;
using static ConsensusSim.Tests.Calibration.CalibrationFixtures;

namespace ConsensusSim.Tests.Calibration;

public class CalibrationSpecTests
{
    [Fact]
    public void The_sourced_record_has_fourteen_aggregate_rows_and_twenty_topic_rows()
    {
        var record = ObservedRecord.Load(Path.Combine(AppContext.BaseDirectory, "seeds", "observed-outcomes.csv"));
        Assert.Equal(34, record.Count);
        Assert.Equal(14, record.Count(c => c.Topic is null));
        var first = record[0];
        Assert.Equal(("detente-1975", "political-declaration", 1, 1, 2), (first.Period, first.Item, first.Adopted, first.Attempts, first.Line!.Value));
        Assert.Contains(record, c => c.Kind == "thematic-decision/migration" && c.Period == "crisis-2014" && c.Adopted == 1 && c.Attempts == 2);
    }

    [Fact]
    public void A_cell_given_twice_is_refused_rather_than_fitted_twice()
    {
        const string csv = "era,item,adopted,attempts,topic\n"
            + "crisis-2014,unified-budget,1,3,\n"
            + "crisis-2014,thematic-decision,1,2,migration\n"
            + "crisis-2014,unified-budget,1,3,\n"
            + "crisis-2014,thematic-decision,0,1,trafficking\n";
        var ex = Assert.Throws<CalibrationSpecException>(() => ObservedRecord.Parse(csv, "dup.csv"));
        var problem = Assert.Single(ex.Problems);
        Assert.Equal(4, problem.Line);
        Assert.Contains("crisis-2014 unified-budget is also on line 2", problem.Message, StringComparison.Ordinal);

        // The same item under two topics, or with and without one, are different cells.
        const string distinct = "era,item,adopted,attempts,topic\n"
            + "crisis-2014,thematic-decision,1,3,\n"
            + "crisis-2014,thematic-decision,1,2,migration\n"
            + "crisis-2014,thematic-decision,0,1,trafficking\n";
        Assert.Equal(3, ObservedRecord.Parse(distinct).Count);
    }

    [Fact]
    public void The_shipped_specs_give_each_row_one_template_or_skip_it()
    {
        var eras = ShippedSpecs.Load("eras");
        Assert.Equal((14, 20), (eras.Cells.Count, eras.Skipped.Count));
        var topics = ShippedSpecs.Load("topics");
        Assert.Equal((24, 10), (topics.Cells.Count, topics.Skipped.Count));
        Assert.All(topics.Skipped, c => Assert.True(c.Item is "political-declaration" or "thematic-decision" && c.Topic is null, c.ToString()));
        Assert.Equal("appointment/appointments", topics.Cells.Single(c => c.Observed.Item == "appointment" && c.Observed.Period == "astana-2010").Template.Key);
        var shared = ShippedSpecs.Load("eras-shared");
        Assert.Single(shared.Parameters);
        Assert.Equal(["detente-1975", "charter-of-paris-1990", "stagnation-2003", "astana-2010", "crisis-2014", "war-2022"], shared.PeriodOrder);
    }

    [Fact]
    public void An_item_template_takes_aggregate_rows_and_a_topic_template_the_rows_of_its_topic()
    {
        var template = Objections();
        var spec = new CalibrationSpec(
            [Cell("a", 1, 2, "decision"), Cell("a", 1, 1, "decision", "migration"), Cell("a", 1, 1, "decision", "arms-control"), Cell("a", 0, 1, "budget", "migration")],
            [new CalibrationTemplate(template, "decision"), new CalibrationTemplate(template, null, "migration"), new CalibrationTemplate(template, "budget", "migration")],
            [Objection()]);
        Assert.Equal(["decision", "topic migration", "budget/migration"], spec.Cells.Select(c => c.Template.Key));
        Assert.Equal("decision/arms-control", spec.Skipped.Single().Kind);
    }

    [Fact]
    public void The_schema_names_exactly_what_the_reader_reads()
    {
        var schema = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "schemas", "calibration.schema.json")))!;
        Assert.Equal(CalibrationSpecReader.Known.Order(), schema["properties"]!.AsObject().Select(p => p.Key).Order());
        Assert.Equal(CalibrationSpecReader.TemplateKeys.Order(), schema["properties"]!["templates"]!["items"]!["properties"]!.AsObject().Select(p => p.Key).Order());
        Assert.Equal(CalibrationSpecReader.ParameterKeys.Order(), schema["properties"]!["parameters"]!["items"]!["properties"]!.AsObject().Select(p => p.Key).Order());
    }

    [Fact]
    public void Specs_built_in_code_are_refused_by_argument_name()
    {
        var t = new CalibrationTemplate(Objections(), "vote");
        Assert.Equal("observations", Assert.Throws<ArgumentException>(() => new CalibrationSpec([], [t], [Objection()])).ParamName);
        Assert.Equal("parameters", Assert.Throws<ArgumentException>(() => new CalibrationSpec([Cell("a", 1, 1)], [t], [Objection(name: "x"), Objection(name: "x")])).ParamName);
        Assert.Equal("templates", Assert.Throws<ArgumentException>(() => new CalibrationSpec([Cell("a", 1, 1)], [t, t], [Objection()])).ParamName);
        Assert.Equal("periodOrder", Assert.Throws<ArgumentException>(() => new CalibrationSpec([Cell("a", 1, 1)], [t], [Objection()], ["b"])).ParamName);
        Assert.Equal("Trials", Assert.Throws<ArgumentOutOfRangeException>(() => Spec([Cell("a", 1, 1)], [Objection()], trials: 0)).ParamName);
        Assert.Equal("attempts", Assert.Throws<ArgumentOutOfRangeException>(() => Cell("a", 0, 0)).ParamName);
        Assert.Equal("item", Assert.Throws<ArgumentException>(() => new CalibrationTemplate(Objections(), null)).ParamName);
        Assert.Equal("standardDeviation", Assert.Throws<ArgumentOutOfRangeException>(() => new NormalPrior(0, 0)).ParamName);
        Assert.Equal("period", Assert.Throws<ArgumentException>(() => new CellSelector()).ParamName);
        Assert.Throws<ArgumentException>(() => CellSelector.Parse("era=crisis-2014"));
        Assert.Equal("crisis-2014", CellSelector.Parse("period=crisis-2014").Period);
    }
}
