using System.Runtime.Intrinsics;
using System.Runtime.InteropServices;
using ConsensusSim.Simulation;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MathNet.Numerics.Distributions;
using Xunit.Abstractions;
using ConsensusSim.Engine;
using ConsensusSim.Numerics;
using ConsensusSim.Tests.Support;

namespace ConsensusSim.Tests.Engine;

public class NormalBlockTests(ITestOutputHelper output)
{
    private static readonly NormalPath[] Paths = [NormalPath.Scalar, NormalPath.Vector256, NormalPath.Vector512, NormalPath.Auto];

    private static float[] Fill(ulong seed, long trial, int length, NormalPath path = NormalPath.Auto)
    {
        var values = new float[length];
        NormalBlock.Fill(seed, trial, values, path);
        return values;
    }

    private static void AssertSameBits(float[] expected, float[] actual, string context)
    {
        Assert.Equal(expected.Length, actual.Length);
        var e = MemoryMarshal.Cast<float, uint>(expected);
        var a = MemoryMarshal.Cast<float, uint>(actual);
        for (int i = 0; i < e.Length; i++)
        {
            Assert.True(e[i] == a[i], $"{context}: element {i} differs ({expected[i]:R} vs {actual[i]:R})");
        }
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
    public void All_paths_give_bit_identical_output(ulong seed, long trial)
    {
        output.WriteLine($"Vector512 accelerated: {System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated}, Vector256: {System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated}, AVX-512F: {System.Runtime.Intrinsics.X86.Avx512F.IsSupported}");
        foreach (int length in new[] { 1, 7, 16, 31, 32, 33, 57, 63, 64, 100, 4096 })
        {
            var scalar = Fill(seed, trial, length, NormalPath.Scalar);
            foreach (var path in Paths)
            {
                AssertSameBits(scalar, Fill(seed, trial, length, path), $"{path}, seed {seed}, trial {trial}, length {length}");
            }
        }
    }

    [Property(MaxTest = 200)]
    public void All_paths_agree_on_random_seeds_trials_and_lengths(ulong seed, NonNegativeInt trial, PositiveInt length)
    {
        int n = (length.Get % 300) + 1;
        var scalar = Fill(seed, trial.Get, n, NormalPath.Scalar);
        AssertSameBits(scalar, Fill(seed, trial.Get, n, NormalPath.Vector256), "Vector256");
        AssertSameBits(scalar, Fill(seed, trial.Get, n, NormalPath.Vector512), "Vector512");
    }

    [Property(MaxTest = 200)]
    public bool Filling_two_trials_at_once_equals_filling_each(ulong seed, NonNegativeInt first, NonNegativeInt second, PositiveInt length)
    {
        // Whole blocks (two cases in three) take the interleaved path; other lengths fall back to one trial at a time.
        int n = length.Get % 3 != 0 ? (length.Get % 7) * NormalBlock.BlockLength : length.Get % 200;
        var a = new float[n];
        var b = new float[n];
        NormalBlock.FillPair(seed, first.Get, a, second.Get, b);
        var expectedA = new float[n];
        var expectedB = new float[n];
        NormalBlock.Fill(seed, first.Get, expectedA, NormalPath.Scalar);
        NormalBlock.Fill(seed, second.Get, expectedB, NormalPath.Scalar);
        return a.AsSpan().SequenceEqual(expectedA) && b.AsSpan().SequenceEqual(expectedB);
    }

    [Property(MaxTest = 200)]
    public bool Filling_two_streams_at_once_equals_filling_each(ulong firstSeed, ulong secondSeed, NonNegativeInt trial, PositiveInt blocks)
    {
        // A trial's later votes: the same trial, two seeds.
        int n = (blocks.Get % 4) * NormalBlock.BlockLength;
        var a = new float[n];
        var b = new float[n];
        NormalBlock.FillPair(firstSeed, trial.Get, a, secondSeed, trial.Get, b);
        var expectedA = new float[n];
        var expectedB = new float[n];
        NormalBlock.Fill(firstSeed, trial.Get, expectedA, NormalPath.Scalar);
        NormalBlock.Fill(secondSeed, trial.Get, expectedB, NormalPath.Scalar);
        return a.AsSpan().SequenceEqual(expectedA) && b.AsSpan().SequenceEqual(expectedB);
    }

    [SkippableFact]
    public void Filling_two_trials_of_whole_blocks_equals_filling_each()
    {
        Skip.IfNot(Vector512.IsHardwareAccelerated, "No AVX-512 here: FillPair falls back to two fills, which the property covers.");
        var a = new float[96];
        var b = new float[96];
        NormalBlock.FillPair(5, 10, a, 11, b);
        var expected = new float[96];
        NormalBlock.Fill(5, 10, expected, NormalPath.Scalar);
        Assert.Equal(expected, a);
        NormalBlock.Fill(5, 11, expected, NormalPath.Scalar);
        Assert.Equal(expected, b);
    }

    [SkippableFact]
    public void The_first_two_blocks_in_registers_are_the_scalar_fills_normals()
    {
        Skip.IfNot(Vector512.IsHardwareAccelerated, "No AVX-512 here: the blocks are not drawn into registers.");
        var random = TrialRandom.ForTrial(8, 0);
        for (int k = 0; k < 200; k++)
        {
            ulong seed = random.NextUInt64();
            long trial = k < 2 ? k * (NormalBlock.TrialLimit - 1) : (long)(random.NextUInt64() % (ulong)NormalBlock.TrialLimit);
            NormalBlock512.TwoBlocks(NormalBlock.KeyOf(seed), trial, out var e0, out var e1, out var e2, out var e3);
            var inRegisters = new float[64];
            e0.CopyTo(inRegisters.AsSpan(0));
            e1.CopyTo(inRegisters.AsSpan(16));
            e2.CopyTo(inRegisters.AsSpan(32));
            e3.CopyTo(inRegisters.AsSpan(48));
            Assert.Equal(Fill(seed, trial, 64, NormalPath.Scalar), inRegisters);
        }
    }

    [Fact]
    public void Filling_two_trials_of_different_lengths_fills_each_exactly()
    {
        // Unequal lengths must not take the interleaved path, which would fill both to the first one's length.
        var a = new float[32];
        var b = new float[64];
        NormalBlock.FillPair(5, 10, a, 11, b);
        var expectedA = new float[32];
        var expectedB = new float[64];
        NormalBlock.Fill(5, 10, expectedA, NormalPath.Scalar);
        NormalBlock.Fill(5, 11, expectedB, NormalPath.Scalar);
        Assert.Equal(expectedA, a);
        Assert.Equal(expectedB, b);
    }

    [Fact]
    public void Filling_two_trials_refuses_trial_indices_outside_the_documented_range()
    {
        var a = new float[64];
        var b = new float[64];
        Assert.Throws<ArgumentOutOfRangeException>(() => NormalBlock.FillPair(5, 0, a, NormalBlock.TrialLimit, b));
        Assert.Throws<ArgumentOutOfRangeException>(() => NormalBlock.FillPair(5, -1, a, 0, b));
    }

    [Fact]
    public void A_shorter_fill_is_a_prefix_of_a_longer_one()
    {
        foreach (var path in Paths)
        {
            var full = Fill(5, 11, 4096, path);
            foreach (int length in new[] { 1, 7, 57, 63, 100, 1000 })
            {
                AssertSameBits(full[..length], Fill(5, 11, length, path), $"{path}, length {length}");
            }
        }
    }

    [Fact]
    public void Same_seed_and_trial_give_the_same_output_and_other_trials_or_seeds_do_not()
    {
        AssertSameBits(Fill(42, 3, 64), Fill(42, 3, 64), "repeat");
        var seen = new HashSet<string>();
        for (ulong seed = 0; seed < 4; seed++)
        {
            for (long trial = 0; trial < 250; trial++)
            {
                var values = Fill(seed, trial, 64);
                Assert.True(seen.Add(Convert.ToBase64String(MemoryMarshal.AsBytes(values.AsSpan()))), $"seed {seed}, trial {trial} repeats another stream");
            }
        }
    }

    [Fact]
    public void The_output_is_pinned()
    {
        // Guards the documented stream layout: change these only with a deliberate, announced break.
        uint[] expected = [3206660807, 1066572639, 1057984477, 3205953370, 3205335963, 1066650079, 3198762718, 1061170542];
        var values = Fill(42, 7, 40, NormalPath.Scalar);
        uint[] actual = [.. new[] { 0, 1, 15, 16, 17, 31, 32, 39 }.Select(i => BitConverter.SingleToUInt32Bits(values[i]))];
        output.WriteLine(string.Join(", ", actual));
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void The_first_blocks_follow_the_documented_formula_in_double_precision()
    {
        // Trial t reads SplitMix64 outputs t·2²⁰, t·2²⁰ + 1, … of the generator seeded with K = Mix(seed ⊕ C).
        // Element j of block b: half j % 2 of word 16b + j / 2 for the radius and of word 16b + 8 + j / 2 for the angle;
        // r·cos θ at j and r·sin θ at 16 + j.
        const ulong Seed = 42;
        const long Trial = 7;
        var values = Fill(Seed, Trial, 64, NormalPath.Scalar);
        ulong state = unchecked(SplitMix64.Mix(Seed ^ 0xE32BE59BD9B4E019UL) + (((ulong)Trial << 20) * 0x9E3779B97F4A7C15UL));
        var words = new ulong[32];
        for (int i = 0; i < words.Length; i++)
        {
            words[i] = SplitMix64.Next(ref state);
        }

        for (int block = 0; block < 2; block++)
        {
            for (int k = 0; k < 8; k++)
            {
                ulong a = words[(16 * block) + k];
                ulong b = words[(16 * block) + 8 + k];
                for (int half = 0; half < 2; half++)
                {
                    uint a32 = (uint)(a >> (32 * half));
                    uint b32 = (uint)(b >> (32 * half));
                    double r = Math.Sqrt(-2 * Math.Log(((a32 >> 8) + 1) / 16777216.0));
                    double theta = 2 * Math.PI * (b32 >> 8) / 16777216.0;
                    int j = (32 * block) + (2 * k) + half;
                    Assert.Equal(r * Math.Cos(theta), values[j], 2e-6);
                    Assert.Equal(r * Math.Sin(theta), values[j + 16], 2e-6);
                }
            }
        }
    }

    [Fact]
    public void Each_trial_owns_the_next_stretch_of_one_stream_so_no_word_of_a_run_repeats()
    {
        foreach (ulong seed in new[] { 0UL, 42UL, ulong.MaxValue })
        {
            ulong key = NormalBlock.KeyOf(seed);

            // The stretches are adjacent: after a trial's last word comes the next trial's first.
            for (long t = 0; t < 3; t++)
            {
                ulong state = key + ((((ulong)t << 20) + NormalBlock.WordsPerTrial - 1) * 0x9E3779B97F4A7C15UL);
                Assert.Equal(NormalBlock.Word(key, t, NormalBlock.WordsPerTrial - 1), SplitMix64.Next(ref state));
                Assert.Equal(NormalBlock.Word(key, t + 1, 0), SplitMix64.Next(ref state));
            }

            var seen = new HashSet<ulong>();
            for (long t = 0; t < 2_500; t++)
            {
                for (int i = 0; i < 32; i++)
                {
                    Assert.True(seen.Add(NormalBlock.Word(key, t, i)), $"seed {seed}: word {i} of trial {t} repeats an earlier word");
                }
            }
        }
    }

    [Fact]
    public void A_destination_longer_than_one_trials_stream_is_refused()
    {
        NormalBlock.Fill(1, 0, new float[NormalBlock.MaxLength]);
        Assert.Throws<ArgumentOutOfRangeException>(() => NormalBlock.Fill(1, 0, new float[NormalBlock.MaxLength + 1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => NormalBlock.FillPair(1, 0, new float[NormalBlock.MaxLength + 32], 1, new float[NormalBlock.MaxLength + 32]));
    }

    [Fact]
    public void The_last_trial_fills_its_whole_stream_alike_on_every_path_where_the_counter_wraps()
    {
        // Trial 2⁴⁴ − 1's last counter is 2⁶⁴, which wraps to 0: every path must do the same modular arithmetic.
        long last = NormalBlock.TrialLimit - 1;
        var scalar = Fill(9, last, NormalBlock.MaxLength, NormalPath.Scalar);
        foreach (var path in Paths)
        {
            AssertSameBits(scalar, Fill(9, last, NormalBlock.MaxLength, path), $"{path}, last trial");
        }

        var a = new float[64];
        var b = new float[64];
        NormalBlock.FillPair(9, last - 1, a, last, b);
        AssertSameBits(Fill(9, last - 1, 64, NormalPath.Scalar), a, "pair, second-to-last trial");
        AssertSameBits(scalar[..64], b, "pair, last trial");
    }

    [Fact]
    public void The_same_element_in_neighbouring_trials_is_uncorrelated()
    {
        // Across trials a word's counter moves by 2²⁰·γ, not γ: check the pairs (z_t, z_t+1) of the first and last
        // element of a 64-normal trial for correlation and for uniformity of the joint deciles.
        const int N = 200_000;
        var values = new float[64];
        var first = new double[N];
        var last = new double[N];
        for (int t = 0; t < N; t++)
        {
            NormalBlock.Fill(2027, t, values);
            first[t] = values[0];
            last[t] = values[63];
        }

        foreach (var (name, z) in new[] { ("element 0", first), ("element 63", last) })
        {
            double sum = 0;
            var cells = new long[100];
            for (int t = 0; t + 1 < N; t++)
            {
                sum += z[t] * z[t + 1];
                cells[(Decile(z[t]) * 10) + Decile(z[t + 1])]++;
            }

            // Under independence the lag-one correlation is about N(0, 1/N) and the 10 × 10 table's χ² has 99
            // degrees of freedom (mean 99, standard deviation 14): allow five standard deviations each.
            double r = sum / (N - 1);
            double expected = (N - 1) / 100.0;
            double chi = cells.Sum(c => (c - expected) * (c - expected) / expected);
            output.WriteLine($"{name}: lag-1 correlation {r:F5} (bound {5 / Math.Sqrt(N):F5}), decile χ² {chi:F1} (bound {99 + (5 * Math.Sqrt(198)):F1})");
            Assert.InRange(r, -5 / Math.Sqrt(N), 5 / Math.Sqrt(N));
            Assert.True(chi < 99 + (5 * Math.Sqrt(198)), $"{name}: χ² {chi}");
        }

        static int Decile(double z) => Math.Clamp((int)(Normal.CDF(0, 1, z) * 10), 0, 9);
    }

    [Fact]
    public void Filling_allocates_nothing_on_any_path()
    {
        var buffer = new float[100];
        foreach (var path in Paths)
        {
            NormalBlock.Fill(3, 0, buffer, path);
            SteadyAllocation.AssertNone(batch =>
            {
                for (long t = 1 + (batch * 1_000L); t < 1_000 * (batch + 1L); t++)
                {
                    NormalBlock.Fill(3, t, buffer, path);
                }
            });
        }
    }

    [Fact]
    public void Trial_indices_outside_the_documented_range_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => NormalBlock.Fill(1, -1, new float[4]));
        Assert.Throws<ArgumentOutOfRangeException>(() => NormalBlock.Fill(1, NormalBlock.TrialLimit, new float[4]));
    }

    [Fact]
    public void The_normals_have_the_moments_tails_and_shape_of_a_standard_normal()
    {
        const int PerTrial = 64;
        const int N = 2_000_000;
        var z = new float[N];
        for (int t = 0; t < N / PerTrial; t++)
        {
            NormalBlock.Fill(20240601, t, z.AsSpan(t * PerTrial, PerTrial));
        }

        double sum = 0, sumSq = 0;
        long beyond2 = 0, beyond3 = 0;
        foreach (float v in z)
        {
            sum += v;
            sumSq += (double)v * v;
            beyond2 += Math.Abs(v) > 2 ? 1 : 0;
            beyond3 += Math.Abs(v) > 3 ? 1 : 0;
        }

        double mean = sum / N;
        double variance = (sumSq / N) - (mean * mean);
        output.WriteLine($"mean {mean:F6} (±{4 / Math.Sqrt(N):F6}), variance {variance:F6} (±{4 * Math.Sqrt(2.0 / N):F6}), P(|z|>2) {(double)beyond2 / N:F6}, P(|z|>3) {(double)beyond3 / N:F6}");
        Assert.InRange(mean, -4 / Math.Sqrt(N), 4 / Math.Sqrt(N));
        Assert.InRange(variance, 1 - (4 * Math.Sqrt(2.0 / N)), 1 + (4 * Math.Sqrt(2.0 / N)));
        AssertProportion(beyond2, N, 0.0455003);
        AssertProportion(beyond3, N, 0.0026998);

        // Kolmogorov–Smirnov on every tenth value: 1.63/√m is the 1 % critical value.
        const int M = 200_000;
        var sample = new double[M];
        for (int i = 0; i < M; i++)
        {
            sample[i] = z[i * (N / M)];
        }

        Array.Sort(sample);
        double d = 0;
        for (int i = 0; i < M; i++)
        {
            double f = Normal.CDF(0, 1, sample[i]);
            d = Math.Max(d, Math.Max(((i + 1.0) / M) - f, f - ((double)i / M)));
        }

        output.WriteLine($"KS D = {d:F6} (critical {1.63 / Math.Sqrt(M):F6})");
        Assert.True(d < 1.63 / Math.Sqrt(M), $"KS statistic {d} ≥ {1.63 / Math.Sqrt(M)}");
    }

    private static void AssertProportion(long count, int n, double p)
    {
        double se = Math.Sqrt(p * (1 - p) / n);
        Assert.InRange((double)count / n, p - (4 * se), p + (4 * se));
    }

    [Fact]
    public void Log_is_within_its_documented_bound_for_every_possible_input()
    {
        double worst = 0;
        for (uint v = 0; v < 1u << 24; v++)
        {
            float u = (v + 1) * 5.9604644775390625E-8f;
            double exact = Math.Log(u);
            double approx = NormalBlock.LogUnit(u);
            double error = exact == 0 ? Math.Abs(approx) : Math.Abs((approx - exact) / exact);
            worst = Math.Max(worst, error);
        }

        output.WriteLine($"ln: max relative error {worst:E3} (bound {NormalBlock.LogBound:E1})");
        Assert.True(worst < NormalBlock.LogBound, $"max relative error {worst:E3}");
    }

    [Fact]
    public void Sin_and_cos_are_within_their_documented_bound_for_every_possible_input()
    {
        double worst = 0;
        for (uint v = 0; v < 1u << 24; v++)
        {
            double angle = 2 * Math.PI * v / (1 << 24);
            NormalBlock.SinCosTurn(v, out float sin, out float cos);
            worst = Math.Max(worst, Math.Max(Math.Abs(sin - Math.Sin(angle)), Math.Abs(cos - Math.Cos(angle))));
        }

        output.WriteLine($"sin/cos: max absolute error {worst:E3} (bound {NormalBlock.SinCosBound:E1})");
        Assert.True(worst < NormalBlock.SinCosBound, $"max absolute error {worst:E3}");
    }
}
