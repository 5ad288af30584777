using ConsensusSim.Engine;
using ConsensusSim.Model;
using ConsensusSim.Numerics;

namespace ConsensusSim.Tests.Engine;

/// <summary>
/// Quantile tables shared between runs: a run finds the table an earlier run of an equal distribution built, draws
/// exactly what a table of its own would give, and the cache stays bounded when every run brings a new distribution.
/// </summary>
public class SharedSamplersTests
{
    [Fact]
    public void Equal_distributions_share_one_table_and_untabulated_ones_are_not_kept()
    {
        var first = SharedSamplers.For(Parameter.Beta(3.25, 7.5));
        var again = SharedSamplers.For(Parameter.Beta(3.25, 7.5));
        Assert.True(first.Tabulated);
        Assert.Same(first, again);

        // Uniforms need no table: a new sampler each time costs nothing.
        Assert.NotSame(SharedSamplers.For(Parameter.Uniform(0.1, 0.3)), SharedSamplers.For(Parameter.Uniform(0.1, 0.3)));
    }

    [Fact]
    public void A_shared_table_draws_the_same_bits_as_one_built_for_the_run()
    {
        var parameter = Parameter.TruncatedNormal(0.4, 0.15, 0, 1);
        var shared = SharedSamplers.For(parameter);
        var own = ParameterSampler.For(parameter);
        for (long trial = 0; trial < 10_000; trial++)
        {
            var a = TrialRandom.ForTrial(17, trial);
            var b = TrialRandom.ForTrial(17, trial);
            Assert.Equal(BitConverter.DoubleToInt64Bits(own.Draw(ref b)), BitConverter.DoubleToInt64Bits(shared.Draw(ref a)));
        }
    }

    [Fact]
    public void Runs_that_each_bring_a_new_distribution_keep_the_cache_bounded_and_their_results()
    {
        for (int k = 0; k < 3 * SharedSamplers.Capacity; k++)
        {
            var parameter = Parameter.Beta(2 + (k / 64.0), 5);
            Assert.True(SharedSamplers.For(parameter).Tabulated);
        }

        // Other tests' runs add theirs in parallel: a few over the capacity at a time.
        Assert.InRange(SharedSamplers.Count, 1, SharedSamplers.Capacity + 16);

        // The cache started afresh when full; a distribution met again still draws as before.
        var late = SharedSamplers.For(Parameter.Beta(2, 5));
        var random = TrialRandom.ForTrial(3, 0);
        var check = TrialRandom.ForTrial(3, 0);
        Assert.Equal(ParameterSampler.For(Parameter.Beta(2, 5)).Draw(ref check), late.Draw(ref random));
    }
}
