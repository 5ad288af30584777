namespace ConsensusSim.Behaviour;

/// <summary>
/// The Chair's problem by the ellipsoid method (Shor; Yudin and Nemirovski), for the rare instance on which the
/// active-set solvers reach their iteration limit: slow, but it converges on any convex instance and proves what it
/// answers. An ellipsoid E = {x : (x − c)ᵀP⁻¹(x − c) ≤ 1}, at first the ball around the box, always holds every point
/// that every needed State accepts and that costs the Chair no more than the best point found so far (or than q less the
/// tolerance, when q is acceptable). Each step cuts E through its center c by a half-space that holds all those points
/// — a box face c leaves, the constraint of the State c violates most, or the Chair's own loss — taken as deep as
/// convexity allows: f(x) ≥ f(c) + g·(x − c) for the subgradient g of the function f cut on. Every center is a lower
/// bound's witness, min over E of the Chair's loss ≥ L_a(c) − √(gᵀPg) with g its gradient, and every center that every
/// needed State accepts is a candidate. Proven answers: the best candidate is within <see cref="WinSetSolver.Tolerance"/>
/// of that bound; a cut that leaves nothing of E (no acceptable point beats the bound it cut on: gridlock or the best
/// candidate); or the bound reaches q's loss. In D dimensions the volume falls by at least e^(−1/(2D+2)) a step; the step
/// limit, 100 + 120·D·(D + 1), lets every axis shrink by 10⁻²⁶. Arithmetic is + − × ÷ and √ only.
/// </summary>
internal sealed class WinSetEllipsoid
{
    private readonly WinSetInstance _p;
    private readonly int _d;
    private readonly double[] _center;
    private readonly double[] _root;
    private readonly double[] _gradient;
    private readonly double[] _unit;
    private readonly double[] _along;
    private readonly double[] _best;

    public WinSetEllipsoid(WinSetInstance problem)
    {
        _p = problem;
        _d = problem.Dimensions;
        _center = new double[_d];
        _root = new double[_d * _d];
        _gradient = new double[_d];
        _unit = new double[_d];
        _along = new double[_d];
        _best = new double[_d];
    }

    /// <summary>Whether the last answer was proven (false: the step limit came first, or rounding broke the ellipsoid).</summary>
    public bool Proven { get; private set; }

    /// <summary>At most this many steps (for tests that need the limit reached).</summary>
    public int StepLimit { get; set; } = int.MaxValue;

    /// <summary>The Chair's loss at the proposal of the last solve, when it tabled one.</summary>
    public double ProposalLoss { get; private set; }

    /// <summary>Solves the instance loaded in the problem; writes p when the Chair tables it.</summary>
    public WinSetStatus Solve(Span<double> proposal)
    {
        var p = _p;
        int d = _d;
        Start();
        bool found = false;
        double bestLoss = double.PositiveInfinity;
        double upper = p.StatusQuoAcceptable ? p.StatusQuoLoss - WinSetSolver.Tolerance : double.PositiveInfinity;
        double lower = double.NegativeInfinity;
        Proven = true;
        int maxSteps = Math.Min(StepLimit, 100 + (120 * d * (d + 1)));
        for (int step = 0; step < maxSteps; step++)
        {
            double depth, width;
            if (BoxCut(out depth))
            {
                width = Width();
            }
            else
            {
                int j = p.MostViolated(_center, out double excess);
                double loss = p.ChairLoss(_center);
                if (excess <= WinSetSolver.Margin / 2 && loss < bestLoss)
                {
                    found = true;
                    bestLoss = loss;
                    upper = Math.Min(upper, loss);
                    _center.CopyTo(_best, 0);
                }

                if (excess > WinSetSolver.Margin / 2)
                {
                    // Cut at the acceptance the Chair counts on (as the active-set methods do), so that every point it
                    // would take stays in E and a proof covers all of them.
                    StateGradient(j);
                    depth = excess - (WinSetSolver.Margin / 2);
                    width = Width();
                }
                else
                {
                    ChairGradient();
                    width = Width();
                    if (width == 0)
                    {
                        // The Chair's ideal point itself, acceptable to all.
                        return Finish(proposal, found, bestLoss);
                    }

                    lower = Math.Max(lower, loss - width);
                    depth = Math.Max(0, loss - upper);
                }
            }

            if (found ? bestLoss - lower <= WinSetSolver.Tolerance : lower >= upper)
            {
                return Finish(proposal, found, bestLoss);
            }

            if (!(width > 0) || !double.IsFinite(width))
            {
                break;
            }

            if (depth >= width)
            {
                // Nothing of E is on the kept side of the cut: nothing acceptable beats the best found, or q.
                return Finish(proposal, found, bestLoss);
            }

            Cut(depth / width, width);
        }

        Proven = false;
        return Finish(proposal, found, bestLoss);
    }

