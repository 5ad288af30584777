using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using ConsensusSim.Model;
using ConsensusSim.Serialization;

namespace ConsensusSim.Tests.Serialization;

/// <summary>Writes <c>schemas/scenario.schema.json</c> from the field declarations in <see cref="ScenarioFields"/>.</summary>
internal static class ScenarioSchemaGenerator
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The schema's text, as committed.</summary>
    public static string Text() => Generate().ToJsonString(Options) + "\n";

    public static JsonObject Generate()
    {
        var root = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = ScenarioFields.SchemaId,
            ["title"] = ScenarioFields.Title,
            ["description"] = ScenarioFields.Description,
        };
        AddShape(root, ScenarioFields.Root.Shape);
        var defs = new JsonObject();
        foreach (var f in ScenarioFields.Definitions.All)
        {
            defs[f.Name] = Field(f);
        }

        root["$defs"] = defs;
        return root;
    }

    private static JsonObject Field(ScenarioField f)
    {
        var o = new JsonObject { ["description"] = f.Description };
        AddShape(o, f.Shape);
        if (f.Default is { } d)
        {
            o["default"] = Value(d);
        }

        return o;
    }

    private static JsonObject Shape(FieldShape s)
    {
        var o = new JsonObject();
        AddShape(o, s);
        return o;
    }

    private static void AddShape(JsonObject o, FieldShape shape)
    {
        switch (shape)
        {
            case TextShape t:
                o["type"] = "string";
                Put(o, "minLength", t.NotEmpty ? 1 : null);
                break;
            case FlagShape:
                o["type"] = "boolean";
                break;
            case NumberShape n:
                o["type"] = n.Whole ? "integer" : "number";
                Put(o, n.ExclusiveMinimum ? "exclusiveMinimum" : "minimum", n.Minimum);
                Put(o, "maximum", n.Maximum);
                break;
            case ChoiceShape c:
                o["enum"] = new JsonArray([.. c.Values().Select(Value)]);
                break;
            case ConstShape c:
                o["const"] = c.Value;
                break;
            case RefShape r:
                o["$ref"] = "#/$defs/" + r.Definition;
                break;
            case ListShape l:
                o["type"] = "array";
                o["items"] = Shape(l.Items);
                Put(o, "minItems", l.MinItems);
                Put(o, "maxItems", l.MaxItems);
                Put(o, "uniqueItems", l.Unique ? true : null);
                break;
            case ObjectShape obj:
                AddObject(o, obj);
                break;
            case MapShape m:
                o["type"] = "object";
                o["propertyNames"] = Shape(m.Keys);
                o["additionalProperties"] = Shape(m.Values);
                break;
            case OneOfShape c:
                o[c.Any ? "anyOf" : "oneOf"] = new JsonArray([.. c.Choices.Select(Shape)]);
                break;
            case ParameterShape p:
                o["oneOf"] = new JsonArray([new JsonObject { ["type"] = "number" }, .. In(p.Container).Select(OneProperty)]);
                break;
            default:
                throw new InvalidOperationException($"No schema for {shape}.");
        }
    }

    private static void AddObject(JsonObject o, ObjectShape obj)
    {
        var fields = In(obj.Container).ToList();
        o["type"] = "object";
        o["additionalProperties"] = false;
        string[] required = [.. fields.Where(f => f.Required).Select(f => f.Name)];
        if (required.Length > 0)
        {
            o["required"] = Names(required);
        }

        var properties = new JsonObject();
        foreach (var f in fields)
        {
            properties[f.Name] = Field(f);
        }

        o["properties"] = properties;
        if (obj.ExactlyOneOf is { } one)
        {
            o["oneOf"] = new JsonArray([.. one.Select(name => new JsonObject { ["required"] = Names([name]) })]);
        }
    }

    /// <summary>An object giving exactly this field: one form of a parameter.</summary>
    private static JsonObject OneProperty(ScenarioField f) => new()
    {
        ["type"] = "object",
        ["additionalProperties"] = false,
        ["required"] = Names([f.Name]),
        ["properties"] = new JsonObject { [f.Name] = Field(f) },
    };

    private static IEnumerable<ScenarioField> In(string container) => ScenarioFields.All.Where(f => f.Container == container);

    private static JsonArray Names(IEnumerable<string> names) => new([.. names.Select(n => (JsonNode?)n)]);

    private static void Put(JsonObject o, string key, object? value)
    {
        if (value is not null)
        {
            o[key] = Value(value);
        }
    }

    private static JsonNode? Value(object value) => value switch
    {
        Enum e => JsonNames.Of(e),
        string s => s,
        bool b => b,
        int i => i,
        long l => l,
        ulong u => u,
        double x => x,
        decimal m => m,
        IEnumerable<string> list => Names(list),
        _ => throw new InvalidOperationException($"No JSON for {value.GetType().Name}."),
    };
}
