using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ConsensusSim.Engine.Stages;

/// <summary>The compromising Chair's revision: after a blocked round it moves the draft toward the status quo, most on the dimensions the objectors weigh most.</summary>
internal sealed class CompromiseStage
{
    private readonly CompiledScenario _c;
    private readonly int _n;
    private readonly int _d;
    private readonly int[] _objectors;
    private readonly double[] _objectorSalience;
    private readonly GainColumns _columns;
    private readonly double[] _itemGain;
    private readonly double[] _gain;
    private readonly double[] _draft;
    private readonly double[] _statusQuo;
    private readonly ThresholdStage _thresholds;
    private readonly TrialStart? _start;
    private readonly RevisedThresholds? _revisedThresholds;
    private readonly ProfileRevision? _profileRevision;
    private readonly double[]? _salienceRows;
    private readonly bool _thresholdsOnly;
    private readonly double[] _draftRow = new double[Vector256<double>.Count];
    private bool _revised;
    private bool _gainsRevised;

    /// <param name="plan">The run's plan.</param>
    /// <param name="workspace">The shared arrays.</param>
    /// <param name="thresholds">Recomputes the thresholds after a revision.</param>
    /// <param name="start">The trial's start, restored before the next trial after a revision; null when each trial recomputes it.</param>
    /// <param name="revisedThresholds">Computes the revised gains and thresholds in one pass; null for the general passes.</param>
    /// <param name="profileRevision">Computes them in one pass, one gain per distinct profile, taken before <paramref name="revisedThresholds"/>; null if it may not.</param>
    public CompromiseStage(KernelPlan plan, TrialWorkspace workspace, ThresholdStage thresholds, TrialStart? start, RevisedThresholds? revisedThresholds, ProfileRevision? profileRevision = null)
    {
        _c = plan.Scenario;
        _n = workspace.Shape.States;
        _d = workspace.Shape.Dimensions;
        _objectors = workspace.Objectors;
        _objectorSalience = new double[Math.Max(_d, Vector256<double>.Count)]; // room for the four lanes of the sums' vector
        _columns = workspace.GainColumns;
        _itemGain = workspace.ItemGain;
        _gain = workspace.Gain;
        _draft = workspace.Draft;
        _statusQuo = workspace.StatusQuo;
        _thresholds = thresholds;
        _start = start;
        _revisedThresholds = revisedThresholds;
        _profileRevision = profileRevision;
        if (_d <= Vector256<double>.Count)
        {
            // Each State's saliences in a row of four, zeros after the last dimension: one load per objector.
            _salienceRows = new double[_n * Vector256<double>.Count];
            for (int i = 0; i < _n; i++)
            {
                _c.Salience.AsSpan(i * _d, _d).CopyTo(_salienceRows.AsSpan(i * Vector256<double>.Count));
            }
        }

        _thresholdsOnly = profileRevision is { SharesRows: true } && start is not null;
    }

    /// <summary>Whether <see cref="ReviseFromMask"/> may be called: up to four dimensions, whose saliences lie in rows of four.</summary>
    public bool RevisesFromMask => _salienceRows is not null;

    /// <summary>Whether revisions take the one-pass vector stage (tests check the path they mean is taken).</summary>
    public bool OnePass => _revisedThresholds is not null || _profileRevision is not null;

    /// <summary>Whether the one pass computes one gain per distinct profile (tests check the path they mean is taken).</summary>
    public bool SharesProfileGains => _profileRevision is not null;

    /// <summary>Whether it also computes one set of thresholds per row of equal States (tests check the path they mean is taken).</summary>
    public bool SharesThresholdRows => _profileRevision?.SharesRows ?? false;

    /// <summary>Moves the draft toward the status quo after a vote with <paramref name="objectors"/> objectors, and recomputes the gains and thresholds.</summary>
    public void Revise(int objectors)
    {
        if (objectors == 0 || !MoveDraft(objectors))
        {
            return;
        }

        Recompute();
    }

