using System.Text.Json;
using ConsensusSim.Model;
using ConsensusSim.Serialization;
using ConsensusSim.Tests.Support;

namespace ConsensusSim.Tests.Serialization.Hostile;

/// <summary>
/// Probe item 1: a scenario decides the proposal its file gives — never one the reader made up. Both
/// "proposal" and "proposals", no proposal at all, or a proposal without its positions are refused,
/// and a sweep shorthand for the single proposal does not apply to a package.
/// </summary>
public sealed class ProposalPresenceTests : CliHarness
{
    private const string Item = """{ "title": "T", "topic": "migration", "statusQuo": [0.1, 0.1, 0.1], "draft": [0.4, 0.4, 0.4] }""";

    /// <summary>A three-State stance scenario, one property per line (line numbers in comments), with <paramref name="proposals"/> as lines 3 onwards.</summary>
    private static string Scenario(params string[] proposals) =>
        "{\n"                                                                   // 1
        + "  \"name\": \"package\",\n"                                          // 2
        + string.Concat(proposals.Select(p => "  " + p + ",\n"))                // 3 …
        + "  \"states\": [\"AUT\", \"BEL\", \"RUS\"],\n"
        + "  \"defaults\": { \"idealPoint\": [0.5, 0.5, 0.5], \"salience\": [0.4, 0.3, 0.3], \"blockingCost\": 0.05, \"noise\": 0.1, \"linkage\": 0.2 },\n"
        + "  \"simulation\": { \"trials\": 1000, \"seed\": 1 }\n"
        + "}\n";

    private static string Package => $"\"proposals\": [{Item}, {Item.Replace("migration", "arms-control", StringComparison.Ordinal)}]";

    private void AssertRefusedEverywhere(string file, string location)
    {
        var validate = Cli("validate", F(file));
        Assert.Equal(2, validate.Code);
        Assert.Contains($"{file}:{location}", validate.Err, StringComparison.Ordinal);

        var describe = Cli("describe", F(file));
        Assert.Equal(2, describe.Code);
        Assert.DoesNotContain("Untitled proposal", describe.Out, StringComparison.Ordinal);

        var run = Cli("run", F(file), "--json", F("result.json"), "--trials", "100");
        Assert.Equal(2, run.Code);
        Assert.Contains($"{file}:{location}", run.Err, StringComparison.Ordinal);
        Assert.Equal([file], HostileFiles.Listing(Dir));
    }

    [Fact]
    public void A_package_with_a_stray_proposal_after_it_is_refused_at_the_proposal()
    {
        // The probe's case: "proposal": {"susceptibility": 1} replaced a four-item package by an invented draft.
        File.WriteAllText(F("both.json"), Scenario(Package, "\"proposal\": { \"susceptibility\": 1 }"));
        AssertRefusedEverywhere("both.json", "4: $.proposal: Give either \"proposal\" (one draft) or \"proposals\" (a package), not both");

        var ex = Assert.Throws<ScenarioValidationException>(() => ScenarioJson.Load(F("both.json")));
        var problem = Assert.Single(ex.Problems);
        Assert.Equal(("$.proposal", 4), (problem.Path, problem.Line));
    }

    [Fact]
    public void A_proposal_with_a_package_after_it_is_refused_at_the_package()
    {
        File.WriteAllText(F("both.json"), Scenario($"\"proposal\": {Item}", Package));
        AssertRefusedEverywhere("both.json", "4: $.proposals: Give either \"proposal\" (one draft) or \"proposals\" (a package), not both; \"proposal\" is already given.");
    }

    [Fact]
    public void A_file_without_any_proposal_is_refused()
    {
        File.WriteAllText(F("none.json"), Scenario());
        AssertRefusedEverywhere("none.json", "1: $.proposal: The scenario needs a proposal");
    }

