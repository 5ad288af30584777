using ConsensusSim.Sweeps;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ConsensusSim.Tests.Sweeps;

public static class SweepArbitraries
{
    /// <summary>Threads from 1 to 6 and chunk sizes from 50 to 5,000 trials.</summary>
    public static Arbitrary<(int Threads, int Chunk)> Scheduling() =>
        Gen.Choose(1, 6).SelectMany(t => Gen.Choose(50, 5_000).Select(c => (t, c))).ToArbitrary();
}

[Properties(Arbitrary = [typeof(SweepArbitraries)], MaxTest = 12)]
public class SweepPropertyTests
{
    private static readonly List<string> Reference =
        SweepFixtures.Describe(SweepRunner.Run(SweepFixtures.Template, SweepFixtures.Grid, SweepFixtures.Options(threads: 1)));

    [Property]
    public void The_rows_are_the_same_for_any_thread_count_and_chunk_size((int Threads, int Chunk) scheduling) =>
        Assert.Equal(Reference, SweepFixtures.Describe(SweepRunner.Run(SweepFixtures.Template, SweepFixtures.Grid, SweepFixtures.Options(scheduling.Threads, scheduling.Chunk))));
}
