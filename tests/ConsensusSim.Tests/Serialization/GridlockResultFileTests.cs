using System.Globalization;
using System.Text.Json.Nodes;
using ConsensusSim.Model;
using ConsensusSim.Reporting;
using ConsensusSim.Serialization;
using ConsensusSim.Simulation;
using ConsensusSim.Tests.Support;

namespace ConsensusSim.Tests.Serialization;

/// <summary>Gridlock and policy change in every file a result becomes: JSON (read back), CSV, shard merges and the report.</summary>
public class GridlockResultFileTests
{
    private static readonly Scenario Scenario = Scenarios.SometimesGridlocked(n: 3);

    private static SimulationResult Run(ShardSpec? shard = null, bool conditional = false) =>
        MonteCarloRunner.Run(Scenario.Compile(), new SimulationOptions { Trials = 6_000, ChunkSize = 500, Seed = 8, Shard = shard, ConditionalMonteCarlo = conditional });

    [Fact]
    public void The_json_carries_gridlock_and_policy_change_and_reads_back_to_the_same_result()
    {
        var result = Run(conditional: true);
        string json = ResultJson.Serialize(result);
        var root = JsonNode.Parse(json)!;

        Assert.Equal(4, root["format"]!.GetValue<int>());
        Assert.Equal(result.Gridlock.Count, root["outcomes"]!["gridlock"]!["count"]!.GetValue<long>());
        Assert.Equal(result.Gridlock.Ci95Lower, root["outcomes"]!["gridlock"]!["ci95"]![0]!.GetValue<double>());
        Assert.Equal(result.PolicyChange.Probability, root["outcomes"]!["policyChange"]!["probability"]!.GetValue<double>());
        Assert.Equal(result.Gridlock.Count, root["tallies"]!["gridlock"]!.GetValue<long>());
        Assert.Equal(result.PolicyChange.Count, root["tallies"]!["policyChanged"]!.GetValue<long>());
        Assert.Equal(6_000, root["outcomes"]!["adopted"]!["count"]!.GetValue<long>() + root["outcomes"]!["deadlocked"]!["count"]!.GetValue<long>() + root["outcomes"]!["gridlock"]!["count"]!.GetValue<long>());

        var back = ResultJson.Deserialize(json);
        Assert.Equal(json, ResultJson.Serialize(back));
        Assert.Equal(result.Gridlock.Count, back.Gridlock.Count);
        Assert.Equal(result.PolicyChange.Count, back.PolicyChange.Count);
        Assert.Equal(result.Deadlocked.Count, back.Deadlocked.Count);
    }

    [Fact]
    public void Merged_shards_equal_the_whole_run_in_gridlock_and_policy_change()
    {
        var whole = Run();
        var merged = SimulationResult.Merge([.. Enumerable.Range(1, 4).Select(i => ResultJson.Deserialize(ResultJson.Serialize(Run(new ShardSpec(i, 4)))))]);

        Assert.True(whole.Gridlock.Count > 0);
        Assert.Equal(ResultJson.Serialize(whole), ResultJson.Serialize(merged));
        Assert.Equal(whole.Gridlock.Count, merged.Gridlock.Count);
        Assert.Equal(whole.PolicyChange.Count, merged.PolicyChange.Count);
    }

    [Fact]
    public void The_outcomes_csv_has_a_gridlock_and_a_policy_change_row_with_their_intervals()
    {
        var result = Run();
        var rows = ResultCsv.Outcomes(result).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(',')).ToList();
        var names = rows.Skip(1).Select(r => r[0]).ToList();
        Assert.Equal(["adopted", "deadlocked", "gridlock", "policy_change"], names.Take(4));

        foreach (var (name, estimate) in new[] { ("gridlock", result.Gridlock), ("policy_change", result.PolicyChange) })
        {
            var row = rows.Single(r => r[0] == name);
            Assert.Equal(estimate.Count.ToString(CultureInfo.InvariantCulture), row[1]);
            Assert.Equal(estimate.Probability, double.Parse(row[3], CultureInfo.InvariantCulture));
            Assert.Equal(estimate.StandardError, double.Parse(row[4], CultureInfo.InvariantCulture));
            Assert.Equal(estimate.Ci95Lower, double.Parse(row[5], CultureInfo.InvariantCulture));
            Assert.Equal(estimate.Ci95Upper, double.Parse(row[6], CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void The_report_and_its_outcome_chart_show_gridlock_and_policy_change()
    {
        var result = Run();
        string html = HtmlReport.Render(Scenario, result, new Dictionary<string, string>());
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"<tr><td>gridlock</td><td>{result.Gridlock.Probability:0.0000}</td>"), html, StringComparison.Ordinal);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"<tr><td>policy change</td><td>{result.PolicyChange.Probability:0.0000}</td>"), html, StringComparison.Ordinal);

        string svg = ResultCharts.Outcomes(result).GetSvgXml(ResultCharts.Width, ResultCharts.Height);
        Assert.Contains("gridlock", svg, StringComparison.Ordinal);
        Assert.Contains("policy change", svg, StringComparison.Ordinal);
    }
}
