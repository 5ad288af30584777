using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ConsensusSim.Tests.Docs;

/// <summary>
/// Every ```csharp block of README.md and docs/*.md compiles as written, taken from the Markdown itself. A block is a
/// complete program for a <c>dotnet new console</c> app (its own usings, the SDK's implicit usings), unless its fence
/// says <c>```csharp fragment</c>: then it is compiled with every public namespace of the library in scope; or
/// <c>```csharp no-compile: reason</c>, skipped with the reason shown.
/// </summary>
public class CSharpSnippetTests
{
    public static TheoryData<string> CSharpBlocks()
    {
        var data = new TheoryData<string>();
        foreach (var block in MarkdownBlocks.All().Where(b => MarkdownBlocks.CSharp.Contains(b.Language)))
        {
            data.Add(block.Id);
        }

        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(CSharpBlocks))]
    public void Every_csharp_block_compiles_as_written(string block)
    {
        var b = MarkdownBlocks.Find(block);
        var (kind, reason) = Marking(b.Marks);
        Skip.If(kind == "no-compile", $"{block} is marked no-compile: {reason}");
        string[] errors = kind == "fragment" ? CompileFragment(b) : CompileProgram(b);
        Assert.True(errors.Length == 0, $"{block} does not compile:\n{string.Join('\n', errors)}");
    }

    [Fact]
    public void A_block_missing_a_using_fails_with_its_markdown_line()
    {
        var broken = MarkdownBlocks.Parse("docs/example.md", "Text\n\n```csharp\nvar builder = new ScenarioBuilder { Name = \"x\" };\n```\n").Single();
        string[] errors = CompileProgram(broken);
        Assert.Contains(errors, e => e.StartsWith("docs/example.md:4: CS0246", StringComparison.Ordinal));
    }

    [Fact]
    public void There_are_csharp_blocks_and_fragments_stay_rare()
    {
        var blocks = MarkdownBlocks.All().Where(b => MarkdownBlocks.CSharp.Contains(b.Language)).ToList();
        Assert.True(blocks.Count >= 3, $"only {blocks.Count} C# blocks found: is the documentation read from the right folder ({MarkdownBlocks.Root})?");
        Assert.True(blocks.Count(b => b.Marks.Length > 0) * 4 <= blocks.Count, "more than a quarter of the C# blocks are fragments or not compiled: make them complete programs");
    }

    [Fact]
    public void The_README_has_exactly_one_csharp_block_under_its_quick_start_heading()
    {
        string text = File.ReadAllText(Path.Combine(MarkdownBlocks.Root, "README.md"));
        var blocks = MarkdownBlocks.Parse("README.md", text)
            .Where(b => MarkdownBlocks.CSharp.Contains(b.Language) && MarkdownBlocks.HeadingAbove(text, b.Line) == "## Quick start in C#")
            .ToList();
        Assert.Single(blocks);
        Assert.Empty(blocks[0].Marks);
    }

    /// <summary>The fence's marks: nothing, <c>fragment</c>, or <c>no-compile: reason</c> (a reason is required).</summary>
    internal static (string Kind, string Reason) Marking(string marks)
    {
        if (marks.Length == 0)
        {
            return (string.Empty, string.Empty);
        }

        string kind = marks.Split([' ', ':'], 2)[0];
        string reason = marks[kind.Length..].TrimStart(':', ' ');
        Assert.True(kind is "fragment" or "no-compile", $"unknown mark '{marks}' on a C# block: use 'fragment' or 'no-compile: reason'");
        Assert.False(kind == "no-compile" && reason.Length == 0, "a no-compile block must say why ('no-compile: reason')");
        return (kind, reason);
    }

    internal static string[] CompileProgram(MarkdownBlock b) =>
        SnippetCompiler.Errors(SnippetCompiler.Compile("Snippet", (b.Text, b.File)), b.FirstLine);

    /// <summary>A fragment may leave out its usings: every public namespace of the library is in scope, on one line so the lines still match.</summary>
    private static string[] CompileFragment(MarkdownBlock b)
    {
        string usings = string.Concat(SnippetCompiler.LibraryNamespaces().Select(n => $"using {n}; "));
        var root = CSharpSyntaxTree.ParseText(b.Text).GetCompilationUnitRoot();
        string text = usings + b.Text + (root.Members.OfType<GlobalStatementSyntax>().Any() ? string.Empty : "\nreturn;");
        return SnippetCompiler.Errors(SnippetCompiler.Compile("Fragment", (text, b.File)), b.FirstLine);
    }
}
