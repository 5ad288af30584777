using System.Globalization;
using static ConsensusSim.Tests.Numerics.PinnedFunctions;

namespace ConsensusSim.Tests.Numerics;

/// <summary>
/// The arguments the pin file holds, written only when the pins are regenerated (the file, not this code, is then the
/// record): each function's documented domain end to end — subnormals and the smallest normal, both sides of every
/// branch point of the code, the tails where results underflow, the neighbours of 0 and 1 — and a few hundred values
/// spread at random (a fixed SplitMix64 stream) over the range the engine feeds it.
/// </summary>
internal static class PinArguments
{
    private const double MinNormal = 2.2250738585072014e-308;
    private const double Ln2 = 0.6931471805599453;

    /// <summary>Every pinned call, as the function's name and its arguments' bits.</summary>
    public static IEnumerable<(string Function, string[] Arguments)> All()
    {
        var random = new Draws(0x5EED_0F_B175UL);
        var cases = new List<(string, string[])>();
        void One(string name, IEnumerable<double> xs) => cases.AddRange(xs.Select(x => (name, new[] { Bits(x) })));

        One("Log", LogArguments(random));
        One("Exp", ExpArguments(random));
        One("Log1P", Log1PArguments(random));
        One("ExpM1", ExpM1Arguments(random));
        One("LogGamma", LogGammaArguments(random));
        cases.AddRange(PowArguments(random).Select(c => ("Pow", new[] { Bits(c.X), c.N.ToString(CultureInfo.InvariantCulture) })));
        cases.AddRange(LogBetaArguments(random).Select(s => ("LogBeta", new[] { Bits(s.A), Bits(s.B) })));
        One("NormalExp", [-708, -703, -700.5, -1, -Ln2 / 2, -1e-300, 0, .. Grid(-708, 0, 60), .. random.Uniform(-708, 0, 100), .. random.Uniform(-1, 0, 40)]);
        One("Cdf", CdfArguments(random));
        One("PreciseCdf", CdfArguments(random));
        One("MillsRatio", MillsArguments(random));
        One("Quantile", QuantileArguments(random));
        cases.AddRange(BetaArguments(random).Select(c => ("BetaQuantile", new[] { Bits(c.A), Bits(c.B), Bits(c.U) })));
        cases.AddRange(TruncatedArguments(random).Select(c => ("TruncatedNormalQuantile", new[] { Bits(c.Mean), Bits(c.Sd), Bits(c.Lower), Bits(c.Upper), Bits(c.U) })));
        cases.AddRange(LogUnitArguments(random).Select(u => ("LogUnit", new[] { Bits(u) })));
        cases.AddRange(SinCosArguments(random).Select(v => ("SinCosTurn", new[] { v.ToString("X8", CultureInfo.InvariantCulture) })));
        cases.AddRange(Enumerable.Range(0, 257).Select(i => ("ZigguratX", new[] { i.ToString(CultureInfo.InvariantCulture) })));
        cases.AddRange(Enumerable.Range(0, 256).Select(i => ("ZigguratRatio", new[] { i.ToString(CultureInfo.InvariantCulture) })));
        return cases;
    }

    private static IEnumerable<double> Specials() =>
        [double.NaN, double.NegativeInfinity, double.PositiveInfinity, 0.0, -0.0, double.Epsilon, 2 * double.Epsilon,
         Math.BitDecrement(MinNormal), MinNormal, Math.BitIncrement(MinNormal), double.MaxValue];

    private static IEnumerable<double> LogArguments(Draws random) =>
        [.. Specials(), -1, -double.Epsilon, 3 * double.Epsilon, 1.2345e-320, 1e-310, .. PowersOfTen(-323, 308, 5),
         .. Around(1, 3), .. Around(0.5, 2), .. Around(2, 2), .. Around(Math.E, 2),
         .. Around(Math.Sqrt(0.5), 2), .. Around(Math.Sqrt(2), 2),
         .. Enumerable.Range(1, 52).Where(k => k % 3 == 1).SelectMany(k => new[] { 1 + Math.ScaleB(1, -k), 1 - Math.ScaleB(1, -k - 1) }),
         .. random.OpenUnits(100), .. random.PositiveDoubles(120)];

    private static IEnumerable<double> ExpArguments(Draws random) =>
        [.. Specials(), -double.Epsilon, -1e-300, 1e-300, .. Around(-745.2, 2), .. Around(-745.1332191019412, 2),
         .. Around(-708.3964185322641, 2), .. Around(-708, 2), .. Around(709, 2), .. Around(709.782712893384, 2), .. Around(709.8, 2),
         .. Enumerable.Range(1, 60).Where(k => k % 4 == 1).SelectMany(k => new[] { Math.ScaleB(1, -k), -Math.ScaleB(1, -k) }),
         .. Grid(-745, 709, 120), .. Enumerable.Range(-1074, 2098).Where(k => k % 53 == 0).Select(k => k * Ln2),
         .. random.Uniform(-745.5, 710, 120), .. random.Uniform(-1, 1, 40)];

