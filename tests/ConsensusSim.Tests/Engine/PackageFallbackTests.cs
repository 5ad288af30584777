using System.Text.Json.Nodes;
using ConsensusSim.Analysis;
using ConsensusSim.Engine;
using ConsensusSim.Model;
using ConsensusSim.Serialization;
using ConsensusSim.Simulation;
using ConsensusSim.Tests.Support;

namespace ConsensusSim.Tests.Engine;

/// <summary>
/// The package fallback leaves what it does not own alone: without it nothing runs and nothing is written; with it the
/// package's and the separate votes' tallies are those of the run without it, bit for bit.
/// </summary>
public class PackageFallbackTests
{
    private static string SamplePath(string name) => Path.Combine(AppContext.BaseDirectory, "scenarios", name);

    [Fact]
    public void Turning_the_fallback_on_leaves_every_other_tally_bit_for_bit()
    {
        // The arms-control item at the susceptibility the catalog assumed before it was fitted (0.85) keeps most packages
        // failing, which is what this test needs to see the fallback act.
        var off = ScenarioJson.Parse(File.ReadAllText(SamplePath("cross-dimensional-package.json"))
            .Replace("\"topic\": \"arms-control\",", "\"topic\": \"arms-control\", \"susceptibility\": 0.85,", StringComparison.Ordinal));
        var on = off.ToBuilder();
        on.Procedure = new ProcedureOptions { PackageFallback = true };
        on.GroupingProfiles.Add(new ProfileOverride("eu", new StateProfile { Retaliation = 0.05 }));

        var options = new SimulationOptions { Trials = 20_000, Seed = 8, MaxDegreeOfParallelism = 2 };
        var without = MonteCarloRunner.Run(off.Compile(), options);
        var with = MonteCarloRunner.Run(on.Build().Compile(), options);

        Assert.Null(without.PackageFallback);
        Assert.True(with.PackageFallback!.FailedPackages > 1_000, with.PackageFallback.ToString());
        Assert.True(with.PackageFallback.RetaliatoryObjections > 0);
        Assert.Equal(ResultCsvColumns.Tallies(ResultCsv.Outcomes(without)), ResultCsvColumns.Tallies(ResultCsv.Outcomes(with)));
        Assert.Equal(ResultCsvColumns.Tallies(ResultCsv.Blockers(without)), ResultCsvColumns.Tallies(ResultCsv.Blockers(with)));
        Assert.Equal(without.ObjectorCounts, with.ObjectorCounts);
        Assert.Equal(without.AdoptedInRound, with.AdoptedInRound);
    }

    [Fact]
    public void Options_written_out_at_their_defaults_give_the_same_hash_and_result_file()
    {
        string text = File.ReadAllText(SamplePath("cross-dimensional-package.json"));
        var root = JsonNode.Parse(text, documentOptions: new System.Text.Json.JsonDocumentOptions { CommentHandling = System.Text.Json.JsonCommentHandling.Skip })!;
        root["procedure"] = new JsonObject { ["packageFallback"] = false };
        root["behaviour"] = new JsonObject { ["retaliationThreshold"] = 0 };
        root["defaults"]!["retaliation"] = 0;
        var plain = ScenarioJson.Parse(text).Compile();
        var explicitDefaults = ScenarioJson.Parse(root.ToJsonString()).Compile();

        Assert.Equal(plain.ScenarioSha256, explicitDefaults.ScenarioSha256);
        var options = new SimulationOptions { Trials = 5_000, Seed = 3 };
        string json = ResultJson.Serialize(MonteCarloRunner.Run(plain, options));
        Assert.Equal(json, ResultJson.Serialize(MonteCarloRunner.Run(explicitDefaults, options)));
        Assert.DoesNotContain("allback", json, StringComparison.Ordinal);
    }

    [Fact]
    public void The_plan_takes_the_fallback_and_retaliation_stages_only_when_they_can_act()
    {
        Assert.False(KernelPlan.For(CascadeScenarios.Builder(0.5, 0.5, 0.5, fallback: false).Build().Compile()).PackageFallback);
        var idle = KernelPlan.For(CascadeScenarios.Builder(0, 0, 0).Build().Compile());
        Assert.True(idle.PackageFallback);
        Assert.False(idle.Retaliation);
        var active = KernelPlan.For(CascadeScenarios.Builder(0, 0, 0.1).Build().Compile());
        Assert.True(active.PackageFallback && active.Retaliation);
    }

    [Fact]
    public void Fallback_votes_with_independent_objections_follow_the_exact_product()
    {
        // Every vote adopts with q = Π(1 − p_i), independently: item k is adopted after the fallback with q + (1 − q)·q.
        double[] p = [0.1, 0.2, 0.05, 0.3];
        var b = Scenarios.FixedObjection(p).ToBuilder();
        b.Proposals = [new Proposal { Title = "one", StatusQuo = [0, 0, 0], Draft = [1, 1, 1] }, new Proposal { Title = "two", StatusQuo = [0, 0, 0], Draft = [1, 1, 1] }];
        b.Procedure = new ProcedureOptions { PackageFallback = true };
        const int trials = 40_000;
        var f = MonteCarloRunner.Run(b.Build().Compile(), new SimulationOptions { Trials = trials, Seed = 4 }).PackageFallback!;

        double q = IndependentObjections.ConsensusProbability(p);
        double expected = q + ((1 - q) * q), se = Math.Sqrt(expected * (1 - expected) / trials);
        foreach (var item in f.AdoptedAfterFallback)
        {
            Assert.InRange(item.Adopted.Probability, expected - (4 * se), expected + (4 * se));
        }
    }

    [Fact]
    public void The_fallback_runs_through_rounds_silence_and_escalation()
    {
        var b = CascadeScenarios.Builder(0.3, 0.3, 0.3, noiseC: 0.05);
        b.Procedure = new ProcedureOptions { PackageFallback = true, MaxRounds = 2, UseSilence = true, AmendmentProbability = 0.05, EscalateToMinisterialCouncil = true };
        var r = MonteCarloRunner.Run(b.Build().Compile(), new SimulationOptions { Trials = 4_000, Seed = 6, MaxDegreeOfParallelism = 2 });
        var f = r.PackageFallback!;
        Assert.Equal(r.Trials - r.Adopted.Count, f.FailedPackages);
        Assert.All(f.AdoptedAfterFallback, item => Assert.InRange(item.Adopted.Count, r.Adopted.Count, r.Trials));
        Assert.Equal(ResultJson.Serialize(r), ResultJson.Serialize(ResultJson.Deserialize(ResultJson.Serialize(r))));
    }

    [Fact]
    public void A_trial_with_a_fallback_and_retaliation_allocates_nothing_once_the_kernel_is_set_up()
    {
        var compiled = CascadeScenarios.Builder(0.5, 0.3, 0.6, noiseC: 0.05).Build().Compile();
        var kernel = new TrialKernel(compiled);
        var acc = new TrialAccumulator(compiled.StateCount, 1, compiled.ItemCount);
        kernel.RunChunk(1, 0, 1_000, acc);

        SteadyAllocation.AssertNone(batch => kernel.RunChunk(1, 1_000 + (batch * 20_000L), 20_000, acc));
        Assert.True(acc.Fallback!.RetaliatoryObjections > 0);
    }
}
