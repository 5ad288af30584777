using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ConsensusSim.Engine.Stages;

internal sealed partial class FusedSingleVoteLoop
{
    /// <summary>
    /// Whether a chunk's trials take <see cref="RunFixedThresholds"/>: they only vote, on thresholds fixed for the run (so on
    /// the copies in <see cref="VoteOnlyMemory"/>) but perhaps one State's, whose linkage each trial draws, eight trials at a
    /// time (in vectors where the processor has AVX-512, <see cref="EightLinkagesStart"/>; else one after another,
    /// <see cref="BatchedLinkageStart"/>); every other objection threshold of the venue at most
    /// its statement threshold; no State reading a shock slot past 7; their normals drawn two trials at a time.
    /// </summary>
    internal bool TakesFixedThresholdsLoop => FixedThresholdsFit(out _);

    /// <summary><see cref="TakesFixedThresholdsLoop"/>, with the vote's venue's objection thresholds, which the loop copies.</summary>
    private bool FixedThresholdsFit(out Span<float> venueObjectBelow)
    {
        int length = _latent.OwnPerState.Length;
        venueObjectBelow = _objectBelow.AsSpan((int)_plan.Venue * length, length);
        return _fixedThresholdsLoop && _latent.FewShocksSuffice && _noise.DrawsPairs
            && (_linkageRedraw is null || _linkagesByEight)
            && LatentVote.ObjectionsBelowStatements(venueObjectBelow, _statementBelow, _linkageRedraw?.State ?? -1);
    }

    /// <summary>
    /// Runs the trials as <see cref="RunVoteOnly{TStart}"/> runs them, where <see cref="TakesFixedThresholdsLoop"/> holds
    /// (the reference trial, with <see cref="FixedThresholdsStart"/>; the default scenario, with
    /// <see cref="EightLinkagesStart"/> or <see cref="BatchedLinkageStart"/>): the same draws, votes and outcomes, with only the ring, the vote's arrays and the
    /// trial's place kept from one trial to the next and the generator called directly. Around the same vote, the general
    /// loop's per-trial checks, reloads of values it could not keep in registers, and call through the noise source took
    /// about as long as the vote itself. Where no trial changes the thresholds, trials k and k + 1 (k even), whose normals
    /// are drawn together, are also voted on together (<see cref="LatentVote.EvaluateWordPairNested"/> with AVX-512,
    /// <see cref="LatentVote256.EvaluateWordPairNested"/> without): the vote's loads are shared between them, and with
    /// AVX-512 one comparison asks whether either has an objector, which is what brings the reference trial within 1.2× of
    /// its floor; an odd last trial of a chunk is voted on alone.
    /// </summary>
    /// <returns>Whether every trial ran; false when the chunk was abandoned.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool RunFixedThresholds<TStart>(TStart start, ReadOnlySpan<float> venueObjectBelow, ulong seed, long firstTrial, long end, TrialAccumulator acc, CancellationToken cancellationToken)
        where TStart : struct, IVoteOnlyStart
    {
        var latent = _latent;
        var noiseSource = _noise;
        var memory = _memory!;
        memory.Load(latent, venueObjectBelow, _statementBelow, noiseSource.Ring);
        ref float ring = ref memory.Noise(0);
        int stride = noiseSource.BufferLength;
        int drawn = noiseSource.FirstBlockLength;
        ulong noiseSeed = noiseSource.ChunkSeed;
        ref float own = ref memory.Own;
        ref int bloc = ref memory.Bloc;
        ref float objectBelow = ref memory.ObjectBelow;
        ref float statementBelow = ref memory.StatementBelow;
        ref long unopposed = ref memory.Unopposed;
        int n = _n;
        Debug.Assert(!TStart.SameThresholdsEachTrial || LatentVote.ObjectionsBelowStatements(venueObjectBelow, _statementBelow), "The pair vote needs every State's thresholds nested.");
        var scale = latent.ShockScaleLow;
        var scaleSlots0To3 = latent.ShockScaleSlots0To3;
        var scaleSlots4To7 = latent.ShockScaleSlots4To7;
        for (long block = firstTrial; block < end; block += _trialsPerCheck)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                return false;
            }

