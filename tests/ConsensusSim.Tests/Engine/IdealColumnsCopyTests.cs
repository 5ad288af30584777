using ConsensusSim.Engine.Stages;
using FsCheck;
using FsCheck.Xunit;

namespace ConsensusSim.Tests.Engine;

/// <summary>The copy of State-major ideal points into the gain columns is a transposition on every path, and writes nothing else.</summary>
public class IdealColumnsCopyTests
{
    [Property(MaxTest = 300)]
    public void The_permuted_copy_equals_the_scalar_transposition_and_writes_only_its_States(PositiveInt states, PositiveInt dimensions, NonNegativeInt first, NonNegativeInt count)
    {
        int n = (states.Get % 70) + 1, d = (dimensions.Get % 4) + 1, stride = (n + 3) / 4 * 4;
        int start = first.Get % n, end = start + (count.Get % (n - start + 1));
        double[] ideal = [.. Enumerable.Range(0, n * d).Select(j => j + 0.5)];
        var expected = Enumerable.Repeat(-1.0, d * stride).ToArray();
        var actual = (double[])expected.Clone();
        IdealColumnsCopy.Copy(ideal, expected, d, stride, start, end, vector: false);
        IdealColumnsCopy.Copy(ideal, actual, d, stride, start, end);
        Assert.Equal(expected, actual);
        for (int k = 0; k < d; k++)
        {
            for (int i = 0; i < stride; i++)
            {
                Assert.Equal(i >= start && i < end ? ideal[(i * d) + k] : -1.0, actual[(k * stride) + i]);
            }
        }
    }
}
