using System.Text.Json;
using ConsensusSim.Reporting;
using ConsensusSim.Serialization;
using ConsensusSim.Simulation;
using ConsensusSim.Tests.Support;

namespace ConsensusSim.Tests.Reporting.Hostile;

/// <summary>
/// Item 12 of issue 15: text from a scenario file or an imported table — scenario name and
/// description, actor codes, names and blocs, dimensions, proposal titles, table titles — reaches
/// report.html and the SVG charts only escaped. Each field gets its own marked payload, so a failure
/// names the field that leaked.
/// </summary>
public sealed class ReportEscapingTests : CliHarness
{
    /// <summary>Markup that would run or break out if written raw: a tag, a script end, a CDATA end, quotes.</summary>
    private static string Payload(int field) => $"\"'><img src=x onerror=alert({field})></script>]]><!--";

    private static readonly string[] Fields =
    [
        "scenario name", "description", "actor 1 code", "actor 1 name", "actor 1 bloc", "actor 2 code", "actor 2 name", "actor 2 bloc", "dimension", "proposal title",
    ];

    [Fact]
    public void Hostile_text_in_every_scenario_field_reaches_the_report_and_charts_only_escaped()
    {
        string J(int field) => JsonSerializer.Serialize(Payload(field));
        File.WriteAllText(F("hostile.json"), $$"""
            {
              "name": {{J(0)}},
              "description": {{J(1)}},
              "actors": [
                {"code": {{J(2)}}, "name": {{J(3)}}, "power": 1, "bloc": {{J(4)}}},
                {"code": {{J(5)}}, "name": {{J(6)}}, "power": 1, "bloc": {{J(7)}}}],
              "dimensions": [{{J(8)}}],
              "proposal": {"title": {{J(9)}}, "topic": "migration", "body": "permanent-council", "statusQuo": [0], "draft": [1]},
              "behaviour": {"model": "fixed-objection"},
              "defaults": {"objectionProbability": 0.5},
              "simulation": {"trials": 4000}
            }
            """);
        var (code, _, error) = Cli("run", F("hostile.json"), "--out", F("out"));
        Assert.True(code == 0, error);

        string html = File.ReadAllText(F("out/report.html"));

        // Both actors blocked, so every field was written somewhere in the report.
        Assert.Contains("onerror=alert(2)", html, StringComparison.Ordinal);
        Assert.Contains("onerror=alert(5)", html, StringComparison.Ordinal);
        AssertNoRawPayload(html, "report.html");
        foreach (string chart in ResultCharts.Names.Where(n => File.Exists(F($"out/{n}.svg"))))
        {
            AssertNoRawPayload(File.ReadAllText(F($"out/{chart}.svg")), chart + ".svg");
        }

        Assert.True(File.Exists(F("out/outcomes.svg")) && File.Exists(F("out/blockers.svg")));
    }

    [Fact]
    public void Hostile_names_in_an_imported_table_reach_the_report_only_escaped()
    {
        // KTAB: scenario name and description in the header, actor name and description per line.
        string Csv(int field) => "\"" + Payload(field).Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        File.WriteAllText(F("table.csv"), $"{Csv(0)},{Csv(1)},2,1\nActor,Description,Power,P1,S1\n{Csv(2)},{Csv(3)},1,0,100\n{Csv(5)},{Csv(6)},1,100,100\n");
        var (code, _, error) = Cli("import", "--from", "ktab", F("table.csv"), "--out", F("imported.json"));
        Assert.True(code == 0, error);

        // Every actor objects, so the blockers table lists both.
        var scenario = ScenarioJson.Load(F("imported.json"));
        var result = MonteCarloRunner.Run(scenario.Compile(), new SimulationOptions { Trials = 2000 });
        var charts = ResultCharts.Render(result, scenario.Catalog);
        string html = HtmlReport.Render(scenario, result, charts.ToDictionary(c => c.Name, c => c.InlineSvg, StringComparer.Ordinal));
        Assert.Contains("alert(0)", html, StringComparison.Ordinal);
        Assert.Contains("onerror=alert(2)", html, StringComparison.Ordinal);
        Assert.Contains("onerror=alert(5)", html, StringComparison.Ordinal);
        AssertNoRawPayload(html, "report.html");
        foreach (var chart in charts)
        {
            AssertNoRawPayload(chart.Svg, chart.Name + ".svg");
        }
    }

    [Fact]
    public void A_blocker_code_with_a_comma_or_quote_stays_one_field_of_blockers_csv()
    {
        File.WriteAllText(F("codes.json"), """
            {
              "name": "Codes",
              "actors": [{"code": "A,\"B", "name": "N", "power": 1}],
              "dimensions": ["human"],
              "proposal": {"title": "T", "topic": "migration", "body": "permanent-council", "statusQuo": [0], "draft": [1]},
              "behaviour": {"model": "fixed-objection"},
              "defaults": {"objectionProbability": 0.5},
              "simulation": {"trials": 1000}
            }
            """);
        Assert.Equal(0, Cli("run", F("codes.json"), "--out", F("out")).Code);
        string row = File.ReadAllLines(F("out/blockers.csv"))[1];
        Assert.StartsWith("\"A,\"\"B\",N,", row, StringComparison.Ordinal);
    }

    private static void AssertNoRawPayload(string markup, string file)
    {
        for (int field = 0; field < Fields.Length; field++)
        {
            Assert.False(markup.Contains($"<img src=x onerror=alert({field})>", StringComparison.Ordinal), $"{file}: the {Fields[field]} is written as raw HTML");
        }

        Assert.DoesNotContain("<img", markup, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script", markup, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("</script", markup, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("]]>", markup, StringComparison.Ordinal);
        Assert.DoesNotContain("<!--", markup, StringComparison.Ordinal);
        Assert.DoesNotContain("'><", markup, StringComparison.Ordinal);
    }
}
