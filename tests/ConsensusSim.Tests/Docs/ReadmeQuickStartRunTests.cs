using ConsensusSim.Tests.Support;

namespace ConsensusSim.Tests.Docs;

/// <summary>
/// Runs the README's C# quick start, taken from the README's text: it prints P(adopted) with an interval and the
/// blockers. It redirects the process's console while it runs, so it runs alone.
/// </summary>
[Collection(nameof(RunsAlone))]
public class ReadmeQuickStartRunTests
{
    [Fact]
    public void The_README_quick_start_runs_and_prints_an_interval()
    {
        string text = File.ReadAllText(Path.Combine(MarkdownBlocks.Root, "README.md"));
        var block = MarkdownBlocks.Parse("README.md", text)
            .Single(b => MarkdownBlocks.CSharp.Contains(b.Language) && MarkdownBlocks.HeadingAbove(text, b.Line) == "## Quick start in C#");
        var compilation = SnippetCompiler.Compile("QuickStart", (block.Text, block.File));
        Assert.Empty(SnippetCompiler.Errors(compilation, block.FirstLine));

        var output = new StringWriter();
        var console = Console.Out;
        Console.SetOut(output);
        try
        {
            SnippetCompiler.Run(compilation);
        }
        finally
        {
            Console.SetOut(console);
        }

        string printed = output.ToString();
        Assert.Matches(@"P\(adopted\) = 0\.\d{4} \(95% CI 0\.\d{4}–0\.\d{4}, SE 0\.\d{5}\)", printed);
        Assert.Contains("Russian Federation: blocks in", printed, StringComparison.Ordinal);
    }
}
