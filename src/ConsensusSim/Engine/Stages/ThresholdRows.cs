using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ConsensusSim.Engine.Stages;

/// <summary>
/// The thresholds of a revision for a body whose States fall into a few rows — the same profile (so the same gain), the
/// same hostage-taking, blocking cost and noise, all fixed for the run: each row's thresholds are computed once, as
/// <see cref="RevisedThresholds"/> computes a State's (the same operations on the same operands, so the same bits), into
/// a table of sixteen floats, and each vector of sixteen States takes its own from the table by one permute. The
/// reference scenario's 57 States have ten rows. The table's last lane computes −∞, the value of every lane past the States.
/// </summary>
internal sealed class ThresholdRows
{
    /// <summary>The most rows: the table's sixteen lanes, less the padding lane.</summary>
    public const int MaxRows = RowTable.MaxRows;

    private const int Width = RowTable.Width;
    private const int Lanes = 8;

    private readonly int _padded;
    private readonly long[] _profileOf;
    private readonly double[] _hostage;
    private readonly double[] _cost;
    private readonly double[] _inverseNoise;
    private readonly int[] _rowOf;
    private readonly double[] _deterrence;
    private readonly float[] _objectBelow;
    private readonly float[] _statementBelow;
    private readonly bool _allNoisy;
    private Vector512<double> _pendingFirst;
    private Vector512<double> _pendingSecond;
    private bool _statementsPending;

    private ThresholdRows(TrialWorkspace workspace, int[] profileOf, RowTable rows)
    {
        _padded = workspace.Shape.Padded;

        // Row r is State Representative[r]'s; the lanes after the last row compute harmless values that no State takes.
        _profileOf = new long[Width];
        for (int r = 0; r < rows.Representative.Length; r++)
        {
            _profileOf[r] = profileOf[rows.Representative[r]];
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
    /// The rows of a run whose hostage-taking, blocking costs and noise are fixed (its start is restored before each
    /// trial), or null: when they may change, with more than <see cref="MaxRows"/> rows, or when the padding lanes are not
    /// whole vectors of sixteen. Build it after the thresholds of the start are prepared (it reads them).
    /// </summary>
    /// <param name="plan">The run's plan.</param>
    /// <param name="workspace">The shared arrays, holding the run's hostage-taking, costs and noise.</param>
    /// <param name="profileOf">Each State's profile (<see cref="ProfileRevision"/>).</param>
    public static ThresholdRows? For(KernelPlan plan, TrialWorkspace workspace, int[] profileOf)
    {
        if (!plan.RestoreEachTrial || workspace.Shape.Padded % Width != 0)
        {
            return null;
        }

        var rows = RowTable.For(plan, workspace, i => profileOf[i].ToString(System.Globalization.CultureInfo.InvariantCulture));
        return rows is null ? null : new ThresholdRows(workspace, profileOf, rows);
    }

    /// <summary>Whether the statement thresholds of the last revision are still to be written (<see cref="ComputeObjections"/>).</summary>
    public bool StatementsPending => _statementsPending;

    /// <summary>Every State's thresholds in every venue, from the profiles' gains (<paramref name="first"/> eight, then <paramref name="second"/>).</summary>
    public void Compute(Vector512<double> first, Vector512<double> second)
    {
        if (_allNoisy)
        {
            Compute<NoisyRows>(first, second, statements: true);
        }
        else
        {
            Compute<AnyNoiseRows>(first, second, statements: true);
        }
    }

    /// <summary>
    /// Every State's objection thresholds in every venue, as <see cref="Compute"/> writes them, the statement thresholds
    /// left to <see cref="CompleteStatements"/>: a vote that is blocked and followed by another reads only its objectors,
    /// and most revisions are followed by such a vote. Until then the statement thresholds are the previous draft's.
    /// </summary>
    public void ComputeObjections(Vector512<double> first, Vector512<double> second)
    {
        _pendingFirst = first;
        _pendingSecond = second;
        _statementsPending = true;
        if (_allNoisy)
        {
            Compute<NoisyRows>(first, second, statements: false);
        }
        else
        {
            Compute<AnyNoiseRows>(first, second, statements: false);
        }
    }

    /// <summary>Writes the statement thresholds that <see cref="ComputeObjections"/> left, if it left any (the same bits as <see cref="Compute"/>); false if none was left.</summary>
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
            Statements<NoisyRows>(_pendingFirst, _pendingSecond);
        }
        else
        {
            Statements<AnyNoiseRows>(_pendingFirst, _pendingSecond);
        }

        return true;
    }

