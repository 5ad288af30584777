namespace ConsensusSim.Behaviour;

/// <summary>
/// The Chair's problem under quadratic loss by a dual active-set method. For multipliers μ ≥ 0 on the needed States'
/// constraints hⱼ(p) = Σ_d s_jd (p_d − x_jd)² − cⱼ ≤ 0, the Lagrangian's minimiser over the box is closed form,
/// p_d(μ) = clamp((w_d a_d + Σ μⱼ s_jd x_jd) / (w_d + Σ μⱼ s_jd), 0, 1), and the dual θ(μ) = L_a(p(μ)) + Σ μⱼ hⱼ(p(μ))
/// is concave with gradient h(p(μ)) and Hessian −J·diag(2/A)·Jᵀ (J_jd = s_jd (p_d − x_jd), A_d the denominator). Every
/// θ(μ) is a lower bound on the Chair's loss anywhere in the win-set (weak duality), which is what ends a search without
/// a proposal. A State the point violates most joins the active set; Newton's method on the active multipliers (a
/// projected arc search keeps them nonnegative) makes their constraints tight; a multiplier at 0 whose constraint is
/// slack leaves; and a State whose gradient depends on the active ones takes a dual step along the null direction v of
/// the Hessian — p(μ) does not move and θ is linear there — to the first multiplier that reaches 0, which leaves, or
/// proves the win-set empty if none does.
/// </summary>
internal sealed class WinSetQuadraticDual
{
    /// <summary>A Cholesky pivot below this share of its diagonal marks a constraint that depends on the ones before it.</summary>
    private const double Dependent = 1e-10;

    /// <summary>Active constraints are tight to this (an eighth of the margin), so the duality gap is Σ μⱼ times at most this.</summary>
    private const double Tight = WinSetSolver.Margin / 8;

    private readonly WinSetInstance _p;
    private readonly int _d;
    private readonly int _capacity;
    private readonly int[] _set;
    private readonly double[] _mu;
    private readonly double[] _h;
    private readonly double[] _gram;
    private readonly double[] _shape;
    private readonly double[] _columns;
    private readonly double[] _step;
    private readonly double[] _trialMu;
    private readonly double[] _trialH;
    private readonly double[] _point;
    private readonly double[] _trialPoint;
    private readonly double[] _scale;
    private int _size;
    private double _theta;

    public WinSetQuadraticDual(WinSetInstance problem)
    {
        _p = problem;
        _d = problem.Dimensions;
        _capacity = _d + 2;
        _set = new int[_capacity];
        _mu = new double[_capacity];
        _h = new double[_capacity];
        _gram = new double[_capacity * _capacity];
        _shape = new double[_capacity * _capacity];
        _columns = new double[_d];
        _step = new double[_capacity];
        _trialMu = new double[_capacity];
        _trialH = new double[_capacity];
        _point = new double[_d];
        _trialPoint = new double[_d];
        _scale = new double[_d];
    }

    public bool HitIterationLimit { get; private set; }

    /// <summary>Solves the instance loaded in the problem; writes p when the Chair tables it.</summary>
    public WinSetStatus Solve(Span<double> proposal)
    {
        var p = _p;
        HitIterationLimit = false;
        _size = 0;
        _theta = Evaluate(_mu, _point, _h, _scale);
        int maxSteps = 100 + (20 * _d) + (4 * p.Count);
        for (int steps = 0; steps < maxSteps; steps++)
        {
            if (Bounded() is { } ended)
            {
                return ended;
            }

            DropSlack();
            if (!Converged())
            {
                if (!Step())
                {
                    break;
                }

                continue;
            }

            int j = p.MostViolated(_point, out double excess);
            if (excess <= WinSetSolver.Margin / 2)
            {
                return Finish(proposal);
            }

            if (_size == _capacity)
            {
                break;
            }

            _set[_size] = j;
            _mu[_size] = 0;
            _h[_size] = excess;
            _size++;
        }

        HitIterationLimit = true;
        return p.StatusQuoAcceptable ? WinSetStatus.StatusQuoBest : WinSetStatus.Empty;
    }

    /// <summary>What θ proves: no win-set point beats q (when q is acceptable), or the win-set is empty (θ above the worst loss).</summary>
    private WinSetStatus? Bounded()
    {
        var p = _p;
        if (p.StatusQuoAcceptable && _theta >= p.StatusQuoLoss - WinSetSolver.Tolerance)
        {
            return WinSetStatus.StatusQuoBest;
        }

        if (_theta > p.WorstLoss + WinSetSolver.Tolerance)
        {
            return p.StatusQuoAcceptable ? WinSetStatus.StatusQuoBest : WinSetStatus.Empty;
        }

        return null;
    }

