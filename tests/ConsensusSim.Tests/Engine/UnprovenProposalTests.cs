using ConsensusSim.Cli;
using ConsensusSim.Engine;
using ConsensusSim.Model;
using ConsensusSim.Serialization;
using ConsensusSim.Simulation;
using ConsensusSim.Tests.Behaviour;
using ConsensusSim.Tests.Support;

namespace ConsensusSim.Tests.Engine;

/// <summary>
/// A trial whose agenda-setting Chair rests on an unproven win-set solve is counted, kept through merges and files, and
/// shown. No known instance is unproven, so the kernel switch that caps the solvers' steps makes one.
/// </summary>
public class UnprovenProposalTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Every_trial_of_a_proposal_made_once_and_unproven_is_counted(bool fuse)
    {
        // Nothing random feeds the win-set: the planner solves once, and with one step neither method can prove its answer.
        var compiled = AgendaSetterAdoptionTests.NearlyTangentScenario().Build().Compile();
        Assert.Equal(100, Count(compiled, new KernelSwitches { WinSetStepLimit = 1, FuseSingleVote = fuse }));
        Assert.Equal(0, Count(compiled, new KernelSwitches { FuseSingleVote = fuse }));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_proposal_made_once_counts_in_every_trial_of_several_rounds(bool fuse)
    {
        // Three rounds at noise 2: the rounds really happen, in the fused rounds loop or the general path.
        var b = AgendaSetterAdoptionTests.NearlyTangentScenario();
        b.Defaults = b.Defaults.OverriddenBy(new StateProfile { Noise = 2 });
        b.Procedure = new ProcedureOptions { MaxRounds = 3 };
        var compiled = b.Build().Compile();
        Assert.Equal(fuse && VectorPaths.Vote, new TrialKernel(compiled, new KernelSwitches { FuseRounds = fuse }).UsesFusedRounds);
        Assert.Equal(100, Count(compiled, new KernelSwitches { WinSetStepLimit = 1, FuseRounds = fuse }));
        Assert.Equal(0, Count(compiled, new KernelSwitches { FuseRounds = fuse }));
    }

    [Fact]
    public void Trials_that_solve_their_own_win_set_are_counted_one_by_one()
    {
        // Random ideal points: a solve per trial, each unproven under the cap (no State's draw leaves it accepting nothing).
        var b = AgendaSetterAdoptionTests.NearlyTangentScenario();
        b.StateOverrides[0] = new ProfileOverride("A0", b.StateOverrides[0].Profile.OverriddenBy(new StateProfile { IdealPoint = [.. Enumerable.Repeat(Parameter.Uniform(0, 1), 5)] }));
        var compiled = b.Build().Compile();
        long capped = Count(compiled, new KernelSwitches { WinSetStepLimit = 1 });
        Assert.Equal(100, capped);
        Assert.Equal(0, Count(compiled, KernelSwitches.Production));
    }

    [Fact]
    public void The_count_survives_the_result_file_and_is_shown_as_a_warning()
    {
        var scenario = AgendaSetterAdoptionTests.NearlyTangentScenario().Build();
        var proven = MonteCarloRunner.Run(scenario.Compile(), new SimulationOptions { Trials = 10, Seed = 1 });
        string plain = ResultJson.Serialize(proven);
        Assert.DoesNotContain("unprovenProposals", plain, StringComparison.Ordinal);
        Assert.DoesNotContain("warning", ResultText.Format(scenario, proven, TimeSpan.Zero), StringComparison.Ordinal);

        var acc = proven.Tallies.Accumulator.Clone();
        acc.UnprovenProposals = 7;
        var unproven = new SimulationResult(proven.Identity, acc);
        var read = ResultJson.Deserialize(ResultJson.Serialize(unproven));
        Assert.Equal(7, read.UnprovenProposals);
        Assert.Contains("warning: in 7 trial(s) the Chair's win-set solve stopped at its step limit unproven", ResultText.Format(scenario, read, TimeSpan.Zero), StringComparison.Ordinal);

        // More unproven trials than trials is a damaged file.
        acc.UnprovenProposals = 11;
        Assert.Throws<ResultFileException>(() => ResultJson.Deserialize(ResultJson.Serialize(new SimulationResult(proven.Identity, acc))));
    }

    private static long Count(CompiledScenario compiled, KernelSwitches switches)
    {
        var acc = new TrialAccumulator(compiled.StateCount, compiled.MaxRounds);
        new TrialKernel(compiled, switches).RunChunk(5, 0, 100, acc);
        Assert.Equal(100, acc.Trials);
        return acc.UnprovenProposals;
    }
}
