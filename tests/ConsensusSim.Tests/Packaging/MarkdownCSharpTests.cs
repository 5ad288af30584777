namespace ConsensusSim.Tests.Packaging;

public class MarkdownCSharpTests
{
    private const string Page = """
        # Title

        ## Quick start in C#

        ```sh
        dotnet add package ConsensusSim
        ```

        ```csharp
        using System.Text;

        Console.WriteLine("one");
        ```

        ## Next

        ```cs
        Console.WriteLine("two");
        ```
        """;

    [Fact]
    public void The_block_under_a_heading_is_taken_verbatim_and_the_next_sections_block_is_not()
    {
        Assert.Equal("using System.Text;\n\nConsole.WriteLine(\"one\");\n", MarkdownCSharp.OnlyBlockUnder(Page, "Quick start in C#"));
        Assert.Equal(2, MarkdownCSharp.Blocks(Page).Count);
    }

    [Fact]
    public void A_missing_heading_or_a_section_without_exactly_one_block_is_an_error_naming_the_heading()
    {
        Assert.Contains("'## Missing'", Assert.Throws<FormatException>(() => MarkdownCSharp.OnlyBlockUnder(Page, "Missing")).Message, StringComparison.Ordinal);
        string twice = Page.Replace("## Next\n", "", StringComparison.Ordinal);
        Assert.Contains("has 2 C# blocks", Assert.Throws<FormatException>(() => MarkdownCSharp.OnlyBlockUnder(twice, "Quick start in C#")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Blocks_as_methods_lift_their_usings_to_the_top_and_run_in_order()
    {
        string file = MarkdownCSharp.AsMethods(MarkdownCSharp.Blocks(Page), "Snippets");
        Assert.StartsWith("using System.Text;\n\ninternal static class Snippets\n", file, StringComparison.Ordinal);
        Assert.Contains("    public static void Block1()\n    {\n        Console.WriteLine(\"two\");\n", file, StringComparison.Ordinal);
        Assert.Contains("        Block0();\n        Block1();\n", file, StringComparison.Ordinal);
    }

    [Fact]
    public void The_READMEs_quick_start_is_one_block_that_brings_its_own_usings()
    {
        string readme = File.ReadAllText(Path.Combine(Dotnet.RepositoryRoot(), "README.md"));
        string block = MarkdownCSharp.OnlyBlockUnder(readme, "Quick start in C#");
        Assert.Contains("using ConsensusSim.", block, StringComparison.Ordinal);
    }
}
