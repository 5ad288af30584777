namespace ConsensusSim.Behaviour;

/// <summary>
/// Dense n×n systems for the win-set solvers, n at most a few times the dimensions, row-major in caller-owned spans.
/// Only + − × ÷ and √, in a fixed order: the same bits on every machine.
/// </summary>
internal static class SmallMatrix
{
    /// <summary>Factors A = P·L·U in place with partial pivoting; false if a pivot is exactly 0.</summary>
    public static bool Factor(Span<double> a, Span<int> pivot, int n)
    {
        for (int col = 0; col < n; col++)
        {
            int best = col;
            double largest = Math.Abs(a[(col * n) + col]);
            for (int row = col + 1; row < n; row++)
            {
                double v = Math.Abs(a[(row * n) + col]);
                if (v > largest)
                {
                    largest = v;
                    best = row;
                }
            }

            if (largest == 0)
            {
                return false;
            }

            pivot[col] = best;
            if (best != col)
            {
                for (int k = 0; k < n; k++)
                {
                    (a[(col * n) + k], a[(best * n) + k]) = (a[(best * n) + k], a[(col * n) + k]);
                }
            }

            double inverse = 1.0 / a[(col * n) + col];
            for (int row = col + 1; row < n; row++)
            {
                double factor = a[(row * n) + col] * inverse;
                a[(row * n) + col] = factor;
                for (int k = col + 1; k < n; k++)
                {
                    a[(row * n) + k] -= factor * a[(col * n) + k];
                }
            }
        }

        return true;
    }

    /// <summary>Solves A·x = b in place, A as <see cref="Factor"/> left it.</summary>
    public static void Solve(ReadOnlySpan<double> lu, ReadOnlySpan<int> pivot, int n, Span<double> b)
    {
        for (int i = 0; i < n; i++)
        {
            (b[i], b[pivot[i]]) = (b[pivot[i]], b[i]);
        }

        for (int i = 1; i < n; i++)
        {
            double sum = b[i];
            for (int k = 0; k < i; k++)
            {
                sum -= lu[(i * n) + k] * b[k];
            }

            b[i] = sum;
        }

        for (int i = n - 1; i >= 0; i--)
        {
            double sum = b[i];
            for (int k = i + 1; k < n; k++)
            {
                sum -= lu[(i * n) + k] * b[k];
            }

            b[i] = sum / lu[(i * n) + i];
        }
    }

    /// <summary>
    /// Cholesky factor L (lower, in place, stride <paramref name="stride"/>) of a symmetric positive semidefinite matrix, row
    /// by row; returns the first row whose pivot is not above <paramref name="relative"/> times its diagonal entry — that row
    /// depends on the rows before it — or n if every pivot is positive. Rows before the returned one are factored.
    /// </summary>
    public static int Cholesky(Span<double> a, int n, int stride, double relative)
    {
        for (int i = 0; i < n; i++)
        {
            double diagonal = a[(i * stride) + i];
            for (int j = 0; j < i; j++)
            {
                double sum = a[(i * stride) + j];
                for (int k = 0; k < j; k++)
                {
                    sum -= a[(i * stride) + k] * a[(j * stride) + k];
                }

                a[(i * stride) + j] = sum / a[(j * stride) + j];
            }

            double pivot = diagonal;
            for (int k = 0; k < i; k++)
            {
                pivot -= a[(i * stride) + k] * a[(i * stride) + k];
            }

            if (!(pivot > relative * diagonal) || diagonal <= 0)
            {
                return i;
            }

            a[(i * stride) + i] = Math.Sqrt(pivot);
        }

        return n;
    }

    /// <summary>
    /// After <see cref="Cholesky"/> stopped at row r: β with G_rr-block·β = G[0..r, r], so that row r of the underlying
    /// vectors is Σ βⱼ·(row j) — from the row's factored part, L_{r,&lt;r} = L⁻¹·G[0..r, r], by Lᵀ·β = L_{r,&lt;r}.
    /// </summary>
    public static void DependentCombination(ReadOnlySpan<double> l, int r, int stride, Span<double> beta)
    {
        for (int i = r - 1; i >= 0; i--)
        {
            double sum = l[(r * stride) + i];
            for (int k = i + 1; k < r; k++)
            {
                sum -= l[(k * stride) + i] * beta[k];
            }

            beta[i] = sum / l[(i * stride) + i];
        }
    }

    /// <summary>Solves L·Lᵀ·x = b in place for the leading n×n block of a <see cref="Cholesky"/> factor.</summary>
    public static void CholeskySolve(ReadOnlySpan<double> l, int n, int stride, Span<double> b)
    {
        for (int i = 0; i < n; i++)
        {
            double sum = b[i];
            for (int k = 0; k < i; k++)
            {
                sum -= l[(i * stride) + k] * b[k];
            }

            b[i] = sum / l[(i * stride) + i];
        }

        for (int i = n - 1; i >= 0; i--)
        {
            double sum = b[i];
            for (int k = i + 1; k < n; k++)
            {
                sum -= l[(k * stride) + i] * b[k];
            }

            b[i] = sum / l[(i * stride) + i];
        }
    }
}
