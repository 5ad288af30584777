using System.Text.Json;
using ConsensusSim.Model;
using ConsensusSim.Osce;
using ConsensusSim.Serialization;

namespace ConsensusSim.Tests.Serialization;

/// <summary>The published JSON Schema must describe exactly what the reader accepts and the catalog holds.</summary>
public class ScenarioSchemaTests
{
    private static readonly JsonElement Schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "schemas", "scenario.schema.json"))).RootElement;

    private static string[] Names(JsonElement obj) => [.. obj.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)];

    private static string[] Enum(JsonElement e) => [.. e.GetProperty("enum").EnumerateArray().Select(x => x.GetString()!).Order(StringComparer.Ordinal)];

    private static JsonElement Def(string name) => Schema.GetProperty("$defs").GetProperty(name);

    private static JsonElement Prop(JsonElement obj, string name) => obj.GetProperty("properties").GetProperty(name);

    private static string[] Sorted(IEnumerable<string> xs) => [.. xs.Order(StringComparer.Ordinal)];

    [Fact]
    public void Property_names_match_the_reader()
    {
        Assert.Equal(Sorted(ScenarioJsonReader.RootProperties), Names(Schema));
        Assert.Equal(Sorted(ScenarioJsonReader.ProfileProperties), Names(Def("profile")));
        Assert.Equal(Sorted(ScenarioJsonReader.ProposalProperties), Names(Def("proposal")));
        Assert.Equal(Sorted(ScenarioJsonReader.RuleProperties), Names(Def("rule")));
        Assert.Equal(Sorted(ScenarioJsonReader.BehaviourProperties), Names(Prop(Schema, "behaviour")));
        Assert.Equal(Sorted(ScenarioJsonReader.ProcedureProperties), Names(Prop(Schema, "procedure")));
        Assert.Equal(Sorted(ScenarioJsonReader.SimulationProperties), Names(Prop(Schema, "simulation")));
        Assert.Equal(Sorted(ScenarioJsonReader.ChairProperties), Names(Prop(Schema, "chair")));
    }

    [Fact]
    public void Identifier_lists_match_the_catalog()
    {
        var c = OsceCatalog.Default;
        Assert.Equal(Sorted(c.States.Select(s => s.Code)), Enum(Prop(Schema, "overrides").GetProperty("propertyNames").GetProperty("anyOf")[0]));
        Assert.Equal(Sorted(c.Groupings.Select(g => g.Id)), Enum(Prop(Schema, "groupings").GetProperty("propertyNames")));
        Assert.Equal(Sorted(c.FieldsOfWork.Select(f => f.Id)), Enum(Prop(Def("proposal"), "topic")));
        Assert.Equal(Sorted(c.Bodies.Where(b => b.Kind == BodyKind.DecisionMaking).Select(b => b.Id)), Enum(Prop(Def("proposal"), "body")));
        Assert.Equal(Sorted(c.Mechanisms.Select(m => m.Id)), Enum(Prop(Def("rule"), "mechanism")));
        Assert.Equal(Sorted(c.Eras.Select(e => e.Id)), Enum(Prop(Schema, "era")));
    }

    [Fact]
    public void Enumerations_match_the_reader_names()
    {
        // A custom rule exists only in code, so the schema does not offer it.
        Assert.Equal(Sorted(System.Enum.GetValues<ConsensusSim.Model.DecisionRuleKind>().Where(k => k != ConsensusSim.Model.DecisionRuleKind.Custom).Select(k => JsonNames.Of(k))), Enum(Prop(Def("rule"), "kind")));
        Assert.Equal(Sorted(System.Enum.GetValues<ConsensusSim.Model.ItemKind>().Select(k => JsonNames.Of(k))), Enum(Prop(Def("proposal"), "kind")));
        Assert.Equal(Sorted(System.Enum.GetValues<ConsensusSim.Model.BehaviourModel>().Where(k => k != ConsensusSim.Model.BehaviourModel.Custom).Select(k => JsonNames.Of(k))), Enum(Prop(Prop(Schema, "behaviour"), "model")));
        Assert.Equal(Sorted(System.Enum.GetValues<ConsensusSim.Model.ChairStrategy>().Select(k => JsonNames.Of(k))), Enum(Prop(Prop(Schema, "chair"), "strategy")));
        Assert.Equal(Sorted(System.Enum.GetValues<ConsensusSim.Model.VotingWeight>().Select(k => JsonNames.Of(k))), Enum(Prop(Def("rule"), "weight")));
        Assert.Equal(Sorted(ConsensusSim.Procedures.ProcedureDefinition.All.Select(p => p.Id)), Enum(Prop(Prop(Schema, "procedure"), "procedure")));
    }

    [Fact]
    public void Every_property_has_a_description_for_editor_tooltips()
    {
        static IEnumerable<string> Undocumented(JsonElement e, string path)
        {
            if (e.ValueKind != JsonValueKind.Object)
            {
                yield break;
            }

            if (e.TryGetProperty("properties", out var props))
            {
                foreach (var p in props.EnumerateObject())
                {
                    if (!p.Value.TryGetProperty("description", out _))
                    {
                        yield return path + "." + p.Name;
                    }

                    foreach (var inner in Undocumented(p.Value, path + "." + p.Name))
                    {
                        yield return inner;
                    }
                }
            }
        }

        Assert.Empty(Undocumented(Schema, "$").Concat(Schema.GetProperty("$defs").EnumerateObject().SelectMany(d => Undocumented(d.Value, "$defs." + d.Name))));
    }
}
