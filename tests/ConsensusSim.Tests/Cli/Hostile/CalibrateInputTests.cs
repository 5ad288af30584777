using ConsensusSim.Cli;
using ConsensusSim.Tests.Support;

namespace ConsensusSim.Tests.Cli.Hostile;

/// <summary>Bad specs, bad options and interruptions: exit 2 (or 130) with the location, and no output file.</summary>
public sealed class CalibrateInputTests : CliHarness
{
    public CalibrateInputTests()
    {
        File.WriteAllText(F("record.csv"), "era,item,adopted,attempts\np1,vote,18,20\np2,vote,12,20\n");
        File.WriteAllText(F("vote.json"), """
            { "name": "vote", "states": ["AUT", "BEL", "CHE"], "behaviour": { "model": "fixed-objection", "blocCorrelation": 0.3 },
              "defaults": { "objectionProbability": 0.1 }, "proposal": { "title": "t", "statusQuo": [0, 0, 0], "draft": [1, 1, 1] } }
            """);
    }

    private string WriteSpec(string parameters)
    {
        File.WriteAllText(F("spec.json"), $$"""
            {
              "observations": "record.csv",
              "periodPath": null,
              "templates": [ { "item": "vote", "scenario": "vote.json" } ],
              "parameters": [ {{parameters}} ],
              "trials": 500
            }
            """);
        return F("spec.json");
    }

    [Fact]
    public void A_bad_spec_exits_2_with_file_line_and_path_and_writes_nothing()
    {
        string spec = WriteSpec("""{ "path": "defaults.objectionProbability", "low": 0, "high": 3 }""");
        var (code, output, error) = Cli("calibrate", spec, "--out", F("out"));
        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.StartsWith($"{spec}:5: $.parameters[0].high: With 'defaults.objectionProbability' at 3", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(F("out")));
    }

    [Fact]
    public void A_bad_record_exits_2_with_the_records_line()
    {
        File.WriteAllText(F("record.csv"), "era,item,adopted,attempts\np1,vote,x,20\n");
        var (code, _, error) = Cli("calibrate", WriteSpec("""{ "path": "defaults.objectionProbability", "low": 0, "high": 0.5 }"""));
        Assert.Equal(2, code);
        Assert.StartsWith($"{F("record.csv")}:2: $: adopted must be a whole number", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--holdout", "period=p1", "--rolling-origin")]
    [InlineData("--holdout", "era=p1")]
    [InlineData("--holdout", "period=p9")]
    [InlineData("--trials", "0")]
    [InlineData("--threads", "0")]
    public void Bad_options_exit_2_naming_the_option(params string[] options)
    {
        string spec = WriteSpec("""{ "path": "defaults.objectionProbability", "low": 0, "high": 0.5 }""");
        var (code, _, error) = Cli(["calibrate", spec, .. options, "--out", F("out")]);
        Assert.Equal(2, code);
        Assert.StartsWith("consensussim: --", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(F("out")));
    }

    [Fact]
    public void A_missing_spec_and_an_era_parameter_without_earlier_data_are_refused()
    {
        Assert.Equal(2, Cli("calibrate", F("missing.json")).Code);
        string spec = WriteSpec("""{ "name": "own", "path": "defaults.objectionProbability", "low": 0, "high": 0.5, "appliesTo": { "period": "p2" } }""");
        var (code, _, error) = Cli("calibrate", spec, "--rolling-origin");
        Assert.Equal(2, code);
        Assert.Contains("Parameter 'own' applies to the held-out cells (period=p2) but to no cell left to fit it", error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_interrupted_calibration_exits_130_and_writes_nothing()
    {
        string spec = WriteSpec("""{ "path": "defaults.objectionProbability", "low": 0, "high": 0.5 }""");
        using var interrupt = new CancellationTokenSource();
        interrupt.Cancel();
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = ConsensusSimCli.Run(["calibrate", spec, "--out", F("out")], stdout, stderr, interrupt.Token);
        Assert.Equal(130, code);
        Assert.False(Directory.Exists(F("out")));
    }
}
