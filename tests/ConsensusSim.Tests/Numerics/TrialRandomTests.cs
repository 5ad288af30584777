using ConsensusSim.Simulation;
using ConsensusSim.Numerics;

namespace ConsensusSim.Tests.Numerics;

public class TrialRandomTests
{
    [Fact]
    public void SplitMix64_matches_the_reference_outputs()
    {
        // Reference values of Vigna's splitmix64.c seeded with 1234567.
        ulong state = 1234567;
        ulong[] expected = [6457827717110365317, 3203168211198807973, 9817491932198370423, 4593380528125082431, 16408922859458223821];
        foreach (ulong value in expected)
        {
            Assert.Equal(value, SplitMix64.Next(ref state));
        }
    }

    [Fact]
    public void Xoshiro256StarStar_matches_the_reference_outputs()
    {
        // Reference values of Blackman and Vigna's xoshiro256starstar.c from state {1, 2, 3, 4}.
        var random = TrialRandom.FromState(1, 2, 3, 4);
        ulong[] expected = [11520, 0, 1509978240, 1215971899390074240, 1216172134540287360, 607988272756665600, 16172922978634559625, 8476171486693032832, 10595114339597558777, 2904607092377533576];
        foreach (ulong value in expected)
        {
            Assert.Equal(value, random.NextUInt64());
        }
    }

    [Fact]
    public void A_trial_stream_is_a_pure_function_of_seed_and_trial()
    {
        var a = TrialRandom.ForTrial(42, 1_000_000_007);
        var b = TrialRandom.ForTrial(42, 1_000_000_007);
        for (int i = 0; i < 100; i++)
        {
            Assert.Equal(a.NextUInt64(), b.NextUInt64());
        }
    }

    [Fact]
    public void Neighbouring_trials_and_seeds_get_different_streams()
    {
        var firsts = new HashSet<ulong>();
        for (ulong seed = 0; seed < 20; seed++)
        {
            for (long trial = 0; trial < 500; trial++)
            {
                Assert.True(firsts.Add(TrialRandom.ForTrial(seed, trial).NextUInt64()));
            }
        }
    }

    [Fact]
    public void The_all_zero_state_is_refused()
    {
        Assert.Throws<ArgumentException>(() => TrialRandom.FromState(0, 0, 0, 0));
    }

    [Fact]
    public void A_stream_without_a_state_is_refused_rather_than_hanging()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => new TrialRandom());
        Assert.Contains("TrialRandom.ForTrial", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Uniform_doubles_lie_in_the_unit_interval_with_the_right_mean()
    {
        const int n = 200_000;
        var random = TrialRandom.ForTrial(7, 0);
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            double u = random.NextDouble();
            Assert.InRange(u, 0.0, 1.0 - 1e-17);
            sum += u;
        }

        // Var(U) = 1/12; allow 4 standard errors.
        Assert.InRange(sum / n, 0.5 - (4 * Math.Sqrt(1.0 / 12 / n)), 0.5 + (4 * Math.Sqrt(1.0 / 12 / n)));
    }

    [Fact]
    public void Normals_have_mean_zero_unit_variance_and_normal_tails()
    {
        const int n = 400_000;
        var random = TrialRandom.ForTrial(11, 3);
        double sum = 0, sumSq = 0;
        int beyondTwo = 0;
        for (int i = 0; i < n; i++)
        {
            double z = random.NextNormal();
            sum += z;
            sumSq += z * z;
            beyondTwo += Math.Abs(z) > 2 ? 1 : 0;
        }

        double mean = sum / n;
        double variance = (sumSq / n) - (mean * mean);
        Assert.InRange(mean, -4 / Math.Sqrt(n), 4 / Math.Sqrt(n));

        // SE of the sample variance of normals is sqrt(2/n).
        Assert.InRange(variance, 1 - (4 * Math.Sqrt(2.0 / n)), 1 + (4 * Math.Sqrt(2.0 / n)));

        // P(|Z| > 2) = 0.0455003; binomial SE.
        const double tail = 0.04550026;
        double se = Math.Sqrt(tail * (1 - tail) / n);
        Assert.InRange((double)beyondTwo / n, tail - (4 * se), tail + (4 * se));
    }

    [Fact]
    public void The_normal_distribution_function_is_right_across_the_range_and_in_the_tail()
    {
        // Covers the ziggurat's rectangles, wedges and the tail beyond R = 3.654.
        const int n = 2_000_000;
        double[] cuts = [-4.0, -3.7, -3.0, -2.0, -1.0, -0.3, 0.0, 0.3, 1.0, 2.0, 3.0, 3.7, 4.0];
        var below = new long[cuts.Length];
        var random = TrialRandom.ForTrial(2026, 11);
        for (int k = 0; k < n; k++)
        {
            double z = random.NextNormal();
            for (int c = 0; c < cuts.Length; c++)
            {
                below[c] += z < cuts[c] ? 1 : 0;
            }
        }

        for (int c = 0; c < cuts.Length; c++)
        {
            double expected = MathNet.Numerics.Distributions.Normal.CDF(0, 1, cuts[c]);
            double se = Math.Sqrt(expected * (1 - expected) / n);
            Assert.True(Math.Abs(((double)below[c] / n) - expected) <= (4.5 * se) + 1e-7, $"P(Z < {cuts[c]}) = {(double)below[c] / n}, expected {expected}");
        }
    }

    [Fact]
    public void The_first_double_taken_alone_is_the_streams_first_double()
    {
        ulong[] seeds = [0, 1, 42, ulong.MaxValue, 0x9E3779B97F4A7C15UL];
        long[] trials = [.. Enumerable.Range(0, 5_000).Select(k => (long)k), -1, long.MinValue, long.MaxValue, 1L << 40];
        foreach (ulong seed in seeds)
        {
            foreach (long trial in trials)
            {
                var stream = TrialRandom.ForTrial(seed, trial);
                Assert.Equal(BitConverter.DoubleToInt64Bits(stream.NextDouble()), BitConverter.DoubleToInt64Bits(TrialRandom.FirstDouble(seed, trial)));
            }
        }
    }
}
