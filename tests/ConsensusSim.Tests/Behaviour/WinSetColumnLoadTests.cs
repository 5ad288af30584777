using ConsensusSim.Behaviour;
using ConsensusSim.Model;

namespace ConsensusSim.Tests.Behaviour;

/// <summary>
/// The agenda-setter stage hands the solver its ideal points dimension-major, as the gain computation keeps them; the
/// solver must pack them exactly as it packs State-major ones, or read them in place when every State is needed and the
/// columns are spaced as its packed arrays (whatever the lanes past the last State hold), so every proposal is the same
/// to the bit.
/// </summary>
public class WinSetColumnLoadTests
{
    [Theory]
    [InlineData(LossFunction.Linear, 2, true)]
    [InlineData(LossFunction.Linear, 3, false)]
    [InlineData(LossFunction.Quadratic, 2, false)]
    [InlineData(LossFunction.Quadratic, 3, true)]
    public void Ideal_points_given_dimension_major_give_the_same_proposal_as_given_state_major(LossFunction loss, int d, bool everyone)
    {
        const int N = 13, Stride = 16, WideStride = 24;
        var rng = new Random(17 + d);
        double[] salience = [.. Enumerable.Range(0, N * d).Select(_ => 0.2 + rng.NextDouble())];
        bool[] needed = [.. Enumerable.Range(0, N).Select(i => everyone || i % 4 != 1)];
        double[] chairSalience = [.. Enumerable.Repeat(1.0 / d, d)];
        var stateMajor = new WinSetSolver(d, N, loss);
        var columns = new WinSetSolver(d, N, loss);
        var inPlace = new WinSetSolver(d, N, loss);
        var spaced = new WinSetSolver(d, N, loss);
        stateMajor.Prepare(chairSalience, salience, needed);
        columns.Prepare(chairSalience, salience, needed);
        inPlace.Prepare(chairSalience, salience, needed);
        spaced.Prepare(chairSalience, salience, needed);
        var byState = new double[d];
        var byColumn = new double[d];
        var byInPlace = new double[d];
        var bySpaced = new double[d];
        for (int trial = 0; trial < 200; trial++)
        {
            double[] ideal = [.. Enumerable.Range(0, N * d).Select(_ => rng.NextDouble())];
            var column = new double[d * Stride];
            var wide = new double[d * WideStride];
            for (int k = 0; k < d; k++)
            {
                for (int i = 0; i < Stride; i++)
                {
                    // Lanes past the last State hold what a vector draw may leave there.
                    column[(k * Stride) + i] = i < N ? ideal[(i * d) + k] : rng.NextDouble();
                }

                for (int i = 0; i < N; i++)
                {
                    wide[(k * WideStride) + i] = ideal[(i * d) + k];
                }
            }

            double[] q = [.. Enumerable.Range(0, d).Select(_ => rng.NextDouble())];
            double[] required = [.. Enumerable.Range(0, N).Select(_ => -0.05 * rng.NextDouble())];
            var expected = stateMajor.SolvePrepared(q, ideal.AsSpan(0, d), ideal, required, byState);
            var actual = columns.SolvePrepared(q, ideal.AsSpan(0, d), column, required, byColumn, Stride);
            var readInPlace = inPlace.SolvePreparedOnColumns(q, ideal.AsSpan(0, d), column, Stride, required, byInPlace);
            var readSpaced = spaced.SolvePreparedOnColumns(q, ideal.AsSpan(0, d), wide, WideStride, required, bySpaced);
            Assert.Equal(expected, actual);
            Assert.Equal(expected, readInPlace);
            Assert.Equal(expected, readSpaced);
            Assert.Equal(byState.Select(BitConverter.DoubleToInt64Bits), byColumn.Select(BitConverter.DoubleToInt64Bits));
            Assert.Equal(byState.Select(BitConverter.DoubleToInt64Bits), byInPlace.Select(BitConverter.DoubleToInt64Bits));
            Assert.Equal(byState.Select(BitConverter.DoubleToInt64Bits), bySpaced.Select(BitConverter.DoubleToInt64Bits));
        }
    }
}
