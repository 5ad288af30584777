using ConsensusSim.Model;
using ConsensusSim.Simulation;
using ConsensusSim.Engine;
using ConsensusSim.Serialization;
using ConsensusSim.Tests.Support;

namespace ConsensusSim.Tests.Engine;

public class AllocationTests
{
    [Fact]
    public void A_trial_allocates_nothing_once_the_kernel_is_set_up()
    {
        var stance = Scenario.Default.ToBuilder();
        stance.StateOverrides.Clear();
        var compiled = stance.Build().Compile();
        var kernel = new TrialKernel(compiled);
        var acc = new TrialAccumulator(compiled.StateCount, 1);
        kernel.RunChunk(1, 0, 1_000, acc);

        SteadyAllocation.AssertNone(batch => kernel.RunChunk(1, 1_000 + (batch * 20_000L), 20_000, acc));
        Assert.Equal(1_000 + (SteadyAllocation.Batches * 20_000), acc.Trials);
    }

    [Theory]
    [InlineData(LossFunction.Linear, "consensus")]
    [InlineData(LossFunction.Quadratic, "consensus")]
    [InlineData(LossFunction.Linear, "majority")]
    [InlineData(LossFunction.Quadratic, "majority")]
    public void An_agenda_setter_solving_the_win_set_every_trial_allocates_nothing(LossFunction loss, string rule)
    {
        // Ideal points drawn per trial, so the Chair solves in every trial; under a majority it also picks a coalition.
        var b = Scenario.Default.ToBuilder();
        b.StateOverrides.Clear();
        b.Behaviour = new BehaviourOptions { Loss = loss, BlocCorrelation = 0.3 };
        b.Defaults = b.Defaults.OverriddenBy(new StateProfile { IdealPoint = [Parameter.Uniform(0, 1), Parameter.Uniform(0, 1), Parameter.Uniform(0, 1)] });
        b.Chair = new ChairOptions { Strategy = ChairStrategy.AgendaSetter, State = "CHE" };
        b.Procedure = new ProcedureOptions { MaxRounds = 1 };
        b.Rule = rule == "majority" ? DecisionRule.QualifiedMajority(2.0 / 3, 0, VotingWeight.Equal) : DecisionRule.Consensus;
        var compiled = b.Build().Compile();
        var kernel = new TrialKernel(compiled);
        var acc = new TrialAccumulator(compiled.StateCount, 1);
        kernel.RunChunk(1, 0, 200, acc);

        SteadyAllocation.AssertNone(batch => kernel.RunChunk(1, 200 + (batch * 2_000L), 2_000, acc));
    }
}
