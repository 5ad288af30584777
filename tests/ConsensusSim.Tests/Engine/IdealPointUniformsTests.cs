using System.Runtime.InteropServices;
using ConsensusSim.Engine;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ConsensusSim.Tests.Engine;

/// <summary>
/// The ideal points' counter-based uniforms: every path gives the scalar definition's bits, the definition is the
/// documented formula, the stream is apart from the noise streams, and the uniforms look uniform and independent.
/// </summary>
public class IdealPointUniformsTests
{
    private static readonly NormalPath[] Paths = [NormalPath.Scalar, NormalPath.Vector256, NormalPath.Vector512, NormalPath.Auto];

    private static double[] Fill(ulong seed, long trial, int length, NormalPath path)
    {
        var values = new double[length];
        IdealPointUniforms.Fill(seed, trial, values, path);
        return values;
    }

    private static void AssertSameBits(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, string context)
    {
        Assert.Equal(expected.Length, actual.Length);
        var e = MemoryMarshal.Cast<double, ulong>(expected);
        var a = MemoryMarshal.Cast<double, ulong>(actual);
        for (int i = 0; i < e.Length; i++)
        {
            Assert.True(e[i] == a[i], $"{context}: element {i} differs ({expected[i]:R} vs {actual[i]:R})");
        }
    }

    /// <summary>The SplitMix64 finaliser, written out here so the known answer does not rest on the code it checks.</summary>
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public static TheoryData<ulong, long> SeedsAndTrials() => new()
    {
        { 0UL, 0L },
        { 1UL, 1L },
        { 42UL, 7L },
        { 42UL, 1_000_000_007L },
        { ulong.MaxValue, 123L },
        { 0x0123_4567_89AB_CDEFUL, 1L << 40 },
        { 99UL, NormalBlock.TrialLimit - 1 },
    };

    [Theory]
    [MemberData(nameof(SeedsAndTrials))]
    public void All_paths_give_the_scalar_definitions_bits(ulong seed, long trial)
    {
        foreach (int length in new[] { 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 57, 114, 171, 1000 })
        {
            var scalar = Fill(seed, trial, length, NormalPath.Scalar);
            ulong key = IdealPointUniforms.KeyOf(seed);
            for (int i = 0; i < length; i++)
            {
                Assert.Equal(BitConverter.DoubleToInt64Bits(IdealPointUniforms.At(key, trial, i)), BitConverter.DoubleToInt64Bits(scalar[i]));
            }

            foreach (var path in Paths)
            {
                AssertSameBits(scalar, Fill(seed, trial, length, path), $"{path}, seed {seed}, trial {trial}, length {length}");
            }
        }
    }

    [Property(MaxTest = 300)]
    public void All_paths_agree_on_random_seeds_trials_and_lengths(ulong seed, NonNegativeInt trial, PositiveInt length)
    {
        int n = (length.Get % 400) + 1;
        var scalar = Fill(seed, trial.Get, n, NormalPath.Scalar);
        AssertSameBits(scalar, Fill(seed, trial.Get, n, NormalPath.Vector256), "Vector256");
        AssertSameBits(scalar, Fill(seed, trial.Get, n, NormalPath.Vector512), "Vector512");
        AssertSameBits(scalar, Fill(seed, trial.Get, n, NormalPath.Auto), "Auto");
    }

    /// <summary>The draw of a stretch of coordinates, in either layout (a step of 1 or of D), on every path, against its definition.</summary>
    [Property(MaxTest = 300)]
    public void Every_path_draws_masked_intervals_at_any_first_uniform_and_step_as_defined(ulong seed, NonNegativeInt trial, PositiveInt length, PositiveInt step, NonNegativeInt first, int pattern)
    {
        int n = (length.Get % 130) + 1, s = (step.Get % 5) + 1, f = first.Get % 50;
        var random = new Random(pattern);
        double[] low = [.. Enumerable.Range(0, n).Select(_ => Math.Round(random.NextDouble() - 0.5, 3))];
        double[] width = [.. Enumerable.Range(0, n).Select(_ => Math.Round(random.NextDouble() * 2, 3))];
        ulong[] mask = [.. Enumerable.Range(0, n).Select(_ => random.Next(4) == 0 ? 0 : ulong.MaxValue)];
        ulong key = IdealPointUniforms.KeyOf(seed);
        var expected = new double[n];
        for (int l = 0; l < n; l++)
        {
            expected[l] = mask[l] != 0 ? low[l] + (width[l] * IdealPointUniforms.At(key, trial.Get, f + (l * s))) : low[l];
        }

        foreach (var path in Paths)
        {
            var actual = new double[n];
            IdealPointUniforms.Draw(key, trial.Get, f, s, low, width, mask, actual, path);
            AssertSameBits(expected, actual, $"{path}, length {n}, step {s}, first {f}");
        }
    }

