using System.Text.Json;
using ConsensusSim.Cli;
using ConsensusSim.Tests.Support;

namespace ConsensusSim.Tests.Cli;

public sealed class CliTests : CliHarness
{
    private string Write(string name, string text)
    {
        string path = Path.Combine(Dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Run_without_a_file_runs_the_embedded_default_scenario()
    {
        var (code, output, error) = Cli("run", "--trials", "20000", "--seed", "7");
        Assert.Equal(0, code);
        Assert.DoesNotContain("consensussim:", error, StringComparison.Ordinal);
        Assert.Contains("Counter-terrorism decision at the Permanent Council", output, StringComparison.Ordinal);
        Assert.Matches(@"P\(adopted\)\s+= 0\.\d{4}\s+95% CI \[0\.\d{4}, 0\.\d{4}\]", output);
        Assert.Contains("Who blocked", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_writes_the_result_json_with_provenance_outcomes_histogram_and_blockers()
    {
        string json = Path.Combine(Dir, "out", "result.json");
        var (code, _, _) = Cli("run", "--trials", "5000", "--seed", "42", "--threads", "1", "--json", json);
        Assert.Equal(0, code);

        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var root = doc.RootElement;
        var provenance = root.GetProperty("provenance");
        Assert.Equal("ConsensusSim", provenance.GetProperty("library").GetString());
        Assert.False(string.IsNullOrEmpty(provenance.GetProperty("version").GetString()));
        Assert.Equal(42UL, provenance.GetProperty("seed").GetUInt64());
        Assert.Equal(5000, provenance.GetProperty("trials").GetInt64());
        Assert.Matches("^[0-9a-f]{64}$", provenance.GetProperty("scenarioSha256").GetString()!);

        foreach (var outcome in new[] { "adopted", "deadlocked" })
        {
            var o = root.GetProperty("outcomes").GetProperty(outcome);
            double p = o.GetProperty("probability").GetDouble();
            var ci = o.GetProperty("ci95").EnumerateArray().Select(x => x.GetDouble()).ToArray();
            Assert.Equal(2, ci.Length);
            Assert.InRange(p, ci[0], ci[1]);
            Assert.True(o.GetProperty("standardError").GetDouble() > 0);
        }

        Assert.Equal(5000, root.GetProperty("objectorCounts").EnumerateArray().Sum(x => x.GetInt64()));
        Assert.Equal(57, root.GetProperty("blockers").GetArrayLength());
        var first = root.GetProperty("blockers")[0];
        Assert.Equal(3, first.GetProperty("state").GetString()!.Length);
        Assert.True(first.GetProperty("frequency").GetDouble() >= root.GetProperty("blockers")[56].GetProperty("frequency").GetDouble());
    }

    [Fact]
    public void The_same_seed_gives_the_same_json_whatever_the_thread_count()
    {
        string a = Path.Combine(Dir, "a.json");
        string b = Path.Combine(Dir, "b.json");
        Assert.Equal(0, Cli("run", "--trials", "20000", "--seed", "3", "--threads", "1", "--json", a).Code);
        Assert.Equal(0, Cli("run", "--trials", "20000", "--seed", "3", "--threads", "2", "--json", b).Code);
        Assert.Equal(ResultFile("a.json"), ResultFile("b.json"));
    }

    [Fact]
    public void Run_with_conditional_prints_the_second_estimate_or_says_why_it_does_not_apply()
    {
        var (code, output, _) = Cli("run", "--trials", "5000", "--seed", "2", "--conditional");
        Assert.Equal(0, code);
        Assert.Contains("conditional Monte Carlo: variance", output, StringComparison.Ordinal);

        string file = Write("rounds.json", """{ "name": "Rounds", "states": ["AUT","BEL"], "behaviour": { "model": "fixed-objection", "blocCorrelation": 0.3 }, "defaults": { "objectionProbability": 0.1 }, "procedure": { "maxRounds": 3 }, "proposal": { "statusQuo": [0, 0, 0], "draft": [1, 1, 1] } }""");
        var (refused, _, error) = Cli("run", file, "--trials", "100", "--conditional");
        Assert.Equal(2, refused);
        Assert.Contains("exactly one vote", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_with_conditional_only_prints_its_estimate_and_counts_nothing_else()
    {
        string json = Path.Combine(Dir, "only.json");
        var (code, output, _) = Cli("run", "--trials", "20000", "--seed", "2", "--conditional-only", "--json", json);
        Assert.Equal(0, code);
        Assert.Matches(@"P\(adopted\)\s+= 0\.\d{5} 95% CI \[0\.\d{5}, 0\.\d{5}\]  SE 0\.\d{6}  conditional Monte Carlo only: variance", output);
        Assert.Contains("not counted", output, StringComparison.Ordinal);
        Assert.DoesNotContain("P(deadlocked)", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Who blocked", output, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("outcomes").GetProperty("adopted").ValueKind);

        var (refused, _, error) = Cli("run", "--trials", "100", "--conditional-only", "--rare", "adopted");
        Assert.Equal(2, refused);
        Assert.Contains("--rare cannot be combined with conditional-only trials", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_with_a_scenario_file_uses_it()
    {
        string file = Write("three.json", """{ "name": "Three", "states": ["AUT","BEL","RUS"], "behaviour": { "model": "fixed-objection" }, "defaults": { "objectionProbability": 0.1 }, "proposal": { "statusQuo": [0, 0, 0], "draft": [1, 1, 1] } }""");
        var (code, output, _) = Cli("run", file, "--trials", "1000");
        Assert.Equal(0, code);
        Assert.Contains("Three", output, StringComparison.Ordinal);
        Assert.Contains("3 States", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_accepts_a_good_file()
    {
        string file = Write("good.json", """{ "name": "Good", "states": ["AUT"], "behaviour": { "model": "fixed-objection" }, "defaults": { "objectionProbability": 0 }, "proposal": { "statusQuo": [0, 0, 0], "draft": [1, 1, 1] } }""");
        var (code, output, error) = Cli("validate", file);
        Assert.Equal(0, code);
        Assert.Contains("valid", output, StringComparison.Ordinal);
        Assert.Empty(error);
    }

    [Theory]
    [InlineData("""{ "name": "x", "states": ["ZZZ"], "behaviour": { "model": "fixed-objection" }, "defaults": { "objectionProbability": 0.1 } }""", "$.states[0]")]
    [InlineData("""{ "name": "x", "states": ["AUT", "AUT"], "behaviour": { "model": "fixed-objection" }, "defaults": { "objectionProbability": 0.1 } }""", "$.states[1]")]
    [InlineData("""{ "name": "x", "behaviour": { "model": "fixed-objection" }, "defaults": { "objectionProbability": 7 } }""", "$.defaults.objectionProbability")]
    [InlineData("""{ "name": "x", "behaviour": { "model": "fixed-objection" }, "defaults": { "objectionProbability": "NaN" } }""", "$.defaults.objectionProbability")]
    [InlineData("""{ "name": "x", "behaviour": { "model": "fixed-objection" }, "defaults": { "objectionProbability": 1e999 } }""", "$.defaults.objectionProbability")]
    [InlineData("""{ "name": "x", "defaults": { "idealPoint": [0.5,0.5,0.5], "salience": [0.9,0.9,0.9], "blockingCost": 0.1, "noise": 0.1 } }""", "$.defaults.salience")]
    [InlineData("""{ "name": "x", "defaults": { "idealPoint": [0.5,0.5], "salience": [0.4,0.3,0.3], "blockingCost": 0.1, "noise": 0.1 } }""", "$.defaults.idealPoint")]
    [InlineData("""{ "name": "x", "behaviour": { "model": "fixed-objection" }, "defaults": { "objectionProbability": 0.1 }, "simulation": { "trials": 0 } }""", "$.simulation.trials")]
    [InlineData("""{ "name": "x", "behaviour": { "model": "fixed-objection" }, "defaults": { "objectionProbability": 0.1 }, "rule": "unanimity-of-the-willing" }""", "$.rule")]
    [InlineData("""{ "name": "x", "behaviour": { "model": "fixed-objection" }, "defaults": { "objectionProbability": 0.1 }, "proposal": { "topic": "astrology" } }""", "$.proposal.topic")]
    [InlineData("this is not json", "$")]
    public void Validate_rejects_each_kind_of_bad_file_with_exit_2_and_the_JSON_path(string text, string path)
    {
        string file = Write("bad.json", text);
        var (code, output, error) = Cli("validate", file);
        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Contains(file + ":1: " + path + ":", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_rejects_a_file_that_is_too_large_or_too_deep()
    {
        string large = Write("large.json", "{ \"name\": \"x\" }" + new string(' ', (1 << 20) + 1));
        Assert.Equal(2, Cli("validate", large).Code);
        string deep = Write("deep.json", "{ \"name\": " + new string('[', 100) + new string(']', 100) + " }");
        var (code, _, error) = Cli("validate", deep);
        Assert.Equal(2, code);
        Assert.Contains("nested deeper", error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_scenario_writes_no_result_file()
    {
        string file = Write("bad.json", """{ "name": "x", "states": ["ZZZ"] }""");
        string json = Path.Combine(Dir, "never.json");
        var (code, _, error) = Cli("run", file, "--json", json);
        Assert.Equal(2, code);
        Assert.Contains("$.states[0]", error, StringComparison.Ordinal);
        Assert.False(File.Exists(json));
    }

    [Theory]
    [InlineData("run", "--trials", "0")]
    [InlineData("run", "--trials", "1000000000001")]
    [InlineData("run", "--threads", "0")]
    [InlineData("run", "--trials", "many")]
    [InlineData("run", "--no-such-option")]
    [InlineData("validate")]
    public void Bad_options_exit_2_with_a_message(params string[] args)
    {
        var (code, _, error) = Cli(args);
        Assert.Equal(2, code);
        Assert.NotEmpty(error);
    }

    [Fact]
    public void A_missing_file_exits_2()
    {
        var (code, _, error) = Cli("validate", Path.Combine(Dir, "nope.json"));
        Assert.Equal(2, code);
        Assert.Contains("no such scenario file", error, StringComparison.Ordinal);
    }
}
