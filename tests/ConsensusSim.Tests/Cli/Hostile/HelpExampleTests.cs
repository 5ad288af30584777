using System.Text.RegularExpressions;
using ConsensusSim.Tests.Support;

namespace ConsensusSim.Tests.Cli.Hostile;

/// <summary>A newcomer copies the help's examples: every file they read must exist in the repository.</summary>
public sealed partial class HelpExampleTests : CliHarness
{
    private static readonly string[] OutputOptions = ["--out", "-o", "--json", "--checkpoint", "--chart", ">"];

    [Fact]
    public void Every_file_a_help_text_names_exists_in_the_repository_or_is_written_by_its_example()
    {
        string root = RepositoryRoot();
        var missing = new List<string>();
        var commands = HelpExamples.Commands();
        Assert.Contains("sweep", commands);
        foreach (string command in commands)
        {
            string help = HelpExamples.Help(command);

            // In an example, a file after an output option is written, and may be read by a later command of the example.
            var written = new HashSet<string>(StringComparer.Ordinal);
            var tokens = HelpExamples.In(help).SelectMany(e => e.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToArray();
            for (int i = 0; i < tokens.Length; i++)
            {
                string token = tokens[i].TrimEnd(',', ';', ')', '.');
                if (i > 0 && tokens[i - 1] == "init")
                {
                    written.Add(token + ".json");
                }

                if (!FileName().IsMatch(token))
                {
                    continue;
                }

                if (i > 0 && OutputOptions.Contains(tokens[i - 1]))
                {
                    written.Add(token);
                }
                else if (!written.Contains(token) && !File.Exists(Path.Combine(root, token)))
                {
                    missing.Add($"{command}: example reads {token}");
                }
            }

            // Anywhere else in the help, a path into the repository must exist too.
            foreach (Match m in FileName().Matches(help))
            {
                if (m.Value.Contains('/', StringComparison.Ordinal) && !written.Contains(m.Value) && !File.Exists(Path.Combine(root, m.Value)))
                {
                    missing.Add($"{command}: help names {m.Value}");
                }
            }
        }

        Assert.Empty(missing.Distinct());
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ConsensusSim.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("The repository root (ConsensusSim.sln) was not found above the test folder.");
    }

    [GeneratedRegex(@"[\w./*-]+\.(json|csv|ckpt|txt|svg|png|html|sbatch)\b")]
    private static partial Regex FileName();
}
