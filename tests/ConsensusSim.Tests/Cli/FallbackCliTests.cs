using ConsensusSim.Serialization;
using ConsensusSim.Tests.Support;

namespace ConsensusSim.Tests.Cli;

/// <summary>The cascading sample from the command line: the summary, fallback.csv, the report and describe show the fallback and retaliation.</summary>
public sealed class FallbackCliTests : CliHarness
{
    private static string Sample => Path.Combine(AppContext.BaseDirectory, "scenarios", "cascading-package.json");

    [Fact]
    public void Run_prints_and_writes_each_item_after_the_fallback_and_the_retaliation()
    {
        var (code, output, error) = Cli("run", Sample, "--trials", "4000", "--seed", "5", "--out", F("out"));
        Assert.True(code == 0 && WithoutProgress(error).Trim().Length == 0, $"exit {code}: {error}");
        Assert.Contains("fallback to item-by-item votes after", output, StringComparison.Ordinal);
        Assert.Contains("retaliatory share of objections", output, StringComparison.Ordinal);

        var result = ResultJson.Deserialize(File.ReadAllText(F("out/result.json")));
        var fallback = File.ReadAllLines(F("out/fallback.csv"));
        Assert.Equal("measure,item,objectors,count,total,estimate,standard_error,ci95_lower,ci95_upper,scenario,scenario_sha256,seed,trials,consensussim_version", fallback[0]);
        var terrorism = fallback.Single(l => l.StartsWith("adopted_after_fallback,Countering terrorism,", StringComparison.Ordinal)).Split(',');
        Assert.Equal(result.PackageFallback!.AdoptedAfterFallback[0].Adopted.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), terrorism[3]);
        Assert.Contains("<h2>Fallback to item-by-item votes</h2>", File.ReadAllText(F("out/report.html")), StringComparison.Ordinal);
    }

    [Fact]
    public void Run_writes_no_fallback_csv_for_a_package_without_a_fallback()
    {
        var (code, _, _) = Cli("run", Path.Combine(AppContext.BaseDirectory, "scenarios", "cross-dimensional-package.json"), "--trials", "1000", "--out", F("out"));
        Assert.Equal(0, code);
        Assert.True(File.Exists(F("out/outcomes.csv")));
        Assert.False(File.Exists(F("out/fallback.csv")));
    }

    [Fact]
    public void Describe_explains_the_fallback_and_who_retaliates_how_readily()
    {
        var (code, output, _) = Cli("describe", Sample);
        Assert.Equal(0, code);
        Assert.Contains("If the package fails, the Chair puts the proposals one by one", output, StringComparison.Ordinal);
        Assert.Contains("Retaliation: a State values a proposal when its gain from it exceeds θ = 0.01", output, StringComparison.Ordinal);
        Assert.Contains("ρ = beta(3, 5): ARM, BLR, KAZ, KGZ, RUS, TJK", output, StringComparison.Ordinal);
        Assert.Contains("ρ = 0.02: ", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_says_when_propensities_change_nothing()
    {
        string text = File.ReadAllText(Sample).Replace("\"packageFallback\": true", "\"packageFallback\": false", StringComparison.Ordinal);
        File.WriteAllText(F("off.json"), text);
        var (code, output, _) = Cli("describe", F("off.json"));
        Assert.Equal(0, code);
        Assert.Contains("Retaliation propensities are set but change nothing", output, StringComparison.Ordinal);
        Assert.DoesNotContain("the Chair puts the proposals one by one", output, StringComparison.Ordinal);
    }
}
