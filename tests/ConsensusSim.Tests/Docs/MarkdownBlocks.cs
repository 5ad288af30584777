namespace ConsensusSim.Tests.Docs;

/// <summary>A fenced code block of a Markdown file: its language, the words after it, its text and where it starts.</summary>
/// <param name="File">The file, relative to the repository root, with forward slashes.</param>
/// <param name="Line">The line of the opening fence, from 1.</param>
/// <param name="Language">The first word of the info string (<c>csharp</c>, <c>sh</c>, …), or empty.</param>
/// <param name="Marks">The rest of the info string: <c>fragment …</c>, <c>no-run: reason</c>, or empty.</param>
/// <param name="Text">The block's lines, without the fences.</param>
/// <param name="FirstLine">The line of the block's first line of text.</param>
internal sealed record MarkdownBlock(string File, int Line, string Language, string Marks, string Text, int FirstLine)
{
    /// <summary>How a test case names the block: <c>docs/model.md:123</c>.</summary>
    public string Id => $"{File}:{Line}";
}

/// <summary>
/// Reads the documentation the way a reader meets it: README.md and every docs/*.md, split into fenced code blocks.
/// The snippet tests take their code from here, never from a copy.
/// </summary>
internal static class MarkdownBlocks
{
    /// <summary>The C# blocks' language names.</summary>
    public static readonly string[] CSharp = ["csharp", "cs", "c#"];

    /// <summary>The shell blocks' language names.</summary>
    public static readonly string[] Shell = ["sh", "shell", "bash", "console"];

    /// <summary>The repository root: the folder above the tests that holds ConsensusSim.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>
    /// The documentation files, relative to the root: README.md, then docs/*.md in name order, then each package's
    /// page (src/*/PACKAGE.md), which the package gallery shows.
    /// </summary>
    public static IReadOnlyList<string> Files() =>
        [
            "README.md",
            .. Relative(Directory.GetFiles(Path.Combine(Root, "docs"), "*.md")),
            .. Relative(Directory.GetFiles(Path.Combine(Root, "src"), "PACKAGE.md", SearchOption.AllDirectories)),
        ];

    private static IEnumerable<string> Relative(IEnumerable<string> files) =>
        files.Select(f => Path.GetRelativePath(Root, f).Replace('\\', '/')).Order(StringComparer.Ordinal);

    /// <summary>Every fenced block of every documentation file.</summary>
    public static IReadOnlyList<MarkdownBlock> All() => [.. Files().SelectMany(f => Parse(f, File.ReadAllText(Path.Combine(Root, f))))];

    /// <summary>The block a test case names.</summary>
    public static MarkdownBlock Find(string id) => All().Single(b => b.Id == id);

    /// <summary>Splits Markdown text into its fenced blocks (``` or ~~~ fences, as CommonMark reads them at the start of a line).</summary>
    /// <param name="file">The file's name, for the blocks' ids.</param>
    /// <param name="text">The Markdown.</param>
    /// <returns>The blocks in order.</returns>
    public static IEnumerable<MarkdownBlock> Parse(string file, string text)
    {
        string[] lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string open = lines[i].TrimStart(' ');
            if (lines[i].Length - open.Length > 3 || !(open.StartsWith("```", StringComparison.Ordinal) || open.StartsWith("~~~", StringComparison.Ordinal)))
            {
                continue;
            }

            char fence = open[0];
            int width = open.TakeWhile(c => c == fence).Count();
            string info = open[width..].Trim();
            int close = i + 1;
            while (close < lines.Length && !IsClosing(lines[close], fence, width))
            {
                close++;
            }

            int space = info.IndexOf(' ', StringComparison.Ordinal);
            string language = (space < 0 ? info : info[..space]).ToLowerInvariant();
            string marks = space < 0 ? string.Empty : info[(space + 1)..].Trim();
            yield return new MarkdownBlock(file, i + 1, language, marks, string.Join('\n', lines[(i + 1)..Math.Min(close, lines.Length)]), i + 2);
            i = close;
        }
    }

    /// <summary>The section a line belongs to: the text of the last heading above it.</summary>
    public static string? HeadingAbove(string text, int line)
    {
        string? heading = null;
        var blocks = Parse("x", text).ToList();
        string[] lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (int i = 0; i < line - 1 && i < lines.Length; i++)
        {
            bool inBlock = blocks.Any(b => i + 1 > b.Line && i + 1 < b.FirstLine + b.Text.Split('\n').Length);
            if (!inBlock && lines[i].StartsWith('#'))
            {
                heading = lines[i];
            }
        }

        return heading;
    }

    private static bool IsClosing(string line, char fence, int width)
    {
        string t = line.TrimStart(' ');
        return line.Length - t.Length <= 3 && t.TrimEnd().Length >= width && t.TrimEnd().All(c => c == fence);
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ConsensusSim.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("The repository root (ConsensusSim.sln) was not found above the test folder.");
    }
}
