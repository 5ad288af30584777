using System.Globalization;
using System.Numerics;

namespace ConsensusSim.Numerics;

/// <summary>
/// Numbers read as the decimals they print as (the shortest text that round-trips): a share of 0.9 is
/// nine tenths, not the binary fraction nearest to it, so "at least 90 %" of a weight of 10 is 9.
/// Shares and powers are compared in these exact terms, without a tolerance that would hide real
/// differences in large totals.
/// </summary>
internal static class ExactDecimal
{
    /// <summary>A finite, non-negative number as digits × 10^exponent, the digits without trailing zeros.</summary>
    public static (BigInteger Digits, int Exponent) Of(double x)
    {
        if (!double.IsFinite(x) || x < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(x), x, "Only finite, non-negative numbers have an exact decimal form here.");
        }

        string text = x.ToString("R", CultureInfo.InvariantCulture);
        int exponent = 0;
        int e = text.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exponent = int.Parse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text[..e];
        }

        int dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot >= 0)
        {
            exponent -= text.Length - dot - 1;
            text = text.Remove(dot, 1);
        }

        var digits = BigInteger.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
        if (digits.IsZero)
        {
            return (digits, 0);
        }

        while (digits % 10 == 0)
        {
            digits /= 10;
            exponent++;
        }

        return (digits, exponent);
    }

    /// <summary>The least whole amount that is at least <paramref name="share"/> of <paramref name="total"/>: ⌈share · total⌉, exactly.</summary>
    /// <param name="share">A share in [0, 1].</param>
    /// <param name="total">A non-negative whole total.</param>
    public static BigInteger AtLeast(double share, BigInteger total)
    {
        var (digits, exponent) = Of(share);
        if (exponent >= 0)
        {
            return digits * BigInteger.Pow(10, exponent) * total;
        }

        var quotient = BigInteger.DivRem(digits * total, BigInteger.Pow(10, -exponent), out var remainder);
        return remainder.IsZero ? quotient : quotient + 1;
    }

    /// <summary>⌈share · total⌉ for a total that fits a long; the result does not exceed the total for a share up to 1.</summary>
    public static long AtLeast(double share, long total) => (long)AtLeast(share, (BigInteger)total);
}
