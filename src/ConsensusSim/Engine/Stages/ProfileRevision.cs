using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using ConsensusSim.Behaviour;
using ConsensusSim.Model;

namespace ConsensusSim.Engine.Stages;

/// <summary>
/// A revised draft's gains and thresholds, as <see cref="RevisedThresholds"/> computes them, for a body whose States
/// share a few positions. A State's gain depends only on its ideal point and saliences (the status quo and the draft are
/// everyone's), and States of a bloc are often given the same ones: the 57 States of the reference scenario have five.
/// So each distinct profile's gain is computed once — the same operations on the same operands as for any of its States,
/// so the same bits — and handed to its States eight at a time by one permute. Up to sixteen profiles, with AVX-512 and
/// ideal points fixed for the run; the thresholds stay per State.
/// </summary>
internal sealed class ProfileRevision
{
    /// <summary>The most profiles the permutes can pick from: two vectors.</summary>
    public const int MaxProfiles = 2 * Lanes;

    private const int Lanes = 8;

    private readonly int _n;
    private readonly int _d;
    private readonly int _padded;
    private readonly bool _linear;
    private readonly double[] _x;
    private readonly double[] _s;
    private readonly double[] _statusQuoDistance;
    private readonly long[] _profileOf;
    private readonly double[] _deterrence;
    private readonly TrialWorkspace _w;
    private readonly ThresholdRows? _rows;
    private readonly bool _secondVector;

    private ProfileRevision(KernelPlan plan, TrialWorkspace workspace, int[] profileOf, int[] representative)
    {
        var c = plan.Scenario;
        (_n, _d, _padded, _) = workspace.Shape;
        _linear = c.Loss == LossFunction.Linear;

        // Dimension-major, two vectors of profiles per dimension; a lane with no profile has salience 0 and adds 0.
        _x = new double[_d * MaxProfiles];
        _s = new double[_d * MaxProfiles];
        _statusQuoDistance = new double[_d * MaxProfiles];
        for (int j = 0; j < representative.Length; j++)
        {
            for (int k = 0; k < _d; k++)
            {
                _x[(k * MaxProfiles) + j] = workspace.Ideal[(representative[j] * _d) + k];
                _s[(k * MaxProfiles) + j] = c.Salience[(representative[j] * _d) + k];
            }
        }

        // Up to eight profiles no State picks from the second vector, whose gains are then left at 0.
        _secondVector = representative.Length > Lanes;
        _profileOf = new long[(_n + Lanes - 1) / Lanes * Lanes];
        for (int i = 0; i < _n; i++)
        {
            _profileOf[i] = profileOf[i];
        }

        _deterrence = [.. Enumerable.Range(0, plan.Venues).Select(v => ThresholdStage.Deterrence(c, (VoteVenue)v))];
        _w = workspace;
        _rows = plan.Switches.ShareThresholdRows ? ThresholdRows.For(plan, workspace, profileOf) : null;
    }

    /// <summary>Whether the thresholds are computed once per row of States (tests check the path they mean is taken).</summary>
    public bool SharesRows => _rows is not null;

    /// <summary>
    /// The stage for a compromising Chair's revisions, or null where another must do: where <see cref="RevisedThresholds"/>
    /// would be null, with more than <see cref="MaxProfiles"/> profiles, or when the test switch turns it off. Build it after the
    /// fixed parameters are set (it reads the ideal points).
    /// </summary>
    public static ProfileRevision? For(KernelPlan plan, TrialWorkspace workspace)
    {
        var c = plan.Scenario;
        bool idealsDrawn = ParameterSlot.OfStates(c).Any(slot => slot.Target == ParameterTarget.IdealPoint && !slot.Parameter.IsFixed);
        if (!Avx512F.IsSupported || !plan.Switches.FuseRevision || !plan.Switches.ShareProfileGains || idealsDrawn || c.Model != BehaviourModel.Stance)
        {
            return null;
        }

        // Profiles equal bit for bit, numbered in order of their first State.
        int n = c.StateCount, d = c.DimensionCount;
        var numbers = new Dictionary<string, int>();
        var profileOf = new int[n];
        var representative = new List<int>();
        for (int i = 0; i < n; i++)
        {
            var bits = workspace.Ideal.AsSpan(i * d, d).ToArray().Concat(c.Salience.AsSpan(i * d, d).ToArray()).Select(BitConverter.DoubleToInt64Bits);
            string key = string.Join(',', bits);
            if (!numbers.TryGetValue(key, out int number))
            {
                numbers[key] = number = representative.Count;
                representative.Add(i);
            }

            profileOf[i] = number;
        }

        return representative.Count <= MaxProfiles ? new ProfileRevision(plan, workspace, profileOf, [.. representative]) : null;
    }

