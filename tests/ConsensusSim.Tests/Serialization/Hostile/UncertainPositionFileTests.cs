using ConsensusSim.Model;
using ConsensusSim.Serialization;
using ConsensusSim.Tests.Support;

namespace ConsensusSim.Tests.Serialization.Hostile;

/// <summary>
/// An uncertain status quo or draft that cannot be drawn, or not inside [0, 1] in every trial, or not a number or a
/// distribution, is refused before any trial runs: exit 2 with file, line and JSON path, and nothing written; the same
/// scenario built in code throws <see cref="ScenarioValidationException"/> at the same path.
/// </summary>
public sealed class UncertainPositionFileTests : CliHarness
{
    /// <summary>A stance scenario, one property per line; the proposal's positions are on lines 5 and 6, or the package's items on 5 and 6.</summary>
    private static string Scenario(string statusQuo, string draft, bool package = false)
    {
        string item = "{ \"topic\": \"migration\", \"statusQuo\": [0.1, 0.1, 0.1], \"draft\": [0.4, 0.4, 0.4] }";
        string Proposal(string sq, string d) => $"{{ \"topic\": \"migration\",\n    \"statusQuo\": {sq},\n    \"draft\": {d} }}";
        return "{\n"                                                                                    // 1
            + "  \"name\": \"uncertain\",\n"                                                            // 2
            + "  \"states\": [\"AUT\", \"BEL\", \"RUS\"],\n"                                            // 3
            + (package
                ? $"  \"proposals\": [{item},\n    {{ \"topic\": \"arms-control\", \"statusQuo\": {statusQuo},\n    \"draft\": {draft} }}],\n"
                : $"  \"proposal\": {Proposal(statusQuo, draft)},\n")                                  // 4–6
            + "  \"defaults\": { \"idealPoint\": [0.5, 0.5, 0.5], \"salience\": [0.4, 0.3, 0.3], \"blockingCost\": 0.05, \"noise\": 0.1, \"linkage\": 0.2 },\n"
            + "  \"simulation\": { \"trials\": 1000, \"seed\": 1 }\n"
            + "}\n";
    }