    private static IEnumerable<double> Log1PArguments(Draws random) =>
        [double.NaN, double.PositiveInfinity, -1, Math.BitIncrement(-1.0), -1 + 1e-10, -0.999, -0.5, Math.Sqrt(0.5) - 1,
         -1e-5, -1e-10, -Math.ScaleB(1, -53), -1e-17, -1e-300, -double.Epsilon, -0.0, 0.0, double.Epsilon, 1e-300, 1e-17,
         Math.ScaleB(1, -53), Math.ScaleB(1, -52), 1e-10, 1e-5, Math.Sqrt(2) - 1, 0.5, 1, 2, 10, 1e10, 1e300, double.MaxValue,
         .. random.Uniform(-1, 1, 120), .. random.LogUniform(-20, 0, 40), .. random.LogUniform(-20, 0, 40).Select(x => -x),
         .. random.LogUniform(0, 300, 30)];

    private static IEnumerable<double> ExpM1Arguments(Draws random) =>
        [double.NaN, double.NegativeInfinity, 0.0, -0.0, -double.Epsilon, -1e-300, -1e-17, .. Around(-0.34657359027997264, 2),
         -0.5, -1, -10, -36, -37.5, -707.9, .. Around(-708, 2), -709, -745, -746,
         .. Enumerable.Range(1, 60).Where(k => k % 3 == 1).Select(k => -Math.ScaleB(1, -k)),
         .. random.Uniform(-50, 0, 80), .. random.Uniform(-0.35, 0, 40), .. random.LogUniform(-18, 2, 60).Select(x => -x)];

    private static IEnumerable<double> LogGammaArguments(Draws random) =>
        [double.NaN, double.Epsilon, 1e-300, 1e-10, 0.1, 0.5, 1, 1.5, 2, 3, 10, .. Around(15, 2), 100, 1e6, 1e15, 1e300,
         .. random.LogUniform(-5, 10, 140), .. random.Uniform(0, 20, 60)];

    private static IEnumerable<(double X, int N)> PowArguments(Draws random)
    {
        double[] bases = [0.0, 0.5, 1.0, 2.0, 1 - 1e-10, Math.BitDecrement(1.0), 0.99, 1e-3, 10];
        int[] exponents = [0, 1, 2, 3, 7, 10, 64, 100, 1000, 1 << 20];
        var grid = bases.SelectMany(x => exponents.Select(n => (x, n)));
        var spread = random.OpenUnits(120).Zip(random.Words(120).Select(w => (int)(w >> 54)));
        return [.. grid, .. spread];
    }

    private static IEnumerable<(double A, double B)> LogBetaArguments(Draws random)
    {
        double[] shapes = [1e-3, 0.1, 0.5, 1, 2, 14.9, 15, 15.1, 50, 1e3, 1e6];
        var grid = shapes.SelectMany(a => shapes.Select(b => (a, b)));
        var spread = random.LogUniform(-3, 6, 90).Zip(random.LogUniform(-3, 6, 90));
        return [.. grid, .. spread];
    }

    private static IEnumerable<double> CdfArguments(Draws random) =>
        [.. Specials(), .. Specials().Select(x => -x), .. Around(0.67448975, 1), .. Around(-0.67448975, 1),
         .. Around(Math.Sqrt(32), 1), .. Around(-Math.Sqrt(32), 1), .. Around(7.07106781186547, 1), .. Around(-7.07106781186547, 1),
         .. Around(37, 1), .. Around(-37, 1), .. Around(37.5, 1), .. Around(-37.5, 1), -38, -39, 38, 1e300, -1e300,
         .. Grid(-40, 40, 161), .. random.Uniform(-9, 9, 100), .. random.Uniform(-40, -8, 40)];

    private static IEnumerable<double> MillsArguments(Draws random) =>
        [0.0, double.Epsilon, 1e-300, 1e-10, double.PositiveInfinity, .. Around(0.67448975, 1), .. Around(Math.Sqrt(32), 1),
         .. Around(37.5, 1), 1e3, 1e10, 1e150, 1e300, double.MaxValue, .. Grid(0, 40, 81), .. random.Uniform(0, 12, 90),
         .. random.LogUniform(1, 300, 30)];

    private static IEnumerable<double> QuantileArguments(Draws random) =>
        [double.NaN, 0.0, 1.0, -0.1, 1.1, double.Epsilon, 2 * double.Epsilon, 1e-320, 1e-310, Math.BitDecrement(MinNormal),
         MinNormal, .. PowersOfTen(-300, -1, 3), .. Enumerable.Range(1, 16).Select(k => 1 - Math.Pow(10, -k)),
         Math.BitDecrement(1.0), .. Around(0.5, 2), .. Around(0.075, 1), .. Around(0.925, 1),
         .. Around(1.3887943864964021e-11, 1), .. Around(1 - 1.3887943864964021e-11, 1),
         .. random.OpenUnits(120), .. random.LogUniform(-300, Math.Log10(0.5), 60)];

