namespace ConsensusSim.Tests.Support;

/// <summary>
/// Bytes a piece of work allocates once it runs steadily. The runtime itself allocates now and then
/// on the measuring thread (a method promoted to optimised code on a loaded machine lands in the
/// middle of a batch), so one batch may show a few kilobytes that belong to no trial. Work that
/// allocates per call allocates in every batch, so the fewest bytes of several batches still catch it.
/// </summary>
internal static class SteadyAllocation
{
    /// <summary>The batches measured; a one-off runtime allocation spoils at most one or two of them.</summary>
    public const int Batches = 4;

    /// <summary>Runs <paramref name="batch"/> for each batch index and returns the fewest bytes any batch allocated, with all of them for a failure message.</summary>
    public static (long Fewest, string All) FewestBytes(Action<int> batch)
    {
        var bytes = new long[Batches];
        for (int i = 0; i < Batches; i++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            batch(i);
            bytes[i] = GC.GetAllocatedBytesForCurrentThread() - before;
        }

        return (bytes.Min(), $"bytes allocated by each batch: {string.Join(", ", bytes)}");
    }

    /// <summary>Asserts that some batch of <paramref name="batch"/> allocated nothing at all.</summary>
    public static void AssertNone(Action<int> batch)
    {
        var (fewest, all) = FewestBytes(batch);
        Assert.True(fewest == 0, all);
    }
}
