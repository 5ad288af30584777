using System.Text.RegularExpressions;
using ConsensusSim.Cli;

namespace ConsensusSim.Tests.Support;

/// <summary>The commands the root help lists and the examples each command's help ends with, read from the help text itself.</summary>
internal static partial class HelpExamples
{
    /// <summary>The subcommands the root help lists.</summary>
    public static IReadOnlyList<string> Commands()
    {
        string help = Help("--help");
        string commands = help[help.IndexOf("Commands:", StringComparison.Ordinal)..];
        int end = commands.IndexOf("\n\n", StringComparison.Ordinal);
        return [.. CommandLine().Matches(end < 0 ? commands : commands[..end]).Select(m => m.Groups[1].Value)];
    }

    /// <summary>A command's help text; the root's for <see langword="null"/>.</summary>
    public static string Help(string? command)
    {
        var stdout = new StringWriter();
        int code = ConsensusSimCli.Run(command is null or "--help" ? ["--help"] : [command, "--help"], stdout, new StringWriter());
        Assert.Equal(0, code);
        return stdout.ToString().ReplaceLineEndings("\n");
    }

    /// <summary>The command lines under "Examples:" at the end of a help text, without the comment lines that explain them.</summary>
    public static IReadOnlyList<string> In(string help)
    {
        int at = help.IndexOf("\nExamples:\n", StringComparison.Ordinal);
        if (at < 0)
        {
            return [];
        }

        return [.. help[(at + "\nExamples:\n".Length)..].Split('\n')
            .TakeWhile(line => line.StartsWith("  ", StringComparison.Ordinal))
            .Select(line => line.Trim())
            .Where(line => !line.StartsWith('#'))];
    }

    [GeneratedRegex(@"^  (\w+)\b", RegexOptions.Multiline)]
    private static partial Regex CommandLine();
}
