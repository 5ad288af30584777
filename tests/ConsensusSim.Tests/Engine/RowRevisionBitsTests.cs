using System.Runtime.Intrinsics.X86;
using ConsensusSim.Engine;
using ConsensusSim.Simulation;

namespace ConsensusSim.Tests.Engine;

/// <summary>
/// A compromising Chair's revision from the vote's mask, computed per row of equal States (<c>ThresholdRows256</c> on
/// AVX2, <c>ProfileRevision</c> and <c>ThresholdRows</c> on AVX-512), writes the very bits of the general passes: every
/// objection threshold in every venue and every statement threshold, after each move of a trial's draft. Tallies alone
/// would rarely show a threshold one bit off, since a draw seldom falls between two neighbouring floats.
/// </summary>
public class RowRevisionBitsTests
{
    [SkippableTheory]
    [InlineData("forced-rounds")]
    [InlineData("quadratic")]
    [InlineData("silence-and-escalation")]
    [InlineData("noiseless-state")]
    public void Thresholds_revised_by_rows_are_the_general_passes_bits_after_every_move(string variant)
    {
        Skip.IfNot(Avx512F.IsSupported || Avx2.IsSupported, "This machine has neither AVX2 nor AVX-512: revisions take the general passes only.");
        var compiled = RevisedThresholdsTests.Build(variant);
        var rows = new TrialKernel(compiled);
        var general = new TrialKernel(compiled, new KernelSwitches { FuseRevision = false });
        Assert.True(rows.UsesThresholdRows);
        Assert.False(general.UsesThresholdRows);

        // Run a few trials first, so that both kernels hold their prepared start, as every trial begins from it.
        foreach (var kernel in new[] { rows, general })
        {
            kernel.RunChunk(3, 0, 20, new TrialAccumulator(compiled.StateCount, compiled.MaxRounds));
        }

        var byRows = rows.CompromiseChair!;
        var byPasses = general.CompromiseChair!;
        var random = new Random(11);
        int n = compiled.StateCount;
        for (int trial = 0; trial < 30; trial++)
        {
            byRows.RestoreIfRevised();
            byPasses.RestoreIfRevised();
            AssertSameBits(general, rows, $"trial {trial}'s start");
            for (int move = 0; move < 6; move++)
            {
                // One to eight objectors anywhere in the body, as a blocked vote's mask gives them.
                ulong mask = 0;
                for (int objectors = random.Next(1, 9); objectors > 0; objectors--)
                {
                    mask |= 1UL << random.Next(n);
                }

                byRows.ReviseFromMask([mask], mask);
                byPasses.ReviseFromMask([mask], mask);
                byRows.CompleteStatements();
                AssertSameBits(general, rows, $"trial {trial}, move {move}, objectors {mask:x}");
            }
        }
    }

    private static void AssertSameBits(TrialKernel general, TrialKernel rows, string when)
    {
        Assert.True(Bits(general.Workspace.Draft).SequenceEqual(Bits(rows.Workspace.Draft)), $"drafts differ at {when}");
        Assert.True(Bits(general.Workspace.ObjectBelow).SequenceEqual(Bits(rows.Workspace.ObjectBelow)), $"objection thresholds differ at {when}");
        Assert.True(Bits(general.Workspace.StatementBelow).SequenceEqual(Bits(rows.Workspace.StatementBelow)), $"statement thresholds differ at {when}");
    }

    private static IEnumerable<long> Bits(double[] values) => values.Select(BitConverter.DoubleToInt64Bits);

    private static IEnumerable<int> Bits(float[] values) => values.Select(BitConverter.SingleToInt32Bits);
}