    /// <summary>Active constraints at multiplier 0 and slack are no longer needed.</summary>
    private void DropSlack()
    {
        for (int i = _size - 1; i >= 0; i--)
        {
            if (_mu[i] == 0 && _h[i] <= Tight)
            {
                Remove(i);
            }
        }
    }

    private bool Converged()
    {
        for (int i = 0; i < _size; i++)
        {
            if (Math.Abs(_h[i]) > Tight)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>One Newton step, or a dual step where the active constraints depend on each other; false if it stalls.</summary>
    private bool Step()
    {
        int m = _size, stride = _capacity;
        BuildGram();
        int r = SmallMatrix.Cholesky(_shape, m, stride, Dependent);
        if (r < m)
        {
            return DualStep(r);
        }

        if (SmallMatrix.Cholesky(_gram, m, stride, 0) < m)
        {
            // Independent, but too unevenly scaled to factor: a step along the gradient, which the search then sizes.
            for (int i = 0; i < m; i++)
            {
                _step[i] = _h[i] / Math.Max(_gram[(i * stride) + i], double.Epsilon);
            }

            return Search();
        }

        _h.AsSpan(0, m).CopyTo(_step);
        SmallMatrix.CholeskySolve(_gram, m, stride, _step);
        return Search();
    }

    /// <summary>
    /// The Hessian's negative G = J·diag(2/A)·Jᵀ over the active constraints at the current point, and its shape
    /// J·diag(1/‖J_·d‖²)·Jᵀ, whose columns are equilibrated: whether the constraints' gradients depend on each other is a
    /// question about the rows of J alone, and the Chair's weights (10⁻¹¹ on a dimension it does not care about) would
    /// otherwise make independent gradients look dependent.
    /// </summary>
    private void BuildGram()
    {
        int d = _d, m = _size, stride = _capacity;
        for (int k = 0; k < d; k++)
        {
            double norm = 0;
            for (int a = 0; a < m; a++)
            {
                double j = Jacobian(a, k);
                norm += j * j;
            }

            _columns[k] = norm > 0 ? 1 / norm : 0;
        }

        for (int a = 0; a < m; a++)
        {
            for (int b = 0; b <= a; b++)
            {
                double sum = 0, shape = 0;
                for (int k = 0; k < d; k++)
                {
                    double product = Jacobian(a, k) * Jacobian(b, k);
                    sum += _scale[k] * product;
                    shape += _columns[k] * product;
                }

                _gram[(a * stride) + b] = _gram[(b * stride) + a] = sum;
                _shape[(a * stride) + b] = _shape[(b * stride) + a] = shape;
            }
        }
    }

    /// <summary>J_ak = s_ak (p_k − x_ak), for active constraint a.</summary>
    private double Jacobian(int a, int k)
    {
        int j = _set[a];
        return _p.Salience[(j * _d) + k] * (_point[k] - _p.Ideal[(j * _d) + k]);
    }

    /// <summary>Projected arc search along the Newton step: μ(t) = max(0, μ + t·δ), halving t until θ rises enough.</summary>
    private bool Search()
    {
        int m = _size;
        double t = 1;
        for (int tries = 0; tries < 60; tries++, t *= 0.5)
        {
            double predicted = 0;
            for (int i = 0; i < m; i++)
            {
                _trialMu[i] = Math.Max(0, _mu[i] + (t * _step[i]));
                predicted += _h[i] * (_trialMu[i] - _mu[i]);
            }

            double theta = Evaluate(_trialMu, _trialPoint, _trialH, _scale);
            if (theta >= _theta + (1e-4 * predicted) - (1e-15 * (1 + Math.Abs(_theta))))
            {
                Accept(theta);
                return true;
            }
        }

        // θ no longer rises: the multipliers are as good as rounding allows; stop unless the point is still infeasible.
        Evaluate(_mu, _point, _h, _scale);
        for (int i = 0; i < m; i++)
        {
            if (_h[i] > WinSetSolver.Margin / 2)
            {
                return false;
            }

            _h[i] = Math.Min(Math.Abs(_h[i]), Tight);
        }

        return true;
    }

    /// <summary>
    /// Constraint r's gradient is Σ βᵢ times those before it, so along v = (−β, 1, 0…) the point stays put and θ changes at
    /// the rate v·h: move along ±v (uphill) until a multiplier reaches 0 and leave that constraint out; if none can, θ rises
    /// without bound and the win-set is empty — confirmed by evaluating θ far along.
    /// </summary>
    private bool DualStep(int r)
    {
        var v = _step.AsSpan(0, r + 1);
        SmallMatrix.DependentCombination(_shape, r, _capacity, v);
        double slope = _h[r];
        for (int i = 0; i < r; i++)
        {
            v[i] = -v[i];
            slope += v[i] * _h[i];
        }

        v[r] = 1;
        if (slope < 0)
        {
            // Uphill is the other way.
            slope = -slope;
            for (int i = 0; i <= r; i++)
            {
                v[i] = -v[i];
            }
        }

        int leaving = -1;
        double reach = double.PositiveInfinity;
        for (int i = 0; i <= r; i++)
        {
            if (v[i] < 0 && _mu[i] / -v[i] < reach)
            {
                reach = _mu[i] / -v[i];
                leaving = i;
            }
        }

        if (leaving < 0)
        {
            return Unbounded(r, slope);
        }

        _mu.AsSpan(0, _size).CopyTo(_trialMu);
        for (int i = 0; i <= r; i++)
        {
            _trialMu[i] = Math.Max(0, _mu[i] + (reach * v[i]));
        }

        _trialMu[leaving] = 0;
        Accept(Evaluate(_trialMu, _trialPoint, _trialH, _scale));
        Remove(leaving);
        return true;
    }

    /// <summary>No multiplier falls along the dual step (held in the step array): evaluate θ far enough along it to prove the bound, or take the step.</summary>
    private bool Unbounded(int r, double rate)
    {
        var p = _p;
        if (!(rate > 0))
        {
            return false;
        }

        double goal = p.StatusQuoAcceptable ? p.StatusQuoLoss : p.WorstLoss + (2 * WinSetSolver.Tolerance);
        double reach = 2 * Math.Max(goal - _theta, WinSetSolver.Tolerance) / rate;
        _mu.AsSpan(0, _size).CopyTo(_trialMu);
        for (int i = 0; i <= r; i++)
        {
            _trialMu[i] = _mu[i] + (reach * _step[i]);
        }

        double theta = Evaluate(_trialMu, _trialPoint, _trialH, _scale);
        if (theta <= _theta)
        {
            return false;
        }

        Accept(theta);
        return true;
    }

    private void Accept(double theta)
    {
        int m = _size;
        _trialMu.AsSpan(0, m).CopyTo(_mu);
        _trialH.AsSpan(0, m).CopyTo(_h);
        _trialPoint.CopyTo(_point, 0);
        _theta = theta;
    }

    private void Remove(int i)
    {
        for (int k = i + 1; k < _size; k++)
        {
            _set[k - 1] = _set[k];
            _mu[k - 1] = _mu[k];
            _h[k - 1] = _h[k];
        }

        _size--;
    }

    /// <summary>p(μ), the active constraints there, the 2/A_d of each free coordinate, and θ(μ).</summary>
    private double Evaluate(ReadOnlySpan<double> mu, Span<double> point, Span<double> h, Span<double> scale)
    {
        var p = _p;
        int d = _d, m = _size;
        double chair = 0;
        for (int k = 0; k < d; k++)
        {
            double a = p.Weight[k], b = p.Weight[k] * p.Target[k];
            for (int i = 0; i < m; i++)
            {
                double weight = mu[i] * p.Salience[(_set[i] * d) + k];
                a += weight;
                b += weight * p.Ideal[(_set[i] * d) + k];
            }

            double free = b / a;
            point[k] = Math.Clamp(free, 0, 1);
            scale[k] = point[k] == free ? 2 / a : 0;
            double gap = point[k] - p.Target[k];
            chair += p.Weight[k] * gap * gap;
        }

        double theta = chair;
        for (int i = 0; i < m; i++)
        {
            h[i] = p.LossOf(_set[i], point) - p.Capacity[_set[i]];
            theta += mu[i] * h[i];
        }

        return theta;
    }

    private WinSetStatus Finish(Span<double> proposal)
    {
        var p = _p;
        _point.CopyTo(proposal);
        return p.ChairLoss(proposal) < p.StatusQuoLoss - WinSetSolver.Tolerance ? WinSetStatus.Tabled : WinSetStatus.StatusQuoBest;
    }
}
