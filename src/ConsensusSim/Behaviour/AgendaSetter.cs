using ConsensusSim.Model;

namespace ConsensusSim.Behaviour;

/// <summary>
/// The segment rule, and the one-dimensional closed form: the point furthest toward the Chair's own ideal point, on the
/// segment from the status quo, that every State it can win expects to accept. The engine's agenda-setter chooses from
/// the whole win-set instead (<see cref="WinSetSolver"/>); in more than one dimension the segment rule often finds
/// nothing where the win-set holds points the Chair prefers.
/// </summary>
public static class AgendaSetter
{
    /// <summary>
    /// The segment rule: the largest t ∈ [0, 1] such that every State i accepts q + t·(a − q), where accepting means
    /// its expected gain gᵢ is at least <paramref name="required"/>ᵢ (hostage-taking minus blocking
    /// cost). States that require a positive gain cannot be won near the status quo and are ignored.
    /// Exact up to rounding: gains are concave piecewise-linear (linear loss) or concave quadratic (quadratic loss) in t, and
    /// the edge is interpolated in floating point, so a State indifferent there may compute its gain at q + t·(a − q) a hair
    /// below what it requires. The simulation therefore checks the text it tables with the vote's own arithmetic and steps
    /// back toward q by as few doubles as it must.
    /// </summary>
    /// <param name="statusQuo">q, one coordinate per dimension.</param>
    /// <param name="chairIdeal">a, the Chair's ideal point.</param>
    /// <param name="idealPoints">States' ideal points, State-major: index i·D + d.</param>
    /// <param name="salience">States' salience weights, laid out like <paramref name="idealPoints"/>.</param>
    /// <param name="required">The gain each State requires to accept; at most 0 for States that accept the status quo.</param>
    /// <param name="counted">Whether each State's objection counts under the rule; others are ignored.</param>
    /// <param name="loss">The loss function.</param>
    /// <returns>t, the share of the way from q to a.</returns>
    /// <exception cref="ArgumentException">A span is shorter than the dimensions and States need.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="loss"/> is not a defined loss function; a position or salience is not finite, a salience is negative, or a required gain is NaN or +∞.</exception>
    public static double ReachableShare(
        ReadOnlySpan<double> statusQuo,
        ReadOnlySpan<double> chairIdeal,
        ReadOnlySpan<double> idealPoints,
        ReadOnlySpan<double> salience,
        ReadOnlySpan<double> required,
        ReadOnlySpan<bool> counted,
        LossFunction loss)
    {
        int d = statusQuo.Length;
        CheckLengths(d, chairIdeal.Length, idealPoints.Length, salience.Length, required.Length, counted.Length);
        if (!Enum.IsDefined(loss))
        {
            throw new ArgumentOutOfRangeException(nameof(loss), loss, "Not a defined loss function.");
        }

        RequireFinite(statusQuo, nameof(statusQuo), allowNegative: true);
        RequireFinite(chairIdeal[..d], nameof(chairIdeal), allowNegative: true);
        RequireFinite(idealPoints[..(required.Length * d)], nameof(idealPoints), allowNegative: true);
        RequireFinite(salience[..(required.Length * d)], nameof(salience), allowNegative: false);
        foreach (double r in required)
        {
            if (double.IsNaN(r) || double.IsPositiveInfinity(r))
            {
                throw new ArgumentOutOfRangeException(nameof(required), r, "A required gain must be a number below +∞ (−∞ accepts any text).");
            }
        }

        double t = 1.0;
        for (int i = 0; i < required.Length; i++)
        {
            if (!counted[i] || required[i] > 0)
            {
                continue;
            }

            var x = idealPoints.Slice(i * d, d);
            var s = salience.Slice(i * d, d);
            double ti = loss == LossFunction.Linear
                ? LinearShare(statusQuo, chairIdeal, x, s, required[i])
                : QuadraticShare(statusQuo, chairIdeal, x, s, required[i]);
            t = Math.Min(t, ti);
        }

        return t;
    }

    /// <summary>One dimension, status quo below every ideal point, no costs: the closed form min(max(a, q), 2·min xᵢ − q).</summary>
    /// <param name="statusQuo">q.</param>
    /// <param name="chairIdeal">a.</param>
    /// <param name="lowestIdeal">min xᵢ, above q.</param>
    /// <returns>The agenda-setter's outcome.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A position is infinite or not a number, or <paramref name="lowestIdeal"/> is not above <paramref name="statusQuo"/>.</exception>
    public static double ClosedFormOneDimension(double statusQuo, double chairIdeal, double lowestIdeal)
    {
        RequireFinite(statusQuo, nameof(statusQuo));
        RequireFinite(chairIdeal, nameof(chairIdeal));
        RequireFinite(lowestIdeal, nameof(lowestIdeal));
        if (!(lowestIdeal > statusQuo))
        {
            throw new ArgumentOutOfRangeException(nameof(lowestIdeal), lowestIdeal, $"The closed form needs every ideal point above the status quo ({statusQuo}); with one at or below it, no text moves away from q.");
        }

        return Math.Min(Math.Max(chairIdeal, statusQuo), (2 * lowestIdeal) - statusQuo);
    }

