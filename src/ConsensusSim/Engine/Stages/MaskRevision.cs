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
/// where one set of thresholds per row of equal States is computed, the objection thresholds from that register, no
/// State's gain being written (the trial's start, restored before the next trial, holds them), the statement thresholds
/// only when a vote's statements are counted (<see cref="CompromiseStage.CompleteStatements"/>). Up to four dimensions.
/// </summary>
internal sealed class MaskRevision
{
    private readonly int _d;
    private readonly double _step;
    private readonly double[] _salienceRows;
    private readonly double[] _draft;
    private readonly double[] _statusQuo;
    private readonly ProfileRevision? _rows;
    private readonly ThresholdRows256? _rowsOfEight;
    private Vector256<double> _heldQ;
    private Vector256<double> _heldDraft;
    private bool _holds;

    /// <param name="plan">The run's plan.</param>
    /// <param name="workspace">The shared arrays.</param>
    /// <param name="salienceRows">Each State's saliences in a row of four, at least 65 rows, those past the States zeros.</param>
    /// <param name="rows">The revision that computes thresholds per row of equal States from a draft in registers, or null.</param>
    /// <param name="rowsOfEight">The same for processors without AVX-512, taken where <paramref name="rows"/> is null; or null.</param>
    public MaskRevision(KernelPlan plan, TrialWorkspace workspace, double[] salienceRows, ProfileRevision? rows, ThresholdRows256? rowsOfEight)
    {
        _d = workspace.Shape.Dimensions;
        _step = plan.Scenario.CompromiseStep;
        _salienceRows = salienceRows;
        _draft = workspace.Draft;
        _statusQuo = workspace.StatusQuo;
        _rows = rows is { SharesRows: true } ? rows : null;
        _rowsOfEight = _rows is null ? rowsOfEight : null;
    }

    /// <summary>Whether <see cref="Move"/> also computes the thresholds (else the caller recomputes gains and thresholds).</summary>
    public bool ComputesThresholds => _rows is not null || _rowsOfEight is not null;

    /// <summary>
    /// Forgets the status quo and draft held as vectors since the last move, so that the next move reads them from the
    /// workspace: at the start of a trial, or after the draft was moved elsewhere.
    /// </summary>
    public void Forget() => _holds = false;

    /// <summary>
    /// Moves the draft after a vote whose objectors are set in <paramref name="mask"/>, whose first word the caller passes
    /// as <paramref name="firstWord"/> (from a register, not reloaded from the mask just stored), and computes the
    /// objection thresholds if it does; false if the draft does not move.
    /// </summary>
    public bool Move(ulong[] mask, ulong firstWord)
    {
        var sums = SumObjectorSalience(mask, firstWord);

        // The maximum over the dimensions and 0, in every lane: the sums are never below +0 (the saliences are at least 0,
        // and the rows hold no −0), so the lanes past the last dimension, and with four dimensions the largest sum, already
        // give at least 0. Where the processor's maximum is Math.Max's, whose order does not matter.
        var max = Vector256.MaxNative(sums, Vector256.Shuffle(sums, Vector256.Create(1L, 0, 3, 2)));
        max = Vector256.MaxNative(max, Vector256.Shuffle(max, Vector256.Create(2L, 3, 0, 1)));
        if (max.ToScalar() <= 0)
        {
            return false;
        }

        // The status quo and the moved draft are kept as vectors for the trial's next move (lanes past the last dimension
        // stay 0: 0 + step·(0/max)·(0 − 0)), one load each instead of a lane-by-lane build, and the draft is written
        // lane by lane for the workspace's readers, never read back from it.
        Vector256<double> q, draft;
        if (_holds)
        {
            q = _heldQ;
            draft = _heldDraft;
        }
        else
        {
            q = Row(_statusQuo);
            draft = Row(_draft);
            _heldQ = q;
            _holds = true;
            _rows?.HoldStatusQuo(q);
            _rowsOfEight?.HoldStatusQuo(q);
        }

        draft += Vector256.Create(_step) * (sums / max) * (q - draft);
        _heldDraft = draft;
        Store(draft, _draft);
        _rows?.ComputeObjections(draft);
        _rowsOfEight?.ComputeObjections(draft);
        return true;
    }

    /// <summary>Writes the first dimensions' lanes of <paramref name="row"/> to <paramref name="values"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Store(Vector256<double> row, double[] values)
    {
        // The array holds at least the dimensions: no bounds to check.
        ref double v = ref MemoryMarshal.GetArrayDataReference(values);
        switch (_d)
        {
            case 1:
                v = row.ToScalar();
                break;
            case 2:
                row.GetLower().StoreUnsafe(ref v);
                break;
            case 3:
                row.GetLower().StoreUnsafe(ref v);
                Unsafe.Add(ref v, 2) = row.GetUpper().ToScalar();
                break;
            default:
                row.StoreUnsafe(ref v);
                break;
        }
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
    private Vector256<double> SumObjectorSalience(ulong[] mask, ulong firstWord)
    {
        var sums = Vector256<double>.Zero;
        ref double row = ref MemoryMarshal.GetArrayDataReference(_salienceRows);
        if (mask.Length == 1)
        {
            // The first eight objectors without a branch: past the last one the index is 64, a row of zeros, and adding
            // +0 to sums that are never −0 leaves them as they are; the loop's exit would be mispredicted most votes (the
            // forced-rounds benchmark's blocked votes have 1 to 8 objectors, 4 the most often). The sums start from the
            // first row rather than from +0 + it, the same bits since the rows hold no −0, one addition fewer in the chain.
            ulong bits = firstWord;
            sums = FirstRow(ref row, ref bits);
            sums += FirstRow(ref row, ref bits);
            sums += FirstRow(ref row, ref bits);
            sums += FirstRow(ref row, ref bits);
            sums += FirstRow(ref row, ref bits);
            sums += FirstRow(ref row, ref bits);
            sums += FirstRow(ref row, ref bits);
            sums += FirstRow(ref row, ref bits);

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

    /// <summary>The salience row of the first State set in <paramref name="bits"/> (row 64, zeros, if none), which it then clears.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> FirstRow(ref double row, ref ulong bits)
    {
        var salience = Vector256.LoadUnsafe(ref row, (nuint)BitOperations.TrailingZeroCount(bits) * (nuint)Vector256<double>.Count);
        bits &= bits - 1;
        return salience;
    }
}