    /// <summary>Drops the statement thresholds left to write, because the trial's start was put back.</summary>
    public void ForgetStatements() => _statementsPending = false;

    private void Compute<TThreshold>(Vector512<double> first, Vector512<double> second, bool statements)
        where TThreshold : struct, IRowThreshold
    {
        ref double cost = ref MemoryMarshal.GetArrayDataReference(_cost);
        ref double inverseNoise = ref MemoryMarshal.GetArrayDataReference(_inverseNoise);
        var (lowMargin, highMargin) = Margins(first, second);
        var lowInverse = Vector512.LoadUnsafe(ref inverseNoise);
        var highInverse = Vector512.LoadUnsafe(ref inverseNoise, Lanes);
        var lowCost = Vector512.LoadUnsafe(ref cost);
        var highCost = Vector512.LoadUnsafe(ref cost, Lanes);
        if (statements)
        {
            _statementsPending = false;
            Spread(Vector512.Narrow(TThreshold.Of(lowMargin, lowInverse), TThreshold.Of(highMargin, highInverse)), _statementBelow, 0);
        }

        Spread(Vector512.Narrow(TThreshold.Of(lowMargin - lowCost, lowInverse), TThreshold.Of(highMargin - highCost, highInverse)), _objectBelow, 0);
        for (int venue = 1; venue < _deterrence.Length; venue++)
        {
            var deterrence = Vector512.Create(_deterrence[venue]);
            var table = Vector512.Narrow(TThreshold.Of(lowMargin - (lowCost * deterrence), lowInverse), TThreshold.Of(highMargin - (highCost * deterrence), highInverse));
            Spread(table, _objectBelow, venue * _padded);
        }
    }

    private void Statements<TThreshold>(Vector512<double> first, Vector512<double> second)
        where TThreshold : struct, IRowThreshold
    {
        ref double inverseNoise = ref MemoryMarshal.GetArrayDataReference(_inverseNoise);
        var (lowMargin, highMargin) = Margins(first, second);
        var table = Vector512.Narrow(TThreshold.Of(lowMargin, Vector512.LoadUnsafe(ref inverseNoise)), TThreshold.Of(highMargin, Vector512.LoadUnsafe(ref inverseNoise, Lanes)));
        Spread(table, _statementBelow, 0);
    }

    /// <summary>Each row's hostage-taking less its gain, eight rows per vector.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private (Vector512<double> Low, Vector512<double> High) Margins(Vector512<double> first, Vector512<double> second)
    {
        ref long profileOf = ref MemoryMarshal.GetArrayDataReference(_profileOf);
        ref double hostage = ref MemoryMarshal.GetArrayDataReference(_hostage);
        var lowGain = Avx512F.PermuteVar8x64x2(first, Vector512.LoadUnsafe(ref profileOf), second);
        var highGain = Avx512F.PermuteVar8x64x2(first, Vector512.LoadUnsafe(ref profileOf, Lanes), second);
        return (Vector512.LoadUnsafe(ref hostage) - lowGain, Vector512.LoadUnsafe(ref hostage, Lanes) - highGain);
    }

    /// <summary>Writes each padded State's value from <paramref name="table"/> (its row's lane; −∞ past the States) to its place in one venue's row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Spread(Vector512<float> table, float[] target, int offset)
    {
        ref int rowOf = ref MemoryMarshal.GetArrayDataReference(_rowOf);
        ref float destination = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(target), offset);
        nuint padded = (nuint)_padded, i = 0;

        // A word of States (64) per step where the body fills whole words: the loop's count would cost as much as the
        // permutes and stores it counts.
        for (; i + (4 * Width) <= padded; i += 4 * Width)
        {
            Avx512F.PermuteVar16x32(table, Vector512.LoadUnsafe(ref rowOf, i)).StoreUnsafe(ref destination, i);
            Avx512F.PermuteVar16x32(table, Vector512.LoadUnsafe(ref rowOf, i + Width)).StoreUnsafe(ref destination, i + Width);
            Avx512F.PermuteVar16x32(table, Vector512.LoadUnsafe(ref rowOf, i + (2 * Width))).StoreUnsafe(ref destination, i + (2 * Width));
            Avx512F.PermuteVar16x32(table, Vector512.LoadUnsafe(ref rowOf, i + (3 * Width))).StoreUnsafe(ref destination, i + (3 * Width));
        }

        for (; i < padded; i += Width)
        {
            Avx512F.PermuteVar16x32(table, Vector512.LoadUnsafe(ref rowOf, i)).StoreUnsafe(ref destination, i);
        }
    }
}
