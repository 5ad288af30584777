
namespace ConsensusSim.Numerics;

/// <summary>
/// Tables of the 256-layer ziggurat for the standard normal (Marsaglia and Tsang 2000, in Doornik's
/// ZIGNOR form), which draws a normal from one 64-bit number about 99 % of the time.
/// </summary>
internal static class Ziggurat
{
    public const int Layers = 256;

    /// <summary>Where the tail starts.</summary>
    public const double R = 3.6541528853610088;

    /// <summary>The area of each layer.</summary>
    private const double V = 0.00492867323399;

    /// <summary>Layer edges: X[0] is the base strip's equivalent width, X[1] = R, X[256] = 0.</summary>
    public static readonly double[] X = BuildX();

    /// <summary>X[i + 1] / X[i]: below it a draw lies inside the layer's rectangle.</summary>
    public static readonly double[] Ratio = BuildRatio();

    private static double[] BuildX()
    {
        var x = new double[Layers + 1];
        double f = DeterministicMath.Exp(-0.5 * R * R);
        x[0] = V / f;
        x[1] = R;
        for (int i = 2; i < Layers; i++)
        {
            x[i] = Math.Sqrt(-2 * DeterministicMath.Log((V / x[i - 1]) + f));
            f = DeterministicMath.Exp(-0.5 * x[i] * x[i]);
        }

        x[Layers] = 0;
        return x;
    }

    private static double[] BuildRatio()
    {
        var ratio = new double[Layers];
        for (int i = 0; i < Layers; i++)
        {
            ratio[i] = X[i + 1] / X[i];
        }

        return ratio;
    }
}
