using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Runtime.CompilerServices;
using System.Text;

namespace ConsensusSim.Cli;

/// <summary>
/// The help System.CommandLine writes, with two things it cannot do itself: the usage names the tool as users type it
/// (<c>consensussim</c>, whatever file started the process), and each command ends with its examples, which the tests
/// run one by one.
/// </summary>
internal sealed class ToolHelp : SynchronousCommandLineAction
{
    /// <summary>The name users type: the tool's command name.</summary>
    public const string ToolName = "consensussim";

    private static readonly ConditionalWeakTable<Command, string[]> ExamplesOf = [];

    private readonly HelpAction _help;
    private readonly RootCommand _root;

    private ToolHelp(HelpAction help, RootCommand root)
    {
        _help = help;
        _root = root;
    }

    /// <inheritdoc />
    public override bool ClearsParseErrors => true;

    /// <summary>Gives a command its examples: whole command lines, each run as it stands by the tests.</summary>
    /// <param name="command">The command.</param>
    /// <param name="examples">Command lines starting with <see cref="ToolName"/>, or lines starting with '#' that explain the next.</param>
    /// <returns>The command.</returns>
    public static Command WithExamples(Command command, params string[] examples)
    {
        ExamplesOf.AddOrUpdate(command, examples);
        return command;
    }

    /// <summary>Puts this help on a root command's help option and makes the bare command print it.</summary>
    /// <param name="root">The root command.</param>
    public static void Install(RootCommand root)
    {
        var option = root.Options.OfType<HelpOption>().Single();
        var help = new ToolHelp((HelpAction)option.Action!, root);
        option.Action = help;

        // 'consensussim' alone is a request for help, not a mistake.
        root.SetAction(parse => help.Invoke(parse));

        // Completion ('[suggest]', dotnet-suggest) is given the line as typed: its first word is the tool's name.
        root.Aliases.Add(ToolName);
    }

    /// <inheritdoc />
    public override int Invoke(ParseResult parseResult)
    {
        var configuration = parseResult.InvocationConfiguration;
        var output = configuration.Output;
        var text = new StringWriter();
        configuration.Output = text;
        try
        {
            _help.Invoke(parseResult);
        }
        finally
        {
            configuration.Output = output;
        }

        output.Write(Rewrite(text.ToString(), parseResult.CommandResult.Command));
        return ExitCodes.Success;
    }

    /// <summary>The help with the usage naming <see cref="ToolName"/> and the command's examples at the end.</summary>
    private string Rewrite(string help, Command command)
    {
        // Only the usage lines start with the root command's name, indented as help indents.
        var sb = new StringBuilder();
        string usage = "  " + _root.Name;
        foreach (string line in help.Split('\n'))
        {
            bool named = line.StartsWith(usage, StringComparison.Ordinal) && (line.Length == usage.Length || char.IsWhiteSpace(line[usage.Length]));
            sb.Append(named ? "  " + ToolName + line[usage.Length..] : line).Append('\n');
        }

        string text = sb.ToString(0, sb.Length - 1);
        if (ExamplesOf.TryGetValue(command, out var examples))
        {
            text = text.TrimEnd('\n', '\r') + "\n\nExamples:\n" + string.Concat(examples.Select(e => "  " + e + "\n")) + "\n";
        }

        return text;
    }
}
