using ConsensusSim.Serialization;
using ConsensusSim.Simulation;

namespace ConsensusSim.Tests.Samples;

/// <summary>The cascading-package sample shows what it says: retaliation after the failed package takes down decisions that pass alone.</summary>
public class CascadingPackageSampleTests
{
    [Fact]
    public void The_cascading_package_loses_decisions_that_pass_alone_to_retaliation()
    {
        var scenario = ScenarioJson.Load(Path.Combine(AppContext.BaseDirectory, "scenarios", "cascading-package.json"));
        var r = MonteCarloRunner.Run(scenario.Compile(), new SimulationOptions { Trials = 10_000, Seed = 2024 });
        var f = r.PackageFallback!;

        // The package fails; counter-terrorism passes alone but, after retaliation, far less often (4 SE ≈ 0.02 at 10,000 trials).
        Assert.True(r.Adopted.Probability < 0.01, r.Adopted.ToString());
        Assert.True(r.SeparateAdoption[0].Adopted.Probability > 0.99, r.SeparateAdoption[0].Adopted.ToString());
        Assert.True(f.AdoptedAfterFallback[0].Adopted.Ci95Upper < 0.5, f.AdoptedAfterFallback[0].Adopted.ToString());
        Assert.True(f.AdoptedAfterFallback[2].Adopted.Ci95Upper < r.SeparateAdoption[2].Adopted.Ci95Lower, $"{f.AdoptedAfterFallback[2].Adopted} vs {r.SeparateAdoption[2].Adopted}");
        Assert.True(f.RetaliatoryShareCi95Lower > 0.2, f.ToString());
        Assert.True(f.MeanDistinctObjectors > 6, f.ToString());
    }
}
