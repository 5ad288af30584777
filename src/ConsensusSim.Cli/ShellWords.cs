using System.Text;

namespace ConsensusSim.Cli;

/// <summary>
/// The words of a command as a POSIX shell reads them, for <c>slurm --command</c>: words split at blanks,
/// quoted with '…' or "…", or a character escaped with \. Anything a shell would do more with (;, &amp;, |,
/// redirections, $ and ` expansions, globs, a leading ~ or #) is refused rather than passed on, so the words
/// can be written back quoted and every task runs exactly them. An unbalanced quote is refused too: written
/// into a script it would swallow the rest of the script.
/// </summary>
internal static class ShellWords
{
    private const string Operators = ";&|<>()$`*?[]{}";

    /// <summary>Splits <paramref name="command"/> into its words.</summary>
    /// <param name="option">The option, for messages.</param>
    /// <param name="command">The command as given.</param>
    /// <returns>The words, unquoted.</returns>
    /// <exception cref="UserInputException">The command is not plain quoted words.</exception>
    public static IReadOnlyList<string> Split(string option, string command)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        bool inWord = false;
        for (int i = 0; i < command.Length; i++)
        {
            char c = command[i];
            if (char.IsControl(c) && c != '\t')
            {
                throw Refuse(option, command, "a control character (such as a line break)");
            }

            if (c is ' ' or '\t')
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                    (word, inWord) = (new StringBuilder(), false);
                }

                continue;
            }

            if (!inWord && c is '~' or '#')
            {
                throw Refuse(option, command, $"'{c}' at the start of a word");
            }

            inWord = true;
            switch (c)
            {
                case '\'':
                    int close = command.IndexOf('\'', i + 1);
                    if (close < 0)
                    {
                        throw Refuse(option, command, "an unbalanced ' quote");
                    }

                    word.Append(command, i + 1, close - i - 1);
                    i = close;
                    break;
                case '"':
                    i = DoubleQuoted(option, command, i, word);
                    break;
                case '\\':
                    if (++i == command.Length)
                    {
                        throw Refuse(option, command, "a \\ at the end");
                    }

                    word.Append(command[i]);
                    break;
                default:
                    if (Operators.Contains(c, StringComparison.Ordinal))
                    {
                        throw Refuse(option, command, $"'{c}' outside quotes");
                    }

                    word.Append(c);
                    break;
            }
        }

        if (inWord)
        {
            words.Add(word.ToString());
        }

        return words.Count > 0 ? words : throw Refuse(option, command, "no words");
    }

    /// <summary>A word quoted so that a shell reads it back unchanged.</summary>
    /// <param name="word">The word.</param>
    /// <returns>'word', with each ' written '\''.</returns>
    public static string Quote(string word) => "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>Reads "…" from <paramref name="open"/>; returns the index of the closing quote.</summary>
    private static int DoubleQuoted(string option, string command, int open, StringBuilder word)
    {
        for (int i = open + 1; i < command.Length; i++)
        {
            char c = command[i];
            switch (c)
            {
                case '"':
                    return i;
                case '$' or '`':
                    throw Refuse(option, command, $"'{c}' inside double quotes");
                case '\\' when i + 1 < command.Length && command[i + 1] is '"' or '\\' or '$' or '`':
                    word.Append(command[++i]);
                    break;
                default:
                    word.Append(c);
                    break;
            }
        }

        throw Refuse(option, command, "an unbalanced \" quote");
    }

    private static UserInputException Refuse(string option, string command, string reason) =>
        new($"{option} '{command}': {reason}; give the words that start the tool, quoted as a shell quotes them ('my dir/consensussim'), and put anything more, such as loading a module, in a script whose path you give.");
}
