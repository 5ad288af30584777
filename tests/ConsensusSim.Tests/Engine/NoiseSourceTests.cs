using ConsensusSim.Engine;
using ConsensusSim.Engine.Stages;
using ConsensusSim.Model;
using ConsensusSim.Serialization;
using ConsensusSim.Simulation;

namespace ConsensusSim.Tests.Engine;

/// <summary>The noise blocks a trial's votes read: drawn ahead and in pairs, or one at a time, they are the same.</summary>
public class NoiseSourceTests
{
    [Theory]
    [InlineData(0L, 5L)]
    [InlineData(3L, 4L)]
    [InlineData(999L, 1001L)]
    public void Votes_drawn_in_pairs_equal_votes_drawn_one_at_a_time(long first, long end)
    {
        // Ten rounds: the later votes are drawn two at a time; a chunk that ends on an odd trial tests the ring's edge.
        var (paired, single) = TenRoundSources(first, end);
        for (long t = first; t < end; t++)
        {
            paired.BeginTrial(t, t - first, end);
            single.BeginTrial(t, t - first, end);

            // Trial t takes t mod 6 + 1 votes, so trials stop after odd and after even votes.
            for (int vote = 0; vote <= t % 6; vote++)
            {
                float[] expected = [.. single.NextVote()];
                Assert.Equal(expected, paired.NextVote());
            }
        }
    }

    [Theory]
    [InlineData(0L, 40L)]
    [InlineData(7L, 31L)]
    public void Votes_drawn_before_they_come_equal_votes_drawn_when_they_come(long first, long end)
    {
        // The fused rounds loop draws a blocked vote's successor before the Chair's revision: at any vote, once or twice.
        var (early, single) = TenRoundSources(first, end);
        var random = new Random(5);
        for (long t = first; t < end; t++)
        {
            early.BeginTrial(t, t - first, end);
            single.BeginTrial(t, t - first, end);
            for (int vote = 0; vote < 10; vote++)
            {
                for (int calls = random.Next(3); calls > 0; calls--)
                {
                    early.DrawNextVote();
                }

                float[] expected = [.. single.NextVote()];
                Assert.Equal(expected, early.NextVote());
            }
        }
    }

    /// <summary>The default scenario's noise at ten rounds, drawn ahead in pairs and one vote at a time, both begun on the same chunk.</summary>
    private static (NoiseSource Ahead, NoiseSource OneAtATime) TenRoundSources(long first, long end)
    {
        var b = Scenario.Default.ToBuilder();
        b.Procedure = new ProcedureOptions { MaxRounds = 10 };
        var plan = KernelPlan.For(b.Build().Compile());
        Assert.True(plan.DrawAhead);
        var ahead = new NoiseSource(plan);
        var oneAtATime = new NoiseSource(plan, drawAhead: false);
        ahead.BeginChunk(42, first, end);
        oneAtATime.BeginChunk(42, first, end);
        return (ahead, oneAtATime);
    }
}
