using System.Text;
using ConsensusSim.Model;
using ConsensusSim.Serialization;
using ConsensusSim.Tests.Support;

namespace ConsensusSim.Tests.Serialization.Hostile;

/// <summary>
/// Item 7 of issue 15: text that is not Unicode — invalid UTF-8 bytes, an escaped half of a surrogate
/// pair, a UTF-16 file — is refused with exit 2 at file:line: $.path, by every command that reads a
/// scenario, and by the library with the path and line; never exit 1, never a silent replacement.
/// </summary>
public sealed class ScenarioEncodingTests : CliHarness
{
    public static TheoryData<string, byte[], int, string> NotUnicode => new()
    {
        // A raw 0xFF inside the proposal's title (line 8).
        { "an invalid byte in a string", Patch(HostileFiles.Scenario(title: "\"Draft \uE000\""), "\uE000", [0xFF]), 8, "$.proposal.title" },

        // An overlong encoding of '/' inside the name (line 2): the classic filter bypass.
        { "an overlong sequence", Patch(HostileFiles.Scenario(name: "\"Ti\uE000ny\""), "\uE000", [0xC0, 0xAF]), 2, "$.name" },

        // A surrogate encoded directly in UTF-8 (CESU-8), which UTF-8 forbids.
        { "an encoded surrogate", Patch(HostileFiles.Scenario(name: "\"Ti\uE000ny\""), "\uE000", [0xED, 0xA0, 0x80]), 2, "$.name" },

        // Valid UTF-8, but the escape is half a surrogate pair: no Unicode text has it.
        { "an escaped lone surrogate", Encoding.UTF8.GetBytes(HostileFiles.Scenario(title: "\"Draft \\ud800 decision\"")), 8, "$.proposal.title" },
        { "an escaped lone low surrogate in a name", Encoding.UTF8.GetBytes(HostileFiles.Scenario(name: "\"\\udc00\"")), 2, "$.name" },

        // A property name that is not UTF-8 is reported at the object holding it.
        { "an invalid byte in a property name", Patch(HostileFiles.Scenario().Replace("\"topic\"", "\"to\uE000pic\"", StringComparison.Ordinal), "\uE000", [0xFE]), 9, "$.proposal" },

        // Between values, in a comment: no path, but the line.
        { "an invalid byte in a comment", Patch(HostileFiles.Scenario().Replace("  \"dimensions\"", "  // note \uE000\n  \"dimensions\"", StringComparison.Ordinal), "\uE000", [0x80]), 6, "$" },
    };

    [Theory]
    [MemberData(nameof(NotUnicode))]
    public void Text_that_is_not_Unicode_is_refused_by_validate_and_run_at_its_file_line_and_path(string what, byte[] content, int line, string path)
    {
        File.WriteAllBytes(F("bad.json"), content);
        foreach (var command in new[] { new[] { "validate", F("bad.json") }, ["describe", F("bad.json")], ["run", F("bad.json"), "--json", F("result.json")] })
        {
            var (code, _, error) = Cli(command);
            Assert.True(code == 2, $"{what}: {command[0]} exited {code}: {error}");
            Assert.Contains($"bad.json:{line}: {path}: ", error, StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", error, StringComparison.Ordinal);
        }

        Assert.Equal(["bad.json"], HostileFiles.Listing(Dir));
    }

    [Theory]
    [MemberData(nameof(NotUnicode))]
    public void The_library_refuses_the_same_bytes_with_the_path_and_line(string what, byte[] content, int line, string path)
    {
        Assert.False(ScenarioJson.TryParse(content, out var scenario, out var problems), what);
        Assert.Null(scenario);
        var problem = Assert.Single(problems);
        Assert.Equal((path, line), (problem.Path, problem.Line));

        File.WriteAllBytes(F("bad.json"), content);
        var ex = Assert.Throws<ScenarioValidationException>(() => ScenarioJson.Load(F("bad.json")));
        Assert.Equal((path, line), (ex.Problems[0].Path, ex.Problems[0].Line));
    }

    [Fact]
    public void A_string_with_an_unpaired_surrogate_given_to_Parse_is_refused_at_its_path_not_replaced()
    {
        // UTF-8 cannot carry U+D800: encoding would silently turn it into U+FFFD and validate a different name.
        string text = HostileFiles.Scenario(name: "\"Ti\ud800ny\"");
        var ex = Assert.Throws<ScenarioValidationException>(() => ScenarioJson.Parse(text, "given.json"));
        var problem = Assert.Single(ex.Problems);
        Assert.Equal(("$.name", 2), (problem.Path, problem.Line));
        Assert.Contains("surrogate", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("utf-16LE")]
    [InlineData("utf-16BE")]
    public void A_UTF_16_file_is_refused_as_UTF_16_on_line_1(string encoding)
    {
        var utf16 = Encoding.GetEncoding(encoding);
        File.WriteAllBytes(F("wide.json"), [.. utf16.GetPreamble(), .. utf16.GetBytes(HostileFiles.Scenario())]);
        var (code, _, error) = Cli("validate", F("wide.json"));
        Assert.Equal(2, code);
        Assert.Contains("wide.json:1: $: The file is UTF-16", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_UTF_8_byte_order_mark_and_non_ASCII_text_are_still_read()
    {
        File.WriteAllBytes(F("bom.json"), [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(HostileFiles.Scenario(name: "\"Zürich 🇨🇭\""))]);
        Assert.Equal("Zürich 🇨🇭", ScenarioJson.Load(F("bom.json")).Name);
    }

    /// <summary>The UTF-8 text with the marker character replaced by raw bytes.</summary>
    private static byte[] Patch(string text, string marker, byte[] raw)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        byte[] mark = Encoding.UTF8.GetBytes(marker);
        int at = bytes.AsSpan().IndexOf(mark);
        return [.. bytes[..at], .. raw, .. bytes[(at + mark.Length)..]];
    }
}
