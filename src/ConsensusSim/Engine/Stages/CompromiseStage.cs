using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using ConsensusSim.Numerics;

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
    private readonly MaskRevision? _fromMask;
    private readonly ThresholdRows256? _rowsOfEight;
    private Revision _revised;

    /// <param name="plan">The run's plan.</param>
    /// <param name="workspace">The shared arrays.</param>
    /// <param name="thresholds">Recomputes the thresholds after a revision.</param>
    /// <param name="start">The trial's start, restored before the next trial after a revision; null when each trial recomputes it.</param>
    /// <param name="revisedThresholds">Computes the revised gains and thresholds in one pass; null for the general passes.</param>
    /// <param name="profileRevision">Computes them in one pass, one gain per distinct profile, taken before <paramref name="revisedThresholds"/>; null if it may not.</param>
    /// <param name="rowsOfEight">Computes the thresholds of a revision from the mask per row of equal States without AVX-512; null if it may not.</param>
    public CompromiseStage(KernelPlan plan, TrialWorkspace workspace, ThresholdStage thresholds, TrialStart? start, RevisedThresholds? revisedThresholds, ProfileRevision? profileRevision = null, ThresholdRows256? rowsOfEight = null)
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
            // Each State's saliences in a row of four, zeros after the last dimension: one load per objector; at least 65
            // rows, so that row 64, where a one-word mask's bits run out, holds zeros.
            _salienceRows = new double[Math.Max(_n, 65) * Vector256<double>.Count];
            // A salience of −0 is kept as +0: the sums from +0 are the same (+0 + −0 = +0), and with no −0 in the rows they may
            // start from the first objector's row (MaskRevision).
            for (int i = 0; i < _n; i++)
            {
                for (int k = 0; k < _d; k++)
                {
                    double s = _c.Salience[(i * _d) + k];
                    _salienceRows[(i * Vector256<double>.Count) + k] = s == 0 ? 0 : s;
                }
            }
        }

        _rowsOfEight = rowsOfEight;
        _fromMask = _salienceRows is not null ? new MaskRevision(plan, workspace, _salienceRows, start is not null ? profileRevision : null, _rowsOfEight) : null;
    }

    /// <summary>What a trial's revisions have written, and so what its start must restore.</summary>
    private enum Revision
    {
        None,
        DraftAndThresholds,
        All,
    }

    /// <summary>Whether <see cref="ReviseFromMask"/> may be called: up to four dimensions, whose saliences lie in rows of four.</summary>
    public bool RevisesFromMask => _fromMask is not null;

    /// <summary>Whether revisions take the one-pass vector stage (tests check the path they mean is taken).</summary>
    public bool OnePass => _revisedThresholds is not null || _profileRevision is not null;

    /// <summary>Whether the one pass computes one gain per distinct profile (tests check the path they mean is taken).</summary>
    public bool SharesProfileGains => _profileRevision is not null;

    /// <summary>Whether it also computes one set of thresholds per row of equal States (tests check the path they mean is taken).</summary>
    public bool SharesThresholdRows => _profileRevision?.SharesRows ?? (_rowsOfEight is not null);

    /// <summary>Moves the draft toward the status quo after a vote with <paramref name="objectors"/> objectors, and recomputes the gains and thresholds.</summary>
    public void Revise(int objectors)
    {
        if (objectors == 0 || !MoveDraft(objectors))
        {
            return;
        }

        _fromMask?.Forget();
        Recompute();
    }

    /// <summary>
    /// Revises, as <see cref="Revise"/> does, after a vote whose objectors are the bits set in <paramref name="mask"/> (its
    /// first word also in <paramref name="firstWord"/>), for a loop that reads only the thresholds and the draft
    /// (<see cref="MaskRevision"/>). Where the rows compute the thresholds, the statement thresholds are left until
    /// <see cref="CompleteStatements"/>.
    /// </summary>
    public void ReviseFromMask(ulong[] mask, ulong firstWord)
    {
        var fromMask = _fromMask!;
        if (!fromMask.Move(mask, firstWord))
        {
            return;
        }

        if (!fromMask.ComputesThresholds)
        {
            Recompute();
        }
        else if (_start is not null && _revised == Revision.None)
        {
            _revised = Revision.DraftAndThresholds;
        }
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
            VectorCopy.Copy(_itemGain.AsSpan(0, _n), _gain.AsSpan(0, _n));
            _thresholds.PrepareAll();
        }

        _revised = _start is not null ? Revision.All : Revision.None;
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

    /// <summary>
    /// Writes the statement thresholds a revision from the mask left, before a vote whose statements are counted; false
    /// if none was left (the vote's statements may then be taken as they are).
    /// </summary>
    public bool CompleteStatements() => _profileRevision is not null ? _profileRevision.CompleteStatements() : _rowsOfEight is not null && _rowsOfEight.CompleteStatements();

    /// <summary>Puts back the trial's start if the last trial revised it (its gains only if they were written); called before every trial.</summary>
    public void RestoreIfRevised()
    {
        _fromMask?.Forget();
        if (_revised != Revision.None)
        {
            _start!.Restore(gains: _revised == Revision.All);
            _profileRevision?.ForgetStatements();
            _rowsOfEight?.ForgetStatements();
            _revised = Revision.None;
        }
    }
}
