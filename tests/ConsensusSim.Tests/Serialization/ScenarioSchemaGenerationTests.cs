using System.Text.Json.Nodes;

namespace ConsensusSim.Tests.Serialization;

/// <summary>
/// The committed JSON Schema is generated from the field declarations: names, types, ranges, defaults
/// and descriptions. Set CONSENSUSSIM_UPDATE_SCHEMA=1 to rewrite it after changing a declaration.
/// </summary>
public sealed class ScenarioSchemaGenerationTests
{
    [Fact]
    public void The_committed_schema_is_the_one_the_field_declarations_generate()
    {
        string generated = ScenarioSchemaGenerator.Text();
        if (Environment.GetEnvironmentVariable("CONSENSUSSIM_UPDATE_SCHEMA") == "1")
        {
            File.WriteAllText(Path.Combine(RepositoryRoot(), "schemas", "scenario.schema.json"), generated);
            return;
        }

        string committed = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "schemas", "scenario.schema.json")).ReplaceLineEndings("\n");
        Assert.True(
            JsonNode.DeepEquals(JsonNode.Parse(committed), JsonNode.Parse(generated)),
            "schemas/scenario.schema.json differs from the field declarations; run the tests with CONSENSUSSIM_UPDATE_SCHEMA=1 to regenerate it.");
        Assert.Equal(committed, generated);
    }

    [Fact]
    public void The_generated_schema_states_ranges_and_defaults()
    {
        var procedure = ScenarioSchemaGenerator.Generate()["properties"]!["procedure"]!["properties"]!["ministerialDeterrence"]!;
        Assert.Equal(("number", 1m, 1000m, 1.5), ((string)procedure["type"]!, (decimal)procedure["minimum"]!, (decimal)procedure["maximum"]!, (double)procedure["default"]!));
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
}
