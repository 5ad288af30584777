using System.Text.Json.Nodes;
using ConsensusSim.Serialization;
using ConsensusSim.Tests.Support;

namespace ConsensusSim.Tests.Cli.Hostile;

/// <summary>
/// Item 23 of issue 15 (init): the starter's "$schema" resolves from wherever the file is written —
/// init writes the schema beside it, never over a different file — and its header no longer says
/// it is the default scenario.
/// </summary>
public sealed class InitSchemaTests : CliHarness
{
    private static readonly string ShippedSchema = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "schemas", "scenario.schema.json"));

    [Fact]
    public void The_starters_schema_reference_resolves_beside_it_wherever_it_is_written()
    {
        var (code, output, error) = Cli("init", "Border management", "--out", F("deep/down/border.json"));
        Assert.True(code == 0, error);
        string text = File.ReadAllText(F("deep/down/border.json"));
        string reference = SchemaReference(text);
        string resolved = Path.Combine(F("deep/down"), reference);
        Assert.Equal(ShippedSchema, File.ReadAllText(resolved));
        Assert.Contains(reference, output, StringComparison.Ordinal);
        Assert.Equal("Border management", ScenarioJson.Parse(text).Name);
        Assert.Equal(0, Cli("validate", F("deep/down/border.json")).Code);
    }

    [Fact]
    public void The_starters_header_says_what_it_is_not_that_it_is_the_default()
    {
        Assert.Equal(0, Cli("init", "Policing", "--out", F("policing.json")).Code);
        string text = File.ReadAllText(F("policing.json"));
        Assert.StartsWith("// Starter scenario written by 'consensussim init'", text, StringComparison.Ordinal);
        Assert.DoesNotContain("This is the default scenario", text, StringComparison.Ordinal);
        Assert.DoesNotContain("uses it when given no file", text, StringComparison.Ordinal);
        Assert.DoesNotContain("../../schemas", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_second_starter_shares_the_schema_and_a_different_schema_file_is_never_overwritten()
    {
        Assert.Equal(0, Cli("init", "First", "--out", F("first.json")).Code);
        Assert.Equal(0, Cli("init", "Second", "--out", F("second.json")).Code);
        Assert.Equal("./scenario.schema.json", SchemaReference(File.ReadAllText(F("second.json"))));
        Assert.Equal(["first.json", "scenario.schema.json", "second.json"], HostileFiles.Listing(Dir));

        // Someone's own (or another version's) schema stays as it is; this version's gets its own name.
        File.WriteAllText(F("scenario.schema.json"), "{ \"mine\": true }");
        Assert.Equal(0, Cli("init", "Third", "--out", F("third.json")).Code);
        Assert.Equal("{ \"mine\": true }", File.ReadAllText(F("scenario.schema.json")));
        string reference = SchemaReference(File.ReadAllText(F("third.json")));
        Assert.NotEqual("./scenario.schema.json", reference);
        Assert.Equal(ShippedSchema, File.ReadAllText(F(reference)));
    }

    [Fact]
    public void The_starters_schema_reference_is_relative_to_the_file_as_editors_resolve_it()
    {
        // VS Code resolves a "$schema" against the file only when it starts with '.'; a bare name is taken as a URL.
        Assert.Equal(0, Cli("init", "Border management", "--out", F("nested/border.json")).Code);
        string reference = SchemaReference(File.ReadAllText(F("nested/border.json")));
        Assert.StartsWith("./", reference, StringComparison.Ordinal);
        var resolved = new Uri(new Uri(F("nested/border.json")), reference);
        Assert.Equal(ShippedSchema, File.ReadAllText(resolved.LocalPath));
    }

    [Fact]
    public void The_schema_command_prints_and_writes_the_schema_embedded_in_the_tool()
    {
        var (code, output, error) = Cli("schema");
        Assert.True(code == 0, error);
        Assert.Equal(ShippedSchema, output);

        // Written on request, and written again after an update of the tool.
        File.WriteAllText(F("scenario.schema.json"), "{ \"old\": true }");
        Assert.Equal(0, Cli("schema", "--out", F("scenario.schema.json")).Code);
        Assert.Equal(ShippedSchema, File.ReadAllText(F("scenario.schema.json")));

        // The tool carries it: nothing is read from the repository.
        Assert.Contains("ConsensusSim.Cli.scenario.schema.json", typeof(ConsensusSim.Cli.ConsensusSimCli).Assembly.GetManifestResourceNames());
    }

    [Fact]
    public void A_name_that_makes_no_file_name_is_refused_instead_of_writing_a_hidden_file()
    {
        var (code, _, error) = Cli("init", "///");
        Assert.Equal(2, code);
        Assert.Contains("makes no file name; give the file with --out", error, StringComparison.Ordinal);
        Assert.False(File.Exists(".json"));
    }

    private static string SchemaReference(string text)
    {
        var node = JsonNode.Parse(text, documentOptions: new System.Text.Json.JsonDocumentOptions { CommentHandling = System.Text.Json.JsonCommentHandling.Skip })!;
        return (string)node["$schema"]!;
    }
}
