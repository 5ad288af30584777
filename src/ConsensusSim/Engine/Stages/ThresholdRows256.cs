using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using ConsensusSim.Model;

namespace ConsensusSim.Engine.Stages;

/// <summary>
/// <see cref="ThresholdRows"/> for processors with AVX2 but not AVX-512, where a compromising Chair revises from the
/// vote's mask (<see cref="MaskRevision"/>): each row of equal States — the same ideal point and saliences, hostage-taking,
/// blocking cost and noise, all fixed for the run — has its gain and thresholds computed once, four rows to a vector, by
/// the operations <see cref="RevisedThresholds"/> applies to a State (so the same bits), into a table of sixteen floats
/// held in two vectors; each vector of eight States takes its own from the table by two permutes and a blend. The table's
/// last lane computes −∞, the value of every lane past the States. The statement thresholds wait until a vote needs them.
/// </summary>
internal sealed class ThresholdRows256
{
    private const int Width = RowTable.Width;
    private const int Lanes = 4;
    private const int StatesPerStore = 8;

    private readonly int _d;
    private readonly int _padded;
    private readonly bool _linear;
    private readonly bool _allNoisy;
    private readonly double[] _x;
    private readonly double[] _s;
    private readonly double[] _statusQuoDistance;
    private readonly double[] _hostage;
    private readonly double[] _cost;
    private readonly double[] _inverseNoise;
    private readonly double[] _deterrence;
    private readonly int[] _rowOf;
    private readonly float[] _objectBelow;
    private readonly float[] _statementBelow;
    private Margins _pending;
    private bool _statementsPending;

    private ThresholdRows256(KernelPlan plan, TrialWorkspace workspace, RowTable rows)
    {
        var c = plan.Scenario;
        (_, _d, _padded, _) = workspace.Shape;
        _linear = c.Loss == LossFunction.Linear;

        // Dimension-major, sixteen rows per dimension; a row no State takes has salience 0 and adds 0.
        _x = new double[_d * Width];
        _s = new double[_d * Width];
        _statusQuoDistance = new double[_d * Width];
        for (int r = 0; r < rows.Representative.Length; r++)
        {
            int i = rows.Representative[r];
            for (int k = 0; k < _d; k++)
            {
                _x[(k * Width) + r] = workspace.Ideal[(i * _d) + k];
                _s[(k * Width) + r] = c.Salience[(i * _d) + k];
            }
        }

        _hostage = rows.Hostage;
        _cost = rows.Cost;
        _inverseNoise = rows.InverseNoise;
        _rowOf = rows.RowOf;
        _deterrence = rows.Deterrence;
        _allNoisy = rows.AllNoisy;
        _objectBelow = workspace.ObjectBelow;
        _statementBelow = workspace.StatementBelow;
    }

    /// <summary>
    /// The rows of a run that revises from the mask on a processor with AVX2 but not AVX-512, or null: where
    /// <see cref="ProfileRevision"/> or no one-pass revision applies, where the start is not restored before each trial
    /// (hostage-taking, costs or noise may change), with ideal points drawn per trial, more than four dimensions or more
    /// than <see cref="RowTable.MaxRows"/> rows, or when a test switch turns profiles or rows off. Build it after the
    /// thresholds of the start are prepared (it reads them).
    /// </summary>
    public static ThresholdRows256? For(KernelPlan plan, TrialWorkspace workspace)
    {
        var c = plan.Scenario;
        var switches = plan.Switches;
        // A start restored before each trial implies the stance model and nothing drawn per trial, ideal points included.
        if (Avx512F.IsSupported || !Avx2.IsSupported || !switches.FuseRevision || !switches.ShareProfileGains || !switches.ShareThresholdRows
            || !plan.RestoreEachTrial || c.DimensionCount > Lanes || workspace.Shape.Padded % StatesPerStore != 0)
        {
            return null;
        }

        // A row's gain depends on its ideal point and saliences too.
        int d = c.DimensionCount;
        var rows = RowTable.For(plan, workspace, i => string.Join(',', workspace.Ideal.AsSpan(i * d, d).ToArray().Concat(c.Salience.AsSpan(i * d, d).ToArray()).Select(BitConverter.DoubleToInt64Bits)));
        return rows is null ? null : new ThresholdRows256(plan, workspace, rows);
    }