    [Theory]
    [MemberData(nameof(SeedsAndTrials))]
    public void Each_uniform_is_the_documented_SplitMix64_word_of_its_counter(ulong seed, long trial)
    {
        const ulong Golden = 0x9E3779B97F4A7C15UL;
        ulong key = Mix(seed ^ Mix(0xD6E8FEB86659FD93UL) ^ 0xE32BE59BD9B4E019UL);
        var values = Fill(seed, trial, 20, NormalPath.Auto);
        for (int i = 0; i < values.Length; i++)
        {
            ulong word = Mix(key + ((((ulong)trial << 20) + (ulong)i + 1) * Golden));
            Assert.Equal((word >> 11) * (1.0 / (1UL << 53)), values[i]);
        }
    }

    [Fact]
    public void The_first_uniform_of_a_run_is_pinned()
    {
        // 0.23806899415445815, computed apart from the library. The stream is part of every result with random ideal
        // points: changing it is a documented change of stream.
        Assert.Equal(0x3FCE790B780AE1B4UL, BitConverter.DoubleToUInt64Bits(Fill(1, 0, 1, NormalPath.Scalar)[0]));
    }

    [Fact]
    public void The_key_is_none_of_the_noise_streams_keys()
    {
        // Votes' seeds are seed ⊕ Mix(V + v), fallback items' seed ⊕ Mix(F + f) ⊕ Mix(V + v) after their first vote: the
        // ideal points' seed ⊕ Mix(I) must differ from each for every count of votes and items a run can reach.
        const ulong V = 0x5DEECE66DA3B1C27UL, F = 0x9E3779B97F4A7C15UL;
        ulong own = Mix(IdealPointUniforms.StreamOffset);
        Assert.NotEqual(0UL, own);
        var votes = new HashSet<ulong>(Enumerable.Range(0, 1 << 12).Select(v => Mix(V + (ulong)v)));
        Assert.DoesNotContain(own, votes);
        for (ulong f = 0; f < 256; f++)
        {
            ulong item = Mix(F + f);
            Assert.NotEqual(own, item);
            Assert.DoesNotContain(own ^ item, votes);
        }
    }

    [Fact]
    public void The_uniforms_have_the_mean_and_variance_of_a_uniform_within_four_standard_errors()
    {
        const int Trials = 4_000, Length = 171;
        double sum = 0, squares = 0;
        var values = new double[Length];
        for (long t = 0; t < Trials; t++)
        {
            IdealPointUniforms.Fill(20260, t, values);
            foreach (double u in values)
            {
                Assert.InRange(u, 0.0, 1.0 - IdealPointUniforms.Unit);
                sum += u;
                squares += (u - 0.5) * (u - 0.5);
            }
        }

        double n = (double)Trials * Length;
        double mean = sum / n;
        double variance = squares / n;

        // U(0, 1): variance 1/12; (u − ½)² has variance 1/80 − 1/144 = 1/180.
        Assert.True(Math.Abs(mean - 0.5) <= 4 * Math.Sqrt(1.0 / 12 / n), $"mean {mean}");
        Assert.True(Math.Abs(variance - (1.0 / 12)) <= 4 * Math.Sqrt(1.0 / 180 / n), $"variance {variance}");
    }

    [Fact]
    public void Adjacent_coordinates_and_the_same_coordinate_of_adjacent_trials_are_uncorrelated_within_four_standard_errors()
    {
        const int Trials = 4_000, Length = 171;
        var previous = new double[Length];
        var values = new double[Length];
        double within = 0, across = 0;
        long pairsWithin = 0, pairsAcross = 0;
        for (long t = 0; t < Trials; t++)
        {
            IdealPointUniforms.Fill(7, t, values);
            for (int i = 1; i < Length; i++)
            {
                within += (values[i - 1] - 0.5) * (values[i] - 0.5);
                pairsWithin++;
            }

            if (t > 0)
            {
                for (int i = 0; i < Length; i++)
                {
                    across += (previous[i] - 0.5) * (values[i] - 0.5);
                    pairsAcross++;
                }
            }

            (previous, values) = (values, previous);
        }

        // For independent uniforms, (u − ½)(v − ½) has mean 0 and variance 1/144, so a correlation's standard error is 1/√pairs.
        double correlationWithin = within / pairsWithin * 12, correlationAcross = across / pairsAcross * 12;
        Assert.True(Math.Abs(correlationWithin) <= 4 / Math.Sqrt(pairsWithin), $"adjacent coordinates: {correlationWithin}");
        Assert.True(Math.Abs(correlationAcross) <= 4 / Math.Sqrt(pairsAcross), $"adjacent trials: {correlationAcross}");
    }

    [Fact]
    public void A_fill_longer_than_a_trials_counters_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => IdealPointUniforms.Fill(1, 0, new double[IdealPointUniforms.MaxLength + 1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => IdealPointUniforms.Fill(1, NormalBlock.TrialLimit, new double[1]));
    }
}
