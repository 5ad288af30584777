using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ConsensusSim.Engine.Stages;

/// <summary>
/// The vote-only loop for trials that draw one State's linkage inline where they cannot take the loop for fixed thresholds
/// (<see cref="FusedSingleVoteLoop.RunFixedThresholds{TStart}"/>, where the default scenario runs when the processor draws
/// eight linkages at once; here, where it cannot or some other State's objection threshold is above its statement
/// threshold), with each trial's normals drawn into registers and voted on there: the same generator, the same blocks
/// and the same vote as
/// <see cref="FusedSingleVoteLoop.RunVoteOnly{TStart}"/>, without the trip through the draw-ahead ring, which made the default
/// scenario's trial about a tenth cheaper (CHANGELOG). The reference trial stays on the ring: this way it measured no faster
/// and less steady, as the generator's constants and the vote's vectors then outnumber the registers and the compiler keeps
/// them on the stack.
/// </summary>
internal sealed partial class FusedSingleVoteLoop
{
    /// <summary>
    /// Whether the trials' normals fit this loop: one 64-normal block pair per trial, drawn by the 512-bit generator, with
    /// at most eight shock slots, which begin after the States, so at normal 48 or later only with 48 States or more. A word
    /// holds the States and the shocks, so it may have as few as 41 States, whose shocks begin in the third vector.
    /// </summary>
    private static bool InRegistersFits(KernelPlan plan, NoiseSource noise, LatentBallot latent, int states) =>
        plan.Switches.VoteInRegisters
        && states >= 3 * LatentVote.Width
        && noise.FirstBlockLength == 2 * NormalBlock.BlockLength
        && latent.FewShocksSuffice
        && plan.Switches.NoisePath is NormalPath.Auto or NormalPath.Vector512
        && Vector512.IsHardwareAccelerated && Avx512F.IsSupported;

    /// <summary>Runs the trials as <see cref="RunVoteOnly{TStart}"/> does, each trial's normals drawn into registers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool RunInRegisters(DrawnLinkageStart start, ulong seed, long firstTrial, long end, TrialAccumulator acc, CancellationToken cancellationToken)
    {
        var latent = _latent;
        int length = latent.OwnPerState.Length;
        var venueObjectBelow = _objectBelow.AsSpan((int)_plan.Venue * length, length);
        ref float own = ref MemoryMarshal.GetArrayDataReference(latent.OwnPerState);
        ref int bloc = ref MemoryMarshal.GetArrayDataReference(latent.BlocPerState);
        ref float objectBelow = ref MemoryMarshal.GetReference(venueObjectBelow);
        ref float statementBelow = ref MemoryMarshal.GetArrayDataReference(_statementBelow);
        ref long unopposed = ref MemoryMarshal.GetArrayDataReference(_unopposedByStatements);
        var scaleLow = latent.ShockScaleLow;

        // The shocks are normals n to n + 7 of the block (n ≥ 48): lanes n − 48 on of its last vector, then the zeros after it.
        var shockLanes = Vector512.Create(_n - (3 * LatentVote.Width)) + Vector512<int>.Indices;
        ulong key = NormalBlock.KeyOf(seed);
        bool nested = LatentVote.ObjectionsBelowStatements(venueObjectBelow, _statementBelow, _linkageRedraw?.State ?? -1);
        for (long block = firstTrial; block < end; block += _trialsPerCheck)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                return false;
            }

            long blockEnd = Math.Min(block + _trialsPerCheck, end);
            for (long t = block; t < blockEnd; t++)
            {
                NormalBlock512.TwoBlocks(key, t, out var e0, out var e1, out var e2, out var e3);
                bool nestedNow = start.Begin(seed, t, ref objectBelow, ref statementBelow) & nested;
                var shocks = LatentBallot.FewShocks(e3, shockLanes, scaleLow);
                ulong objectors = nestedNow
                    ? LatentVote.EvaluateWordNested(shocks, e0, e1, e2, e3, ref own, ref bloc, ref objectBelow, ref statementBelow, out int statements)
                    : LatentVote.EvaluateWord(shocks, e0, e1, e2, e3, ref own, ref bloc, ref objectBelow, ref statementBelow, out statements);
                Count(objectors, statements, ref unopposed, acc);
            }
        }

        RecordUnopposed(acc);
        acc.Trials += end - firstTrial;
        return true;
    }
}
