using System.Collections.Concurrent;
using System.Globalization;
using ConsensusSim.Analysis;
using ConsensusSim.Model;
using ConsensusSim.Simulation;
using ConsensusSim.Numerics;
using ConsensusSim.Engine;

namespace ConsensusSim.Tests.Numerics;

/// <summary>
/// The library's own functions whose outputs reach a tally or a reported estimate, by the name a line of the pin file
/// gives: each takes its arguments and gives its result as the hexadecimal bits of doubles (floats for the single-precision
/// normal kernel), so a pin compares bits, not printed digits. A NaN result is written as <c>NaN</c>: its payload is the
/// processor's, not the library's, and no tally can carry it.
/// </summary>
internal static class PinnedFunctions
{
    private static readonly ConcurrentDictionary<(double, double), BetaQuantile> BetaShapes = new();
    private static readonly ConcurrentDictionary<(double, double, double, double), TruncatedNormalQuantile> Intervals = new();

    private static readonly Dictionary<string, Func<string[], string>> Functions = new(StringComparer.Ordinal)
    {
        ["Log"] = a => Bits(DeterministicMath.Log(Double(a[0]))),
        ["Exp"] = a => Bits(DeterministicMath.Exp(Double(a[0]))),
        ["Log1P"] = a => Bits(DeterministicMath.Log1P(Double(a[0]))),
        ["ExpM1"] = a => Bits(DeterministicMath.ExpM1(Double(a[0]))),
        ["LogGamma"] = a => Bits(DeterministicMath.LogGamma(Double(a[0]))),
        ["Pow"] = a => Bits(DeterministicMath.Pow(Double(a[0]), int.Parse(a[1], CultureInfo.InvariantCulture))),
        ["LogBeta"] = a => Bits(DeterministicMath.LogBeta(Double(a[0]), Double(a[1]))),
        ["NormalExp"] = a => Bits(StandardNormal.Exp(Double(a[0]))),
        ["Cdf"] = a => Bits(StandardNormal.Cdf(Double(a[0]))),
        ["PreciseCdf"] = a => Bits(StandardNormal.PreciseCdf(Double(a[0]))),
        ["MillsRatio"] = a => Bits(StandardNormal.MillsRatio(Double(a[0]))),
        ["Quantile"] = a => Bits(StandardNormal.Quantile(Double(a[0]))),
        ["BetaQuantile"] = a => Bits(BetaShapes.GetOrAdd((Double(a[0]), Double(a[1])), s => new BetaQuantile(s.Item1, s.Item2)).At(Double(a[2]))),
        ["TruncatedNormalQuantile"] = a => Bits(Intervals.GetOrAdd(
            (Double(a[0]), Double(a[1]), Double(a[2]), Double(a[3])),
            i => new TruncatedNormalQuantile(i.Item1, i.Item2, i.Item3, i.Item4)).At(Double(a[4]))),
        ["LogUnit"] = a => Bits(NormalBlock.LogUnit(Single(a[0]))),
        ["SinCosTurn"] = a => SinCos(uint.Parse(a[0], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture)),
        ["ZigguratX"] = a => Bits(Ziggurat.X[int.Parse(a[0], CultureInfo.InvariantCulture)]),
        ["ZigguratRatio"] = a => Bits(Ziggurat.Ratio[int.Parse(a[0], CultureInfo.InvariantCulture)]),
    };

    /// <summary>The names of the pinned functions.</summary>
    public static IEnumerable<string> Names => Functions.Keys;

    /// <summary>The result of <paramref name="function"/> at <paramref name="arguments"/>, as the pin file writes it.</summary>
    public static string Evaluate(string function, string[] arguments) => Functions[function](arguments);

    /// <summary>The 16 hexadecimal digits of a double's bits, or NaN.</summary>
    public static string Bits(double x) =>
        double.IsNaN(x) ? "NaN" : BitConverter.DoubleToUInt64Bits(x).ToString("X16", CultureInfo.InvariantCulture);

    /// <summary>The 8 hexadecimal digits of a float's bits, or NaN.</summary>
    public static string Bits(float x) =>
        float.IsNaN(x) ? "NaN" : BitConverter.SingleToUInt32Bits(x).ToString("X8", CultureInfo.InvariantCulture);

    /// <summary>The double whose bits <paramref name="hex"/> gives, or NaN.</summary>
    public static double Double(string hex) => hex == "NaN" ? double.NaN :
        BitConverter.UInt64BitsToDouble(ulong.Parse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture));

    /// <summary>The float whose bits <paramref name="hex"/> gives, or NaN.</summary>
    public static float Single(string hex) => hex == "NaN" ? float.NaN :
        BitConverter.UInt32BitsToSingle(uint.Parse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture));

    private static string SinCos(uint v)
    {
        NormalBlock.SinCosTurn(v, out float sin, out float cos);
        return Bits(sin) + " " + Bits(cos);
    }
}
