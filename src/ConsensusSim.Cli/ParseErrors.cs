using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace ConsensusSim.Cli;

/// <summary>
/// The parser's own errors, reworded so that each names the option it is about and says what it expected in
/// words rather than as a .NET type: "--seed: '-1' is not a whole number from 0 to 18,446,744,073,709,551,615."
/// instead of "Cannot parse argument '-1' for option '--seed' as expected type 'System.Nullable`1[System.UInt64]'.".
/// </summary>
internal static class ParseErrors
{
    /// <summary>The message for one parse error.</summary>
    /// <param name="error">The error.</param>
    /// <returns>One or more lines, naming the option when the error is about one.</returns>
    public static string Describe(ParseError error)
    {
        if (OptionOf(error.SymbolResult) is not { } result)
        {
            return error.Message;
        }

        var option = result.Option;
        var type = Nullable.GetUnderlyingType(option.ValueType) ?? option.ValueType;

        // A value that did not convert: the only error whose message names the .NET type.
        if (Expected(type) is { } expected && result.Tokens.Count == 1 && error.Message.Contains(option.ValueType.ToString(), StringComparison.Ordinal))
        {
            return $"{option.Name}: '{result.Tokens[0].Value}' is not {expected}.";
        }

        return error.Message.Contains(option.Name, StringComparison.Ordinal) ? error.Message : $"{option.Name}: {error.Message}";
    }

    /// <summary>The option an error is about: the option itself, or the option whose value it is.</summary>
    private static OptionResult? OptionOf(SymbolResult? result) => result switch
    {
        OptionResult option => option,
        ArgumentResult { Parent: OptionResult option } => option,
        _ => null,
    };

    private static string? Expected(Type type)
    {
        var ci = CultureInfo.InvariantCulture;
        return type == typeof(int) ? string.Create(ci, $"a whole number of at most {int.MaxValue:N0}")
            : type == typeof(long) ? string.Create(ci, $"a whole number of at most {long.MaxValue:N0}")
            : type == typeof(ulong) ? string.Create(ci, $"a whole number from 0 to {ulong.MaxValue:N0}")
            : type == typeof(double) ? "a number, such as 0.25 or 1e-3"
            : null;
    }
}
