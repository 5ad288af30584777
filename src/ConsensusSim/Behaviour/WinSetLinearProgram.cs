using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ConsensusSim.Behaviour;

/// <summary>
/// The Chair's problem under linear loss as a linear program in z = (p, u), minimising Σ w_d u_d + 10⁻¹³·Σ sign(a_d − q_d) p_d
/// subject to rows aᵀz ≤ b: u_d ≥ ±(p_d − a_d), 0 ≤ p_d ≤ 1, and for each needed State j the facets of its weighted L1
/// ball, Σ_d s_jd σ_d (p_d − x_jd) ≤ c_j for every sign vector σ. A dual simplex keeps 2D rows tight (a vertex) with
/// nonnegative multipliers (so the vertex is optimal for those rows and its cost a lower bound), and brings in the row the
/// vertex violates most — for a State, the facet with σ = sign(p − x_j), found without listing the 2^D facets — until the
/// vertex violates none (optimal) or the ratio test finds no row to drop (infeasible, by Farkas). Bland's rule (the
/// violated row with the least index, ties in the ratio test to the least index) takes over after degenerate pivots, so
/// the method cannot cycle.
/// </summary>
internal sealed partial class WinSetLinearProgram
{
    private const double LeanWeight = 1e-13;

    /// <summary>Pivots between two inversions of the basis from its rows; in between, rank-one updates.</summary>
    private const int Refactor = 16;

    /// <summary>Facet indices of up to this many dimensions are listed in order for Bland's rule; beyond, the most violated facet of the State is taken.</summary>
    private const int ListedFacetDimensions = 16;

    /// <summary>A facet's index holds the signs of this many dimensions; beyond, a facet is built from the signs at the vertex where it enters.</summary>
    private const int KeyMaskBits = 20;

    private readonly WinSetInstance _p;
    private readonly int _d;
    private readonly int _n;
    private readonly int _maxPivots;
    private readonly long[] _key;
    private readonly double[] _row;
    private readonly double[] _rhs;
    private readonly double[] _lu;
    private readonly double[] _inverse;
    private readonly int[] _pivot;
    private readonly double[] _z;
    private readonly double[] _lambda;
    private readonly double[] _alpha;
    private readonly double[] _entering;
    private readonly double[] _cost;
    private readonly double[] _startRows;
    private readonly double[] _startInverse;

    public WinSetLinearProgram(WinSetInstance problem, int states)
    {
        _p = problem;
        _d = problem.Dimensions;
        _n = 2 * _d;
        _maxPivots = (20 * (_n + states)) + 50;
        _key = new long[_n];
        _row = new double[_n * _n];
        _rhs = new double[_n];
        _lu = new double[_n * _n];
        _inverse = new double[_n * _n];
        _pivot = new int[_n];
        _z = new double[_n];
        _lambda = new double[_n];
        _alpha = new double[_n];
        _entering = new double[_n];
        _cost = new double[_n];
        (_startRows, _startInverse) = StartingBasis(_d);
    }

    public bool HitIterationLimit { get; private set; }

    /// <summary>The pivots the last solve made (for tests that compare two ways of solving).</summary>
    public int Pivots { get; private set; }

    /// <summary>The rows of the last solve's final basis, by key (for tests that compare two ways of solving).</summary>
    public ReadOnlySpan<long> BasisKeys => _key;

    /// <summary>The last solve's final basis inverse (for tests that compare two ways of solving, bit for bit).</summary>
    public ReadOnlySpan<double> BasisInverse => _inverse;

    /// <summary>At most this many pivots (for tests that need the limit reached).</summary>
    public int StepLimit { get; set; } = int.MaxValue;

    /// <summary>Degenerate pivots in a row after which Bland's rule takes over (0 for tests that need it from the start).</summary>
    public int DegeneratePivotsBeforeBland { get; set; } = 4;

