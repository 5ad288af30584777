using System.Globalization;
using System.Text;
using System.Text.Json;
using ConsensusSim.Model;

namespace ConsensusSim.Serialization;

/// <summary>
/// A result's <c>provenance.era</c>: which values the run's era owns, which the scenario overrode. Read back with the
/// tallies and covered by their checksum, so a merged or resumed result keeps it and an edited one is refused.
/// </summary>
internal static class EraProvenanceJson
{
    private static readonly string[] Distributions = ["uniform", "beta", "truncatedNormal"];

    public static void Write(Utf8JsonWriter w, EraProvenance era)
    {
        w.WriteStartObject("era");
        w.WriteString("id", era.Era);
        w.WriteNumber("overridden", era.Overridden.Count);
        w.WriteStartArray("values");
        foreach (var v in era.Values)
        {
            w.WriteStartObject();
            w.WriteString("kind", JsonNames.Of(v.Kind));
            if (v.Bloc is { } bloc)
            {
                w.WriteString("bloc", bloc);
            }
            else
            {
                w.WriteNull("bloc");
            }

            w.WriteNumber("era", v.EraSetting);
            w.WriteString("from", From(v));
            w.WriteStartArray("overrides");
            foreach (var o in v.Overrides)
            {
                w.WriteStartObject();
                w.WriteString("source", o.Source);
                w.WritePropertyName("value");
                WriteParameter(w, o.Value);
                w.WriteStartArray("targets");
                foreach (string t in o.Targets)
                {
                    w.WriteStringValue(t);
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteString("text", v.ToString());
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>Reads <c>provenance.era</c>; <see langword="null"/> when the provenance has none (a run without an era).</summary>
    /// <exception cref="TallyProblem">The entry is malformed, at its JSON path.</exception>
    public static EraProvenance? Read(JsonElement root)
    {
        if (!root.TryGetProperty("provenance", out var provenance) || provenance.ValueKind != JsonValueKind.Object
            || !provenance.TryGetProperty("era", out var e) || e.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        const string at = "$.provenance.era";
        Require(e, JsonValueKind.Object, at, "an object");
        string id = new TallyField(e, at).Text("id");
        var array = Property(e, "values", at, JsonValueKind.Array, "an array");
        var values = new List<EraValue>();
        int i = 0;
        foreach (var v in array.EnumerateArray())
        {
            values.Add(ReadValue(v, $"{at}.values[{i++}]", id));
        }

        return new EraProvenance(id, values);
    }

    /// <summary>The era provenance in the checksum's canonical form: one line per value and per override.</summary>
    public static string Canonical(EraProvenance era)
    {
        var c = new StringBuilder();
        c.Append(era.Era).Append('\n');
        foreach (var v in era.Values)
        {
            c.Append(JsonNames.Of(v.Kind)).Append('|').Append(v.Bloc ?? "-").Append('|')
                .Append(v.EraSetting.ToString("R", CultureInfo.InvariantCulture)).Append('|').Append(From(v)).Append('\n');
            foreach (var o in v.Overrides)
            {
                c.Append(' ').Append(o.Source).Append('|').Append(o.Value).Append('|').Append(string.Join(",", o.Targets)).Append('\n');
            }
        }

        return c.ToString();
    }

    private static string From(EraValue v) => !v.IsOverridden ? "era" : v.IsOverriddenEverywhere ? "scenario" : "era-and-scenario";

    private static EraValue ReadValue(JsonElement v, string at, string era)
    {
        Require(v, JsonValueKind.Object, at, "an object");
        var f = new TallyField(v, at);
        string kindName = f.Text("kind");
        var kind = Enum.GetValues<EraValueKind>().Where(k => JsonNames.Of(k) == kindName).Cast<EraValueKind?>().FirstOrDefault()
            ?? throw new TallyProblem(at + ".kind", $"expected one of {string.Join(", ", Enum.GetValues<EraValueKind>().Select(k => JsonNames.Of(k)))}");
        var blocElement = Property(v, "bloc", at, JsonValueKind.Undefined, null);
        string? bloc = blocElement.ValueKind switch
        {
            JsonValueKind.Null => null,
            JsonValueKind.String => blocElement.GetString(),
            _ => throw new TallyProblem(at + ".bloc", "expected a string or null"),
        };
        double setting = Number(Property(v, "era", at, JsonValueKind.Number, "a number"), at + ".era");
        string from = f.Text("from");
        if (from is not ("era" or "scenario" or "era-and-scenario"))
        {
            throw new TallyProblem(at + ".from", "expected era, scenario or era-and-scenario");
        }

        var overrides = new List<EraOverride>();
        int i = 0;
        foreach (var o in Property(v, "overrides", at, JsonValueKind.Array, "an array").EnumerateArray())
        {
            string p = $"{at}.overrides[{i++}]";
            Require(o, JsonValueKind.Object, p, "an object");
            var of = new TallyField(o, p);
            overrides.Add(new EraOverride(of.Text("source"), ReadParameter(Property(o, "value", p, JsonValueKind.Undefined, null), p + ".value"), of.Texts("targets")));
        }

        if ((from == "era") != (overrides.Count == 0))
        {
            throw new TallyProblem(at + ".from", "says where the value came from, which must agree with its overrides (era exactly when there are none)");
        }

        return new EraValue(era, kind, bloc, setting, overrides, from == "scenario");
    }

    private static void WriteParameter(Utf8JsonWriter w, Parameter p)
    {
        if (p.IsFixed)
        {
            w.WriteNumberValue(p.First);
            return;
        }

        w.WriteStartObject();
        w.WriteStartArray(p.Distribution switch
        {
            ParameterDistribution.Uniform => "uniform",
            ParameterDistribution.Beta => "beta",
            _ => "truncatedNormal",
        });
        w.WriteNumberValue(p.First);
        w.WriteNumberValue(p.Second);
        if (p.Distribution == ParameterDistribution.TruncatedNormal)
        {
            w.WriteNumberValue(p.Third);
            w.WriteNumberValue(p.Fourth);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static Parameter ReadParameter(JsonElement e, string at)
    {
        if (e.ValueKind == JsonValueKind.Number)
        {
            return Parameter.Fixed(Number(e, at));
        }

        var props = e.ValueKind == JsonValueKind.Object ? e.EnumerateObject().ToList() : [];
        if (props.Count != 1 || !Distributions.Contains(props[0].Name) || props[0].Value.ValueKind != JsonValueKind.Array)
        {
            throw new TallyProblem(at, "expected a number or one of {\"uniform\": [a, b]}, {\"beta\": [α, β]}, {\"truncatedNormal\": [mean, sd, lower, upper]}");
        }

        string name = props[0].Name;
        double[] args = [.. props[0].Value.EnumerateArray().Select((x, k) => Number(x, $"{at}.{name}[{k}]"))];
        if (args.Length != (name == "truncatedNormal" ? 4 : 2) || DistributionArguments.Problem(name, args) is not null)
        {
            throw new TallyProblem($"{at}.{name}", "is not a valid distribution");
        }

        try
        {
            return name switch
            {
                "uniform" => Parameter.Uniform(args[0], args[1]),
                "beta" => Parameter.Beta(args[0], args[1]),
                _ => Parameter.TruncatedNormal(args[0], args[1], args[2], args[3]),
            };
        }
        catch (ArgumentOutOfRangeException)
        {
            throw new TallyProblem($"{at}.{name}", "is not a valid distribution");
        }
    }

    private static double Number(JsonElement e, string at) =>
        e.ValueKind == JsonValueKind.Number && e.TryGetDouble(out double x) && double.IsFinite(x) ? x : throw new TallyProblem(at, "expected a finite number");

    private static JsonElement Property(JsonElement obj, string name, string at, JsonValueKind kind, string? expected)
    {
        if (!obj.TryGetProperty(name, out var e))
        {
            throw new TallyProblem($"{at}.{name}", "is missing");
        }

        return kind == JsonValueKind.Undefined || e.ValueKind == kind ? e : throw new TallyProblem($"{at}.{name}", $"expected {expected}");
    }

    private static void Require(JsonElement e, JsonValueKind kind, string at, string expected)
    {
        if (e.ValueKind != kind)
        {
            throw new TallyProblem(at, $"expected {expected}");
        }
    }
}
