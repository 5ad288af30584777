using ConsensusSim.Numerics;
using FsCheck;
using FsCheck.Xunit;

namespace ConsensusSim.Tests.Numerics;

/// <summary>The vector copy copies exactly the destination's length, tail included, and nothing past it.</summary>
public class VectorCopyTests
{
    [Property(MaxTest = 200)]
    public void It_copies_the_destinations_length_and_leaves_the_rest(NonNegativeInt length, NonNegativeInt extra)
    {
        int n = length.Get % 100, spare = extra.Get % 9;
        double[] source = [.. Enumerable.Range(0, n + spare).Select(i => i + 0.25)];
        float[] floats = [.. source.Select(x => (float)x)];
        var doubles = Enumerable.Repeat(-1.0, n + spare).ToArray();
        var singles = Enumerable.Repeat(-1f, n + spare).ToArray();
        VectorCopy.Copy<double>(source, doubles.AsSpan(0, n));
        VectorCopy.Copy<float>(floats, singles.AsSpan(0, n));
        for (int i = 0; i < n + spare; i++)
        {
            Assert.Equal(i < n ? source[i] : -1.0, doubles[i]);
            Assert.Equal(i < n ? floats[i] : -1f, singles[i]);
        }
    }

    [Fact]
    public void A_source_shorter_than_the_destination_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => VectorCopy.Copy<double>(new double[3], new double[4]));
    }
}