    /// <summary>
    /// Keeps each row's distance from the status quo <paramref name="q"/> (one dimension per lane) on every dimension, for
    /// the revisions of a trial, whose status quo does not move: <see cref="ComputeObjections"/> then computes only the draft's.
    /// </summary>
    public void HoldStatusQuo(Vector256<double> q)
    {
        if (_linear)
        {
            HoldStatusQuo<LinearLoss>(q);
        }
        else
        {
            HoldStatusQuo<QuadraticLoss>(q);
        }
    }

    /// <summary>
    /// Every State's objection thresholds in every venue from <paramref name="draft"/> (one dimension per lane) over the
    /// status quo last held, the statement thresholds left to <see cref="CompleteStatements"/>: a vote that is blocked
    /// and followed by another reads only its objectors, and most revisions are followed by such a vote.
    /// </summary>
    public void ComputeObjections(Vector256<double> draft)
    {
        _pending = _linear ? RowMargins<LinearLoss>(draft) : RowMargins<QuadraticLoss>(draft);
        _statementsPending = true;
        if (_allNoisy)
        {
            Objections<NoisyRows>(_pending);
        }
        else
        {
            Objections<AnyNoiseRows>(_pending);
        }
    }

    /// <summary>Writes the statement thresholds that <see cref="ComputeObjections"/> left, if it left any; false if none was left.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)] // once a trial at most: out of the loop that calls it
    public bool CompleteStatements()
    {
        if (!_statementsPending)
        {
            return false;
        }

        _statementsPending = false;
        if (_allNoisy)
        {
            Spread(Table<NoisyRows>(_pending, default), _statementBelow, 0);
        }
        else
        {
            Spread(Table<AnyNoiseRows>(_pending, default), _statementBelow, 0);
        }

        return true;
    }

    /// <summary>Drops the statement thresholds left to write, because the trial's start was put back.</summary>
    public void ForgetStatements() => _statementsPending = false;

    private void HoldStatusQuo<TLoss>(Vector256<double> q)
        where TLoss : struct, IVectorLoss
    {
        ref double x = ref MemoryMarshal.GetArrayDataReference(_x);
        ref double held = ref MemoryMarshal.GetArrayDataReference(_statusQuoDistance);
        for (int k = 0; k < _d; k++)
        {
            var qk = Lane(q, k);
            for (nuint at = (nuint)(k * Width), end = at + Width; at < end; at += Lanes)
            {
                TLoss.Distance(qk - Vector256.LoadUnsafe(ref x, at)).StoreUnsafe(ref held, at);
            }
        }
    }

    /// <summary>
    /// Each row's hostage-taking less its gain: the gain Σ over dimensions of s·(d(q, x) − d(p, x)), from 0, in dimension
    /// order, the status quo's distances taken as held, as <see cref="RevisedThresholds"/> adds a State's.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Margins RowMargins<TLoss>(Vector256<double> draft)
        where TLoss : struct, IVectorLoss
    {
        ref double x = ref MemoryMarshal.GetArrayDataReference(_x);
        ref double s = ref MemoryMarshal.GetArrayDataReference(_s);
        ref double held = ref MemoryMarshal.GetArrayDataReference(_statusQuoDistance);
        ref double hostage = ref MemoryMarshal.GetArrayDataReference(_hostage);
        Vector256<double> g0 = default, g1 = default, g2 = default, g3 = default;
        for (int k = 0; k < _d; k++)
        {
            nuint at = (nuint)(k * Width);
            var pk = Lane(draft, k);
            g0 += Term<TLoss>(ref x, ref s, ref held, pk, at);
            g1 += Term<TLoss>(ref x, ref s, ref held, pk, at + Lanes);
            g2 += Term<TLoss>(ref x, ref s, ref held, pk, at + (2 * Lanes));
            g3 += Term<TLoss>(ref x, ref s, ref held, pk, at + (3 * Lanes));
        }

        return new Margins(
            Vector256.LoadUnsafe(ref hostage) - g0,
            Vector256.LoadUnsafe(ref hostage, Lanes) - g1,
            Vector256.LoadUnsafe(ref hostage, 2 * Lanes) - g2,
            Vector256.LoadUnsafe(ref hostage, 3 * Lanes) - g3);
    }

