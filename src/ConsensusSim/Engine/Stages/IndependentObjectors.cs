using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using ConsensusSim.Model;
using ConsensusSim.Numerics;

namespace ConsensusSim.Engine.Stages;

/// <summary>
/// The objectors of a vote under independent objections (no shared noise), drawn with one uniform per objector plus one
/// instead of one per State. With S_j = Π_{i≤j} (1 − p_i) the chance that no State up to j objects, the first objector
/// after State k is the first j with S_j ≤ V·S_k for one uniform V: P(none in (k, j]) = S_j / S_k, exactly the product
/// of independent chances. A search over S finds it (a binary search, or all 64 compared at once where the States fit
/// in one word), and from there the next uniform finds the next objector. A
/// State that objects with certainty (p ≥ 1) is marked apart and leaves S unchanged, as does one that never objects.
/// </summary>
/// <remarks>
/// At the OSCE's usual chances (p ≈ 0.01 for 57 States) a vote takes 1.6 uniforms on average instead of 57. The products
/// are of the probabilities the trial drew, per venue (a venue's deterrence divides them); when the probabilities are
/// drawn per trial they are recomputed at every vote, else once per kernel. Where the products would underflow (every
/// State nearly certain to object) <see cref="TryDraw"/> declines and the caller draws State by State.
/// </remarks>
internal sealed class IndependentObjectors
{
    // Far above the smallest normal double, so V·S_k keeps its relative precision.
    private const double SmallestProduct = 1e-250;

    private readonly CompiledScenario _c;
    private readonly int _n;
    private readonly double[] _probability;
    private readonly double[][] _survival;
    private readonly ulong[][] _certain;
    private readonly bool[] _prepared;
    private readonly bool[] _usable;
    private readonly bool _refreshEachVote;
    private readonly bool _oneWord;

    public IndependentObjectors(KernelPlan plan, TrialWorkspace workspace)
    {
        _c = plan.Scenario;
        _n = workspace.Shape.States;
        _probability = workspace.ObjectionProbability;
        int venues = Enum.GetValues<VoteVenue>().Length;
        int words = (_n + 63) / 64;
        // One word of States is searched by comparing all 64 at once; the places past the last State hold 0, at or below
        // any uniform, and are never reached first since the last State's product is at or below it too.
        _oneWord = words == 1 && Vector512.IsHardwareAccelerated;
        _survival = [.. Enumerable.Range(0, venues).Select(_ => new double[_oneWord ? 64 : _n])];
        _certain = [.. Enumerable.Range(0, venues).Select(_ => new ulong[words])];
        _prepared = new bool[venues];
        _usable = new bool[venues];
        _refreshEachVote = _c.HasRandomParameters;
        Mask = new ulong[words];
    }

    /// <summary>The objectors of the last vote <see cref="TryDraw"/> drew, one bit per State.</summary>
    public ulong[] Mask { get; }

    /// <summary>
    /// Draws the objectors of a vote in <paramref name="venue"/> into <see cref="Mask"/>, or returns false (drawing nothing)
    /// when the products underflow and the vote must be drawn State by State.
    /// </summary>
    public bool TryDraw(ref TrialRandom random, VoteVenue venue)
    {
        int v = (int)venue;
        if (_refreshEachVote || !_prepared[v])
        {
            Prepare(v, 1.0 / ThresholdStage.Deterrence(_c, venue));
        }

        if (!_usable[v])
        {
            return false;
        }

        var survival = _survival[v];
        var mask = Mask;
        var certain = _certain[v];
        for (int w = 0; w < mask.Length; w++)
        {
            // A loop, not Array.Copy: the mask is a word or two, and the call would cost more than the vote.
            mask[w] = certain[w];
        }

        int n = _n, from = 0;
        double bound = 1;
        while (from < n)
        {
            double x = random.NextDouble() * bound;
            if (!(survival[n - 1] <= x))
            {
                break;
            }

            int j = _oneWord ? FirstAtOrBelowInWord(survival, from, x) : FirstAtOrBelow(survival, from, n - 1, x);
            mask[j >> 6] |= 1UL << j;
            bound = survival[j];
            from = j + 1;
        }

        return true;
    }

    /// <summary>
    /// The chance that no State objects in <paramref name="venue"/>, below which the vote's first uniform means exactly that
    /// no State objects; 0 where some State objects with certainty or <see cref="TryDraw"/> would decline, so that no
    /// uniform means it. Only for chances fixed for the run.
    /// </summary>
    public double NoneObjectsBelow(VoteVenue venue)
    {
        int v = (int)venue;
        Prepare(v, 1.0 / ThresholdStage.Deterrence(_c, venue));
        bool noneCertain = Array.TrueForAll(_certain[v], w => w == 0);
        return _usable[v] && noneCertain ? _survival[v][_n - 1] : 0;
    }

    /// <summary>
    /// <see cref="FirstAtOrBelow"/> over 64 places, all compared at once: no branch to mispredict, where a binary search
    /// takes six whose ways are as random as the uniforms.
    /// </summary>
    /// <param name="s">64 values, non-increasing up to a place at or below <paramref name="x"/> at or after <paramref name="lo"/>.</param>
    /// <param name="lo">The first place that may be taken, below 64.</param>
    /// <param name="x">The value to be at or below.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int FirstAtOrBelowInWord(double[] s, int lo, double x)
    {
        ref double r = ref MemoryMarshal.GetArrayDataReference(s);
        var xv = Vector512.Create(x);
        ulong below = AtOrBelow(ref r, 0, xv) | (AtOrBelow(ref r, 1, xv) << 8) | (AtOrBelow(ref r, 2, xv) << 16) | (AtOrBelow(ref r, 3, xv) << 24)
            | (AtOrBelow(ref r, 4, xv) << 32) | (AtOrBelow(ref r, 5, xv) << 40) | (AtOrBelow(ref r, 6, xv) << 48) | (AtOrBelow(ref r, 7, xv) << 56);
        return BitOperations.TrailingZeroCount(below & (ulong.MaxValue << lo));
    }

    /// <summary>One bit per place of the <paramref name="k"/>-th eight whose value is at or below <paramref name="x"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong AtOrBelow(ref double s, int k, Vector512<double> x) =>
        Vector512.LessThanOrEqual(Vector512.LoadUnsafe(ref s, (nuint)(8 * k)), x).ExtractMostSignificantBits();

    /// <summary>The first j in [lo, hi] with s[j] ≤ x, given s non-increasing and s[hi] ≤ x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int FirstAtOrBelow(double[] s, int lo, int hi, double x)
    {
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (s[mid] <= x)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        return lo;
    }

    /// <summary>The products and certain objectors of venue <paramref name="v"/>, whose chances are p·<paramref name="scale"/>.</summary>
    private void Prepare(int v, double scale)
    {
        var survival = _survival[v];
        var certain = _certain[v];
        Array.Clear(certain);
        double product = 1;
        for (int i = 0; i < _n; i++)
        {
            // The State-by-State draw objected when u < p·scale: certainly at 1 or more, never at 0 or less.
            double p = _probability[i] * scale;
            if (p >= 1)
            {
                certain[i >> 6] |= 1UL << i;
            }
            else if (p > 0)
            {
                product *= 1 - p;
            }

            survival[i] = product;
        }

        _usable[v] = product >= SmallestProduct;
        _prepared[v] = true;
    }
}
