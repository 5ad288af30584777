using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace ConsensusSim.Cli;

/// <summary>
/// How the command line reads values, set once on the whole command tree so that every option of a type reads and
/// refuses alike, and the parser's own error handling shows the refusal: "--trials: 'abc' is not a whole number."
/// rather than a .NET type name, and an unknown option such as "--bogus" reported (with suggestions) rather than
/// taken as a file name.
/// </summary>
internal static class CommandLineValues
{
    // The parser counts the unmatched word as an error of the argument's conversion too, and would report that it
    // "cannot parse argument ''"; the report leaves that out (see IsEcho).
    private static readonly ConditionalWeakTable<ArgumentResult, ArgumentResult> HandedBack = [];

    /// <summary>Whether an error only echoes an unknown option handed back by a positional argument, which is reported on its own.</summary>
    /// <param name="error">The parser's error.</param>
    /// <returns><see langword="true"/> to leave it out.</returns>
    public static bool IsEcho(ParseError error) => error.SymbolResult is ArgumentResult result && HandedBack.TryGetValue(result, out _);

    /// <summary>Sets the value parsers of every option and argument of a command and its subcommands.</summary>
    /// <param name="command">The command.</param>
    public static void Apply(Command command)
    {
        foreach (var option in command.Options)
        {
            Typed(option);
        }

        foreach (var argument in command.Arguments)
        {
            Positional(argument);
        }

        foreach (var subcommand in command.Subcommands)
        {
            Apply(subcommand);
        }
    }

    /// <summary>Accepts only one of the given words, naming the option and the words when another is given.</summary>
    /// <param name="option">The option.</param>
    /// <param name="values">The accepted words.</param>
    public static void OneOf(Option<string> option, params string[] values)
    {
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count == 1 && !values.Contains(result.Tokens[0].Value, StringComparer.Ordinal))
            {
                result.AddError($"{option.Name}: '{result.Tokens[0].Value}' is not one of {string.Join(", ", values)}.");
            }
        });
        option.CompletionSources.Add(values);
    }

    private static void Typed(Option option)
    {
        switch (option)
        {
            case Option<int> o: o.CustomParser = r => Whole<int>(r, o.Name) ?? default; break;
            case Option<int?> o: o.CustomParser = r => Whole<int>(r, o.Name); break;
            case Option<long> o: o.CustomParser = r => Whole<long>(r, o.Name) ?? default; break;
            case Option<long?> o: o.CustomParser = r => Whole<long>(r, o.Name); break;
            case Option<ulong?> o: o.CustomParser = r => Whole<ulong>(r, o.Name); break;
            case Option<double> o: o.CustomParser = r => Number(r, o.Name) ?? default; break;
            case Option<double?> o: o.CustomParser = r => Number(r, o.Name); break;
            case Option<bool> or Option<string> or Option<string[]> or HelpOption or VersionOption: break;

            // A new value type gets its words here, or its errors would name the .NET type again.
            default: throw new InvalidOperationException($"{option.Name} is of type {option.ValueType}, which the command line has no parser for.");
        }
    }

    /// <summary>
    /// A command's positional arguments are files and names; a word that starts with '-' there is an option that does
    /// not exist, so it is handed back to the parser as unmatched, which reports it and suggests the nearest option.
    /// A file whose name starts with '-' is given as ./-name.
    /// </summary>
    private static void Positional(Argument argument)
    {
        switch (argument)
        {
            case Argument<string> a: a.CustomParser = r => Words(r) is [var word, ..] ? word : null; break;
            case Argument<string[]> a: a.CustomParser = Words; break;
            default: throw new InvalidOperationException($"<{argument.Name}> is of type {argument.ValueType}, which the command line has no parser for.");
        }
    }

    /// <summary>The argument's words up to the first that looks like an option; that one and those after it go back to the parser.</summary>
    private static string[] Words(ArgumentResult result)
    {
        int count = 0;
        while (count < result.Tokens.Count && !LooksLikeOption(result.Tokens[count].Value))
        {
            count++;
        }

        if (count < result.Tokens.Count)
        {
            result.OnlyTake(count);
            HandedBack.AddOrUpdate(result, result);
        }

        return [.. result.Tokens.Take(count).Select(t => t.Value)];
    }

    private static bool LooksLikeOption(string word) => word.Length > 1 && word[0] == '-';

    private static T? Whole<T>(ArgumentResult result, string option)
        where T : struct, IBinaryInteger<T>, IMinMaxValue<T>
    {
        string token = Token(result);
        if (T.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out T value))
        {
            return value;
        }

        // A whole number out of range says the range; anything else is not a whole number at all.
        string range = !BigInteger.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var big) ? string.Empty
            : T.IsZero(T.MinValue) ? string.Create(CultureInfo.InvariantCulture, $" from 0 to {T.MaxValue:N0}")
            : big > BigInteger.CreateTruncating(T.MaxValue) ? string.Create(CultureInfo.InvariantCulture, $" of at most {T.MaxValue:N0}")
            : string.Create(CultureInfo.InvariantCulture, $" of at least {T.MinValue:N0}");
        result.AddError($"{option}: '{token}' is not a whole number{range}.");
        return null;
    }

    private static double? Number(ArgumentResult result, string option)
    {
        string token = Token(result);
        if (double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
        {
            return value;
        }

        result.AddError($"{option}: '{token}' is not a number, such as 0.25 or 1e-3.");
        return null;
    }

    private static string Token(ArgumentResult result) => result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
}