    [Theory]
    [InlineData("""{ "title": "T", "draft": [0.4, 0.4, 0.4] }""", "$.proposal.statusQuo", "A proposal needs its status quo")]
    [InlineData("""{ "title": "T", "statusQuo": [0.1, 0.1, 0.1] }""", "$.proposal.draft", "A proposal needs its draft")]
    [InlineData("""{ "susceptibility": 1 }""", "$.proposal.draft", "A proposal needs its draft")]
    public void A_proposal_without_its_positions_is_refused_at_the_missing_one(string proposal, string path, string message)
    {
        File.WriteAllText(F("partial.json"), Scenario($"\"proposal\": {proposal}"));
        AssertRefusedEverywhere("partial.json", $"3: {path}: {message}");
    }

    [Fact]
    public void An_item_of_a_package_without_its_positions_is_refused_at_its_index()
    {
        File.WriteAllText(F("partial.json"), Scenario($"\"proposals\": [{Item}, {{ \"topic\": \"migration\", \"statusQuo\": [0, 0, 0] }}]"));
        AssertRefusedEverywhere("partial.json", "3: $.proposals[1].draft: A proposal needs its draft");
    }

    [Fact]
    public void A_problem_in_a_package_of_one_is_located_in_the_package()
    {
        // The validator calls a lone proposal $.proposal, a path this file does not have (it fell back to line 1).
        File.WriteAllText(F("one.json"), Scenario($"\"proposals\": [{Item.Replace("migration", "astrology", StringComparison.Ordinal)}]"));
        AssertRefusedEverywhere("one.json", "3: $.proposals[0].topic: Unknown topic 'astrology'");
    }

    [Fact]
    public void A_proposal_without_a_title_gets_the_title_the_schema_states()
    {
        var scenario = ScenarioJson.Parse(Scenario("\"proposal\": { \"statusQuo\": [0, 0, 0], \"draft\": [1, 1, 1] }"));

        var schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "schemas", "scenario.schema.json"))).RootElement;
        var proposal = schema.GetProperty("$defs").GetProperty("proposal");
        Assert.Equal(scenario.Proposal.Title, proposal.GetProperty("properties").GetProperty("title").GetProperty("default").GetString());
        // The draft is required too, except with the agenda-setter Chair: the reader and validator enforce that (below).
        Assert.Equal(["statusQuo"], proposal.GetProperty("required").EnumerateArray().Select(x => x.GetString()));

        // Exactly one of the two keys: what the reader now enforces.
        var oneOf = schema.GetProperty("oneOf").EnumerateArray().Select(x => x.GetProperty("required").EnumerateArray().Single().GetString()).ToList();
        Assert.Equal(["proposal", "proposals"], oneOf);
    }

    [Theory]
    [InlineData("susceptibility=0,1", "susceptibility")]
    [InlineData("topic=migration", "topic")]
    public void A_proposal_shorthand_on_a_package_is_refused_with_the_full_path_to_use(string vary, string field)
    {
        File.WriteAllText(F("package.json"), Scenario(Package));
        var (code, _, error) = Cli("sweep", F("package.json"), "--vary", vary, "--trials", "100", "--out", F("sweep.csv"));
        Assert.Equal(2, code);
        Assert.Contains($"$.proposals: '{field}' varies the single proposal, but this scenario is a package of 2 proposals", error, StringComparison.Ordinal);
        Assert.Contains($"proposals[0].{field}", error, StringComparison.Ordinal);
        Assert.Equal(["package.json"], HostileFiles.Listing(Dir));

        var ex = Assert.Throws<ScenarioValidationException>(() => ScenarioVariation.Apply(File.ReadAllText(F("package.json")), [new(field, "migration")]));
        Assert.Equal("$.proposals", Assert.Single(ex.Problems).Path);

        // The full path still varies one item of the package.
        var varied = ScenarioVariation.Apply(File.ReadAllText(F("package.json")), [new($"proposals[1].{field}", field == "topic" ? "\"elections\"" : "0.5")]);
        Assert.Equal(2, varied.Proposals.Count);
    }

    [Fact]
    public void A_proposal_shorthand_on_a_single_proposal_still_works()
    {
        File.WriteAllText(F("one.json"), Scenario($"\"proposal\": {Item}"));
        var varied = ScenarioVariation.Apply(File.ReadAllText(F("one.json")), [new("topic", "elections"), new("susceptibility", "0.25")]);
        Assert.Equal(("elections", 0.25), (varied.Proposal.Topic, varied.Proposal.Susceptibility));
    }
}
