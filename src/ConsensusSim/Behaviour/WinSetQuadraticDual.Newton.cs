using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ConsensusSim.Behaviour;

// The dual method's uphill steps on θ, apart from its bookkeeping: Newton on the active multipliers (secular
// equations), a projected arc search, and the Gram matrix they need.
internal sealed partial class WinSetQuadraticDual
{
    /// <summary>
    /// One step uphill on θ: a dual step where the active constraints depend on each other; else a Newton step on the
    /// secular equations if it needs at most three halvings; else the better of that step searched to the end and the
    /// secular step of the single multiplier that promises most (the multipliers' coupling can mislead the whole step
    /// far from the solution: a thin slab beside an ellipse, say); else Newton on h itself; else the gradient. False if
    /// none raises θ (it is at its maximum on the active set, as far as rounding can tell).
    /// </summary>
    private bool Step()
    {
        int m = _size, stride = _capacity;
        BuildGram();
        if (_changed)
        {
            // Whether the gradients depend on each other changes with the active set, hardly ever as p moves within it.
            int r = SmallMatrix.Cholesky(_shape, m, stride, Dependent);
            if (r < m)
            {
                return DualStep(r);
            }

            _changed = false;
        }

        if (SmallMatrix.Cholesky(_gram, m, stride, 0) == m)
        {
            Prepare(StepKind.Secular);
            if (Probe(ShortHalvings) > 0)
            {
                Accept(_probed);
                return true;
            }

            // The first four lengths of the whole step were just refused; the search goes on from the fifth.
            double whole = Probe(50, ShortHalvings), wholeTheta = _probed;
            double single = 0;
            if (m > 1)
            {
                Prepare(StepKind.SingleSecular);
                single = Probe(50);
            }

            if (single > 0 && (whole == 0 || _probed > wholeTheta))
            {
                // The single step was probed last: the trial arrays hold its evaluation.
                Accept(_probed);
                return true;
            }

            if (whole > 0)
            {
                Prepare(StepKind.Secular);
                return Take(whole);
            }

            Prepare(StepKind.Newton);
            if (Probe(50) is > 0 and var t)
            {
                return Take(t);
            }
        }

        Prepare(StepKind.Gradient);
        return Probe(50) is > 0 and var length && Take(length);
    }

    /// <summary>The step of the given kind into the step array (the Gram matrix factored, but for the gradient).</summary>
    private void Prepare(StepKind kind)
    {
        int m = _size;
        for (int i = 0; i < m; i++)
        {
            // Along the gradient, scaled by the curvature of each multiplier alone.
            _step[i] = kind == StepKind.Gradient ? _h[i] / Math.Max(_diagonal[i], double.Epsilon) : _h[i];
        }

        if (kind is StepKind.Secular or StepKind.SingleSecular)
        {
            Secular();
        }

        if (kind == StepKind.SingleSecular)
        {
            SingleMultiplier();
        }
        else if (kind != StepKind.Gradient)
        {
            SmallMatrix.CholeskySolve(_gram, m, _capacity, _step);
        }
    }

    /// <summary>Moves to μ(t) = max(0, μ + t·δ) along the step array.</summary>
    private bool Take(double t)
    {
        for (int i = 0; i < _size; i++)
        {
            _trialMu[i] = Math.Max(0, _mu[i] + (t * _step[i]));
        }

        Accept(Evaluate(_trialMu));
        return true;
    }

    /// <summary>
    /// Keeps, of the secular right-hand side in the step array, the one multiplier whose own Newton step promises θ the
    /// largest rise (h̃ᵢ·hᵢ/Gᵢᵢ) and scales it by its own curvature; the others stay.
    /// </summary>
    private void SingleMultiplier()
    {
        int best = 0;
        double most = double.NegativeInfinity;
        for (int i = 0; i < _size; i++)
        {
            double rise = _step[i] * _h[i] / Math.Max(_diagonal[i], double.Epsilon);
            if (rise > most)
            {
                most = rise;
                best = i;
            }
        }

        double step = _step[best] / Math.Max(_diagonal[best], double.Epsilon);
        _step.AsSpan(0, _size).Clear();
        _step[best] = step;
    }

