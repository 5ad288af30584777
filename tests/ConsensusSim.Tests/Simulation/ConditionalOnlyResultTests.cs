using System.Globalization;
using System.Text.Json;
using ConsensusSim.Model;
using ConsensusSim.Serialization;
using ConsensusSim.Simulation;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ConsensusSim.Tests.Simulation;

/// <summary>
/// A conditional-only result estimates P(adopted) conditionally and nothing else: no consumer shows its zero counts as
/// estimates, its file keeps the flag under the checksum, and it merges or resumes only with its own kind.
/// </summary>
public class ConditionalOnlyResultTests
{
    private static SimulationResult Run(long trials = 3_000, ShardSpec? shard = null, bool only = true, int chunk = 1_000) =>
        MonteCarloRunner.Run(Scenario.Default.Compile(), new SimulationOptions { Trials = trials, Seed = 4, ChunkSize = chunk, Shard = shard, ConditionalOnly = only });

    [Fact]
    public void The_counted_outcomes_are_not_estimated()
    {
        var r = Run();
        Assert.False(r.OutcomesCounted);
        Assert.True(Run(only: false).OutcomesCounted);
        Assert.Equal(3_000, r.Trials);
        Assert.Equal(3_000, r.ConditionalAdopted!.Trials);
        Assert.InRange(r.ConditionalAdopted.Probability, 0.9, 0.96);
        foreach (var e in new[] { r.Adopted, r.Deadlocked, r.Gridlock, r.PolicyChange, r.AdoptedWithStatements, r.Escalated })
        {
            Assert.Equal(0, e.Trials);
            Assert.True(double.IsNaN(e.Probability));
        }

        Assert.Empty(r.Blockers);
        Assert.Empty(r.ObjectorCounts);
        Assert.Empty(r.AdoptedInRound);
        Assert.Empty(r.AmbitionHistogram);
        Assert.True(double.IsNaN(r.MeanRoundsToAdoption));
        Assert.Empty(ResultCsv.NamedOutcomes(r));
    }

