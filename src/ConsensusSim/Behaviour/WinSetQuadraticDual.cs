using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

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
/// proves the win-set empty if none does. Newton's step solves the secular equations 1/√Lⱼ = 1/√cⱼ (nearly linear in μ)
/// rather than Lⱼ = cⱼ, which takes a new constraint to tight in one or two steps; where the multipliers' coupling
/// makes that step short, the secular step of one multiplier alone competes with it. Active constraints are made tight to
/// 10⁻⁷ while the point is still infeasible, and to an eighth of the margin at the end, so the duality gap is at most
/// Σ μⱼ·Margin/8, or stops earlier once the active constraints hold and the gap −Σ μⱼhⱼ is below a tenth of the
/// tolerance. Every step raises θ (or, at rounding level, shrinks the residual), and the method stops after
/// 100 + 20·D + 4·N steps at most: it then answers as best it can and <see cref="HitIterationLimit"/> says so, and the
/// solver hands the instance to <see cref="WinSetEllipsoid"/>. The random properties never reach the limit; with coarse
/// grids and sparse saliences (expert-coded data) about one instance in 2,200 does.
/// </summary>
internal sealed partial class WinSetQuadraticDual
{
    /// <summary>A Cholesky pivot below this share of its diagonal marks a constraint that depends on the ones before it.</summary>
    private const double Dependent = 1e-10;

    /// <summary>Active constraints are tight to this (an eighth of the margin), so the duality gap is Σ μⱼ times at most this.</summary>
    private const double Tight = WinSetSolver.Margin / 8;

    /// <summary>How tight the active constraints are made before the next violated State is looked for, until the point is feasible.</summary>
    private const double Loose = 1e-7;

