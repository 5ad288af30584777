using System.CommandLine;
using System.CommandLine.Invocation;

namespace ConsensusSim.Cli;

/// <summary>
/// A command line the parser refused, reported by System.CommandLine's own error action (so a mistyped command or
/// option gets its "did you mean" suggestions), all of it on standard error, with the tool's exit code for invalid
/// input rather than the parser's 1.
/// </summary>
internal static class ParseFailure
{
    /// <summary>Reports a refused command line.</summary>
    /// <param name="parsed">The parse, whose action is the parser's error action.</param>
    /// <param name="action">That action.</param>
    /// <param name="stderr">Where the report goes.</param>
    /// <returns><see cref="ExitCodes.InvalidInput"/>.</returns>
    public static int Report(ParseResult parsed, ParseErrorAction action, TextWriter stderr)
    {
        // The errors first, then the parser's suggestions, then where to read more: help is long, and the errors
        // would scroll away.
        foreach (var error in parsed.Errors.Where(e => !CommandLineValues.IsEcho(e)))
        {
            foreach (string line in Lines(error.Message))
            {
                stderr.WriteLine($"{ToolHelp.ToolName}: {line}");
            }
        }

        action.ShowHelp = false;
        action.ShowTypoCorrections = true;
        var suggestions = new StringWriter();
        parsed.Invoke(new InvocationConfiguration { Output = suggestions, Error = TextWriter.Null, EnableDefaultExceptionHandler = false });
        foreach (string line in Suggestions(Lines(suggestions.ToString()), parsed.UnmatchedTokens))
        {
            stderr.WriteLine(line);
        }

        stderr.WriteLine($"Run '{CommandPath(parsed.CommandResult.Command)} --help' for usage and examples.");
        return ExitCodes.InvalidInput;
    }

    private static IEnumerable<string> Lines(string text) =>
        text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Trim().Length > 0);

    /// <summary>
    /// The parser's suggestions for the words it did not match: a sentence naming the word, then the names it suggests,
    /// one a line. Kept for words typed as a command or option; a stray value (a number, a path) is only "near" the
    /// short aliases, and a list of those suggests nothing.
    /// </summary>
    private static IEnumerable<string> Suggestions(IEnumerable<string> lines, IReadOnlyList<string> unmatched)
    {
        bool keep = false;
        foreach (string line in lines)
        {
            if (line.Contains(' ', StringComparison.Ordinal))
            {
                keep = unmatched.Any(word => IsName(word) && line.Contains($"'{word}'", StringComparison.Ordinal));
                if (keep)
                {
                    yield return line;
                }
            }
            else if (keep)
            {
                yield return "  " + line;
            }
        }
    }

    /// <summary>A word typed as a command or an option: letters and hyphens.</summary>
    private static bool IsName(string word) => word.Length > 0 && word.All(c => char.IsAsciiLetter(c) || c == '-') && word.Trim('-').Length > 0;

    /// <summary>The words that name a command, as typed: "consensussim sweep".</summary>
    private static string CommandPath(Command command)
    {
        var names = new List<string>();
        for (Command? c = command; c is not null; c = c.Parents.OfType<Command>().FirstOrDefault())
        {
            names.Add(c is RootCommand ? ToolHelp.ToolName : c.Name);
        }

        names.Reverse();
        return string.Join(' ', names);
    }
}