    [Fact]
    public void The_result_file_has_null_outcomes_and_the_flag_and_reads_back()
    {
        var r = Run();
        string json = ResultJson.Serialize(r);
        using (var doc = JsonDocument.Parse(json))
        {
            var root = doc.RootElement;
            Assert.True(root.GetProperty("provenance").GetProperty("conditionalOnly").GetBoolean());
            Assert.Equal(JsonValueKind.Null, root.GetProperty("outcomes").GetProperty("adopted").ValueKind);
            Assert.Equal(JsonValueKind.Null, root.GetProperty("outcomes").GetProperty("deadlocked").ValueKind);
            Assert.Equal(r.ConditionalAdopted!.Probability, root.GetProperty("outcomes").GetProperty("adoptedConditional").GetProperty("probability").GetDouble());
            Assert.Equal(0, root.GetProperty("blockers").GetArrayLength());
            Assert.True(root.GetProperty("tallies").GetProperty("conditionalOnly").GetBoolean());
        }

        var back = ResultJson.Deserialize(json);
        Assert.False(back.OutcomesCounted);
        Assert.Equal(json, ResultJson.Serialize(back));

        // Neither the flag nor a count can be changed unnoticed: the flag is in the checksum, and a count breaks "counts nothing".
        Assert.Throws<ResultFileException>(() => ResultJson.Deserialize(json.Replace("\"conditionalOnly\": true,\n    \"checksum\"", "\"checksum\"", StringComparison.Ordinal)));
        var edited = Assert.Throws<ResultFileException>(() => ResultJson.Deserialize(json.Replace("\"adopted\": 0,", "\"adopted\": 5,", StringComparison.Ordinal)));
        Assert.Contains("$.tallies", edited.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("conditionalOnly", ResultJson.Serialize(Run(only: false)), StringComparison.Ordinal);
    }

    [Fact]
    public void The_csv_and_the_summaries_show_only_the_conditional_estimate()
    {
        var r = Run();
        string csv = ResultCsv.Outcomes(r);
        string[] rows = csv.TrimEnd('\n').Split('\n');
        Assert.Equal(2, rows.Length);
        Assert.StartsWith("adopted_conditional,,3000,", rows[1], StringComparison.Ordinal);
        Assert.Single(ResultCsv.Blockers(r).TrimEnd('\n').Split('\n'));
        string html = ConsensusSim.Reporting.HtmlReport.Render(Scenario.Default, r, new Dictionary<string, string>());
        Assert.Contains("conditional Monte Carlo alone", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<h2>Blockers</h2>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_conditional_only_result_merges_and_resumes_only_with_its_own_kind()
    {
        var only = Run(shard: new ShardSpec(1, 2));
        var counting = Run(shard: new ShardSpec(2, 2), only: false);
        var merge = Assert.Throws<ResultMergeException>(() => SimulationResult.Merge([only, counting]));
        Assert.Contains("a conditional-only result cannot be merged with a counting one", merge.Message, StringComparison.Ordinal);

        var whole = SimulationResult.Merge([only, Run(shard: new ShardSpec(2, 2))]);
        Assert.Equal(ResultJson.Serialize(Run()), ResultJson.Serialize(whole));

        var resume = Assert.Throws<ArgumentException>(() => MonteCarloRunner.Run(Scenario.Default.Compile(), new SimulationOptions { Trials = 3_000, Seed = 4, ChunkSize = 1_000, Shard = new ShardSpec(1, 2), ResumeFrom = only, ConditionalMonteCarlo = true }));
        Assert.Contains("only estimated conditionally", resume.Message, StringComparison.Ordinal);
    }

    [Property(MaxTest = 15)]
    public Property Any_threads_chunks_and_shards_give_the_same_sums(PositiveInt threads, PositiveInt chunk, PositiveInt shards, PositiveInt seedValue)
    {
        // The default scenario (a Beta parameter, Russia one by one, the other States from tables), 7,000 trials.
        int t = 1 + (threads.Get % 3), k = 1 + (chunk.Get % 2_500), n = 1 + (shards.Get % Math.Min(5, (6_999 / k) + 1));
        ulong seed = (ulong)seedValue.Get;
        var compiled = Scenario.Default.Compile();
        SimulationResult Part(int threadCount, int chunkSize, ShardSpec? shard) => MonteCarloRunner.Run(
            compiled, new SimulationOptions { Trials = 7_000, Seed = seed, MaxDegreeOfParallelism = threadCount, ChunkSize = chunkSize, Shard = shard, ConditionalOnly = true });

        var reference = Part(1, 1_000, null).Tallies;
        var whole = Part(t, k, null);
        var merged = SimulationResult.Merge([.. Enumerable.Range(1, n).Select(i => Part(t, k, new ShardSpec(i, n))).Reverse()]);
        bool same = whole.Tallies.ConditionalSum == reference.ConditionalSum && whole.Tallies.ConditionalSumOfSquares == reference.ConditionalSumOfSquares
            && ResultJson.Serialize(merged) == ResultJson.Serialize(whole);
        return same.Label($"{t} threads, chunks of {k}, {n} shards, seed {seed}");
    }

    [Fact]
    public void Scenarios_conditional_monte_carlo_does_not_apply_to_and_the_rare_event_estimator_are_refused()
    {
        var rounds = Scenario.Default.ToBuilder();
        rounds.Procedure = new ProcedureOptions { MaxRounds = 3 };
        var e = Assert.Throws<ConditionalMonteCarloNotApplicableException>(() => MonteCarloRunner.Run(rounds.Build().Compile(), new SimulationOptions { Trials = 100, ConditionalOnly = true }));
        Assert.Contains("exactly one vote", e.Reason, StringComparison.Ordinal);

        var rare = Assert.Throws<ArgumentException>(() => MonteCarloRunner.Run(Scenario.Default.Compile(), new SimulationOptions { Trials = 100, ConditionalOnly = true, RareEvent = RareOutcome.Adopted }));
        Assert.Equal("options.RareEvent", rare.ParamName);
    }

    [Fact]
    public void A_precision_target_stops_on_the_conditional_estimate()
    {
        var r = MonteCarloRunner.Run(Scenario.Default.Compile(), new SimulationOptions { Trials = 1_000_000, Seed = 4, ChunkSize = 1_000, Precision = 0.001, ConditionalOnly = true });
        var c = r.ConditionalAdopted!;

        // Stopped at the first chunk boundary where the half-width reached 0.001: fewer trials than planned, and one
        // chunk fewer would not have done (the half-width shrinks as 1/√n, so that chunk's is at most a few % wider).
        Assert.True(r.Provenance.IsComplete);
        Assert.InRange(r.Trials, 2_000, 999_000);
        Assert.True((c.Ci95Upper - c.Ci95Lower) / 2 <= 0.001, string.Create(CultureInfo.InvariantCulture, $"half-width {(c.Ci95Upper - c.Ci95Lower) / 2}"));
    }
}
