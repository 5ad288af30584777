namespace ConsensusSim.Behaviour;

/// <summary>
/// The Chair's problem under quadratic loss when every needed State weighs the dimensions as the Chair does (equal
/// saliences, the veto-player experiments' Euclidean preferences): every acceptable set is then a ball in one metric
/// ⟨u, v⟩ = Σ_k s_k u_k v_k, and the Chair's best point is the projection of its ideal point a onto their intersection.
/// With the balls W active, p − a = Σ βᵢ uᵢ (uᵢ = xᵢ − a, βᵢ = μᵢ/(1 + Σμ)); writing G for the Gram matrix of the uᵢ
/// and ρ = |p − a|², the spheres' equations become G·β = (ρ·1 + g)/2 with gᵢ = Gᵢᵢ − cᵢ, so β = (ρ·e + f)/2 with
/// e = G⁻¹1, f = G⁻¹g, and ρ solves (Σe)·ρ² + (2Σf − 4)·ρ + fᵀg = 0: a closed form for each working set.
/// </summary>
/// <remarks>
/// A working-set method around it: from p = a, the most violated State joins; a State whose multiplier comes out
/// negative leaves and the set is solved again. It answers only with a certificate of optimality — p in the box, every
/// needed State accepting p (the same test the dual method ends on), every multiplier nonnegative and the duality gap
/// Σ μᵢ·(slack of i) below a tenth of <see cref="WinSetSolver.Tolerance"/> — and otherwise leaves the instance to
/// <see cref="WinSetQuadraticDual"/>: a Gram matrix near singular, more balls active than dimensions, no root, or a
/// working set that keeps changing. The answer then agrees with the dual method's to the tolerance, not to the bit.
/// </remarks>
internal sealed class WinSetBallProjection
{
    /// <summary>A Cholesky pivot below this share of its diagonal: the active centres are too nearly dependent to trust the closed form.</summary>
    private const double Dependent = 1e-9;

    /// <summary>The most active balls whose subsets <see cref="Enlarge"/> lists (64 subsets); more are left to the dual method.</summary>
    private const int MostEnumerated = 6;

    private readonly WinSetInstance _p;
    private readonly WinSetBallScan _scan;
    private readonly int _d;
    private readonly int[] _set;
    private readonly int[] _previous;
    private readonly double[] _u;
    private readonly double[] _weighted;
    private readonly double[] _metric;
    private readonly double[] _gram;
    private readonly double[] _g;
    private readonly double[] _e;
    private readonly double[] _f;
    private readonly double[] _beta;
    private readonly double[] _point;
    private int _size;

    public WinSetBallProjection(WinSetInstance problem)
    {
        _p = problem;
        _scan = new WinSetBallScan(problem);
        _d = problem.Dimensions;
        _set = new int[_d];
        _previous = new int[_d];
        _u = new double[_d * _d];
        _weighted = new double[_d * _d];
        _metric = new double[_d];
        _gram = new double[_d * _d];
        _g = new double[_d];
        _e = new double[_d];
        _f = new double[_d];
        _beta = new double[_d];
        _point = new double[_d];
    }

    /// <summary>At most this many scans of the States (the solver's step limit, for tests).</summary>
    public int StepLimit { get; set; } = int.MaxValue;