            long blockEnd = Math.Min(block + _trialsPerCheck, end);
            for (long t = block; t < blockEnd; t++)
            {
                // Only the low two bits of k pick a buffer, so it may wrap in a chunk of more than 2³¹ trials.
                int k = (int)(t - firstTrial);
                if ((k & 1) == 0)
                {
                    if (t + 3 < end)
                    {
                        NormalBlock.FillPair(
                            noiseSeed,
                            t + 2,
                            MemoryMarshal.CreateSpan(ref Unsafe.Add(ref ring, ((k + 2) & (NoiseSource.DrawAheadRing - 1)) * stride), drawn),
                            t + 3,
                            MemoryMarshal.CreateSpan(ref Unsafe.Add(ref ring, ((k + 3) & (NoiseSource.DrawAheadRing - 1)) * stride), drawn));
                    }
                    else
                    {
                        DrawLast(t + 2, end, (k + 2) & (NoiseSource.DrawAheadRing - 1));
                    }
                }

                ref float e = ref Unsafe.Add(ref ring, (k & (NoiseSource.DrawAheadRing - 1)) * stride);
                if (TStart.SameThresholdsEachTrial && (k & 1) == 0 && t + 1 < blockEnd)
                {
                    // Trials k and k + 1, drawn together, vote on thresholds no trial changes, all nested: with no drawn
                    // linkage, FixedThresholdsFit checked every State. k is even, so k + 1's slot follows k's in the ring.
                    ref float next = ref Unsafe.Add(ref e, stride);
                    ulong first;
                    int firstStatements;
                    ulong second;
                    int secondStatements;
                    if (LatentVote.Wide)
                    {
                        LatentVote.EvaluateWordPairNested(
                            LatentBallot.FewShocks(ref e, n, scale),
                            LatentBallot.FewShocks(ref next, n, scale),
                            ref e,
                            ref next,
                            ref own,
                            ref bloc,
                            ref objectBelow,
                            ref statementBelow,
                            out first,
                            out firstStatements,
                            out second,
                            out secondStatements);
                    }
                    else
                    {
                        LatentVote256.EvaluateWordPairNested(
                            LatentVote256.Shocks(ref e, n, scaleSlots0To3, scaleSlots4To7),
                            LatentVote256.Shocks(ref next, n, scaleSlots0To3, scaleSlots4To7),
                            ref e,
                            ref next,
                            ref own,
                            ref bloc,
                            ref objectBelow,
                            ref statementBelow,
                            out first,
                            out firstStatements,
                            out second,
                            out secondStatements);
                    }

                    Count(first, firstStatements, ref unopposed, acc);
                    Count(second, secondStatements, ref unopposed, acc);
                    t++;
                    continue;
                }

                bool nested = start.Begin(seed, t, ref objectBelow, ref statementBelow);
                ulong objectors;
                int statements;
                if (LatentVote.Wide)
                {
                    var shocks = LatentBallot.FewShocks(ref e, n, scale);
                    objectors = nested
                        ? LatentVote.EvaluateWordNested(shocks, ref e, ref own, ref bloc, ref objectBelow, ref statementBelow, out statements)
                        : LatentVote.EvaluateWord(shocks, ref e, ref own, ref bloc, ref objectBelow, ref statementBelow, out statements);
                }
                else
                {
                    objectors = LatentVote256.EvaluateWord(LatentVote256.Shocks(ref e, n, scaleSlots0To3, scaleSlots4To7), ref e, ref own, ref bloc, ref objectBelow, ref statementBelow, out statements);
                }

                Count(objectors, statements, ref unopposed, acc);
            }
        }

        memory.MoveUnopposed(_unopposedByStatements);
        RecordUnopposed(acc);
        acc.Trials += end - firstTrial;
        return true;
    }

    /// <summary>The chunk's last one or two trials' blocks, as the noise source draws them (out of line: once a chunk).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void DrawLast(long t, long end, int slot) => _noise.DrawFirstBlocks(t, end, _memory!.Slot(slot), _memory.Slot(slot + 1));
}
