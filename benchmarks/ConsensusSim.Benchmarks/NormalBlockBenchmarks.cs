using BenchmarkDotNet.Attributes;
using ConsensusSim.Simulation;
using ConsensusSim.Engine;
using ConsensusSim.Numerics;

namespace ConsensusSim.Benchmarks;

/// <summary>
/// Normals for one trial, 64 at a time: the scalar ziggurat (stream setup plus 64 draws) against
/// <see cref="NormalBlock.Fill(ulong, long, Span{float}, NormalPath)"/> on each path. Reported times are per normal.
/// </summary>
[MemoryDiagnoser]
public class NormalBlockBenchmarks
{
    public const int Trials = 10_000;
    public const int PerTrial = 64;

    private readonly float[] _buffer = new float[PerTrial];
    private readonly float[] _long = new float[4096];

    /// <summary>The current way: a <see cref="TrialRandom"/> per trial and 64 ziggurat draws, stored as floats.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Trials * PerTrial)]
    public float ScalarZiggurat()
    {
        var buffer = _buffer;
        for (long t = 0; t < Trials; t++)
        {
            var random = TrialRandom.ForTrial(1, t);
            for (int i = 0; i < buffer.Length; i++)
            {
                buffer[i] = (float)random.NextNormal();
            }
        }

        return buffer[^1];
    }

    [Benchmark(OperationsPerInvoke = Trials * PerTrial)]
    public float BlockVector512() => Run(NormalPath.Vector512);

    [Benchmark(OperationsPerInvoke = Trials * PerTrial)]
    public float BlockVector256() => Run(NormalPath.Vector256);

    [Benchmark(OperationsPerInvoke = Trials * PerTrial)]
    public float BlockScalar() => Run(NormalPath.Scalar);

    /// <summary>The same number of normals as 640 trials of 4096: the steady-state cost per normal.</summary>
    [Benchmark(OperationsPerInvoke = Trials * PerTrial)]
    public float BlockVector512Long()
    {
        var buffer = _long;
        for (long t = 0; t < Trials * PerTrial / 4096; t++)
        {
            NormalBlock.Fill(1, t, buffer, NormalPath.Vector512);
        }

        return buffer[^1];
    }

    private float Run(NormalPath path)
    {
        var buffer = _buffer;
        for (long t = 0; t < Trials; t++)
        {
            NormalBlock.Fill(1, t, buffer, path);
        }

        return buffer[^1];
    }
}