    public static TheoryData<string, string, bool, string> Cases() => new()
    {
        // A distribution whose bounds are the wrong way round.
        { """[0.1, { "uniform": [0.6, 0.4] }, 0.1]""", "[0.4, 0.4, 0.4]", false, "5: $.proposal.statusQuo[1].uniform: Invalid 'uniform' distribution: the upper bound 0.4 must be greater than the lower bound 0.6" },
        { "[0.1, 0.1, 0.1]", """[{ "truncatedNormal": [0.5, 0, 0, 1] }, 0.4, 0.4]""", false, "6: $.proposal.draft[0].truncatedNormal: Invalid 'truncatedNormal' distribution: the standard deviation (second) must be greater than 0" },

        // A coordinate that can leave [0, 1].
        { "[0.1, 0.1, 0.1]", """[{ "truncatedNormal": [0.5, 0.1, 0.2, 1.2] }, 0.4, 0.4]""", false, "6: $.proposal.draft[0]: A position must lie in [0, 1]; this one ranges over [0.2, 1.2]" },
        { """[{ "uniform": [-0.5, 0.5] }, 0.1, 0.1]""", "[0.4, 0.4, 0.4]", false, "5: $.proposal.statusQuo[0]: A position must lie in [0, 1]; this one ranges over [-0.5, 0.5]" },
        { "[0.1, 1.5, 0.1]", "[0.4, 0.4, 0.4]", false, "5: $.proposal.statusQuo[1]: A position must lie in [0, 1]; it is 1.5" },

        // The wrong type, or no distribution the reader knows.
        { """[0.1, "high", 0.1]""", "[0.4, 0.4, 0.4]", false, "5: $.proposal.statusQuo[1]: Expected a number, found the string \"high\"" },
        { "[0.1, 0.1, 0.1]", """[0.4, { "normal": [0.5, 0.1] }, 0.4]""", false, "6: $.proposal.draft[1].normal: Unknown property 'normal'. Expected one of: uniform, beta, truncatedNormal." },
        { "[0.1, 0.1, 0.1]", """[0.4, { "beta": [2] }, 0.4]""", false, "6: $.proposal.draft[1].beta: 'beta' takes 2 numbers; got 1." },
        { "0.1", "[0.4, 0.4, 0.4]", false, "5: $.proposal.statusQuo: Expected an array with one position per dimension." },
        { "[0.1, 0.1, 0.1]", """[0.4, { "uniform": [0.2, 0.9] }]""", false, "6: $.proposal.draft: Expected 3 value(s), one per dimension; got 2." },

        // The same in an item of a package.
        { "[0.1, 0.1, 0.1]", """[0.4, 0.4, { "uniform": [0.5, 1.01] }]""", true, "6: $.proposals[1].draft[2]: A position must lie in [0, 1]; this one ranges over [0.5, 1.01]" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_bad_uncertain_position_is_refused_with_its_file_line_and_path(string statusQuo, string draft, bool package, string location)
    {
        File.WriteAllText(F("bad.json"), Scenario(statusQuo, draft, package));

        var validate = Cli("validate", F("bad.json"));
        Assert.Equal(2, validate.Code);
        Assert.Contains($"bad.json:{location}", validate.Err, StringComparison.Ordinal);

        var run = Cli("run", F("bad.json"), "--json", F("result.json"), "--trials", "100");
        Assert.Equal(2, run.Code);
        Assert.Contains($"bad.json:{location}", run.Err, StringComparison.Ordinal);
        Assert.Equal(["bad.json"], HostileFiles.Listing(Dir));

        var ex = Assert.Throws<ScenarioValidationException>(() => ScenarioJson.Load(F("bad.json")));
        Assert.Contains(ex.Problems, p => location.Contains($": {p.Path}: ", StringComparison.Ordinal) && location.StartsWith($"{p.Line}:", StringComparison.Ordinal));
    }

    [Fact]
    public void The_same_scenarios_built_in_code_are_refused_at_the_same_paths()
    {
        var b = new ScenarioBuilder
        {
            Name = "uncertain",
            States = ["AUT", "BEL", "RUS"],
            Defaults = new StateProfile { IdealPoint = [0.5, 0.5, 0.5], Salience = [0.4, 0.3, 0.3], BlockingCost = 0.05, Noise = 0.1, Linkage = 0.2 },
            Proposal = new Proposal { StatusQuo = [Parameter.Uniform(-0.5, 0.5), 0.1, 0.1], Draft = [Parameter.TruncatedNormal(0.5, 0.1, 0.2, 1.2), 0.4, Parameter.Beta(2, 2)] },
        };
        var ex = Assert.Throws<ScenarioValidationException>(() => b.Build());
        Assert.Equal(["$.proposal.draft[0]", "$.proposal.statusQuo[0]"], ex.Problems.Select(p => p.Path).Order(StringComparer.Ordinal));

        b.Proposals = [new Proposal(), new Proposal { Draft = [0.4, Parameter.Uniform(0.9, 1.1), 0.4] }];
        Assert.Equal("$.proposals[1].draft[1]", Assert.Single(Assert.Throws<ScenarioValidationException>(() => b.Build()).Problems).Path);

        // A coordinate left null is named, not thrown past.
        b.Proposals = [new Proposal { StatusQuo = [0.1, null!, 0.1] }];
        Assert.Equal("$.proposal.statusQuo[1]", Assert.Single(Assert.Throws<ScenarioValidationException>(() => b.Build()).Problems).Path);

        // Bounds the wrong way round cannot even be built: the factory names the argument.
        Assert.Equal("upper", Assert.Throws<ArgumentOutOfRangeException>(() => Parameter.Uniform(0.6, 0.4)).ParamName);
    }

    [Fact]
    public void A_missing_draft_is_refused_unless_the_agenda_setter_tables_its_own()
    {
        string Without(string chair) => Scenario("[0.1, 0.1, 0.1]", "[0.4, 0.4, 0.4]").Replace(",\n    \"draft\": [0.4, 0.4, 0.4] }", " }", StringComparison.Ordinal)
            .Replace("\"simulation\"", chair + "\n  \"simulation\"", StringComparison.Ordinal);

        File.WriteAllText(F("fixed.json"), Without(string.Empty));
        var refused = Cli("validate", F("fixed.json"));
        Assert.Equal(2, refused.Code);
        Assert.Contains("fixed.json:4: $.proposal.draft: A proposal needs its draft", refused.Err, StringComparison.Ordinal);

        File.WriteAllText(F("setter.json"), Without("\"chair\": { \"strategy\": \"agenda-setter\", \"idealPoint\": [0.9, 0.8, 0.9] },"));
        var run = Cli("run", F("setter.json"), "--json", F("result.json"), "--trials", "200");
        Assert.Equal(0, run.Code);
        Assert.True(File.Exists(F("result.json")));
        Assert.Null(ScenarioJson.Load(F("setter.json")).Proposal.Draft);
        Assert.Contains("the agenda-setter's own text (no draft given)", Cli("describe", F("setter.json")).Out, StringComparison.Ordinal);
    }
}
