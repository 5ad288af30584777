using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ConsensusSim.Model;
using ConsensusSim.Serialization;
using ConsensusSim.Simulation;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ConsensusSim.Tests.Serialization;

/// <summary>
/// A design point that sets only behaviour numbers the file gives is built from the template's model
/// (<see cref="BehaviourNumbers"/>); every such point must give what reading the varied text gives.
/// </summary>
public class BehaviourNumbersTests
{
    private static readonly string[] Paths = ["tension", "blocCorrelation", "behaviour.tension", "behaviour.blocCorrelation", "behaviour.retaliationThreshold"];

    // Plain, exponent, signed, padded, out of range, not finite, not a number, and a string that is a number's text.
    private static readonly string[] Values =
        ["0", "0.25", "1", "2.5e-1", "-0", " 0.3 ", "0.7000000000000001", "-0.1", "1.5", "1e308", "1e400", "NaN", "abc", "\"0.5\"", "true", "null", "[0.5]"];

    /// <summary>Every sample file, and each with the three numbers written out (so the era samples take the model's path too).</summary>
    private static readonly ScenarioTemplate[] Templates = [.. SampleFiles().SelectMany(text => new[] { text, WithNumbers(text) }).Select(text => ScenarioTemplate.Parse(Encoding.UTF8.GetBytes(text), "sample.json"))];

    [Property(MaxTest = 300)]
    public Property Setting_behaviour_numbers_gives_the_scenario_the_varied_text_gives() =>
        Prop.ForAll(Points().ToArbitrary(), point =>
        {
            var (template, assignments) = (Templates[point.Template], point.Assignments);
            Assert.Equal(Outcome(() => template.ApplyToText(assignments)), Outcome(() => template.Apply(assignments)));
        });

    [Fact]
    public void The_model_path_builds_the_points_of_a_tension_sweep_itself()
    {
        var template = Templates.First(t => t.Scenario.Name.StartsWith("Counter-terrorism", StringComparison.Ordinal));
        var lines = JsonLineMap.Build(File.ReadAllBytes(Sample("counter-terrorism-pc.json")), new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }, ScenarioJson.MaxDepth);
        var numbers = new BehaviourNumbers(template.Scenario, lines);

        Assert.NotNull(numbers.TryApply([new("tension", "0.35"), new("blocCorrelation", "0.1")]));
        Assert.Equal(0.35, numbers.TryApply([new("behaviour.tension", "0.35")])!.Behaviour.Tension);

        // Out of range: read from the text, so the problem carries the file's line.
        Assert.Null(numbers.TryApply([new("tension", "1.5")]));
        var problem = Assert.Single(Assert.Throws<ScenarioValidationException>(() => template.Apply([new("tension", "1.5")])).Problems);
        Assert.Equal("$.behaviour.tension", problem.Path);
        Assert.True(problem.Line > 1);

        // Not a number, another path, or a number the file does not give (retaliationThreshold): the text.
        Assert.Null(numbers.TryApply([new("tension", "\"0.5\"")]));
        Assert.Null(numbers.TryApply([new("tension", "0.5"), new("topic", "migration")]));
        Assert.Null(numbers.TryApply([new("behaviour.retaliationThreshold", "0.2")]));
    }

    [Fact]
    public void A_sweep_over_tension_gives_the_rows_it_gives_through_the_text()
    {
        var template = Templates.First(t => t.Scenario.Name.StartsWith("Counter-terrorism", StringComparison.Ordinal));
        foreach (string tension in new[] { "0", "0.45", "0.8" })
        {
            var options = new SimulationOptions { Trials = 4_000, Seed = 5 };
            var viaModel = MonteCarloRunner.Run(template.Apply([new("tension", tension)]).Compile(), options);
            var viaText = MonteCarloRunner.Run(template.ApplyToText([new("tension", tension)]).Compile(), options);
            Assert.Equal(viaText.Provenance.ScenarioSha256, viaModel.Provenance.ScenarioSha256);
            Assert.Equal(viaText.Adopted.Count, viaModel.Adopted.Count);
            Assert.Equal(viaText.Deadlocked.Count, viaModel.Deadlocked.Count);
        }
    }

    private static Gen<(int Template, KeyValuePair<string, string>[] Assignments)> Points() =>
        from template in Gen.Choose(0, Templates.Length - 1)
        from count in Gen.Choose(1, 3)
        from assignments in Gen.ArrayOf(
            from path in Gen.Elements(Paths)
            from value in Gen.OneOf(Gen.Elements(Values), Gen.Choose(-200, 1200).Select(k => (k / 1000.0).ToString("R", System.Globalization.CultureInfo.InvariantCulture)))
            select new KeyValuePair<string, string>(path, value), count)
        select (template, assignments);

    /// <summary>What a scenario is, as far as anything computes from it, or the problems that stop it.</summary>
    private static string Outcome(Func<Scenario> apply)
    {
        try
        {
            var s = apply();
            return string.Join('\n',
                s.Compile().ScenarioSha256,
                s.Name,
                s.Description,
                s.Trials,
                s.Seed,
                s.Era,
                string.Join(',', s.States),
                s.EraProvenance is { } era ? EraProvenanceJson.Canonical(era) : "no era");
        }
        catch (ScenarioValidationException ex)
        {
            return "invalid: " + string.Join(" | ", ex.Problems.Select(p => $"{p.Path} line {p.Line}: {p.Message}"));
        }
    }

    private static string Sample(string name) => Path.Combine(AppContext.BaseDirectory, "scenarios", name);

    private static IEnumerable<string> SampleFiles() =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "scenarios"), "*.json").Order(StringComparer.Ordinal).Select(File.ReadAllText);

    private static string WithNumbers(string text)
    {
        var root = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })!.AsObject();
        if (root["behaviour"] is not JsonObject behaviour)
        {
            behaviour = [];
            root["behaviour"] = behaviour;
        }

        behaviour["tension"] = 0.4;
        behaviour["blocCorrelation"] = 0.2;
        behaviour["retaliationThreshold"] = 0.1;
        return root.ToJsonString();
    }
}