    /// <summary>Solves the instance loaded in the problem; writes p when the Chair tables it.</summary>
    public WinSetStatus Solve(Span<double> proposal)
    {
        var p = _p;
        int d = _d;
        HitIterationLimit = false;
        Pivots = 0;
        Start();
        bool bland = false;
        int degenerate = 0;
        double previous = double.NegativeInfinity;
        int maxPivots = Math.Min(StepLimit, _maxPivots);
        for (int pivots = 0; pivots < maxPivots; pivots++)
        {
            if (pivots % Refactor == Refactor - 1 && !Invert())
            {
                break;
            }

            Vertex();

            double bound = Dot(_cost, _z);
            if (p.StatusQuoAcceptable && bound - (LeanWeight * d) >= p.StatusQuoLoss - WinSetSolver.Tolerance)
            {
                // No point of the win-set beats q for the Chair by more than the tolerance (weak duality).
                return WinSetStatus.StatusQuoBest;
            }

            degenerate = bound > previous + (1e-15 * (1 + Math.Abs(bound))) ? 0 : degenerate + 1;
            bland |= degenerate >= DegeneratePivotsBeforeBland;
            previous = bound;
            long entering = bland ? LeastViolated() : MostViolated();
            if (entering < 0)
            {
                return Finish(proposal);
            }

            int leaving = RatioTest(bland);
            if (leaving < 0)
            {
                return p.StatusQuoAcceptable ? WinSetStatus.StatusQuoBest : WinSetStatus.Empty;
            }

            Pivots = pivots + 1;
            _key[leaving] = entering;
            CopyEntering(leaving);
            _rhs[leaving] = EnteringRhs;
            Pivot(leaving);
        }

        HitIterationLimit = true;
        return p.StatusQuoAcceptable ? WinSetStatus.StatusQuoBest : WinSetStatus.Empty;
    }

    /// <summary>The right-hand side of the row last built by <see cref="BuildRow"/>.</summary>
    private double EnteringRhs { get; set; }

    /// <summary>The Chair's ideal point: the 2D rows u_d ≥ ±(p_d − a_d), all tight, with multipliers (w_d ∓ lean)/2 ≥ 0.</summary>
    private void Start()
    {
        var p = _p;
        int d = _d;
        // The rows' coefficients and their inverse do not depend on the trial: copied, not built again.
        _startInverse.CopyTo(_inverse, 0);
        _startRows.CopyTo(_row, 0);
        for (int k = 0; k < d; k++)
        {
            _cost[k] = LeanWeight * p.Lean[k];
            _cost[d + k] = p.Weight[k];
            _key[2 * k] = 2 * k;
            _key[(2 * k) + 1] = (2 * k) + 1;
            _rhs[2 * k] = p.Target[k];
            _rhs[(2 * k) + 1] = -p.Target[k];
        }
    }

    /// <summary>The starting basis's rows (u_k ≥ p_k − a_k, then u_k ≥ a_k − p_k, for each k) and their inverse.</summary>
    private static (double[] Rows, double[] Inverse) StartingBasis(int d)
    {
        int n = 2 * d;
        var rows = new double[n * n];
        var inverse = new double[n * n];
        for (int k = 0; k < d; k++)
        {
            rows[(2 * k * n) + k] = 1;
            rows[(2 * k * n) + d + k] = -1;
            rows[(((2 * k) + 1) * n) + k] = -1;
            rows[(((2 * k) + 1) * n) + d + k] = -1;

            // The inverse of the pair's block [[1, −1], [−1, −1]] in (p_k, u_k).
            inverse[(k * n) + (2 * k)] = 0.5;
            inverse[(k * n) + (2 * k) + 1] = -0.5;
            inverse[((d + k) * n) + (2 * k)] = -0.5;
            inverse[((d + k) * n) + (2 * k) + 1] = -0.5;
        }

        return (rows, inverse);
    }

