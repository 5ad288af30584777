using System.Runtime.Intrinsics;
using ConsensusSim.Engine;
using ConsensusSim.Engine.Stages;
using ConsensusSim.Numerics;

namespace ConsensusSim.Tests.Engine;

/// <summary>
/// The vote of eight States a step (<see cref="LatentVote256"/>, for processors with AVX2 but not AVX-512) gives the
/// scalar vote's bits. It runs on any AVX2 processor, so these tests check it on AVX-512 machines too, where the engine
/// itself takes the wider vote.
/// </summary>
public class EightStateVoteTests
{
    private const string NoAvx2 = "This machine has no AVX2: only the scalar vote runs here (the tallies tests still cover it).";

    [SkippableFact]
    public void The_vote_of_any_number_of_states_equals_the_scalar_vote_on_random_inputs()
    {
        Skip.IfNot(LatentVote256.Available, NoAvx2);
        var random = TrialRandom.ForTrial(15, 0);
        int withObjectors = 0;
        for (int round = 0; round < 2_000; round++)
        {
            int n = 1 + (int)(random.NextUInt64() % 300);
            int blocs = 1 + (int)(random.NextUInt64() % LatentVote256.MaxBlocs);
            int padded = LatentVote.Padded(n);
            var (noise, own, bloc, shared, objectBelow, statementBelow) = SimdPathTests.RandomVote(ref random, padded, n, blocs, 2.5, ordered: random.NextDouble() < 0.5);
            var scalarMask = new ulong[(padded + 63) / 64];
            var vectorMask = Enumerable.Repeat(ulong.MaxValue, scalarMask.Length).ToArray();
            int scalar = LatentVote.Evaluate(noise, own, bloc, shared.AsSpan(0, blocs), objectBelow, statementBelow, scalarMask, vector: false);
            int vector = LatentVote256.Evaluate(Vector256.Create(shared.AsSpan(0, 8)), ref noise[0], ref own[0], ref bloc[0], ref objectBelow[0], ref statementBelow[0], ref vectorMask[0], padded);
            Assert.Equal(scalar, vector);
            Assert.Equal(scalarMask, vectorMask);
            withObjectors += scalarMask.Any(word => word != 0) ? 1 : 0;
        }

        // Both kinds of vote were tried: without an objector, and with one in some word.
        Assert.InRange(withObjectors, 200, 1_800);
    }

    [SkippableFact]
    public void The_unrolled_vote_of_one_word_equals_the_scalar_vote_on_random_inputs()
    {
        Skip.IfNot(LatentVote256.Available, NoAvx2);
        var random = TrialRandom.ForTrial(16, 0);
        int withObjectors = 0;
        for (int round = 0; round < 4_000; round++)
        {
            int n = 1 + (int)(random.NextUInt64() % LatentVote.WordStates);
            int blocs = 1 + (int)(random.NextUInt64() % LatentVote256.MaxBlocs);
            var (noise, own, bloc, shared, objectBelow, statementBelow) = SimdPathTests.RandomVote(ref random, LatentVote.WordStates, n, blocs, 1.5 + random.NextDouble(), ordered: random.NextDouble() < 0.75);
            var mask = new ulong[1];
            int statements = LatentVote.Evaluate(noise, own, bloc, shared.AsSpan(0, blocs), objectBelow, statementBelow, mask, vector: false);
            ulong word = LatentVote256.EvaluateWord(Vector256.Create(shared.AsSpan(0, 8)), ref noise[0], ref own[0], ref bloc[0], ref objectBelow[0], ref statementBelow[0], out int wordStatements);
            Assert.Equal(mask[0], word);
            Assert.Equal(statements, wordStatements);
            withObjectors += word != 0 ? 1 : 0;
        }

        Assert.InRange(withObjectors, 400, 3_600);
    }

