using ConsensusSim.Model;
using ConsensusSim.Simulation;
using ConsensusSim.Serialization;

namespace ConsensusSim.Tests.Simulation;

/// <summary>
/// One run of the default scenario and one of the reference trial, pinned: the reproducibility contract is
/// "same version, same seed, same result", so any change to streams, noise or parameter draws must show up
/// here and come with a new version.
/// </summary>
public class PinnedResultTests
{
    [Fact]
    public void The_default_scenario_gives_the_pinned_tallies_of_version_0_5()
    {
        var r = MonteCarloRunner.Run(Scenario.Default.Compile(), new SimulationOptions { Trials = 20_000, Seed = 11 });
        Assert.Equal(18_535, r.Adopted.Count);
        Assert.Equal(4_247, r.AdoptedWithStatements.Count);
        Assert.Equal([18_535L, 1_377, 80, 7, 0], r.ObjectorCounts.Take(5));
    }

    [Fact]
    public void The_reference_trial_gives_the_pinned_tallies_of_version_0_5()
    {
        var builder = Scenario.Default.ToBuilder();
        builder.StateOverrides.Clear();
        var r = MonteCarloRunner.Run(builder.Build().Compile(), new SimulationOptions { Trials = 20_000, Seed = 11 });
        Assert.Equal(19_706, r.Adopted.Count);
        Assert.Equal(3_092, r.AdoptedWithStatements.Count);
        Assert.Equal([19_706L, 280, 13, 0, 1], r.ObjectorCounts.Take(5));
    }

    [Fact]
    public void The_pins_belong_to_this_version()
    {
        // Moving the version means re-pinning above, deliberately.
        Assert.StartsWith("0.5.", Provenance.LibraryVersion, StringComparison.Ordinal);
    }
}
