using System.Globalization;
using System.Text.Json;

namespace ConsensusSim.Serialization;

/// <summary>
/// Whole numbers as JSON Schema defines them: any number whose value is whole, however it is written
/// (1000, 1e3, 1000.0, -0), read exactly from the text rather than through a double.
/// </summary>
internal static class JsonInteger
{
    // Int128 holds 39 digits; anything longer is out of range, and no power of ten that large is ever built.
    private const int MaxDigits = 39;

    /// <summary>The value of a JSON number with a whole value that fits in an <see cref="Int128"/>; null otherwise.</summary>
    /// <param name="e">Any JSON value.</param>
    /// <param name="tooLarge">Whether the value is whole but beyond <see cref="Int128"/>.</param>
    public static Int128? Read(JsonElement e, out bool tooLarge)
    {
        tooLarge = false;
        if (e.ValueKind != JsonValueKind.Number)
        {
            return null;
        }

        string text = e.GetRawText();
        bool negative = text.StartsWith('-');
        string body = negative ? text[1..] : text;
        int exponentAt = body.IndexOfAny(['e', 'E']);
        string mantissa = exponentAt < 0 ? body : body[..exponentAt];
        int dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        string digits = (dot < 0 ? mantissa : mantissa.Remove(dot, 1)).TrimStart('0');
        long scale = dot < 0 ? 0 : -(mantissa.Length - dot - 1);
        string trimmed = digits.TrimEnd('0');
        scale += digits.Length - trimmed.Length;
        if (trimmed.Length == 0)
        {
            return Int128.Zero;
        }

        if (exponentAt >= 0)
        {
            // The grammar guarantees digits here; an exponent too long for a long is far beyond any range anyway.
            if (!long.TryParse(body.AsSpan(exponentAt + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long exponent))
            {
                tooLarge = body[exponentAt + 1] != '-';
                return null;
            }

            scale += Math.Clamp(exponent, -10L * MaxDigits, 10L * MaxDigits);
        }

        if (scale < 0)
        {
            return null;
        }

        if (trimmed.Length + scale > MaxDigits)
        {
            tooLarge = true;
            return null;
        }

        var value = System.Numerics.BigInteger.Parse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture) * System.Numerics.BigInteger.Pow(10, (int)scale);
        if (negative)
        {
            value = -value;
        }

        if (value > (System.Numerics.BigInteger)Int128.MaxValue || value < (System.Numerics.BigInteger)Int128.MinValue)
        {
            tooLarge = true;
            return null;
        }

        return (Int128)value;
    }
}