    /// <summary>The vertex z = M⁻¹b of the basis rows, from the basis inverse.</summary>
    private void Vertex()
    {
        int n = _n;
        ref double inverse = ref MemoryMarshal.GetArrayDataReference(_inverse);
        ref double rhs = ref MemoryMarshal.GetArrayDataReference(_rhs);
        ref double vertex = ref MemoryMarshal.GetArrayDataReference(_z);
        for (int i = 0; i < n; i++)
        {
            ref double row = ref Unsafe.Add(ref inverse, i * n);
            double z = 0;
            for (int k = 0; k < n; k++)
            {
                z += Unsafe.Add(ref row, k) * Unsafe.Add(ref rhs, k);
            }

            Unsafe.Add(ref vertex, i) = z;
        }

    }

    /// <summary>
    /// λ = −M⁻ᵀc, the basis rows' multipliers, and α = M⁻ᵀa, the weights that write the entering row a as a combination
    /// of them, in one pass over M⁻¹'s rows: each entry sums its terms in row order, four or two entries at a time. A zero
    /// term changes no sum (a sum that starts at +0 is never −0, and M⁻¹ is finite), so none is skipped.
    /// </summary>
    private void MultipliersAndWeights()
    {
        int n = _n, wide = Vector256.IsHardwareAccelerated ? n & ~3 : 0;
        bool pair = Vector128.IsHardwareAccelerated && wide == (n & ~3) && (n & 3) == 2;
        ref double inverse = ref MemoryMarshal.GetArrayDataReference(_inverse);
        ref double lambda = ref MemoryMarshal.GetArrayDataReference(_lambda);
        ref double alpha = ref MemoryMarshal.GetArrayDataReference(_alpha);
        ref double cost = ref MemoryMarshal.GetArrayDataReference(_cost);
        ref double entering = ref MemoryMarshal.GetArrayDataReference(_entering);
        for (int k = 0; k < n; k++)
        {
            Unsafe.Add(ref lambda, k) = 0;
            Unsafe.Add(ref alpha, k) = 0;
        }

        for (int i = 0; i < n; i++)
        {
            double ci = Unsafe.Add(ref cost, i), ai = Unsafe.Add(ref entering, i);
            ref double row = ref Unsafe.Add(ref inverse, i * n);
            var c4 = Vector256.Create(ci);
            var a4 = Vector256.Create(ai);
            for (int k = 0; k < wide; k += 4)
            {
                var m = Vector256.LoadUnsafe(ref row, (nuint)k);
                (Vector256.LoadUnsafe(ref lambda, (nuint)k) + (m * c4)).StoreUnsafe(ref lambda, (nuint)k);
                (Vector256.LoadUnsafe(ref alpha, (nuint)k) + (m * a4)).StoreUnsafe(ref alpha, (nuint)k);
            }

            if (pair)
            {
                var m = Vector128.LoadUnsafe(ref row, (nuint)wide);
                (Vector128.LoadUnsafe(ref lambda, (nuint)wide) + (m * Vector128.Create(ci))).StoreUnsafe(ref lambda, (nuint)wide);
                (Vector128.LoadUnsafe(ref alpha, (nuint)wide) + (m * Vector128.Create(ai))).StoreUnsafe(ref alpha, (nuint)wide);
            }
            else
            {
                for (int k = wide; k < n; k++)
                {
                    Unsafe.Add(ref lambda, k) += Unsafe.Add(ref row, k) * ci;
                    Unsafe.Add(ref alpha, k) += Unsafe.Add(ref row, k) * ai;
                }
            }
        }

        for (int k = 0; k < n; k++)
        {
            Unsafe.Add(ref lambda, k) = -Unsafe.Add(ref lambda, k);
        }
    }

