using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace ConsensusSim.Tests.Docs;

/// <summary>
/// Every ```sh, ```shell or ```bash block of README.md and docs/*.md runs, taken from the Markdown: each command is
/// <c>consensussim …</c> (or <c>dotnet run --project src/ConsensusSim.Cli -c Release -- …</c>) and is run with the
/// built tool in a scratch folder that sees the repository's samples/, schemas/ and seeds/, with at most
/// <see cref="MaxTrials"/> trials, and must exit 0. A block that is expensive, needs a cluster, or runs anything
/// else is fenced <c>```sh no-run: reason</c> and skipped with its reason.
/// </summary>
[Trait("Category", "Integration")]
public class ShellSnippetTests
{
    /// <summary>The most trials a documented command runs here: enough to exercise it, cheap enough for every build.</summary>
    public const long MaxTrials = 2_000;

    private static readonly string[] TrialCommands = ["run", "sweep"];

    public static TheoryData<string> ShellBlocks()
    {
        var data = new TheoryData<string>();
        foreach (var block in MarkdownBlocks.All().Where(b => MarkdownBlocks.Shell.Contains(b.Language)))
        {
            data.Add(block.Id);
        }

        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(ShellBlocks))]
    public void Every_shell_block_runs_or_says_why_not(string block)
    {
        var b = MarkdownBlocks.Find(block);
        if (b.Marks.Length > 0)
        {
            string kind = b.Marks.Split([' ', ':'], 2)[0];
            string reason = b.Marks[kind.Length..].TrimStart(':', ' ');
            Assert.True(kind == "no-run", $"{block}: unknown mark '{b.Marks}' on a shell block: use 'no-run: reason'");
            Assert.True(reason.Length > 0, $"{block}: a no-run block must say why ('no-run: reason')");
            Skip.If(true, $"{block} is marked no-run: {reason}");
        }

        var commands = Commands(b.Text).ToList();
        Assert.NotEmpty(commands);
        string dir = Directory.CreateTempSubdirectory("consensussim-docs-").FullName;
        try
        {
            foreach (string folder in new[] { "samples", "schemas", "seeds" })
            {
                Directory.CreateSymbolicLink(Path.Combine(dir, folder), Path.Combine(MarkdownBlocks.Root, folder));
            }

            Directory.CreateDirectory(Path.Combine(dir, "docs"));
            foreach (var words in commands)
            {
                string[] args = ToolArguments(words)
                    ?? throw new Xunit.Sdk.XunitException($"{block}: '{string.Join(' ', words)}' is not a consensussim command; fence the block 'no-run: reason'.");
                var (code, stdout, stderr) = RunTool(dir, Cheap(args));
                Assert.True(code == 0, $"{block}: '{string.Join(' ', words)}' exited {code}:\n{stderr}\n{stdout}");
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Shell_words_follow_quotes_continuations_and_comments()
    {
        var commands = Commands("consensussim run 'a b.json' \\\n    --trials 5   # a comment\n\n# only a comment\nconsensussim graph \"x y\"").ToList();
        Assert.Equal(2, commands.Count);
        Assert.Equal(["consensussim", "run", "a b.json", "--trials", "5"], commands[0]);
        Assert.Equal(["consensussim", "graph", "x y"], commands[1]);
    }

    [Fact]
    public void Documented_trial_counts_are_capped_and_runs_get_a_cap()
    {
        Assert.Equal(["sweep", "s.json", "--trials", "2000"], Cheap(["sweep", "s.json", "--trials", "10000"]));
        Assert.Equal(["run", "--trials", "2000"], Cheap(["run"]));
        Assert.Equal(["run", "--trials", "50"], Cheap(["run", "--trials", "50"]));
        Assert.Equal(["graph", "consensus"], Cheap(["graph", "consensus"]));
    }

    /// <summary>Splits a block into commands and each into words, as a POSIX shell would for the simple commands documented.</summary>
    internal static IEnumerable<string[]> Commands(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        bool inWord = false;
        char quote = '\0';
        for (int i = 0; i <= text.Length; i++)
        {
            char c = i < text.Length ? text[i] : '\n';
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
                else
                {
                    word.Append(c);
                }

                continue;
            }

            if (c == '\\' && i + 1 < text.Length)
            {
                i++;
                if (text[i] != '\n')
                {
                    word.Append(text[i]);
                    inWord = true;
                }

                continue;
            }

            if (c is '\'' or '"')
            {
                quote = c;
                inWord = true;
            }
            else if (c == '#' && !inWord)
            {
                while (i + 1 < text.Length && text[i + 1] != '\n')
                {
                    i++;
                }
            }
            else if (c is ' ' or '\t' or '\n')
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                }

                if (c == '\n' && words.Count > 0)
                {
                    yield return [.. words];
                    words.Clear();
                }
            }
            else
            {
                word.Append(c);
                inWord = true;
            }
        }
    }

    /// <summary>The tool's arguments of a documented command, or null if it is not one.</summary>
    private static string[]? ToolArguments(string[] words)
    {
        if (words[0] == "consensussim")
        {
            return words[1..];
        }

        int separator = Array.IndexOf(words, "--");
        return words.Length > 3 && words[0] == "dotnet" && words[1] == "run" && separator > 0
            && words.AsSpan(2, separator - 2).SequenceEqual(["--project", "src/ConsensusSim.Cli", "-c", "Release"])
            ? words[(separator + 1)..]
            : null;
    }

    /// <summary>The arguments with at most <see cref="MaxTrials"/> trials for commands that run trials.</summary>
    internal static string[] Cheap(string[] args)
    {
        if (args.Length == 0 || !TrialCommands.Contains(args[0]))
        {
            return args;
        }

        int at = Array.IndexOf(args, "--trials");
        if (at < 0)
        {
            return [.. args, "--trials", MaxTrials.ToString(CultureInfo.InvariantCulture)];
        }

        var copy = args.ToArray();
        if (long.TryParse(copy[at + 1], NumberStyles.None, CultureInfo.InvariantCulture, out long trials) && trials > MaxTrials)
        {
            copy[at + 1] = MaxTrials.ToString(CultureInfo.InvariantCulture);
        }

        return copy;
    }

    private static (int Code, string Out, string Err) RunTool(string dir, string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = dir };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ConsensusSim.Cli.dll"));
        foreach (string a in args)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["CI"] = "true";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"consensussim {string.Join(' ', args)} took more than 3 minutes");
        }

        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
