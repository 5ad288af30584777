using ConsensusSim.Tests.Support;

namespace ConsensusSim.Tests.Cli;

/// <summary>
/// describe shows the States' parameter profiles as a compact table and the procedure as configured, not the whole
/// procedure's transitions (issue 19, item 6).
/// </summary>
public sealed class DescribeProfileTests : CliHarness
{
    private static readonly string Default = Path.Combine(AppContext.BaseDirectory, "scenarios", "counter-terrorism-pc.json");

    [Fact]
    public void Each_parameter_lists_its_values_with_who_has_them_one_line_a_value_not_a_State()
    {
        var (code, output, error) = Cli("describe", Default);
        Assert.True(code == 0, error);
        string table = Section(output, "State parameters");

        // The default scenario's overrides: RUS's linkage is a Beta draw, BLR's a fixed 0.4, the CSTO grouping's 0.3.
        Assert.Contains("  linkage        0.05                  51: ", table, StringComparison.Ordinal);
        Assert.Contains("                 beta(4, 4) on [0, 1]  1: RUS", table, StringComparison.Ordinal);
        Assert.Contains("                 0.4                   1: BLR", table, StringComparison.Ordinal);
        Assert.Contains("  blocking cost  0.06                  56: all but RUS", table, StringComparison.Ordinal);
        Assert.Contains("  noise          0.06                  all 57", table, StringComparison.Ordinal);
        Assert.Contains("[0.5, 0.3, 0.15]      6: the csto-bloc", table, StringComparison.Ordinal);

        // 57 States, five parameters: a handful of lines, not one per State.
        Assert.InRange(table.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length, 6, 20);
    }

    [Fact]
    public void The_procedure_is_described_by_its_settings_and_the_diagram_left_to_graph()
    {
        var (code, output, _) = Cli("describe", Path.Combine(AppContext.BaseDirectory, "scenarios", "field-mission-mandate.json"));
        Assert.Equal(0, code);
        Assert.Contains("Chair: Fixed\n", output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("Procedure: OSCE consensus procedure (consensus), up to 3 rounds", output, StringComparison.Ordinal);
        Assert.Contains("  silence procedure: on; breaking silence is 1.5 times as hard as objecting", output, StringComparison.Ordinal);
        Assert.Contains("  escalation to the Ministerial Council: on; objecting there is 2 times as hard", output, StringComparison.Ordinal);
        Assert.Contains("consensussim graph consensus", output, StringComparison.Ordinal);
        Assert.DoesNotContain("-->", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Many_distinct_values_are_summed_up_after_the_first_few()
    {
        // Ten actors, each with its own objection probability.
        string actors = string.Join(", ", Enumerable.Range(0, 10).Select(i => $$"""{"code": "A{{i:D2}}", "name": "a", "power": 1}"""));
        string overrides = string.Join(", ", Enumerable.Range(0, 10).Select(i => $$"""
            "A{{i:D2}}": {"objectionProbability": 0.{{i}}5}
            """));
        File.WriteAllText(F("many.json"), $$"""
            { "name": "Many", "actors": [{{actors}}], "dimensions": ["human"],
              "proposal": { "title": "t", "topic": "migration", "body": "permanent-council", "statusQuo": [0], "draft": [1] },
              "behaviour": { "model": "fixed-objection" }, "defaults": { "objectionProbability": 0.3 },
              "overrides": { {{overrides}} } }
            """);
        var (code, output, error) = Cli("describe", F("many.json"));
        Assert.True(code == 0, error);
        string table = Section(output, "State parameters");
        Assert.Contains("5 other values", table, StringComparison.Ordinal);
        Assert.Equal(6, table.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length - 1);
    }

    private static string Section(string text, string heading)
    {
        string normal = text.ReplaceLineEndings("\n");
        int at = normal.IndexOf(heading, StringComparison.Ordinal);
        Assert.True(at >= 0, $"no '{heading}' in:\n{text}");
        int end = normal.IndexOf("\n\n", at, StringComparison.Ordinal);
        return normal[at..(end < 0 ? normal.Length : end)];
    }
}