    /// <summary>Every State's gain from <paramref name="draft"/> over <paramref name="q"/>, as the item's and the decision's, and its thresholds in every venue.</summary>
    public void Compute(ReadOnlySpan<double> q, ReadOnlySpan<double> draft)
    {
        var (first, second) = _linear ? ProfileGains<LinearLoss>(q, draft) : ProfileGains<QuadraticLoss>(q, draft);
        ref long profileOf = ref MemoryMarshal.GetArrayDataReference(_profileOf);
        ref double itemGain = ref MemoryMarshal.GetArrayDataReference(_w.ItemGain);
        ref double gain = ref MemoryMarshal.GetArrayDataReference(_w.Gain);
        int i = 0;

        // Sixteen States' thresholds in one store, as the vote loads them: a load that spans two narrower recent stores
        // waits for both to be written.
        for (; i + (2 * Lanes) <= _n; i += 2 * Lanes)
        {
            var low = Avx512F.PermuteVar8x64x2(first, Vector512.LoadUnsafe(ref profileOf, (nuint)i), second);
            var high = Avx512F.PermuteVar8x64x2(first, Vector512.LoadUnsafe(ref profileOf, (nuint)(i + Lanes)), second);
            low.StoreUnsafe(ref itemGain, (nuint)i);
            low.StoreUnsafe(ref gain, (nuint)i);
            high.StoreUnsafe(ref itemGain, (nuint)(i + Lanes));
            high.StoreUnsafe(ref gain, (nuint)(i + Lanes));
            if (_rows is null)
            {
                Thresholds(low, high, i);
            }
        }

        for (; i + Lanes <= _n; i += Lanes)
        {
            var g = Avx512F.PermuteVar8x64x2(first, Vector512.LoadUnsafe(ref profileOf, (nuint)i), second);
            g.StoreUnsafe(ref itemGain, (nuint)i);
            g.StoreUnsafe(ref gain, (nuint)i);
            if (_rows is null)
            {
                Thresholds(g, i);
            }
        }

        if (i < _n)
        {
            // The last, partial vector, State by State: each gain picked from the profiles' in registers (a lane read back
            // from a vector just stored waits for the store), the thresholds as ThresholdStage.Prepare computes them.
            for (int lane = 0; i + lane < _n; lane++)
            {
                var profile = Vector512.Create(Unsafe.Add(ref profileOf, i + lane));
                _w.ItemGain[i + lane] = _w.Gain[i + lane] = Avx512F.PermuteVar8x64x2(first, profile, second).ToScalar();
                if (_rows is null)
                {
                    Thresholds(i + lane);
                }
            }
        }

        _rows?.Compute(first, second);
    }

    /// <summary>
    /// Keeps each profile's distance from the status quo <paramref name="q"/> (up to four dimensions, one per lane) on
    /// every dimension, for the revisions of a trial, whose status quo does not move: <see cref="ComputeObjections"/>
    /// then computes only the draft's.
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

    private void HoldStatusQuo<TLoss>(Vector256<double> q)
        where TLoss : struct, IVectorLoss
    {
        ref double x = ref MemoryMarshal.GetArrayDataReference(_x);
        ref double held = ref MemoryMarshal.GetArrayDataReference(_statusQuoDistance);
        var qs = q.ToVector512Unsafe();
        for (int k = 0; k < _d; k++)
        {
            nuint at = (nuint)(k * MaxProfiles);
            var qk = Avx512F.PermuteVar8x64(qs, Vector512.Create((long)k));
            TLoss.Distance(qk - Vector512.LoadUnsafe(ref x, at)).StoreUnsafe(ref held, at);
            TLoss.Distance(qk - Vector512.LoadUnsafe(ref x, at + Lanes)).StoreUnsafe(ref held, at + Lanes);
        }
    }

    /// <summary>
    /// Every State's objection thresholds in every venue from <paramref name="draft"/> (up to four dimensions, one per
    /// lane) over the status quo last held (<see cref="HoldStatusQuo"/>), the same bits as <see cref="Compute"/>, for a
    /// loop that reads no gains: where the rows share thresholds, the profiles' gains go from registers into the rows'
    /// without being written per State. The statement thresholds are left to <see cref="CompleteStatements"/>.
    /// </summary>
    public void ComputeObjections(Vector256<double> draft)
    {
        var (first, second) = _linear ? HeldProfileGains<LinearLoss>(draft) : HeldProfileGains<QuadraticLoss>(draft);
        _rows!.ComputeObjections(first, second);
    }

