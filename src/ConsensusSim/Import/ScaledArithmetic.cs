namespace ConsensusSim.Import;

/// <summary>
/// Sums and products of non-negative finite numbers that neither overflow nor underflow: values are
/// scaled by a power of two, which is exact, so for ordinary magnitudes the results are bit-identical
/// to plain arithmetic, and at the extremes a table allows (powers of 1e308 or 1e-320) the ratios survive.
/// </summary>
internal static class ScaledArithmetic
{
    /// <summary>The binary exponent that brings <paramref name="largest"/> into [1, 2); 0 for 0.</summary>
    public static int Exponent(double largest) => largest > 0 ? Math.ILogB(largest) : 0;

    /// <summary>
    /// Per item <paramref name="a"/>[i] × <paramref name="b"/>[i], all multiplied by the one power of two that puts
    /// the largest product in [1, 4): their ratios, with a sum of at most 4 × the count. A product is 0 where a
    /// factor is, or where it is below 2⁻¹⁰²² of the largest.
    /// </summary>
    public static double[] Products(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        var mantissas = new double[a.Count];
        var exponents = new int[a.Count];
        int top = int.MinValue;
        for (int i = 0; i < a.Count; i++)
        {
            if (a[i] > 0 && b[i] > 0)
            {
                int ea = Math.ILogB(a[i]), eb = Math.ILogB(b[i]);
                mantissas[i] = Math.ScaleB(a[i], -ea) * Math.ScaleB(b[i], -eb);
                exponents[i] = ea + eb;
                top = Math.Max(top, exponents[i]);
            }
        }

        var products = new double[a.Count];
        for (int i = 0; i < a.Count; i++)
        {
            if (mantissas[i] > 0)
            {
                products[i] = Math.ScaleB(mantissas[i], exponents[i] - top);
            }
        }

        return products;
    }

    /// <summary>Each value divided by the largest, so the largest is 1; all 0 when every value is 0.</summary>
    public static double[] Normalised(IReadOnlyList<double> values)
    {
        double largest = values.Count == 0 ? 0 : values.Max();
        return [.. values.Select(x => largest > 0 ? x / largest : 0)];
    }
}