    /// <summary>
    /// Revises, as <see cref="Revise"/> does, after a vote whose objectors are the bits set in <paramref name="mask"/> (in
    /// State order, as a tally lists them), for a loop that reads only the thresholds and the draft: the objectors'
    /// saliences are summed from the mask, and their maximum and the moved draft computed in a register, one lane per
    /// dimension — the same operations on the same operands as <see cref="MoveDraft"/>, so the same bits, without
    /// waiting for stores. Where one set of thresholds per row of equal States is computed, it is computed from that
    /// register and the gains are not written (the trial's start, restored before the next trial, holds them).
    /// </summary>
    public void ReviseFromMask(ulong[] mask)
    {
        var sums = SumObjectorSalience(mask);

        // The maximum over the dimensions and 0 (the lanes past the last dimension hold 0), in every lane. The sums are
        // finite and never −0 (they start at +0), where the processor's maximum is Math.Max's, whose order does not matter.
        var max = Vector256.MaxNative(sums, Vector256.Shuffle(sums, Vector256.Create(1L, 0, 3, 2)));
        max = Vector256.MaxNative(max, Vector256.Shuffle(max, Vector256.Create(2L, 3, 0, 1)));
        max = Vector256.MaxNative(max, Vector256<double>.Zero);
        if (max.ToScalar() <= 0)
        {
            return;
        }

        var q = Row(_statusQuo);
        var draft = Row(_draft);
        draft += Vector256.Create(_c.CompromiseStep) * (sums / max) * (q - draft);
        ref double row = ref MemoryMarshal.GetArrayDataReference(_draftRow);
        ref double stored = ref MemoryMarshal.GetArrayDataReference(_draft);
        draft.StoreUnsafe(ref row);
        for (int k = 0, d = _d; k < d; k++)
        {
            Unsafe.Add(ref stored, k) = Unsafe.Add(ref row, k);
        }

        if (_thresholdsOnly)
        {
            _profileRevision!.ComputeThresholds(q, draft);
        }
        else
        {
            Recompute();
        }

        _revised = _start is not null;
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
        ref double row = ref MemoryMarshal.GetArrayDataReference(_salienceRows!);
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

    /// <summary>The gains and thresholds of the moved draft.</summary>
    private void Recompute()
    {
        if (_profileRevision is { } profiles)
        {
            profiles.Compute(_statusQuo.AsSpan(0, _d), _draft);
        }
        else if (_revisedThresholds is { } revised)
        {
            revised.Compute(_statusQuo.AsSpan(0, _d), _draft);
        }
        else
        {
            _columns.Compute(_statusQuo.AsSpan(0, _d), _draft, _itemGain.AsSpan(0, _n));
            _itemGain.AsSpan(0, _n).CopyTo(_gain);
            _thresholds.PrepareAll();
        }

        _revised = _gainsRevised = _start is not null;
    }

    /// <summary>Moves each dimension of the draft toward the status quo by the step times the objectors' salience there over their largest; false if it does not move.</summary>
    private bool MoveDraft(int objectors)
    {
        SumObjectorSalience(objectors);

        double max = 0;
        for (int k = 0; k < _d; k++)
        {
            max = Math.Max(max, _objectorSalience[k]);
        }

        if (max <= 0)
        {
            return false;
        }

        for (int k = 0; k < _d; k++)
        {
            double q = _statusQuo[k];
            _draft[k] += _c.CompromiseStep * (_objectorSalience[k] / max) * (q - _draft[k]);
        }

        return true;
    }

    /// <summary>
    /// The objectors' saliences summed per dimension, objector by objector from 0. Up to four dimensions the sums stay in
    /// a vector register, one lane per dimension, each objector's saliences one load from its row (the same additions in
    /// the same order, so the same bits): summed in the array, each addition waited for the last one's store.
    /// </summary>
    private void SumObjectorSalience(int objectors)
    {
        var salience = _c.Salience;
        int d = _d;
        if (_salienceRows is { } rows)
        {
            var sums = Vector256<double>.Zero;
            ref double row = ref MemoryMarshal.GetArrayDataReference(rows);
            ref int objector = ref MemoryMarshal.GetArrayDataReference(_objectors);
            for (int j = 0; j < objectors; j++)
            {
                sums += Vector256.LoadUnsafe(ref row, (nuint)(Unsafe.Add(ref objector, j) * Vector256<double>.Count));
            }

            sums.StoreUnsafe(ref MemoryMarshal.GetArrayDataReference(_objectorSalience));
            return;
        }

        Array.Clear(_objectorSalience);
        for (int j = 0; j < objectors; j++)
        {
            int i = _objectors[j];
            for (int k = 0; k < d; k++)
            {
                _objectorSalience[k] += salience[(i * d) + k];
            }
        }
    }

    /// <summary>Puts back the trial's start if the last trial revised it (its gains only if they were written).</summary>
    public void RestoreIfRevised()
    {
        if (_revised)
        {
            _start!.Restore(_gainsRevised);
            _revised = _gainsRevised = false;
        }
    }
}