    private static void RequireFinite(ReadOnlySpan<double> values, string name, bool allowNegative)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]) || (!allowNegative && values[i] < 0))
            {
                throw new ArgumentOutOfRangeException(name, values[i], $"Element {i} must be a finite number{(allowNegative ? string.Empty : " of at least 0")}.");
            }
        }
    }

    private static void RequireFinite(double value, string name)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(name, value, "Must be a finite number.");
        }
    }

    /// <summary>Spans too short for d dimensions and n States would be read past their ends. Runs once per trial: no allocation.</summary>
    private static void CheckLengths(int d, int chairIdeal, int idealPoints, int salience, int states, int counted)
    {
        long perStates = (long)states * d;
        if (chairIdeal < d)
        {
            throw new ArgumentException("Too short: one coordinate per dimension of the status quo is needed.", nameof(chairIdeal));
        }

        if (idealPoints < perStates)
        {
            throw new ArgumentException("Too short: one coordinate per State (one per required gain) and dimension is needed.", nameof(idealPoints));
        }

        if (salience < perStates)
        {
            throw new ArgumentException("Too short: one weight per State and dimension is needed.", nameof(salience));
        }

        if (counted < states)
        {
            throw new ArgumentException("Too short: one flag per State is needed.", nameof(counted));
        }
    }

    internal static double Gain(ReadOnlySpan<double> q, ReadOnlySpan<double> p, ReadOnlySpan<double> x, ReadOnlySpan<double> s, LossFunction loss)
    {
        double g = 0;
        for (int k = 0; k < q.Length; k++)
        {
            double fromQ = q[k] - x[k];
            double fromP = p[k] - x[k];
            g += s[k] * (loss == LossFunction.Linear
                ? Math.Abs(fromQ) - Math.Abs(fromP)
                : (fromQ * fromQ) - (fromP * fromP));
        }

        return g;
    }

    /// <summary>The dimensions whose break points fit on the stack; a caller's million dimensions would overflow it.</summary>
    private const int MaxStackDimensions = 128;

    private static double LinearShare(ReadOnlySpan<double> q, ReadOnlySpan<double> a, ReadOnlySpan<double> x, ReadOnlySpan<double> s, double required)
    {
        // g(t) is linear between the points where the segment crosses an ideal coordinate; walk them in order.
        int d = q.Length;
        Span<double> breaks = d < MaxStackDimensions ? stackalloc double[MaxStackDimensions + 1] : new double[d + 1];
        int n = 0;
        for (int k = 0; k < d; k++)
        {
            double delta = a[k] - q[k];
            if (delta != 0)
            {
                double tk = (x[k] - q[k]) / delta;
                if (tk > 0 && tk < 1)
                {
                    breaks[n++] = tk;
                }
            }
        }

        breaks[n++] = 1.0;
        breaks[..n].Sort();
        double tPrev = 0, gPrev = 0;
        for (int j = 0; j < n; j++)
        {
            double tj = breaks[j];
            double gj = GainAt(q, a, x, s, tj);
            if (gj < required)
            {
                // Linear on [tPrev, tj]: the crossing is exact.
                return tPrev + ((tj - tPrev) * (gPrev - required) / (gPrev - gj));
            }

            tPrev = tj;
            gPrev = gj;
        }

        return 1.0;
    }

    private static double QuadraticShare(ReadOnlySpan<double> q, ReadOnlySpan<double> a, ReadOnlySpan<double> x, ReadOnlySpan<double> s, double required)
    {
        // g(t) = −A·t² − B·t with A = Σ s·Δ², B = Σ 2·s·Δ·(q − x); accept while A·t² + B·t + required ≤ 0.
        double quad = 0, lin = 0;
        for (int k = 0; k < q.Length; k++)
        {
            double delta = a[k] - q[k];
            quad += s[k] * delta * delta;
            lin += 2 * s[k] * delta * (q[k] - x[k]);
        }

        if (quad == 0)
        {
            return (lin <= 0 || -lin >= required) ? 1.0 : Math.Clamp(-required / lin, 0, 1);
        }

        double root = (-lin + Math.Sqrt(Math.Max(0, (lin * lin) - (4 * quad * required)))) / (2 * quad);
        return Math.Clamp(root, 0, 1);
    }

    private static double GainAt(ReadOnlySpan<double> q, ReadOnlySpan<double> a, ReadOnlySpan<double> x, ReadOnlySpan<double> s, double t)
    {
        double g = 0;
        for (int k = 0; k < q.Length; k++)
        {
            double p = q[k] + (t * (a[k] - q[k]));
            g += s[k] * (Math.Abs(q[k] - x[k]) - Math.Abs(p - x[k]));
        }

        return g;
    }
}
