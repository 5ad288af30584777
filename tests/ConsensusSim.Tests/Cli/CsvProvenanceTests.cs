using System.Globalization;
using ConsensusSim.Serialization;
using ConsensusSim.Tests.Support;

namespace ConsensusSim.Tests.Cli;

/// <summary>
/// Every CSV the tool writes says where its numbers come from — scenario name, scenario hash, seed, trials and
/// library version — in columns at the end of every row, equal to the provenance of the result file beside it.
/// </summary>
public sealed class CsvProvenanceTests : CliHarness
{
    private static string Scenario => Path.Combine(AppContext.BaseDirectory, "scenarios", "counter-terrorism-pc.json");

    [Fact]
    public void The_run_csv_files_end_with_the_result_files_provenance()
    {
        Assert.Equal(0, Cli("run", Scenario, "--trials", "3000", "--seed", "11", "--out", F("run")).Code);
        var p = ResultJson.Deserialize(File.ReadAllText(F("run/result.json"))).Provenance;
        foreach (string file in new[] { "outcomes.csv", "blockers.csv" })
        {
            var lines = File.ReadAllLines(F(Path.Combine("run", file)));
            var header = lines[0].Split(',');
            Assert.Equal(["scenario", "scenario_sha256", "seed", "consensussim_version"], header[^4..]);
            var rows = lines[1..].Select(l => l.Split(',')).ToList();
            Assert.NotEmpty(rows);
            Assert.All(rows, r => Assert.Equal([p.ScenarioName, p.ScenarioSha256, "11", p.Version], r[^4..]));
            Assert.All(rows, r => Assert.Equal("3000", r[Array.IndexOf(header, "trials")]));
            Assert.Matches("^[0-9a-f]{64}$", p.ScenarioSha256);
        }
    }

    [Fact]
    public void Each_sweep_row_names_the_scenario_its_point_ran_as_the_points_result_file_does()
    {
        Assert.Equal(0, Cli("sweep", Scenario, "--vary", "tension=0,1", "--trials", "1000", "--seed", "5", "--checkpoint", F("points"), "--out", F("sweep.csv")).Code);
        var lines = File.ReadAllLines(F("sweep.csv"));
        var header = lines[0].Split(',');
        Assert.Equal(["scenario", "scenario_sha256", "consensussim_version"], header[^3..]);
        var byPoint = lines[1..].Select(l => l.Split(',')).GroupBy(r => r[0]).ToList();
        Assert.Equal(2, byPoint.Count);
        var hashes = new List<string>();
        foreach (var point in byPoint)
        {
            var files = Directory.GetFiles(F("points"), "*.json");
            var p = files.Select(f => ResultJson.Deserialize(File.ReadAllText(f)).Provenance)
                .Single(q => string.Equals(q.ScenarioSha256, point.First()[^2], StringComparison.Ordinal));
            Assert.All(point, r => Assert.Equal([p.ScenarioName, p.ScenarioSha256, p.Version], r[^3..]));
            Assert.All(point, r => Assert.Equal(p.Seed.ToString(CultureInfo.InvariantCulture), r[Array.IndexOf(header, "seed")]));
            Assert.All(point, r => Assert.Equal(p.Trials.ToString(CultureInfo.InvariantCulture), r[Array.IndexOf(header, "trials")]));
            hashes.Add(p.ScenarioSha256);
        }

        // The hash is the point's own: tension 0 and tension 1 are two different scenarios.
        Assert.Equal(2, hashes.Distinct().Count());
    }

    [Fact]
    public void Sweep_parts_written_before_the_provenance_columns_still_merge_with_each_other()
    {
        string[] sweep = ["sweep", Scenario, "--vary", "tension=0:1:0.5", "--trials", "200", "--seed", "3", "--threads", "1"];
        Assert.Equal(0, Cli([.. sweep, "--part", "1/2", "--out", F("new-1.csv")]).Code);
        Assert.Equal(0, Cli([.. sweep, "--part", "2/2", "--out", F("new-2.csv")]).Code);
        foreach (string part in new[] { "1", "2" })
        {
            // The same part as an older consensussim wrote it: every line without its last three columns.
            File.WriteAllLines(F($"old-{part}.csv"), File.ReadAllLines(F($"new-{part}.csv")).Select(l => string.Join(',', l.Split(',')[..^3])));
        }

        Assert.Equal(0, Cli("merge", F("old-1.csv"), F("old-2.csv"), "--out", F("old.csv")).Code);
        Assert.EndsWith(",top_blockers", File.ReadLines(F("old.csv")).First(), StringComparison.Ordinal);
        var (code, _, err) = Cli("merge", F("old-1.csv"), F("new-2.csv"), "--out", F("mixed.csv"));
        Assert.Equal(2, code);
        Assert.Contains("columns differ", err, StringComparison.Ordinal);
    }
}
