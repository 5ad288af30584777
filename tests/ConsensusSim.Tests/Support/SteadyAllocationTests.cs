namespace ConsensusSim.Tests.Support;

/// <summary>The allocation check forgives the runtime's one-off allocations and nothing that allocates per call.</summary>
public sealed class SteadyAllocationTests
{
    private static object? _kept;

    [Fact]
    public void Work_that_allocates_in_every_batch_is_caught()
    {
        var (fewest, all) = SteadyAllocation.FewestBytes(_ => _kept = new byte[100]);
        Assert.True(fewest >= 100, all);
        Assert.Throws<Xunit.Sdk.TrueException>(() => SteadyAllocation.AssertNone(_ => _kept = new object()));
    }

    [Fact]
    public void One_batch_that_allocates_once_is_forgiven()
    {
        SteadyAllocation.AssertNone(batch => _kept = batch == 1 ? new byte[3_608] : _kept);
        Assert.IsType<byte[]>(_kept);
    }
}