    /// <summary>Writes the statement thresholds <see cref="ComputeObjections"/> left, if any; false if none was left.</summary>
    public bool CompleteStatements() => _rows is { StatementsPending: true } rows && rows.CompleteStatements();

    /// <summary>Drops the statement thresholds left to write, because the trial's start was put back.</summary>
    public void ForgetStatements() => _rows?.ForgetStatements();

    /// <summary>
    /// The profiles' gains as <see cref="ProfileGains{TLoss}(ReadOnlySpan{double}, ReadOnlySpan{double})"/> adds them,
    /// the status quo's distances taken as held: each dimension of the draft handed to every lane by a permute (no store
    /// and reload of the draft on the way from the vote's mask), then a subtraction, a distance, a subtraction, a product
    /// and a sum.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private (Vector512<double> First, Vector512<double> Second) HeldProfileGains<TLoss>(Vector256<double> draft)
        where TLoss : struct, IVectorLoss
    {
        ref double x = ref MemoryMarshal.GetArrayDataReference(_x);
        ref double s = ref MemoryMarshal.GetArrayDataReference(_s);
        ref double held = ref MemoryMarshal.GetArrayDataReference(_statusQuoDistance);
        var ps = draft.ToVector512Unsafe();
        var first = Vector512<double>.Zero;
        var second = Vector512<double>.Zero;
        int d = _d;
        if (!_secondVector)
        {
            for (int k = 0; k < d; k++)
            {
                nuint at = (nuint)(k * MaxProfiles);
                var pk = Avx512F.PermuteVar8x64(ps, Vector512.Create((long)k));
                first += Vector512.LoadUnsafe(ref s, at) * (Vector512.LoadUnsafe(ref held, at) - TLoss.Distance(pk - Vector512.LoadUnsafe(ref x, at)));
            }

            return (first, second);
        }

        for (int k = 0; k < d; k++)
        {
            nuint at = (nuint)(k * MaxProfiles);
            var pk = Avx512F.PermuteVar8x64(ps, Vector512.Create((long)k));
            first += Vector512.LoadUnsafe(ref s, at) * (Vector512.LoadUnsafe(ref held, at) - TLoss.Distance(pk - Vector512.LoadUnsafe(ref x, at)));
            second += Vector512.LoadUnsafe(ref s, at + Lanes) * (Vector512.LoadUnsafe(ref held, at + Lanes) - TLoss.Distance(pk - Vector512.LoadUnsafe(ref x, at + Lanes)));
        }

        return (first, second);
    }

    /// <summary>
    /// The gains of the profiles, eight per vector: Σ over dimensions of s·(d(q, x) − d(p, x)), from 0, in dimension
    /// order, as <see cref="RevisedThresholds"/> adds them for each State.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private (Vector512<double> First, Vector512<double> Second) ProfileGains<TLoss>(ReadOnlySpan<double> q, ReadOnlySpan<double> draft)
        where TLoss : struct, IVectorLoss
    {
        ref double x = ref MemoryMarshal.GetArrayDataReference(_x);
        ref double s = ref MemoryMarshal.GetArrayDataReference(_s);
        var first = Vector512<double>.Zero;
        var second = Vector512<double>.Zero;
        for (int k = 0; k < _d; k++)
        {
            nuint at = (nuint)(k * MaxProfiles);
            var qk = Vector512.Create(q[k]);
            var pk = Vector512.Create(draft[k]);
            var x1 = Vector512.LoadUnsafe(ref x, at);
            var x2 = Vector512.LoadUnsafe(ref x, at + Lanes);
            first += Vector512.LoadUnsafe(ref s, at) * (TLoss.Distance(qk - x1) - TLoss.Distance(pk - x1));
            second += Vector512.LoadUnsafe(ref s, at + Lanes) * (TLoss.Distance(qk - x2) - TLoss.Distance(pk - x2));
        }

        return (first, second);
    }