    /// <summary>
    /// Projects the Chair's ideal point onto the loaded instance's balls; true with the proposal written and
    /// <paramref name="status"/> set when it can prove the answer, false to leave the instance to the dual method.
    /// </summary>
    public bool TrySolve(Span<double> proposal, out WinSetStatus status)
    {
        var p = _p;
        status = WinSetStatus.Empty;
        _size = 0;
        p.Target.AsSpan(0, _d).CopyTo(_point);
        for (int k = 0; k < _d; k++)
        {
            _metric[k] = p.S(0, k);
        }

        _scan.Load(_point);
        int scans = Math.Min(StepLimit, (4 * _d) + 8);
        for (int scan = 0; scan < scans; scan++)
        {
            int j = _scan.MostViolated(_point, out double excess);
            if (excess <= (WinSetSolver.Margin / 2) - _scan.Guard)
            {
                // Every State's exact excess is within the guard of its expanded one, so each is at most half the margin.
                return Certified(proposal, out status);
            }

            if (excess <= (WinSetSolver.Margin / 2) + _scan.Guard)
            {
                // Too close to tell: the exact form decides.
                j = p.MostViolated(_point, out excess);
                if (excess <= WinSetSolver.Margin / 2)
                {
                    return Certified(proposal, out status);
                }
            }

            if (Contains(j) || !Enlarge(j))
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>
    /// The projection onto the balls of the working set and State j, which the current point (the projection onto the
    /// working set's) violates: j is active there, so it is the projection onto j's sphere and some subset of the working
    /// set's whose multipliers are nonnegative and whose point the other balls of the set contain (the KKT conditions of
    /// that small problem, sufficient as it is convex). Subsets are tried largest first; the one found becomes the set.
    /// </summary>
    private bool Enlarge(int j)
    {
        int old = _size;
        if (old > MostEnumerated)
        {
            // 2^old subsets would be tried: leave such an instance to the dual method.
            return false;
        }

        _set.AsSpan(0, old).CopyTo(_previous);
        for (int size = Math.Min(old, _d - 1); size >= 0; size--)
        {
            for (int mask = (1 << old) - 1; mask >= 0; mask--)
            {
                if (BitCount(mask) == size && TrySubset(j, mask, old))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private bool TrySubset(int j, int mask, int old)
    {
        _size = 0;
        for (int i = 0; i < old; i++)
        {
            if ((mask >> i & 1) == 1)
            {
                _set[_size++] = _previous[i];
            }
        }

        _set[_size++] = j;
        if (!Project())
        {
            return false;
        }

        for (int i = 0; i < _size; i++)
        {
            if (_beta[i] < 0)
            {
                return false;
            }
        }

        for (int i = 0; i < old; i++)
        {
            if ((mask >> i & 1) == 0 && _p.LossOf(_previous[i], _point) - _p.Capacity[_previous[i]] > WinSetSolver.Margin / 2)
            {
                return false;
            }
        }

        return true;
    }

    private static int BitCount(int mask) => System.Numerics.BitOperations.PopCount((uint)mask);

    /// <summary>The offsets uᵢ = xᵢ − a of the working set, their Gram matrix in the shared metric, and gᵢ = Gᵢᵢ − cᵢ.</summary>
    private void BuildGram()
    {
        var p = _p;
        int d = _d, m = _size, stride = p.Stride;
        var ideal = p.Ideal;
        var target = p.Target;
        var metric = _metric;
        for (int i = 0; i < m; i++)
        {
            int j = _set[i];
            for (int k = 0; k < d; k++)
            {
                double u = ideal[(k * stride) + j] - target[k];
                _u[(i * d) + k] = u;
                _weighted[(i * d) + k] = metric[k] * u;
            }
        }

        for (int i = 0; i < m; i++)
        {
            for (int l = 0; l <= i; l++)
            {
                double sum = 0;
                for (int k = 0; k < d; k++)
                {
                    sum += _weighted[(i * d) + k] * _u[(l * d) + k];
                }

                _gram[(i * d) + l] = _gram[(l * d) + i] = sum;
            }

            _g[i] = _gram[(i * d) + i] - p.Capacity[_set[i]];
        }
    }

    /// <summary>The point of the working set's spheres nearest a, its β into the β array; false if the closed form does not hold.</summary>
    private bool Project()
    {
        var p = _p;
        int d = _d, m = _size;
        BuildGram();
        if (!(m <= 3 ? SolveSmall(m) : SolveByCholesky(m)))
        {
            return false;
        }

        double a = 0, b = -4, c = 0;
        for (int i = 0; i < m; i++)
        {
            a += _e[i];
            b += 2 * _f[i];
            c += _f[i] * _g[i];
        }

        if (!SmallerRoot(a, b, c, out double rho))
        {
            return false;
        }

        double total = 0;
        for (int i = 0; i < m; i++)
        {
            _beta[i] = ((rho * _e[i]) + _f[i]) / 2;
            total += _beta[i];
        }

        if (!(total < 1))
        {
            return false;
        }

        for (int k = 0; k < d; k++)
        {
            double coordinate = p.Target[k];
            for (int i = 0; i < m; i++)
            {
                coordinate += _beta[i] * _u[(i * d) + k];
            }

            _point[k] = coordinate;
        }

        return true;
    }

    /// <summary>e = G⁻¹1 and f = G⁻¹g by Cholesky; false if G is too nearly singular.</summary>
    private bool SolveByCholesky(int m)
    {
        for (int i = 0; i < m; i++)
        {
            _e[i] = 1;
            _f[i] = _g[i];
        }

        if (SmallMatrix.Cholesky(_gram, m, _d, Dependent) < m)
        {
            return false;
        }

        SmallMatrix.CholeskySolve(_gram, m, _d, _e);
        SmallMatrix.CholeskySolve(_gram, m, _d, _f);
        return true;
    }

    /// <summary>
    /// e and f from G's adjugate over its determinant for up to three active balls (the usual case): one division where a
    /// factorisation takes several in a chain. False if the determinant is not above <see cref="Dependent"/> times the
    /// diagonal's product.
    /// </summary>
    private bool SolveSmall(int m)
    {
        int d = _d;
        var gram = _gram;
        double g00 = gram[0];
        if (m == 1)
        {
            if (!(g00 > 0))
            {
                return false;
            }

            double inverse = 1 / g00;
            _e[0] = inverse;
            _f[0] = _g[0] * inverse;
            return true;
        }

        double g01 = gram[1], g11 = gram[d + 1];
        if (m == 2)
        {
            double det = (g00 * g11) - (g01 * g01);
            if (!(det > Dependent * g00 * g11))
            {
                return false;
            }

            double inverse = 1 / det;
            _e[0] = (g11 - g01) * inverse;
            _e[1] = (g00 - g01) * inverse;
            _f[0] = ((g11 * _g[0]) - (g01 * _g[1])) * inverse;
            _f[1] = ((g00 * _g[1]) - (g01 * _g[0])) * inverse;
            return true;
        }

        return SolveThree();
    }

    /// <summary>SolveSmall's case of three active balls: G⁻¹ = adj(G) / det(G).</summary>
    private bool SolveThree()
    {
        int d = _d;
        var gram = _gram;
        double g00 = gram[0], g01 = gram[1], g11 = gram[d + 1];
        double g02 = gram[2], g12 = gram[d + 2], g22 = gram[(2 * d) + 2];
        double c00 = (g11 * g22) - (g12 * g12), c01 = (g02 * g12) - (g01 * g22), c02 = (g01 * g12) - (g02 * g11);
        double c11 = (g00 * g22) - (g02 * g02), c12 = (g01 * g02) - (g00 * g12), c22 = (g00 * g11) - (g01 * g01);
        double determinant = (g00 * c00) + (g01 * c01) + (g02 * c02);
        if (!(determinant > Dependent * g00 * g11 * g22))
        {
            return false;
        }

        double r = 1 / determinant, h0 = _g[0], h1 = _g[1], h2 = _g[2];
        _e[0] = (c00 + c01 + c02) * r;
        _e[1] = (c01 + c11 + c12) * r;
        _e[2] = (c02 + c12 + c22) * r;
        _f[0] = ((c00 * h0) + (c01 * h1) + (c02 * h2)) * r;
        _f[1] = ((c01 * h0) + (c11 * h1) + (c12 * h2)) * r;
        _f[2] = ((c02 * h0) + (c12 * h1) + (c22 * h2)) * r;
        return true;
    }

    /// <summary>The smaller nonnegative root ρ of a·ρ² + b·ρ + c (a &gt; 0), by the form that does not cancel.</summary>
    private static bool SmallerRoot(double a, double b, double c, out double rho)
    {
        rho = 0;
        double discriminant = (b * b) - (4 * a * c);
        if (!(a > 0) || !(discriminant >= 0))
        {
            return false;
        }

        double root = Math.Sqrt(discriminant);

        // b < 0 here for the roots to be positive; then −b + √Δ does not cancel, and the smaller root is 2c / (−b + √Δ).
        double larger = -b + root;
        if (!(larger > 0))
        {
            return false;
        }

        rho = 2 * c / larger;
        return rho >= 0;
    }

    /// <summary>Every needed State accepts the point (checked by the caller): it is optimal when it is in the box and the gap is small.</summary>
    private bool Certified(Span<double> proposal, out WinSetStatus status)
    {
        var p = _p;
        status = WinSetStatus.Empty;
        double total = 0;
        for (int i = 0; i < _size; i++)
        {
            total += _beta[i];
        }

        double share = 1 - total, gap = 0;
        if (!(share > 0))
        {
            return false;
        }

        for (int i = 0; i < _size; i++)
        {
            if (!(_beta[i] >= 0))
            {
                return false;
            }

            // μᵢ = βᵢ / (1 − Σβ); the slack of an active State is what the gap is made of.
            double slack = p.Capacity[_set[i]] - p.LossOf(_set[i], _point);
            gap += _beta[i] / share * Math.Max(slack, 0);
        }

        for (int k = 0; k < _d; k++)
        {
            if (!(_point[k] >= 0 && _point[k] <= 1))
            {
                return false;
            }
        }

        // The gap is in the States' loss; the Chair's loss is that metric times its weights' ratio to the saliences.
        if (!(gap * (p.Weight[0] / _metric[0]) <= WinSetSolver.Tolerance / 10))
        {
            return false;
        }

        _point.CopyTo(proposal);
        status = p.ChairLoss(proposal) < p.StatusQuoLoss - WinSetSolver.Tolerance ? WinSetStatus.Tabled : WinSetStatus.StatusQuoBest;
        return true;
    }

    private bool Contains(int j) => Array.IndexOf(_set, j, 0, _size) >= 0;
}