    private readonly WinSetInstance _p;
    private readonly int _d;
    private readonly int _capacity;
    private readonly int[] _set;
    private double[] _mu;
    private double[] _h;
    private readonly double[] _gram;
    private readonly double[] _shape;
    private readonly double[] _diagonal;
    private double[] _jacobian;
    private double[] _trialScale;
    private double[] _trialJacobian;
    private readonly double[] _columns;
    private readonly double[] _step;
    private double[] _trialMu;
    private double[] _trialH;
    private double[] _point;
    private double[] _trialPoint;
    private double[] _scale;
    private int _size;
    private bool _changed;
    private bool _tighten;
    private double _theta;
    private double _probed;

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
        _diagonal = new double[_capacity];
        _jacobian = new double[_capacity * _d];
        _trialJacobian = new double[_capacity * _d];
        _trialScale = new double[_d];
        _columns = new double[_d];
        _step = new double[_capacity];
        _trialMu = new double[_capacity];
        _trialH = new double[_capacity];
        _point = new double[_d];
        _trialPoint = new double[_d];
        _scale = new double[_d];
    }

    public bool HitIterationLimit { get; private set; }

    /// <summary>At most this many steps (for tests that need the limit reached).</summary>
    public int StepLimit { get; set; } = int.MaxValue;

    /// <summary>Solves the instance loaded in the problem; writes p when the Chair tables it.</summary>
    public WinSetStatus Solve(Span<double> proposal)
    {
        var p = _p;
        HitIterationLimit = false;
        _size = 0;
        _tighten = false;
        Accept(Evaluate(_mu), _mu);
        int maxSteps = Math.Min(StepLimit, 100 + (20 * _d) + (4 * p.Count));
        bool polish = false;
        for (int steps = 0; steps < maxSteps; steps++)
        {
            if (Bounded() is { } ended)
            {
                return ended;
            }

            DropSlack();
            bool stalled = false;
            bool closeEnough = CloseEnough();
            if (!closeEnough && !Converged(polish || _tighten ? Tight : Loose))
            {
                if (Step())
                {
                    continue;
                }

                // θ is as high as rounding allows on this active set: look for a violated State all the same.
                stalled = true;
            }

            int j = p.MostViolated(_point, out double excess);
            if (excess <= WinSetSolver.Margin / 2 && (polish || stalled || closeEnough || Converged(Tight)))
            {
                return Finish(proposal);
            }

            // Until the point is feasible, the active constraints need only be nearly tight; at the end, tight.
            bool active = IsActive(j);
            if (stalled && (active || excess <= WinSetSolver.Margin / 2))
            {
                break;
            }

            polish = excess <= WinSetSolver.Margin / 2 || active;
            if (polish)
            {
                continue;
            }

            if (_size == _capacity)
            {
                break;
            }

            _set[_size] = j;
            _mu[_size] = 0;
            _h[_size] = excess;
            for (int k = 0; k < _d; k++)
            {
                _jacobian[(_size * _d) + k] = p.S(j, k) * (_point[k] - p.X(j, k));
            }

            _size++;
            _changed = true;
        }

        HitIterationLimit = true;

        // Unproven either way: a point every State accepts is still a text the Chair prefers or not, never a gridlock by default.
        p.MostViolated(_point, out double left);
        return left <= WinSetSolver.Margin / 2 ? Finish(proposal) : p.StatusQuoAcceptable ? WinSetStatus.StatusQuoBest : WinSetStatus.Empty;
    }

    /// <summary>
    /// The active constraints hold (to <see cref="Tight"/>) and the duality gap L_a(p) − θ = −Σ μⱼhⱼ is below a tenth of the
    /// tolerance: p is as good as the method can prove, whatever the slack of a constraint whose multiplier is tiny.
    /// </summary>
    private bool CloseEnough()
    {
        double gap = 0;
        for (int i = 0; i < _size; i++)
        {
            if (_h[i] > Tight)
            {
                return false;
            }

            gap -= _mu[i] * _h[i];
        }

        return _size > 0 && gap <= WinSetSolver.Tolerance / 10;
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

    /// <summary>The largest |hⱼ| over the active constraints whose multiplier is positive, or that are violated.</summary>
    private double Residual(double[] h)
    {
        double largest = 0;
        for (int i = 0; i < _size; i++)
        {
            largest = Math.Max(largest, _mu[i] > 0 ? Math.Abs(h[i]) : h[i]);
        }

        return largest;
    }

    private bool IsActive(int j) => Array.IndexOf(_set, j, 0, _size) >= 0;

    private bool Converged(double tolerance)
    {
        for (int i = 0; i < _size; i++)
        {
            if (Math.Abs(_h[i]) > tolerance)
            {
                return false;
            }
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
            if (_mu[r] == 0 && !_tighten)
            {
                // The new State's multiplier cannot fall, so θ points downhill along v only through the active
                // constraints' residuals (up to Loose) times large βᵢ: make them tight, then let the State join again.
                Remove(r);
                _tighten = true;
                return true;
            }

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
        Accept(Evaluate(_trialMu));
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

        double theta = Evaluate(_trialMu);
        if (theta <= _theta)
        {
            return false;
        }

        Accept(theta);
        return true;
    }

    /// <summary>Makes the last evaluation the current state (its μ is the trial's unless given).</summary>
    private void Accept(double theta, double[]? mu = null)
    {
        if (mu is null)
        {
            (_mu, _trialMu) = (_trialMu, _mu);
        }

        (_point, _trialPoint) = (_trialPoint, _point);
        (_h, _trialH) = (_trialH, _h);
        (_scale, _trialScale) = (_trialScale, _scale);
        (_jacobian, _trialJacobian) = (_trialJacobian, _jacobian);
        _theta = theta;
    }

    private void Remove(int i)
    {
        for (int k = i + 1; k < _size; k++)
        {
            _set[k - 1] = _set[k];
            _mu[k - 1] = _mu[k];
            _h[k - 1] = _h[k];
            _jacobian.AsSpan(k * _d, _d).CopyTo(_jacobian.AsSpan((k - 1) * _d, _d));
        }

        _size--;
        _changed = true;
    }

    /// <summary>
    /// p(μ) into the trial point, and there the active constraints' hⱼ (the same arithmetic as the scan's), their
    /// Jacobian rows J_jk = s_jk (p_k − x_jk), the 2/A_k of each free coordinate, and θ(μ).
    /// </summary>
    private double Evaluate(double[] mu)
    {
        var p = _p;
        int d = _d, m = _size, stride = p.Stride;
        ref double ideal = ref MemoryMarshal.GetArrayDataReference(p.Ideal);
        ref double salience = ref MemoryMarshal.GetArrayDataReference(p.Salience);
        ref double weight = ref MemoryMarshal.GetArrayDataReference(p.Weight);
        ref double target = ref MemoryMarshal.GetArrayDataReference(p.Target);
        ref double capacity = ref MemoryMarshal.GetArrayDataReference(p.Capacity);
        ref double point = ref MemoryMarshal.GetArrayDataReference(_trialPoint);
        ref double h = ref MemoryMarshal.GetArrayDataReference(_trialH);
        ref double scale = ref MemoryMarshal.GetArrayDataReference(_trialScale);
        ref double jacobian = ref MemoryMarshal.GetArrayDataReference(_trialJacobian);
        ref double multipliers = ref MemoryMarshal.GetArrayDataReference(mu);
        ref int set = ref MemoryMarshal.GetArrayDataReference(_set);
        double chair = 0;
        for (int k = 0; k < d; k++)
        {
            int row = k * stride;
            double w0 = Unsafe.Add(ref weight, k), a = w0, b = w0 * Unsafe.Add(ref target, k);
            for (int i = 0; i < m; i++)
            {
                int at = row + Unsafe.Add(ref set, i);
                double w = Unsafe.Add(ref multipliers, i) * Unsafe.Add(ref salience, at);
                a += w;
                b += w * Unsafe.Add(ref ideal, at);
            }

            double inverse = 1 / a, free = b * inverse;
            double coordinate = Math.Clamp(free, 0, 1);
            Unsafe.Add(ref point, k) = coordinate;
            Unsafe.Add(ref scale, k) = coordinate == free ? 2 * inverse : 0;
            double gap = coordinate - Unsafe.Add(ref target, k);
            chair += w0 * gap * gap;
        }

        double theta = chair;
        for (int i = 0; i < m; i++)
        {
            int j = Unsafe.Add(ref set, i);
            double loss = 0;
            for (int k = 0; k < d; k++)
            {
                int at = (k * stride) + j;
                double s = Unsafe.Add(ref salience, at), delta = Unsafe.Add(ref point, k) - Unsafe.Add(ref ideal, at);
                loss += s * (delta * delta);
                Unsafe.Add(ref jacobian, (i * d) + k) = s * delta;
            }

            double excess = loss - Unsafe.Add(ref capacity, j);
            Unsafe.Add(ref h, i) = excess;
            theta += Unsafe.Add(ref multipliers, i) * excess;
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