    private WinSetStatus Finish(Span<double> proposal, bool found, double bestLoss)
    {
        var p = _p;
        ProposalLoss = bestLoss;
        if (found && bestLoss < p.StatusQuoLoss - WinSetSolver.Tolerance)
        {
            _best.CopyTo(proposal);
            return WinSetStatus.Tabled;
        }

        return found || p.StatusQuoAcceptable ? WinSetStatus.StatusQuoBest : WinSetStatus.Empty;
    }

    /// <summary>The ball around the box: center ½ on every dimension, radius √D/2.</summary>
    private void Start()
    {
        Array.Fill(_center, 0.5);
        Array.Clear(_root);
        for (int k = 0; k < _d; k++)
        {
            _root[(k * _d) + k] = Math.Sqrt(_d) / 2;
        }
    }

    /// <summary>The box face the center lies furthest beyond, if any, as a cut.</summary>
    private bool BoxCut(out double depth)
    {
        depth = 0;
        int face = -1;
        for (int k = 0; k < _d; k++)
        {
            double beyond = Math.Max(-_center[k], _center[k] - 1);
            if (beyond > depth)
            {
                depth = beyond;
                face = k;
            }
        }

        if (face < 0)
        {
            return false;
        }

        Array.Clear(_gradient);
        _gradient[face] = _center[face] < 0 ? -1 : 1;
        return true;
    }

    /// <summary>A subgradient of needed State j's loss at the center.</summary>
    private void StateGradient(int j)
    {
        var p = _p;
        for (int k = 0; k < _d; k++)
        {
            _gradient[k] = Slope(p.S(j, k), _center[k] - p.X(j, k));
        }
    }

    /// <summary>A subgradient of the Chair's loss at the center.</summary>
    private void ChairGradient()
    {
        var p = _p;
        for (int k = 0; k < _d; k++)
        {
            _gradient[k] = Slope(p.Weight[k], _center[k] - p.Target[k]);
        }
    }

    private double Slope(double weight, double delta) =>
        _p.Loss == Model.LossFunction.Linear ? weight * Math.Sign(delta) : 2 * weight * delta;

    /// <summary>√(gᵀPg) = |Jᵀg|: how far the gradient's function can fall across E; u = Jᵀg/|Jᵀg| is kept for the cut.</summary>
    private double Width()
    {
        int d = _d;
        double sum = 0;
        for (int r = 0; r < d; r++)
        {
            double v = 0;
            for (int k = 0; k < d; k++)
            {
                v += _root[(k * d) + r] * _gradient[k];
            }

            _unit[r] = v;
            sum += v * v;
        }

        return Math.Sqrt(sum);
    }

    /// <summary>
    /// The least ellipsoid holding E ∩ {x : g·(x − c) ≤ −α√(gᵀPg)} (the deep-cut update), with u from <see cref="Width"/>:
    /// c ← c − τ·Ju and J ← √δ·J(I − β·uuᵀ), where (I − β·uuᵀ)² = I − σ·uuᵀ is the update of P = JJᵀ, which so stays
    /// positive semidefinite whatever the rounding (updating P itself lost that on thin ellipsoids); in one dimension, that
    /// interval exactly.
    /// </summary>
    private void Cut(double alpha, double width)
    {
        int d = _d;
        double n = d;
        double move = (1 + (n * alpha)) / (n + 1);
        for (int r = 0; r < d; r++)
        {
            _unit[r] /= width;
        }

        for (int r = 0; r < d; r++)
        {
            double v = 0;
            for (int k = 0; k < d; k++)
            {
                v += _root[(r * d) + k] * _unit[k];
            }

            _along[r] = v;
            _center[r] -= move * v;
        }

        if (d == 1)
        {
            _root[0] *= (1 - alpha) / 2;
            return;
        }

        double shrink = 2 * (1 + (n * alpha)) / ((n + 1) * (1 + alpha));
        double scale = Math.Sqrt(n * n * (1 - (alpha * alpha)) / ((n * n) - 1));
        double beta = 1 - Math.Sqrt(1 - shrink);
        for (int r = 0; r < d; r++)
        {
            for (int k = 0; k < d; k++)
            {
                _root[(r * d) + k] = scale * (_root[(r * d) + k] - (beta * _along[r] * _unit[k]));
            }
        }
    }
}
