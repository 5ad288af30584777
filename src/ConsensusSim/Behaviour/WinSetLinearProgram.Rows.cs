namespace ConsensusSim.Behaviour;

// The linear program's rows apart from its pivots: which row the vertex violates (most, or first for Bland's rule),
// the facet of a State's L1 ball that row is, and its coefficients.
internal sealed partial class WinSetLinearProgram
{
    /// <summary>The row the vertex violates most by more than half the margin, built into the entering row; −1 if none.</summary>
    private long MostViolated()
    {
        var p = _p;
        int d = _d;
        double worst = WinSetSolver.Margin / 2;
        long key = -1;
        for (int k = 0; k < d; k++)
        {
            double gap = _z[k] - p.Target[k], u = _z[d + k];
            Consider(gap - u, 2 * k, ref worst, ref key);
            Consider(-gap - u, (2 * k) + 1, ref worst, ref key);
            Consider(_z[k] - 1, (2 * d) + (2 * k), ref worst, ref key);
            Consider(-_z[k], (2 * d) + (2 * k) + 1, ref worst, ref key);
        }

        int j = p.MostViolated(_z.AsSpan(0, d), out double excess);
        if (excess > worst)
        {
            key = FacetKey(j, SignMask(j));
        }

        if (key >= 0)
        {
            BuildRow(key);
        }

        return key;
    }

    /// <summary>Bland's choice: the violated row with the least index (objective rows, then bounds, then States' facets in order).</summary>
    private long LeastViolated()
    {
        var p = _p;
        int d = _d;
        double tolerance = WinSetSolver.Margin / 2;
        for (int k = 0; k < d; k++)
        {
            double gap = _z[k] - p.Target[k], u = _z[d + k];
            if (gap - u > tolerance)
            {
                return Built(2 * k);
            }

            if (-gap - u > tolerance)
            {
                return Built((2 * k) + 1);
            }
        }

        for (int k = 0; k < d; k++)
        {
            if (_z[k] - 1 > tolerance)
            {
                return Built((2 * d) + (2 * k));
            }

            if (-_z[k] > tolerance)
            {
                return Built((2 * d) + (2 * k) + 1);
            }
        }

        for (int j = 0; j < p.Count; j++)
        {
            if (p.LossOf(j, _z.AsSpan(0, d)) - p.Capacity[j] > tolerance)
            {
                return Built(FacetKey(j, LeastViolatedFacet(j, tolerance)));
            }
        }

        return -1;
    }

    private long Built(long key)
    {
        BuildRow(key);
        return key;
    }

    /// <summary>The least sign mask (bit d set: σ_d = −1) whose facet of State j the vertex violates.</summary>
    private ulong LeastViolatedFacet(int j, double tolerance)
    {
        int d = _d;
        if (d > ListedFacetDimensions)
        {
            return SignMask(j);
        }

        var p = _p;
        for (ulong mask = 0; mask < (1UL << d); mask++)
        {
            double sum = -p.Capacity[j];
            for (int k = 0; k < d; k++)
            {
                double delta = _z[k] - p.X(j, k);
                sum += p.S(j, k) * ((mask >> k & 1) == 0 ? delta : -delta);
            }

            if (sum > tolerance)
            {
                return mask;
            }
        }

        return SignMask(j);
    }

    /// <summary>The signs of p − x_j as a mask (bit d set where p_d &lt; x_jd): the facet the vertex violates most.</summary>
    private ulong SignMask(int j)
    {
        ulong mask = 0;
        for (int k = 0; k < _d && k < 64; k++)
        {
            mask |= _z[k] < _p.X(j, k) ? 1UL << k : 0;
        }

        return mask;
    }

    /// <summary>Orders facets after the 4D fixed rows, by State and then by sign mask (its first 20 dimensions).</summary>
    private long FacetKey(int j, ulong mask) => (4L * _d) + ((long)j << KeyMaskBits) + (long)(mask & ((1UL << KeyMaskBits) - 1));

    /// <summary>Builds row <paramref name="key"/>'s coefficients into the entering row and its right-hand side.</summary>
    private void BuildRow(long key)
    {
        var p = _p;
        int d = _d;
        // A loop: the row is a few doubles, and a call to clear them costs more than storing them.
        for (int k = 0; k < _n; k++)
        {
            _entering[k] = 0;
        }

        if (key < 2 * d)
        {
            int k = (int)(key / 2);
            double sign = key % 2 == 0 ? 1 : -1;
            _entering[k] = sign;
            _entering[d + k] = -1;
            EnteringRhs = sign * p.Target[k];
        }
        else if (key < 4 * d)
        {
            int k = (int)((key - (2 * d)) / 2);
            bool upper = (key - (2 * d)) % 2 == 0;
            _entering[k] = upper ? 1 : -1;
            EnteringRhs = upper ? 1 : 0;
        }
        else
        {
            BuildFacet(key);
        }
    }

    private void BuildFacet(long key)
    {
        var p = _p;
        int d = _d;
        long facet = key - (4L * d);
        int j = (int)(facet >> KeyMaskBits);
        ulong mask = (ulong)(facet & ((1L << KeyMaskBits) - 1));
        bool listed = d <= KeyMaskBits;
        double rhs = p.Capacity[j];
        for (int k = 0; k < d; k++)
        {
            bool negative = listed ? (mask >> k & 1) == 1 : _z[k] < p.X(j, k);
            double coefficient = negative ? -p.S(j, k) : p.S(j, k);
            _entering[k] = coefficient;
            rhs += coefficient * p.X(j, k);
        }

        EnteringRhs = rhs;
    }

    private static void Consider(double violation, long key, ref double worst, ref long best)
    {
        if (violation > worst)
        {
            worst = violation;
            best = key;
        }
    }
}
