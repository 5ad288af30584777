using BenchmarkDotNet.Attributes;
using ConsensusSim.Engine;
using ConsensusSim.Engine.Stages;

namespace ConsensusSim.Benchmarks;

/// <summary>
/// The two halves of drawing a trial's random ideal points for the 57 States (<see cref="IdealPointDraw"/>): their
/// uniforms on the machine's widest path, and the transposition of the State-major points into the gain columns, by the
/// scalar copy and by the vector one (<see cref="IdealColumnsCopy"/>: AVX-512 permutes, or AVX2 blends and permutes).
/// Per-trial cost = mean ÷ <see cref="Trials"/>.
/// </summary>
public class IdealPointDrawBenchmarks
{
    public const int Trials = 1_000;
    private const int States = 57;

    private double[] _low = null!;
    private double[] _width = null!;
    private ulong[] _mask = null!;
    private double[] _ideal = null!;
    private double[] _columns = null!;
    private int _stride;

    [Params(2, 3)]
    public int Dimensions { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        int nd = States * Dimensions;
        _low = new double[nd];
        _width = [.. Enumerable.Repeat(1.0, nd)];
        _mask = [.. Enumerable.Repeat(ulong.MaxValue, nd)];
        _ideal = new double[nd];
        _stride = 64;
        _columns = new double[Dimensions * _stride];
        IdealPointUniforms.Draw(IdealPointUniforms.KeyOf(1), 0, 0, 1, _low, _width, _mask, _ideal, NormalPath.Auto);
    }

    /// <summary>The uniforms of every coordinate, State-major, as a trial draws them.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Trials)]
    public void Uniforms()
    {
        ulong key = IdealPointUniforms.KeyOf(1);
        for (long t = 0; t < Trials; t++)
        {
            IdealPointUniforms.Draw(key, t, 0, 1, _low, _width, _mask, _ideal, NormalPath.Auto);
        }
    }

    /// <summary>The transposition into the columns one coordinate at a time.</summary>
    [Benchmark(OperationsPerInvoke = Trials)]
    public void ScalarCopy()
    {
        for (int t = 0; t < Trials; t++)
        {
            IdealColumnsCopy.Copy(_ideal, _columns, Dimensions, _stride, 0, States, vector: false);
        }
    }

    /// <summary>The transposition by the machine's vector path.</summary>
    [Benchmark(OperationsPerInvoke = Trials)]
    public void VectorCopy()
    {
        for (int t = 0; t < Trials; t++)
        {
            IdealColumnsCopy.Copy(_ideal, _columns, Dimensions, _stride, 0, States);
        }
    }
}