    /// <summary>
    /// Basis row r replaced by the entering row a, whose weights α = M⁻ᵀa the ratio test left: the inverse's column r
    /// divides by α_r and every other column k loses α_k/α_r of it (the simplex pivot, a rank-one update).
    /// </summary>
    private void Pivot(int r)
    {
        int n = _n, wide = Vector256.IsHardwareAccelerated ? n & ~3 : 0;
        bool pair = Vector128.IsHardwareAccelerated && wide == (n & ~3) && (n & 3) == 2;
        double pivot = _alpha[r];
        ref double inverse = ref MemoryMarshal.GetArrayDataReference(_inverse);
        ref double alpha = ref MemoryMarshal.GetArrayDataReference(_alpha);
        for (int i = 0; i < n; i++)
        {
            ref double row = ref Unsafe.Add(ref inverse, i * n);
            double column = Unsafe.Add(ref row, r) / pivot;
            var factor = Vector256.Create(column);
            for (int k = 0; k < wide; k += 4)
            {
                var updated = Vector256.LoadUnsafe(ref row, (nuint)k) - (factor * Vector256.LoadUnsafe(ref alpha, (nuint)k));
                updated.StoreUnsafe(ref row, (nuint)k);
            }

            if (pair)
            {
                var updated = Vector128.LoadUnsafe(ref row, (nuint)wide) - (Vector128.Create(column) * Vector128.LoadUnsafe(ref alpha, (nuint)wide));
                updated.StoreUnsafe(ref row, (nuint)wide);
            }
            else
            {
                for (int k = wide; k < n; k++)
                {
                    Unsafe.Add(ref row, k) -= column * Unsafe.Add(ref alpha, k);
                }
            }

            Unsafe.Add(ref row, r) = column;
        }
    }

    /// <summary>The basis inverse from the rows afresh (LU with partial pivoting, one column at a time), against drift; false if singular.</summary>
    private bool Invert()
    {
        int n = _n;
        _row.CopyTo(_lu, 0);
        if (!SmallMatrix.Factor(_lu, _pivot, n))
        {
            return false;
        }

        Span<double> column = stackalloc double[n];
        for (int k = 0; k < n; k++)
        {
            column.Clear();
            column[k] = 1;
            SmallMatrix.Solve(_lu, _pivot, n, column);
            for (int i = 0; i < n; i++)
            {
                _inverse[(i * n) + k] = column[i];
            }
        }

        return true;
    }

    /// <summary>
    /// The basis row to drop for the entering row: writing it as Σ αᵢ·(basis row i), the least λᵢ/αᵢ over αᵢ &gt; 0
    /// (ties to the least key under Bland's rule, else to the largest αᵢ; then to the least index); −1 if no αᵢ is
    /// positive, which proves the rows infeasible.
    /// </summary>
    private int RatioTest(bool bland)
    {
        if (SixRows)
        {
            return SixRowRatioTest(bland);
        }

        int n = _n;

        // The multipliers are needed only here: a vertex that ends the solve never computes them.
        if (FourRows)
        {
            FourRowMultipliersAndWeights();
        }
        else
        {
            MultipliersAndWeights();
        }
        double largest = 0;
        for (int i = 0; i < n; i++)
        {
            largest = Math.Max(largest, Math.Abs(_alpha[i]));
        }

        double floor = Math.Max(1e-9 * largest, 1e-14);
        int leaving = -1;
        double best = double.PositiveInfinity;
        for (int i = 0; i < n; i++)
        {
            if (_alpha[i] <= floor)
            {
                continue;
            }

            double ratio = Math.Max(_lambda[i], 0) / _alpha[i];
            if (leaving < 0 || ratio < best || (ratio == best && (bland ? _key[i] < _key[leaving] : _alpha[i] > _alpha[leaving])))
            {
                best = ratio;
                leaving = i;
            }
        }

        return leaving;
    }

    private WinSetStatus Finish(Span<double> proposal)
    {
        var p = _p;
        for (int k = 0; k < _d; k++)
        {
            proposal[k] = Math.Clamp(_z[k], 0, 1);
        }

        return p.ChairLoss(proposal) < p.StatusQuoLoss - WinSetSolver.Tolerance ? WinSetStatus.Tabled : WinSetStatus.StatusQuoBest;
    }

    /// <summary>The entering row into basis row r: a loop, as a copy of a few doubles costs more through a call.</summary>
    private void CopyEntering(int r)
    {
        int n = _n;
        for (int k = 0; k < n; k++)
        {
            _row[(r * n) + k] = _entering[k];
        }
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }
}