    [SkippableFact]
    public void Two_trials_voted_together_on_nested_thresholds_each_get_the_scalar_vote()
    {
        // The pair vote counts a trial's statements as those below the statement thresholds less its objectors, which holds
        // only where every objection threshold is at most its statement threshold, as the loop that calls it ensures.
        Skip.IfNot(LatentVote256.Available, NoAvx2);
        var random = TrialRandom.ForTrial(19, 0);
        int withObjectors = 0;
        int withStatements = 0;
        for (int round = 0; round < 4_000; round++)
        {
            int n = 1 + (int)(random.NextUInt64() % LatentVote.WordStates);
            int blocs = 1 + (int)(random.NextUInt64() % LatentVote256.MaxBlocs);
            var (noise, own, bloc, shared, objectBelow, statementBelow) = SimdPathTests.RandomVote(ref random, LatentVote.WordStates, n, blocs, 1.5 + random.NextDouble(), ordered: true);
            var (otherNoise, otherShared) = SimdPathTests.SecondTrial(ref random, noise.Length, n, shared.Length, blocs);

            var mask = new ulong[1];
            var otherMask = new ulong[1];
            int statements = LatentVote.Evaluate(noise, own, bloc, shared.AsSpan(0, blocs), objectBelow, statementBelow, mask, vector: false);
            int otherStatements = LatentVote.Evaluate(otherNoise, own, bloc, otherShared.AsSpan(0, blocs), objectBelow, statementBelow, otherMask, vector: false);
            LatentVote256.EvaluateWordPairNested(
                Vector256.Create(shared.AsSpan(0, 8)),
                Vector256.Create(otherShared.AsSpan(0, 8)),
                ref noise[0],
                ref otherNoise[0],
                ref own[0],
                ref bloc[0],
                ref objectBelow[0],
                ref statementBelow[0],
                out ulong word,
                out int wordStatements,
                out ulong otherWord,
                out int otherWordStatements);
            Assert.Equal((mask[0], statements), (word, wordStatements));
            Assert.Equal((otherMask[0], otherStatements), (otherWord, otherWordStatements));
            withObjectors += (word != 0 ? 1 : 0) + (otherWord != 0 ? 1 : 0);
            withStatements += (word != 0 && wordStatements > 0 ? 1 : 0) + (otherWord != 0 && otherWordStatements > 0 ? 1 : 0);
        }

        // Votes without an objector and with one were tried, and votes with both objectors and statements, whose count the objectors reduce.
        Assert.InRange(withObjectors, 800, 7_200);
        Assert.True(withStatements > 100, $"only {withStatements} votes had both objectors and statements");
    }

    [SkippableFact]
    public void The_dispatched_vector_vote_takes_eight_states_a_step_where_there_is_no_avx512_and_equals_the_scalar_vote()
    {
        Skip.IfNot(LatentVote256.Available && !LatentVote.Wide, "This machine has AVX-512 (or no AVX2): the dispatched vote is not the eight-State one here; the tests above call it directly.");
        var random = TrialRandom.ForTrial(17, 0);
        for (int round = 0; round < 500; round++)
        {
            int n = 1 + (int)(random.NextUInt64() % 200);
            int blocs = 1 + (int)(random.NextUInt64() % LatentVote256.MaxBlocs);
            int padded = LatentVote.Padded(n);
            var (noise, own, bloc, shared, objectBelow, statementBelow) = SimdPathTests.RandomVote(ref random, padded, n, blocs, 2, ordered: false);
            var scalarMask = new ulong[(padded + 63) / 64];
            var vectorMask = new ulong[scalarMask.Length];
            Assert.Equal(
                LatentVote.Evaluate(noise, own, bloc, shared.AsSpan(0, blocs), objectBelow, statementBelow, scalarMask, vector: false),
                LatentVote.Evaluate(noise, own, bloc, shared, objectBelow, statementBelow, vectorMask, vector: true));
            Assert.Equal(scalarMask, vectorMask);
        }
    }

    [SkippableFact]
    public void A_state_in_a_ninth_slot_sends_the_dispatched_vote_to_the_scalar_path()
    {
        Skip.IfNot(LatentVote256.Available && !LatentVote.Wide, "This machine has AVX-512 (or no AVX2): the eight-State vote is not dispatched here.");

        // One State reads slot 8, whose shock alone makes it object; eight lanes would read slot 0 instead.
        var noise = new float[64];
        var own = new float[64];
        var bloc = new int[64];
        var shared = new float[LatentVote.MaxVectorBlocs];
        var objectBelow = Enumerable.Repeat(float.NegativeInfinity, 64).ToArray();
        var statementBelow = (float[])objectBelow.Clone();
        bloc[3] = 8;
        shared[8] = -5;
        objectBelow[3] = -1;
        var mask = new ulong[1];
        LatentVote.Evaluate(noise, own, bloc, shared, objectBelow, statementBelow, mask, vector: true);
        Assert.Equal(1UL << 3, mask[0]);
    }

    [SkippableFact]
    public void The_shocks_equal_the_scalar_loops_rounding_bit_for_bit()
    {
        Skip.IfNot(LatentVote256.Available, NoAvx2);
        var random = TrialRandom.ForTrial(18, 0);
        for (int round = 0; round < 500; round++)
        {
            int states = (int)(random.NextUInt64() % 100);
            var noise = new float[states + 8];
            for (int i = 0; i < noise.Length; i++)
            {
                noise[i] = (float)random.NextNormal();
            }

            // Up to all eight slots scaled (a slot past the correlated blocs has scale 0 and shock ±0).
            var scales = new double[8];
            int scaled = (int)(random.NextUInt64() % 9);
            for (int b = 0; b < scaled; b++)
            {
                scales[b] = Math.Sqrt(random.NextDouble());
            }

            var shocks = LatentVote256.Shocks(ref noise[0], states, Vector256.Create(scales.AsSpan(0, 4)), Vector256.Create(scales.AsSpan(4, 4)));
            for (int slot = 0; slot < 8; slot++)
            {
                Assert.Equal(BitConverter.SingleToInt32Bits((float)(scales[slot] * noise[states + slot])), BitConverter.SingleToInt32Bits(shocks[slot]));
            }
        }
    }
}