    /// <summary>
    /// The right-hand side of the Newton step, into the step array: for hⱼ = Lⱼ − cⱼ, Newton's method on 1/√Lⱼ = 1/√cⱼ
    /// instead (the same root; Moré and Sorensen's secular equation), which is nearly linear in the multipliers where hⱼ
    /// is a sum of inverse squares, so a new constraint is tight in one or two steps rather than four: G·δ = h̃ with
    /// h̃ⱼ = 2Lⱼ(√(Lⱼ/cⱼ) − 1), which is hⱼ to first order.
    /// </summary>
    private void Secular()
    {
        var p = _p;
        for (int i = 0; i < _size; i++)
        {
            double capacity = p.Capacity[_set[i]], loss = _h[i] + capacity;
            _step[i] = capacity > 0 && loss > 0 ? 2 * loss * (Math.Sqrt(loss / capacity) - 1) : _h[i];
        }
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
        ref double jacobian = ref MemoryMarshal.GetArrayDataReference(_jacobian);
        ref double columns = ref MemoryMarshal.GetArrayDataReference(_columns);
        ref double scale = ref MemoryMarshal.GetArrayDataReference(_scale);
        ref double gram = ref MemoryMarshal.GetArrayDataReference(_gram);
        ref double shapes = ref MemoryMarshal.GetArrayDataReference(_shape);
        for (int k = 0; k < d; k++)
        {
            double norm = 0;
            for (int a = 0; a < m; a++)
            {
                double entry = Unsafe.Add(ref jacobian, (a * d) + k);
                norm += entry * entry;
            }

            Unsafe.Add(ref columns, k) = norm > 0 ? 1 / norm : 0;
        }

        for (int a = 0; a < m; a++)
        {
            ref double rowA = ref Unsafe.Add(ref jacobian, a * d);
            for (int b = 0; b <= a; b++)
            {
                ref double rowB = ref Unsafe.Add(ref jacobian, b * d);
                double sum = 0, shape = 0;
                for (int k = 0; k < d; k++)
                {
                    double product = Unsafe.Add(ref rowA, k) * Unsafe.Add(ref rowB, k);
                    sum += Unsafe.Add(ref scale, k) * product;
                    shape += Unsafe.Add(ref columns, k) * product;
                }

                Unsafe.Add(ref gram, (a * stride) + b) = Unsafe.Add(ref gram, (b * stride) + a) = sum;
                Unsafe.Add(ref shapes, (a * stride) + b) = Unsafe.Add(ref shapes, (b * stride) + a) = shape;
                if (a == b)
                {
                    _diagonal[a] = sum;
                }
            }
        }
    }

    /// <summary>
    /// Projected arc search along the step: μ(t) = max(0, μ + t·δ), halving t (at most the given number of times) until
    /// θ rises by a share of what the gradient predicts. Near the solution θ's rise can fall below its rounding, so a
    /// step is also taken if it halves the largest |hⱼ| of the active constraints and θ falls by no more than 10⁻¹² of
    /// itself (every θ(μ) is a valid lower bound whatever is accepted). The first <paramref name="skip"/> lengths, refused
    /// by an earlier search along the same step, are not tried again. Returns t, with θ there in the probed value and
    /// the evaluation in the trial arrays, or 0 if no t will do.
    /// </summary>
    private double Probe(int halvings, int skip = 0)
    {
        int m = _size;
        double t = 1;
        for (int i = 0; i < skip; i++)
        {
            t *= 0.5;
        }

        for (int tries = skip; tries < halvings; tries++, t *= 0.5)
        {
            double predicted = 0;
            for (int i = 0; i < m; i++)
            {
                _trialMu[i] = Math.Max(0, _mu[i] + (t * _step[i]));
                predicted += _h[i] * (_trialMu[i] - _mu[i]);
            }

            if (!(predicted > 0))
            {
                // Not uphill at this length (a bound cuts the step): shorter, or not at all.
                continue;
            }

            double theta = Evaluate(_trialMu);
            double noise = 1e-15 * (1 + Math.Abs(_theta));
            if (theta - _theta >= 1e-4 * predicted
                || (tries == 0 && predicted <= noise && theta >= _theta - noise)
                || (Residual(_trialH) <= Residual(_h) / 2 && theta >= _theta - (1000 * noise)))
            {
                _probed = theta;
                return t;
            }
        }

        return 0;
    }

    /// <summary>Halvings of the whole secular step tried before the single-multiplier step competes with it.</summary>
    private const int ShortHalvings = 4;

    /// <summary>The uphill steps <see cref="Step"/> tries.</summary>
    private enum StepKind
    {
        Secular,
        SingleSecular,
        Newton,
        Gradient,
    }
}
