using System.Text.RegularExpressions;

namespace ConsensusSim.Tests.Docs;

/// <summary>The README leads and the docs hold together: short, the two commands first, every relative link and anchor found.</summary>
public partial class DocsLayoutTests
{
    /// <summary>Pages another part of issue 19 adds (the CLI's tab completion); linked before they exist on this branch.</summary>
    private static readonly string[] Pending = ["docs/completion.md"];

    private static string Readme => File.ReadAllText(Path.Combine(MarkdownBlocks.Root, "README.md"));

    [Fact]
    public void The_README_is_at_most_250_lines()
    {
        int lines = Readme.TrimEnd('\n').Split('\n').Length;
        Assert.True(lines <= 250, $"README.md has {lines} lines; move reference material into docs/");
    }

    [Fact]
    public void The_two_set_up_commands_are_the_first_block_on_the_first_screen()
    {
        var first = MarkdownBlocks.Parse("README.md", Readme).First();
        Assert.True(first.Line <= 15, $"the first code block starts at line {first.Line}, below the first screen");
        var commands = first.Text.Split('\n').Select(l => Regex.Replace(l, @"\s+#.*$", string.Empty).Trim()).Where(l => l.Length > 0).ToList();
        Assert.Equal(["dotnet run --project src/ConsensusSim.Cli -c Release -- run", "dotnet test"], commands);
    }

    [Fact]
    public void Every_relative_link_in_the_README_and_docs_resolves_with_its_anchor()
    {
        var broken = new List<string>();
        foreach (string file in MarkdownBlocks.Files())
        {
            string text = File.ReadAllText(Path.Combine(MarkdownBlocks.Root, file));
            string prose = string.Join('\n', WithoutCode(text));
            foreach (Match m in Link().Matches(prose))
            {
                string target = m.Groups[1].Value;
                if (target.StartsWith("http", StringComparison.Ordinal) || target.StartsWith("mailto:", StringComparison.Ordinal))
                {
                    continue;
                }

                string[] parts = target.Split('#', 2);
                string path = parts[0].Length == 0 ? file : Path.GetRelativePath(MarkdownBlocks.Root, Path.GetFullPath(Path.Combine(MarkdownBlocks.Root, Path.GetDirectoryName(file)!, parts[0]))).Replace('\\', '/');
                string full = Path.Combine(MarkdownBlocks.Root, path);
                if (!File.Exists(full) && !Directory.Exists(full))
                {
                    if (!Pending.Contains(path))
                    {
                        broken.Add($"{file}: {target} (no such file)");
                    }

                    continue;
                }

                if (parts.Length == 2 && path.EndsWith(".md", StringComparison.Ordinal) && !Anchors(File.ReadAllText(full)).Contains(parts[1]))
                {
                    broken.Add($"{file}: {target} (no heading with that anchor in {path})");
                }
            }
        }

        Assert.True(broken.Count == 0, string.Join('\n', broken));
    }

    /// <summary>GitHub's heading anchors: lower case, punctuation dropped, spaces as hyphens.</summary>
    private static HashSet<string> Anchors(string markdown) =>
        [.. WithoutCode(markdown, keepInline: true)
            .Where(l => l.StartsWith('#'))
            .Select(l => Regex.Replace(l.TrimStart('#').Trim().ToLowerInvariant(), @"[^\p{L}\p{N} _-]", string.Empty).Replace(' ', '-'))];

    /// <summary>The lines outside fenced blocks; inline code dropped (links in it are not links) or, for headings, kept as text.</summary>
    private static IEnumerable<string> WithoutCode(string markdown, bool keepInline = false)
    {
        bool inBlock = false;
        foreach (string line in markdown.Split('\n'))
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                inBlock = !inBlock;
                continue;
            }

            if (!inBlock)
            {
                yield return keepInline ? line : Regex.Replace(line, "`[^`]*`", string.Empty);
            }
        }
    }

    [GeneratedRegex(@"\]\(([^)\s]+)\)")]
    private static partial Regex Link();
}
