using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ConsensusSim.Numerics;

/// <summary>
/// A quantile function tabulated once and then evaluated in a few nanoseconds: a parameter drawn per trial pays a
/// polynomial instead of an inversion (a Beta quantile costs about 250 ns solved exactly).
/// <para>
/// The axis: u below ½ by w = u, u at or above ½ by w = 1 − u (exact there), and each half cut into octaves
/// w ∈ [2^−(o+1), 2^−o), o = 1 … <see cref="Octaves"/>, so the tails, where a Beta quantile behaves like w^(1/a) and a
/// normal's like √(2 ln(1/w)), are as finely cut as their shape needs. Within an octave the function of w is smooth
/// (its singularity at w = 0 lies an octave's width away), and each octave is split into 2^L equal pieces, L the
/// smallest level at which every piece meets the tolerance, each piece a polynomial of degree <see cref="Degree"/>
/// interpolating the exact quantile at the Chebyshev extrema and checked at 14 points between them. The upper half is
/// tabulated from a function of w itself (for a Beta, 1 − the mirrored Beta's quantile), so its tail keeps the
/// precision that 1 − u would lose.
/// </para>
/// <para>
/// Evaluating takes the exponent of w, two exact scalings and a Horner polynomial with fused multiply-adds: only
/// correctly rounded operations, so a draw has the same bits on every machine. Probabilities the table does not cover
/// (0 and 1 give the ends; w below 2^−55 no trial's uniform gives) and octaves no table fits go to the exact function.
/// </para>
/// </summary>
/// <remarks><threadsafety>Immutable after construction; safe to share between threads.</threadsafety></remarks>
internal sealed partial class QuantileTable
{
    /// <summary>The degree of each piece's polynomial.</summary>
    internal const int Degree = 7;

    /// <summary>Octaves per half: w down to 2^−55, below a trial's smallest nonzero w of 2^−53.</summary>
    internal const int Octaves = 54;

    private const int Coefficients = Degree + 1;
    private const int MaxLevel = 8;
    private const int LevelBits = 5;
    private const int LevelMask = (1 << LevelBits) - 1;
    private const int ExactLevel = LevelMask;

    // cos(πj/7), j = 0 … 7: the interpolation nodes on [−1, 1] (literals, not computed: the platform's cosine may differ).
    private static readonly double[] Nodes =
    [
        1.0, 0.9009688679024191, 0.6234898018587336, 0.22252093395631440,
        -0.22252093395631440, -0.6234898018587336, -0.9009688679024191, -1.0,
    ];

    // cos(π(2j + 1)/28), j = 0 … 13: two checks between each pair of neighbouring nodes.
    private static readonly double[] Checks =
    [
        0.9937122098932426, 0.9438833303083676, 0.8467241992282841, 0.7071067811865476, 0.5320320765153366,
        0.3302790619551673, 0.11196447610330769, -0.11196447610330769, -0.3302790619551673, -0.5320320765153366,
        -0.7071067811865476, -0.8467241992282841, -0.9438833303083676, -0.9937122098932426,
    ];

    private readonly double[] _coefficients;
    private readonly int[] _cells;
    private readonly Func<double, double> _lower;
    private readonly Func<double, double> _upper;
    private readonly double _min;
    private readonly double _max;

    private QuantileTable(double[] coefficients, int[] cells, Func<double, double> lower, Func<double, double> upper, double min, double max)
    {
        _coefficients = coefficients;
        _cells = cells;
        _lower = lower;
        _upper = upper;
        _min = min;
        _max = max;
    }

    /// <summary>The number of polynomial pieces (for tests and the benchmark's notes).</summary>
    internal int Pieces => _coefficients.Length / Coefficients;

    /// <summary>The number of octaves left to the exact function because no 2⁸ pieces fit them (for tests).</summary>
    internal int ExactOctaves => _cells.Count(cell => (cell & LevelMask) == ExactLevel);

    /// <summary>
    /// Tabulates a quantile function to within <paramref name="tolerance"/> at every check point. An octave that 2⁸ pieces
    /// do not fit is left to the exact function: in practice a far tail where the exact function itself is resolved only
    /// to the uniform's rounding (a normal truncated 39 sd out, whose last e⁻³⁹ of probability 53 bits cannot split).
    /// </summary>
    /// <param name="lower">Q(w) for w in (0, ½].</param>
    /// <param name="upper">Q(1 − w) for w in (0, ½], computed without forming 1 − w.</param>
    /// <param name="min">Q(0), the smallest value a draw may take.</param>
    /// <param name="max">Q(1), the largest value a draw may take.</param>
    /// <param name="tolerance">The largest absolute error allowed at a check point.</param>
    /// <returns>The table.</returns>
    public static QuantileTable Build(Func<double, double> lower, Func<double, double> upper, double min, double max, double tolerance)
    {
        var coefficients = new List<double>();
        // Pinned, so that the eight-lane evaluation can gather from the cells by address.
        var cells = GC.AllocateArray<int>(2 * Octaves, pinned: true);
        for (int half = 0; half < 2; half++)
        {
            var f = half == 0 ? lower : upper;
            for (int o = 1; o <= Octaves; o++)
            {
                int level = FitOctave(f, o, tolerance, out var pieces);
                cells[(half * Octaves) + o - 1] = ((coefficients.Count / Coefficients) << LevelBits) | level;
                coefficients.AddRange(pieces);
            }
        }

        return new QuantileTable([.. coefficients], cells, lower, upper, min, max);
    }

