using ConsensusSim.Calibration;
using ConsensusSim.Model;

namespace ConsensusSim.Tests.Calibration.Hostile;

/// <summary>Bad spec files and records: every problem is refused before any simulation, with its file, JSON path and line.</summary>
public sealed class CalibrationSpecInputTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("consensussim-calibration-").FullName;

    public CalibrationSpecInputTests()
    {
        File.WriteAllText(F("record.csv"), "era,item,adopted,attempts,topic\nlate,vote,3,4,\nearly,vote,1,4,\n");
        File.WriteAllText(F("vote.json"), """
            { "name": "vote", "states": ["AUT", "BEL", "CHE"], "behaviour": { "model": "fixed-objection", "blocCorrelation": 0.3 },
              "defaults": { "objectionProbability": 0.1 }, "proposal": { "title": "t", "statusQuo": [0, 0, 0], "draft": [1, 1, 1] } }
            """);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string F(string name) => Path.Combine(_dir, name);

    private static string Spec(string parameters = """{ "path": "defaults.objectionProbability", "low": 0, "high": 0.5 }""", string extra = "") => $$"""
        {
          "observations": "record.csv",
          "periodPath": null,
          "templates": [ { "item": "vote", "scenario": "vote.json" } ],
          "parameters": [
            {{parameters}}
          ]{{extra}}
        }
        """;

    private ScenarioProblem Refused(string spec)
    {
        File.WriteAllText(F("spec.json"), spec);
        var ex = Assert.Throws<CalibrationSpecException>(() => CalibrationSpec.Load(F("spec.json")));
        Assert.Equal(F("spec.json"), ex.Source);
        return Assert.Single(ex.Problems);
    }

    [Fact]
    public void A_valid_spec_loads()
    {
        File.WriteAllText(F("spec.json"), Spec());
        var spec = CalibrationSpec.Load(F("spec.json"));
        Assert.Equal(2, spec.Cells.Count);
        Assert.Equal(["late", "early"], spec.PeriodOrder);
        Assert.Null(spec.PeriodPath);
    }

    [Theory]
    [InlineData("""{ "path": "defaults.objectionProbability", "low": 0.5, "high": 0.5 }""", "$.parameters[0].high", 6)]
    [InlineData("""{ "path": "defaults.objectionProbability", "low": 0, "high": 2 }""", "$.parameters[0].high", 6)]
    [InlineData("""{ "path": "defaults.objectionProbabilty", "low": 0, "high": 0.5 }""", "$.parameters[0].low", 6)]
    [InlineData("""{ "path": "defaults.objectionProbability", "low": 0, "high": 0.5, "prior": { "mean": 0.1, "sd": -1 } }""", "$.parameters[0].prior.sd", 6)]
    [InlineData("""{ "path": "defaults.objectionProbability", "low": 0, "high": 0.5, "appliesTo": {} }""", "$.parameters[0].appliesTo", 6)]
    [InlineData("""{ "path": "defaults.objectionProbability", "low": 0, "high": 0.5, "step": 0.1 }""", "$.parameters[0].step", 6)]
    public void A_bad_parameter_is_refused_at_its_path_and_line(string parameter, string path, int line)
    {
        var problem = Refused(Spec(parameter));
        Assert.Equal(path, problem.Path);
        Assert.Equal(line, problem.Line);
    }

    [Fact]
    public void Unknown_properties_bad_values_and_missing_files_are_refused_with_their_lines()
    {
        Assert.Equal(("$.trails", 8), Where(Refused(Spec(extra: ",\n  \"trails\": 5"))));
        Assert.Equal(("$.trials", 8), Where(Refused(Spec(extra: ",\n  \"trials\": 0"))));
        Assert.Equal(("$.observations", 2), Where(Refused(Spec().Replace("record.csv", "missing.csv", StringComparison.Ordinal))));
        Assert.Equal(("$.templates[0].scenario", 4), Where(Refused(Spec().Replace("vote.json", "missing.json", StringComparison.Ordinal))));
        Assert.Equal("$", Refused("[1, 2]").Path);
        Assert.Equal(4, Refused("{\n  \"name\": \"x\",\n  \"observations\": \n}").Line);
    }

    [Fact]
    public void A_bad_row_of_the_record_is_refused_with_the_records_line()
    {
        File.WriteAllText(F("record.csv"), "era,item,adopted,attempts\nlate,vote,3,4\nearly,vote,5,4\n");
        File.WriteAllText(F("spec.json"), Spec());
        var ex = Assert.Throws<CalibrationSpecException>(() => CalibrationSpec.Load(F("spec.json")));
        Assert.EndsWith("record.csv", ex.Source, StringComparison.Ordinal);
        Assert.Equal(3, Assert.Single(ex.Problems).Line);
        Assert.Contains("adopted must be a whole number from 0 to attempts (4)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_period_that_is_not_an_era_is_blamed_on_the_period_path()
    {
        File.WriteAllText(F("spec.json"), Spec().Replace("\"periodPath\": null,", string.Empty, StringComparison.Ordinal));
        var ex = Assert.Throws<CalibrationSpecException>(() => CalibrationSpec.Load(F("spec.json")));
        Assert.All(ex.Problems, p => Assert.Equal("$.periodPath", p.Path));
        Assert.Contains("'late' (line 2 of the record)", ex.Problems[0].Message, StringComparison.Ordinal);
        Assert.Contains("'early' (line 3 of the record)", ex.Problems[1].Message, StringComparison.Ordinal);
    }

    private static (string, int?) Where(ScenarioProblem p) => (p.Path, p.Line);
}
