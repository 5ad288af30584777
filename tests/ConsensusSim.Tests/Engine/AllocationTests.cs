using ConsensusSim.Model;
using ConsensusSim.Simulation;
using ConsensusSim.Engine;
using ConsensusSim.Serialization;

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

        long before = GC.GetAllocatedBytesForCurrentThread();
        kernel.RunChunk(1, 1_000, 20_000, acc);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(21_000, acc.Trials);
    }
}
