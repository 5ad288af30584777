using ConsensusSim.Serialization;

namespace ConsensusSim.Tests.Samples;

/// <summary>
/// A sample that names an era shows what the era does: it overrides no value the era owns. A sample whose point is
/// such an override says so in its comment and is listed here with it.
/// </summary>
public class SampleEraTests
{
    /// <summary>Sample file → the era values it overrides on purpose (as <c>EraValue.Name</c>); none today.</summary>
    private static readonly Dictionary<string, string[]> Intended = [];

    public static TheoryData<string> SampleFiles()
    {
        var data = new TheoryData<string>();
        // The calibration folder holds scenario templates and calibration specs; only the templates are scenarios.
        foreach (string folder in new[] { "scenarios", Path.Combine("samples", "calibration") })
        {
            foreach (string file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, folder), "*.json").Order())
            {
                if (!File.ReadAllText(file).Contains("calibration.schema.json", StringComparison.Ordinal))
                {
                    data.Add(Path.Combine(folder, Path.GetFileName(file)));
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SampleFiles))]
    public void A_sample_naming_an_era_overrides_only_what_it_says_it_does(string file)
    {
        var scenario = ScenarioJson.Load(Path.Combine(AppContext.BaseDirectory, file));
        if (scenario.EraProvenance is not { } era)
        {
            return;
        }

        string[] intended = Intended.GetValueOrDefault(file, []);
        Assert.True(
            era.Overridden.Select(v => v.Name).SequenceEqual(intended),
            $"{file} overrides values its era {era.Era} owns: {string.Join("; ", era.Overridden)}. Let the era's values stand, or say why in the sample's comment and list it in {nameof(Intended)}.");
    }

    [Fact]
    public void The_calibration_templates_are_among_the_samples_checked()
    {
        // Six templates: political declaration, thematic decision, unified budget, appointment, chairmanship, mandate extension.
        Assert.Equal(6, SampleFiles().Cast<object[]>().Count(row => ((string)row[0]).StartsWith(Path.Combine("samples", "calibration"), StringComparison.Ordinal)));
    }
}
