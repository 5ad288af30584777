using System.Text;

namespace ConsensusSim.Tests.Packaging;

/// <summary>
/// C# code blocks taken from Markdown as a reader copies them, so a test compiles the documentation's
/// text itself rather than a copy of it that can drift.
/// </summary>
internal static class MarkdownCSharp
{
    /// <summary>Every fenced block whose info string starts with <c>csharp</c> or <c>cs</c>, in order.</summary>
    public static IReadOnlyList<string> Blocks(string markdown)
    {
        var blocks = new List<string>();
        StringBuilder? current = null;
        foreach (string line in markdown.ReplaceLineEndings("\n").Split('\n'))
        {
            if (current is null)
            {
                string info = line.StartsWith("```", StringComparison.Ordinal) ? line[3..].Trim() : "";
                string language = info.Split(' ', 2)[0];
                if (language is "csharp" or "cs")
                {
                    current = new StringBuilder();
                }
            }
            else if (line.TrimEnd() == "```")
            {
                blocks.Add(current.ToString());
                current = null;
            }
            else
            {
                current.Append(line).Append('\n');
            }
        }

        return current is null ? blocks : throw new FormatException("A C# block is not closed.");
    }

    /// <summary>The one C# block under a level-2 heading (up to the next level-2 heading); anything else is an error naming the heading.</summary>
    public static string OnlyBlockUnder(string markdown, string heading)
    {
        string text = markdown.ReplaceLineEndings("\n");
        string marker = "\n## " + heading + "\n";
        int start = ("\n" + text).IndexOf(marker, StringComparison.Ordinal);
        if (start < 0)
        {
            throw new FormatException($"There is no heading '## {heading}'.");
        }

        string section = text[start..];
        int end = section.IndexOf("\n## ", marker.Length - 1, StringComparison.Ordinal);
        var blocks = Blocks(end < 0 ? section : section[..end]);
        return blocks.Count == 1
            ? blocks[0]
            : throw new FormatException($"'## {heading}' has {blocks.Count} C# blocks; it should have exactly one.");
    }

    /// <summary>
    /// Blocks written as top-level statements, turned into one compilable file: their <c>using</c> lines
    /// lifted to the top, each block's statements the body of a method <c>Block0</c>, <c>Block1</c>, … of
    /// <paramref name="className"/>, and <c>RunAll</c> calling them in order.
    /// </summary>
    public static string AsMethods(IReadOnlyList<string> blocks, string className)
    {
        var usings = new SortedSet<string>(StringComparer.Ordinal);
        var methods = new StringBuilder();
        for (int i = 0; i < blocks.Count; i++)
        {
            methods.Append("    public static void Block").Append(i).Append("()\n    {\n");
            foreach (string line in blocks[i].Split('\n'))
            {
                if (line.StartsWith("using ", StringComparison.Ordinal) && line.Contains(';', StringComparison.Ordinal))
                {
                    usings.Add(line[..(line.IndexOf(';', StringComparison.Ordinal) + 1)]);
                }
                else
                {
                    methods.Append("        ").Append(line).Append('\n');
                }
            }

            methods.Append("    }\n\n");
        }

        var file = new StringBuilder();
        foreach (string u in usings)
        {
            file.Append(u).Append('\n');
        }

        file.Append("\ninternal static class ").Append(className).Append("\n{\n").Append(methods);
        file.Append("    public static void RunAll()\n    {\n");
        for (int i = 0; i < blocks.Count; i++)
        {
            file.Append("        Block").Append(i).Append("();\n");
        }

        return file.Append("    }\n}\n").ToString();
    }
}
