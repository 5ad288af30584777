using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ConsensusSim.Engine.Stages;

/// <summary>
/// A compromising Chair's move of the draft after a blocked vote, taken from the vote's mask of objectors (in State order,
/// as a tally lists them) for a loop that reads only the thresholds and the draft: the objectors' saliences are summed
/// from the mask, their maximum and the moved draft computed in a register, one lane per dimension — the same operations
/// on the same operands as <see cref="CompromiseStage"/>'s move, so the same bits, without waiting for stores — and,
/// where one set of thresholds per row of equal States is computed, the thresholds from that register, no State's gain
/// being written (the trial's start, restored before the next trial, holds them). Up to four dimensions.
/// </summary>
internal sealed class MaskRevision
{
    /// <summary>The objectors of a one-word mask whose saliences are summed without a branch.</summary>
    private const int BranchFreeObjectors = 8;

    private readonly int _d;
    private readonly double _step;
    private readonly double[] _salienceRows;
    private readonly double[] _draft;
    private readonly double[] _statusQuo;
    private readonly double[] _draftRow = new double[Vector256<double>.Count];
    private readonly ProfileRevision? _rows;

    /// <param name="plan">The run's plan.</param>
    /// <param name="workspace">The shared arrays.</param>
    /// <param name="salienceRows">Each State's saliences in a row of four, at least 65 rows, those past the States zeros.</param>
    /// <param name="rows">The revision that computes thresholds per row of equal States from a draft in registers, or null.</param>
    public MaskRevision(KernelPlan plan, TrialWorkspace workspace, double[] salienceRows, ProfileRevision? rows)
    {
        _d = workspace.Shape.Dimensions;
        _step = plan.Scenario.CompromiseStep;
        _salienceRows = salienceRows;
        _draft = workspace.Draft;
        _statusQuo = workspace.StatusQuo;
        _rows = rows is { SharesRows: true } ? rows : null;
    }

    /// <summary>Whether <see cref="Move"/> also computes the thresholds (else the caller recomputes gains and thresholds).</summary>
    public bool ComputesThresholds => _rows is not null;

    /// <summary>Moves the draft after a vote whose objectors are set in <paramref name="mask"/>, and computes the thresholds if it does; false if the draft does not move.</summary>
    public bool Move(ulong[] mask)
    {
        var sums = SumObjectorSalience(mask);

        // The maximum over the dimensions and 0 (the lanes past the last dimension hold 0), in every lane. The sums are
        // finite and never −0 (they start at +0), where the processor's maximum is Math.Max's, whose order does not matter.
        var max = Vector256.MaxNative(sums, Vector256.Shuffle(sums, Vector256.Create(1L, 0, 3, 2)));
        max = Vector256.MaxNative(max, Vector256.Shuffle(max, Vector256.Create(2L, 3, 0, 1)));
        max = Vector256.MaxNative(max, Vector256<double>.Zero);
        if (max.ToScalar() <= 0)
        {
            return false;
        }

        var q = Row(_statusQuo);
        var draft = Row(_draft);
        draft += Vector256.Create(_step) * (sums / max) * (q - draft);
        ref double row = ref MemoryMarshal.GetArrayDataReference(_draftRow);
        ref double stored = ref MemoryMarshal.GetArrayDataReference(_draft);
        draft.StoreUnsafe(ref row);
        for (int k = 0, d = _d; k < d; k++)
        {
            Unsafe.Add(ref stored, k) = Unsafe.Add(ref row, k);
        }

        _rows?.ComputeThresholds(q, draft);
        return true;
    }

    /// <summary>The first dimensions' values of <paramref name="values"/> in a register, 0 in the lanes past them (built from registers: a lane written into a vector in memory would stall its reload).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Vector256<double> Row(double[] values)
    {
        // Both arrays hold at least the dimensions: no bounds to check.
        ref double v = ref MemoryMarshal.GetArrayDataReference(values);
        return _d switch
        {
            1 => Vector256.Create(v, 0, 0, 0),
            2 => Vector256.Create(v, Unsafe.Add(ref v, 1), 0, 0),
            3 => Vector256.Create(v, Unsafe.Add(ref v, 1), Unsafe.Add(ref v, 2), 0),
            _ => Vector256.Create(v, Unsafe.Add(ref v, 1), Unsafe.Add(ref v, 2), Unsafe.Add(ref v, 3)),
        };
    }

    /// <summary>The saliences of the objectors set in <paramref name="mask"/> summed per dimension, objector by objector in State order from 0.</summary>
    private Vector256<double> SumObjectorSalience(ulong[] mask)
    {
        var sums = Vector256<double>.Zero;
        ref double row = ref MemoryMarshal.GetArrayDataReference(_salienceRows);
        if (mask.Length == 1)
        {
            // The first eight objectors without a branch: past the last one the index is 64, a row of zeros, and adding
            // +0 to sums that are never −0 leaves them as they are; the loop's exit would be mispredicted most votes.
            ulong bits = mask[0];
            for (int j = 0; j < BranchFreeObjectors; j++)
            {
                sums += Vector256.LoadUnsafe(ref row, (nuint)(BitOperations.TrailingZeroCount(bits) * Vector256<double>.Count));
                bits &= bits - 1;
            }

            for (; bits != 0; bits &= bits - 1)
            {
                sums += Vector256.LoadUnsafe(ref row, (nuint)(BitOperations.TrailingZeroCount(bits) * Vector256<double>.Count));
            }

            return sums;
        }

        for (int w = 0; w < mask.Length; w++)
        {
            for (ulong bits = mask[w]; bits != 0; bits &= bits - 1)
            {
                int i = (w << 6) + BitOperations.TrailingZeroCount(bits);
                sums += Vector256.LoadUnsafe(ref row, (nuint)(i * Vector256<double>.Count));
            }
        }

        return sums;
    }
}
