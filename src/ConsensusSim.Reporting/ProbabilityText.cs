using System.Globalization;

namespace ConsensusSim.Reporting;

/// <summary>
/// Probabilities and their intervals as text with as many digits as the value needs: four decimals
/// as a rule, more near 0 and 1 so that a small value keeps two significant digits (the Wilson upper
/// bound for 0 of 100,000 trials is 0.000038, not 0.0000), and exact 0 and 1 written as 0 and 1.
/// </summary>
public static class ProbabilityText
{
    private const int MinimumDecimals = 4;
    private const int MaximumDecimals = 12;

    /// <summary>A probability (or any value in [0, 1]) as text, invariant culture.</summary>
    /// <param name="p">The value.</param>
    /// <returns>The text; "n/a" for a value that is not a number.</returns>
    public static string Format(double p) => Format(p, MinimumDecimals);

    /// <summary>A 95 % interval as text, "[lower, upper]", each bound formatted by <see cref="Format(double)"/>.</summary>
    /// <param name="lower">Lower bound.</param>
    /// <param name="upper">Upper bound.</param>
    /// <returns>The text.</returns>
    public static string Interval(double lower, double upper) => $"[{Format(lower)}, {Format(upper)}]";

    /// <summary>A standard error: at least five decimals, and two significant digits when smaller.</summary>
    /// <param name="standardError">The standard error.</param>
    /// <returns>The text.</returns>
    public static string StandardError(double standardError) => Format(standardError, MinimumDecimals + 1);

    private static string Format(double p, int minimumDecimals)
    {
        if (!double.IsFinite(p))
        {
            return "n/a";
        }

        if (p == 0 || p == 1)
        {
            return p.ToString(CultureInfo.InvariantCulture);
        }

        // Digits are chosen by the distance to the nearer end: 0.99996 is as close to 1 as 0.00004 is to 0.
        double distance = Math.Min(Math.Abs(p), Math.Abs(1 - p));
        int decimals = minimumDecimals;
        while (decimals < MaximumDecimals && distance * Pow10(decimals - 1) < 1)
        {
            decimals++;
        }

        return p.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    private static double Pow10(int n)
    {
        double x = 1;
        for (int k = 0; k < n; k++)
        {
            x *= 10;
        }

        return x;
    }
}