    /// <summary>Four rows' term of one dimension: s·(d(q, x) − d(p, x)).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Term<TLoss>(ref double x, ref double s, ref double held, Vector256<double> pk, nuint at)
        where TLoss : struct, IVectorLoss =>
        Vector256.LoadUnsafe(ref s, at) * (Vector256.LoadUnsafe(ref held, at) - TLoss.Distance(pk - Vector256.LoadUnsafe(ref x, at)));

    /// <summary>The objection thresholds of every venue from the rows' margins, spread to the States.</summary>
    private void Objections<TThreshold>(in Margins margins)
        where TThreshold : struct, IRowThreshold
    {
        ref double cost = ref MemoryMarshal.GetArrayDataReference(_cost);
        var c0 = Vector256.LoadUnsafe(ref cost);
        var c1 = Vector256.LoadUnsafe(ref cost, Lanes);
        var c2 = Vector256.LoadUnsafe(ref cost, 2 * Lanes);
        var c3 = Vector256.LoadUnsafe(ref cost, 3 * Lanes);
        Spread(Table<TThreshold>(margins, new Margins(c0, c1, c2, c3)), _objectBelow, 0);
        for (int venue = 1; venue < _deterrence.Length; venue++)
        {
            var deterrence = Vector256.Create(_deterrence[venue]);
            Spread(Table<TThreshold>(margins, new Margins(c0 * deterrence, c1 * deterrence, c2 * deterrence, c3 * deterrence)), _objectBelow, venue * _padded);
        }
    }

    /// <summary>The sixteen rows' thresholds of the margins less <paramref name="less"/>, narrowed to floats: rows 0–7, then 8–15.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private (Vector256<float> Low, Vector256<float> High) Table<TThreshold>(in Margins margins, in Margins less)
        where TThreshold : struct, IRowThreshold
    {
        ref double inverseNoise = ref MemoryMarshal.GetArrayDataReference(_inverseNoise);
        var low = Vector256.Narrow(
            TThreshold.Of(margins.Rows0To3 - less.Rows0To3, Vector256.LoadUnsafe(ref inverseNoise)),
            TThreshold.Of(margins.Rows4To7 - less.Rows4To7, Vector256.LoadUnsafe(ref inverseNoise, Lanes)));
        var high = Vector256.Narrow(
            TThreshold.Of(margins.Rows8To11 - less.Rows8To11, Vector256.LoadUnsafe(ref inverseNoise, 2 * Lanes)),
            TThreshold.Of(margins.Rows12To15 - less.Rows12To15, Vector256.LoadUnsafe(ref inverseNoise, 3 * Lanes)));
        return (low, high);
    }

    /// <summary>Writes each padded State's value from the table (its row's lane; −∞ past the States) to its place in one venue's row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Spread((Vector256<float> Low, Vector256<float> High) table, float[] target, int offset)
    {
        ref int rowOf = ref MemoryMarshal.GetArrayDataReference(_rowOf);
        ref float destination = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(target), offset);
        for (nuint i = 0, padded = (nuint)_padded; i < padded; i += StatesPerStore)
        {
            // The permutes read the row's low three bits; its fourth, shifted to the sign bit, picks the high table.
            var row = Vector256.LoadUnsafe(ref rowOf, i);
            var fromLow = Avx2.PermuteVar8x32(table.Low, row);
            var fromHigh = Avx2.PermuteVar8x32(table.High, row);
            Avx.BlendVariable(fromLow, fromHigh, Avx2.ShiftLeftLogical(row, 28).AsSingle()).StoreUnsafe(ref destination, i);
        }
    }

    /// <summary>Lane <paramref name="k"/> of <paramref name="v"/> in every lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Lane(Vector256<double> v, int k) => k switch
    {
        0 => Avx2.Permute4x64(v, 0b00_00_00_00),
        1 => Avx2.Permute4x64(v, 0b01_01_01_01),
        2 => Avx2.Permute4x64(v, 0b10_10_10_10),
        _ => Avx2.Permute4x64(v, 0b11_11_11_11),
    };

    /// <summary>Sixteen rows' values, four per vector.</summary>
    private readonly record struct Margins(Vector256<double> Rows0To3, Vector256<double> Rows4To7, Vector256<double> Rows8To11, Vector256<double> Rows12To15);
}