    /// <summary>Q(<paramref name="u"/>) to the table's tolerance, within [min, max].</summary>
    /// <param name="u">A probability; 0 or less gives min, 1 or more max, NaN NaN.</param>
    /// <returns>The quantile.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double At(double u)
    {
        if (!(u > 0 && u < 1))
        {
            return double.IsNaN(u) ? u : u <= 0 ? _min : _max;
        }

        // Without branches, as u is as likely below ½ as above: 1 − u is exact for u ≥ ½ and above u for u < ½.
        int half = u >= 0.5 ? 1 : 0;
        double w = Math.Min(u, 1 - u);

        // w ∈ [2^(E−1023), 2^(E−1022)) with E its biased exponent: octave o = 1022 − E (w = ½ itself is t = 1 of octave 1).
        int o = Math.Max(1022 - (int)(BitConverter.DoubleToInt64Bits(w) >> 52), 1);
        int cell = (uint)(o - 1) < Octaves ? _cells[(half * Octaves) + o - 1] : ExactLevel;
        int level = cell & LevelMask;
        if (level == ExactLevel)
        {
            return Exact(half, w);
        }

        // t = w·2^(o+1) − 1 ∈ [0, 1] and its scaling by 2^L are exact; q ∈ [0, 2^L] truncates as the cast would, without its saturation checks.
        double q = ((w * PowerOfTwo(o + 1)) - 1) * PowerOfTwo(level);
        int sub = Math.Min(Truncate(q), (1 << level) - 1);
        double y = (2 * (q - sub)) - 1;
        ref double c = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_coefficients), ((cell >> LevelBits) + sub) * Coefficients);
        double p = Unsafe.Add(ref c, 7);
        p = Math.FusedMultiplyAdd(p, y, Unsafe.Add(ref c, 6));
        p = Math.FusedMultiplyAdd(p, y, Unsafe.Add(ref c, 5));
        p = Math.FusedMultiplyAdd(p, y, Unsafe.Add(ref c, 4));
        p = Math.FusedMultiplyAdd(p, y, Unsafe.Add(ref c, 3));
        p = Math.FusedMultiplyAdd(p, y, Unsafe.Add(ref c, 2));
        p = Math.FusedMultiplyAdd(p, y, Unsafe.Add(ref c, 1));
        p = Math.FusedMultiplyAdd(p, y, c);
        return Math.Clamp(p, _min, _max);
    }

    /// <summary>The exact function, for octaves no table fits and w below the table (out of line: trials rarely come here).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private double Exact(int half, double w) => Math.Clamp(half == 0 ? _lower(w) : _upper(w), _min, _max);

    /// <summary>(int)x for x in int's range (one instruction where SSE2 has it; the cast checks for NaN and overflow first).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Truncate(double x) => Sse2.IsSupported ? Sse2.ConvertToInt32WithTruncation(Vector128.CreateScalarUnsafe(x)) : (int)x;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double PowerOfTwo(int k) => BitConverter.Int64BitsToDouble((long)(1023 + k) << 52);

    /// <summary>The smallest level at which every piece of octave <paramref name="o"/> meets the tolerance, with its pieces; <see cref="ExactLevel"/> and none if no level up to the maximum does.</summary>
    private static int FitOctave(Func<double, double> f, int o, double tolerance, out double[] pieces)
    {
        for (int level = 0; level <= MaxLevel; level++)
        {
            int count = 1 << level;
            pieces = new double[count * Coefficients];
            bool fits = true;
            for (int sub = 0; sub < count && fits; sub++)
            {
                fits = FitPiece(f, o, level, sub, pieces.AsSpan(sub * Coefficients, Coefficients), tolerance);
            }

            if (fits)
            {
                return level;
            }
        }

        pieces = [];
        return ExactLevel;
    }

    /// <summary>Interpolates piece <paramref name="sub"/> of octave <paramref name="o"/> at the nodes, then checks it between them.</summary>
    private static bool FitPiece(Func<double, double> f, int o, int level, int sub, Span<double> monomial, double tolerance)
    {
        Span<double> values = stackalloc double[Coefficients];
        for (int j = 0; j < Coefficients; j++)
        {
            values[j] = f(PointOf(o, level, sub, Nodes[j]));
        }

        Interpolate(values, monomial);
        foreach (double y in Checks)
        {
            double error = Math.Abs(Evaluate(monomial, y) - f(PointOf(o, level, sub, y)));
            if (!(error <= tolerance))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The w at local coordinate <paramref name="y"/> ∈ [−1, 1] of a piece.</summary>
    private static double PointOf(int o, int level, int sub, double y) =>
        (1 + ((sub + ((y + 1) / 2)) / (1 << level))) / PowerOfTwo(o + 1);

    /// <summary>The monomial coefficients in y of the polynomial through (Nodes[j], values[j]): Newton's divided differences, expanded.</summary>
    private static void Interpolate(Span<double> values, Span<double> monomial)
    {
        for (int k = 1; k < Coefficients; k++)
        {
            for (int j = Coefficients - 1; j >= k; j--)
            {
                values[j] = (values[j] - values[j - 1]) / (Nodes[j] - Nodes[j - k]);
            }
        }

        // p = d₀ + (y − y₀)(d₁ + (y − y₁)(d₂ + …)), expanded from the innermost term out.
        monomial.Clear();
        monomial[0] = values[Coefficients - 1];
        for (int k = Coefficients - 2; k >= 0; k--)
        {
            for (int m = Coefficients - 1; m >= 1; m--)
            {
                monomial[m] = monomial[m - 1] - (Nodes[k] * monomial[m]);
            }

            monomial[0] = values[k] - (Nodes[k] * monomial[0]);
        }
    }

    private static double Evaluate(ReadOnlySpan<double> c, double y)
    {
        double p = c[Degree];
        for (int k = Degree - 1; k >= 0; k--)
        {
            p = Math.FusedMultiplyAdd(p, y, c[k]);
        }

        return p;
    }
}
