namespace ConsensusSim.Numerics;

/// <summary>
/// The standard normal quantile function Φ⁻¹ by Wichura's algorithm AS 241 (PPND16, Applied Statistics 37, 1988):
/// rational functions of degree 7 in p − ½ near the middle and in √(−ln p) in the tails, relative error about 10⁻¹⁶
/// down to p = 10⁻³⁰⁰. The logarithm is the library's own (<see cref="DeterministicMath.Log"/>), so Φ⁻¹ gives the same
/// bits on every machine, unlike an inverse built on the platform's log.
/// </summary>
internal static partial class StandardNormal
{
    /// <summary>Φ⁻¹(p): the z with P(Z ≤ z) = p.</summary>
    /// <param name="p">A probability; 0 gives −∞, 1 gives +∞, anything outside [0, 1] or NaN gives NaN.</param>
    /// <returns>The quantile.</returns>
    public static double Quantile(double p)
    {
        if (!(p > 0 && p < 1))
        {
            return p == 0 ? double.NegativeInfinity : p == 1 ? double.PositiveInfinity : double.NaN;
        }

        double q = p - 0.5;
        if (Math.Abs(q) <= 0.425)
        {
            double r = 0.180625 - (q * q);
            return q * CentralQuantile(r);
        }

        // The smaller of p and 1 − p: 1 − p is exact for p ≥ ½.
        double tail = Math.Sqrt(-DeterministicMath.Log(q < 0 ? p : 1 - p));
        double z = tail <= 5 ? IntermediateQuantile(tail - 1.6) : FarQuantile(tail - 5);
        return q < 0 ? -z : z;
    }

    // Coefficients from the highest power down (Wichura's A, B; C, D; E, F).
    private static readonly double[] CentralNumerator =
    [
        2.5090809287301226727e3, 3.3430575583588128105e4, 6.7265770927008700853e4, 4.5921953931549871457e4,
        1.3731693765509461125e4, 1.9715909503065514427e3, 1.3314166789178437745e2, 3.3871328727963666080,
    ];

    private static readonly double[] CentralDenominator =
    [
        5.2264952788528545610e3, 2.8729085735721942674e4, 3.9307895800092710610e4, 2.1213794301586595867e4,
        5.3941960214247511077e3, 6.8718700749205790830e2, 4.2313330701600911252e1, 1.0,
    ];

    private static readonly double[] IntermediateNumerator =
    [
        7.74545014278341407640e-4, 2.27238449892691845833e-2, 2.41780725177450611770e-1, 1.27045825245236838258,
        3.64784832476320460504, 5.76949722146069140550, 4.63033784615654529590, 1.42343711074968357734,
    ];

    private static readonly double[] IntermediateDenominator =
    [
        1.05075007164441684324e-9, 5.47593808499534494600e-4, 1.51986665636164571966e-2, 1.48103976427480074590e-1,
        6.89767334985100004550e-1, 1.67638483018380384940, 2.05319162663775882187, 1.0,
    ];

    private static readonly double[] FarNumerator =
    [
        2.01033439929228813265e-7, 2.71155556874348757815e-5, 1.24266094738807843860e-3, 2.65321895265761230930e-2,
        2.96560571828504891230e-1, 1.78482653991729133580, 5.46378491116411436990, 6.65790464350110377720,
    ];

    private static readonly double[] FarDenominator =
    [
        2.04426310338993978564e-15, 1.42151175831644588870e-7, 1.84631831751005468180e-5, 7.86869131145613259100e-4,
        1.48753612908506148525e-2, 1.36929880922735805310e-1, 5.99832206555887937690e-1, 1.0,
    ];

    private static double CentralQuantile(double r) => Horner(CentralNumerator, r) / Horner(CentralDenominator, r);

    private static double IntermediateQuantile(double r) => Horner(IntermediateNumerator, r) / Horner(IntermediateDenominator, r);

    private static double FarQuantile(double r) => Horner(FarNumerator, r) / Horner(FarDenominator, r);

    /// <summary>Horner's scheme with separate multiply and add (as AS 241 was tuned; the JIT does not fuse them).</summary>
    private static double Horner(double[] coefficients, double r)
    {
        double v = coefficients[0];
        for (int k = 1; k < coefficients.Length; k++)
        {
            v = (v * r) + coefficients[k];
        }

        return v;
    }
}