    private static IEnumerable<(double A, double B, double U)> BetaArguments(Draws random)
    {
        (double, double)[] shapes = [(0.5, 0.5), (1, 1), (2, 5), (5, 2), (0.05, 0.05), (0.01, 3), (30, 0.2), (50, 50), (1e6, 1e6)];
        double[] fixedU = [double.NaN, -0.1, 0.0, double.Epsilon, 1e-300, 1e-20, 1e-10, 1e-5, 1e-3, 0.1, 0.5, 0.9, 1 - 1e-10,
                           Math.BitDecrement(1.0), 1.0, 1.1];
        return [.. shapes.SelectMany(s => fixedU.Concat(random.OpenUnits(24)).Select(u => (s.Item1, s.Item2, u)))];
    }

    private static IEnumerable<(double Mean, double Sd, double Lower, double Upper, double U)> TruncatedArguments(Draws random)
    {
        (double, double, double, double)[] intervals =
        [
            (0, 1, -1, 1), (0, 1, -3, 20), (0, 1, 8, 9), (0, 1, -9, -8), (0, 1, 9.99, 10.01), (0, 1, 12, 13), (0, 1, 40, 41),
            (0, 1, -41, -40), (0, 1, 1e3, 1e3 + 1), (0, 1, 10, 10 + 1e-9), (0, 1, -10 - 1e-9, -10), (0.3, 0.1, 0, 1),
            (0.9, 0.05, 0, 1), (0.5, 1e-3, 0, 1), (0.02, 0.01, 0, 1), (0, 1e-300, 1, 2),
        ];
        double[] fixedU = [0.0, double.Epsilon, 1e-300, 1e-12, 0.5, 1 - 1e-12, Math.BitDecrement(1.0), 1.0];
        return [.. intervals.SelectMany(i => fixedU.Concat(random.OpenUnits(14)).Select(u => (i.Item1, i.Item2, i.Item3, i.Item4, u)))];
    }

    private static IEnumerable<float> LogUnitArguments(Draws random)
    {
        // The kernel's inputs are k·2⁻²⁴ for k = 1 … 2²⁴.
        int[] ks = [1, 2, 3, 0x0B504F, 0x0B5050, 0x3FFFFF, 0x400000, 0x7FFFFF, 0x800000, 0x800001, 0xB504F3, 0xB504F4, 0xFFFFFF, 0x1000000];
        return [.. ks.Select(k => k * 5.9604644775390625E-8f), .. random.Words(200).Select(w => ((w >> 40) + 1) * 5.9604644775390625E-8f)];
    }

    private static IEnumerable<uint> SinCosArguments(Draws random)
    {
        uint[] angles = [0, 1, 0x1FFFFF, 0x200000, 0x200001, 0x3FFFFF, 0x400000, 0x600000, 0x800000, 0xA00000, 0xC00000, 0xE00000, 0xFFFFFF];
        return [.. angles, .. random.Words(200).Select(w => (uint)(w >> 40))];
    }

    private static IEnumerable<double> Around(double x, int neighbours)
    {
        var below = new List<double>();
        var above = new List<double>();
        for (double lo = x, hi = x; below.Count < neighbours; )
        {
            below.Insert(0, lo = Math.BitDecrement(lo));
            above.Add(hi = Math.BitIncrement(hi));
        }

        return [.. below, x, .. above];
    }

    private static IEnumerable<double> PowersOfTen(int from, int to, int step) =>
        Enumerable.Range(0, ((to - from) / step) + 1).Select(i => double.Parse($"1e{from + (i * step)}", CultureInfo.InvariantCulture));

    private static IEnumerable<double> Grid(double from, double to, int count) =>
        Enumerable.Range(0, count).Select(i => from + ((to - from) * i / (count - 1)));

    /// <summary>SplitMix64 (Steele, Lea and Flood 2014), written out here so the arguments do not depend on the library.</summary>
    private sealed class Draws(ulong state)
    {
        public IEnumerable<ulong> Words(int count) => [.. Enumerable.Range(0, count).Select(_ => Next())];

        public IEnumerable<double> OpenUnits(int count) => [.. Words(count).Select(w => ((w >> 11) + 0.5) * Math.ScaleB(1, -53))];

        public IEnumerable<double> Uniform(double from, double to, int count) => [.. OpenUnits(count).Select(u => from + ((to - from) * u))];

        public IEnumerable<double> LogUniform(double fromExponent, double toExponent, int count) =>
            [.. Uniform(fromExponent, toExponent, count).Select(e => Math.Pow(10, e))];

        /// <summary>Positive finite doubles with uniformly random bits: every binade equally often, subnormals included.</summary>
        public IEnumerable<double> PositiveDoubles(int count) =>
            [.. Words(count).Select(w => BitConverter.UInt64BitsToDouble((w >> 1) % 0x7FF0_0000_0000_0000UL))];

        private ulong Next()
        {
            ulong z = state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
