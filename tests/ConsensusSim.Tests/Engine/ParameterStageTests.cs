using ConsensusSim.Engine;
using ConsensusSim.Engine.Stages;
using ConsensusSim.Model;
using ConsensusSim.Numerics;
using ConsensusSim.Serialization;
using ConsensusSim.Simulation;

namespace ConsensusSim.Tests.Engine;

/// <summary>
/// The parameter stage stores uniform and tabulated draws directly, without the sampler's dispatch: each stored value must
/// have the bits of the sampler's own draw from the same stream, and the stream must be left where the sampler leaves it.
/// </summary>
public class ParameterStageTests
{
    [Fact]
    public void A_directly_stored_draw_has_the_bits_of_the_samplers_draw()
    {
        var b = Scenario.Default.ToBuilder();
        b.StateOverrides.Add(new ProfileOverride("TUR", new StateProfile { BlockingCost = Parameter.TruncatedNormal(0.06, 0.05, 0, 0.2) }));
        b.StateOverrides.Add(new ProfileOverride("HUN", new StateProfile { IdealPoint = [Parameter.Uniform(0.2, 0.6), 0.3, Parameter.Beta(2, 2)] }));
        var plan = KernelPlan.For(b.Build().Compile());
        var workspace = new TrialWorkspace(plan);
        var stage = new ParameterStage(plan, workspace);
        var slots = plan.RandomSlots;
        Assert.Contains(slots, s => s.Sampler.Tabulated && s.Slot.Target == ParameterTarget.Linkage);
        Assert.Contains(slots, s => s.Sampler.Tabulated && s.Slot.Target == ParameterTarget.BlockingCost);
        Assert.Contains(slots, s => s.Sampler.Tabulated && s.Slot.Target == ParameterTarget.IdealPoint);
        Assert.Contains(slots, s => !s.Sampler.Tabulated && s.Slot.Target == ParameterTarget.IdealPoint);

        for (long trial = 0; trial < 2_000; trial++)
        {
            var drawn = TrialRandom.ForTrial(5, trial);
            stage.Draw(ref drawn);
            var expected = TrialRandom.ForTrial(5, trial);
            foreach (var (slot, sampler) in slots)
            {
                double value = sampler.Draw(ref expected);
                double[] target = slot.Target switch
                {
                    ParameterTarget.Linkage => workspace.Linkage,
                    ParameterTarget.BlockingCost => workspace.BlockingCost,
                    _ => workspace.Ideal,
                };
                Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(target[slot.Index]));
            }

            Assert.Equal(expected.NextUInt64(), drawn.NextUInt64());
        }
    }
}