    /// <summary>States i … i + 7's thresholds from their gains <paramref name="g"/>, as <see cref="ThresholdStage.PrepareAll"/> computes them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Thresholds(Vector512<double> g, int i)
    {
        ref double hostage = ref MemoryMarshal.GetArrayDataReference(_w.Hostage);
        ref double cost = ref MemoryMarshal.GetArrayDataReference(_w.BlockingCost);
        ref double inverseNoise = ref MemoryMarshal.GetArrayDataReference(_w.InverseNoise);
        ref float objectBelow = ref MemoryMarshal.GetArrayDataReference(_w.ObjectBelow);
        ref float statementBelow = ref MemoryMarshal.GetArrayDataReference(_w.StatementBelow);
        var inverse = Vector512.LoadUnsafe(ref inverseNoise, (nuint)i);
        var margin = Vector512.LoadUnsafe(ref hostage, (nuint)i) - g;
        var c = Vector512.LoadUnsafe(ref cost, (nuint)i);
        Avx512F.ConvertToVector256Single(RevisedThresholds.Threshold(margin, inverse)).StoreUnsafe(ref statementBelow, (nuint)i);
        Avx512F.ConvertToVector256Single(RevisedThresholds.Threshold(margin - c, inverse)).StoreUnsafe(ref objectBelow, (nuint)i);
        for (int venue = 1; venue < _deterrence.Length; venue++)
        {
            var deterrence = Vector512.Create(_deterrence[venue]);
            Avx512F.ConvertToVector256Single(RevisedThresholds.Threshold(margin - (c * deterrence), inverse)).StoreUnsafe(ref objectBelow, (nuint)((venue * _padded) + i));
        }
    }

    /// <summary>States i … i + 15's thresholds from their gains, as <see cref="ThresholdStage.PrepareAll"/> computes them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Thresholds(Vector512<double> lowGain, Vector512<double> highGain, int i)
    {
        ref double hostage = ref MemoryMarshal.GetArrayDataReference(_w.Hostage);
        ref double cost = ref MemoryMarshal.GetArrayDataReference(_w.BlockingCost);
        ref double inverseNoise = ref MemoryMarshal.GetArrayDataReference(_w.InverseNoise);
        ref float objectBelow = ref MemoryMarshal.GetArrayDataReference(_w.ObjectBelow);
        ref float statementBelow = ref MemoryMarshal.GetArrayDataReference(_w.StatementBelow);
        nuint low = (nuint)i, high = (nuint)(i + Lanes);
        var lowInverse = Vector512.LoadUnsafe(ref inverseNoise, low);
        var highInverse = Vector512.LoadUnsafe(ref inverseNoise, high);
        var lowMargin = Vector512.LoadUnsafe(ref hostage, low) - lowGain;
        var highMargin = Vector512.LoadUnsafe(ref hostage, high) - highGain;
        var lowCost = Vector512.LoadUnsafe(ref cost, low);
        var highCost = Vector512.LoadUnsafe(ref cost, high);
        Vector512.Narrow(RevisedThresholds.Threshold(lowMargin, lowInverse), RevisedThresholds.Threshold(highMargin, highInverse)).StoreUnsafe(ref statementBelow, low);
        Vector512.Narrow(RevisedThresholds.Threshold(lowMargin - lowCost, lowInverse), RevisedThresholds.Threshold(highMargin - highCost, highInverse)).StoreUnsafe(ref objectBelow, low);
        for (int venue = 1; venue < _deterrence.Length; venue++)
        {
            var deterrence = Vector512.Create(_deterrence[venue]);
            Vector512.Narrow(RevisedThresholds.Threshold(lowMargin - (lowCost * deterrence), lowInverse), RevisedThresholds.Threshold(highMargin - (highCost * deterrence), highInverse))
                .StoreUnsafe(ref objectBelow, (nuint)(venue * _padded) + low);
        }
    }

    /// <summary>State <paramref name="i"/>'s thresholds from its gain, as <see cref="ThresholdStage.Prepare"/> computes them.</summary>
    private void Thresholds(int i)
    {
        double g = _w.Gain[i], h = _w.Hostage[i], c = _w.BlockingCost[i], inverse = _w.InverseNoise[i];
        double margin = h - g;
        _w.StatementBelow[i] = (float)ThresholdStage.Threshold(margin, inverse);
        _w.ObjectBelow[i] = (float)ThresholdStage.Threshold(ThresholdStage.ObjectionMargin(h, g, c), inverse);
        for (int venue = 1; venue < _deterrence.Length; venue++)
        {
            _w.ObjectBelow[(venue * _padded) + i] = (float)ThresholdStage.Threshold(margin - (c * _deterrence[venue]), inverse);
        }
    }
}
