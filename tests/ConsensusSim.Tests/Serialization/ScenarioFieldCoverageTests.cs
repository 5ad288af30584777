using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ConsensusSim.Model;
using ConsensusSim.Serialization;

namespace ConsensusSim.Tests.Serialization;

/// <summary>
/// Every declared field is read by the reader, its declared range enforced, and its declared default the
/// model's: a declaration the reader, the validator or the model ignores fails here.
/// </summary>
public sealed class ScenarioFieldCoverageTests
{
    /// <summary>Valid, with every container present: a compromising Chair, a qualified majority, a stance profile.</summary>
    private const string Base = """
        {
          "name": "fields",
          "states": ["AUT", "BEL", "RUS"],
          "actors": [{ "code": "X1" }],
          "proposal": { "statusQuo": [0, 0, 0], "draft": [0.5, 0.5, 0.5] },
          "chair": { "strategy": "compromise" },
          "rule": { "kind": "qualified-majority", "stateShare": 0.5, "weightShare": 0.5, "weight": "equal" },
          "behaviour": { "model": "stance" },
          "defaults": { "idealPoint": [0.5, 0.5, 0.5], "salience": [0.4, 0.3, 0.3], "blockingCost": 0.1, "noise": { "beta": [2, 2] } },
          "procedure": {},
          "simulation": {}
        }
        """;

    /// <summary>Where a container's fields go in <see cref="Base"/>: the keys leading to it and the path problems name.</summary>
    private static readonly Dictionary<string, (string[] Keys, string At)> Places = new()
    {
        [ScenarioFields.Root.Path] = ([], "$"),
        [ScenarioFields.Actor.Path] = (["actors", "0"], "$.actors[0]"),
        [ScenarioFields.Chair.Path] = (["chair"], "$.chair"),
        [ScenarioFields.Behaviour.Path] = (["behaviour"], "$.behaviour"),
        [ScenarioFields.Procedure.Path] = (["procedure"], "$.procedure"),
        [ScenarioFields.Simulation.Path] = (["simulation"], "$.simulation"),
        [ScenarioFields.Profile.Path] = (["defaults"], "$.defaults"),
        [ScenarioFields.Proposal.Path] = (["proposal"], "$.proposal"),
        [ScenarioFields.Rule.Path] = (["rule"], "$.rule"),
        [ScenarioFields.Parameter.Path] = (["defaults", "noise"], "$.defaults.noise"),
    };

    /// <summary>The model object holding a container's values, in a builder read from a file.</summary>
    private static readonly Dictionary<string, Func<ScenarioBuilder, object>> Owners = new()
    {
        [ScenarioFields.Root.Path] = b => b,
        [ScenarioFields.Simulation.Path] = b => b,
        [ScenarioFields.Actor.Path] = b => b.Actors[0],
        [ScenarioFields.Chair.Path] = b => b.Chair,
        [ScenarioFields.Behaviour.Path] = b => b.Behaviour,
        [ScenarioFields.Procedure.Path] = b => b.Procedure,
        [ScenarioFields.Profile.Path] = b => b.Defaults,
        [ScenarioFields.Proposal.Path] = b => b.Proposals[0],
        [ScenarioFields.Rule.Path] = b => b.Rule,
    };

    /// <summary>Every field a file holds; <c>$schema</c>, for editors, is not read.</summary>
    public static TheoryData<string> FileFields => [.. InFiles.Where(f => f != ScenarioFields.Root.Schema).Select(f => f.Path)];

    public static TheoryData<string> SampledFields => [.. InFiles.Where(f => f.Model is not null && Sample(f) is not null).Select(f => f.Path)];

    public static TheoryData<string> BoundedFields => [.. ScenarioFields.All.Where(f => Range(f) is { Minimum: not null } or { Maximum: not null }).Select(f => f.Path)];

    public static TheoryData<string> ModelFields => [.. ScenarioFields.All.Where(f => f.Model is not null && !f.Required).Select(f => f.Path)];

    [Fact]
    public void The_base_scenario_is_valid_and_every_container_has_a_place()
    {
        Assert.Empty(Read(JsonNode.Parse(Base)!).Problems);
        Assert.All(InFiles, f => Assert.Contains(f.Container, Places.Keys));
    }

    [Fact]
    public void The_declared_trial_limit_is_the_runner_s()
    {
        Assert.Equal(ConsensusSim.Simulation.SimulationOptions.MaxTrials, ScenarioFields.MaxTrials);
    }

    [Theory]
    [MemberData(nameof(FileFields))]
    public void A_declared_field_of_the_wrong_type_is_refused_at_its_path(string path)
    {
        var field = Field(path);
        var (root, at) = With(field, field.Shape is FlagShape ? JsonValue.Create(1) : JsonValue.Create(true));
        Assert.Contains(Read(root).Problems, p => p.Path == at);
    }

    [Theory]
    [MemberData(nameof(SampledFields))]
    public void A_declared_field_given_a_valid_value_reaches_the_model(string path)
    {
        var field = Field(path);
        var (value, expected) = Sample(field)!.Value;
        var (root, at) = With(field, value);
        var (b, problems) = Read(root);
        Assert.DoesNotContain(problems, p => p.Path.StartsWith(at, StringComparison.Ordinal));
        Assert.Equal(expected, Normalise(field.Model!(Owners[field.Container](b))));
    }

    [Theory]
    [MemberData(nameof(BoundedFields))]
    public void A_value_outside_a_declared_range_is_refused_at_its_path(string path)
    {
        var field = Field(path);
        var range = Range(field)!;
        var outside = new List<decimal>();
        if (range.Minimum is { } min)
        {
            outside.Add(range.ExclusiveMinimum ? min : min - 1);
        }

        if (range.Maximum is { } max)
        {
            outside.Add(max + 1);
        }

        foreach (decimal bad in outside)
        {
            var (root, at) = With(field, Placed(field, JsonValue.Create(bad)));
            if (field == ScenarioFields.Rule.MinimumStates)
            {
                root["rule"] = new JsonObject { ["kind"] = "mechanism", ["mechanism"] = "vienna", ["minimumStates"] = bad };
            }

            var problems = Read(root).Problems;
            Assert.True(
                problems.Any(p => p.Path == at || p.Path.StartsWith(at + "[", StringComparison.Ordinal) || p.Path.StartsWith(at + ".", StringComparison.Ordinal)),
                $"{bad} at {at} was accepted; problems: {string.Join("; ", problems.Select(p => p.ToString()))}");
        }
    }

    [Theory]
    [MemberData(nameof(ModelFields))]
    public void A_field_left_out_takes_the_declared_default_and_the_model_needs_none_other(string path)
    {
        var field = Field(path);
        var root = JsonNode.Parse("""{ "name": "minimal", "proposal": { "statusQuo": [0, 0, 0], "draft": [0.5, 0.5, 0.5] } }""")!;
        if (field.Container == ScenarioFields.Actor.Path)
        {
            root["actors"] = new JsonArray(new JsonObject { ["code"] = "X1" });
        }

        var (b, problems) = Read(root, validate: false);
        Assert.Empty(problems);
        object? actual = Normalise(field.Model!(Owners[field.Container](b)));
        Assert.True(field.Default is not null || actual is null, $"{path} declares no default, but the model holds {actual} when it is left out.");
        Assert.Equal(Normalise(field.Default), actual);
    }

    private static IEnumerable<ScenarioField> InFiles => ScenarioFields.All.Where(f => f.Container != ScenarioFields.Definitions.Path);

    private static ScenarioField Field(string path) => ScenarioFields.All.Single(f => f.Path == path);

    private static NumberShape? Range(ScenarioField f) => f.Shape switch
    {
        NumberShape n => n,
        RefShape { Range: { } r } => r,
        ListShape { Items: NumberShape n } => n,
        ListShape { Items: RefShape { Range: { } r } } => r,
        MapShape { Values: NumberShape n } => n,
        _ => null,
    };

    /// <summary>Puts <paramref name="bad"/> where the field's numbers go: itself, the first of its items, or a bloc's value.</summary>
    private static JsonNode Placed(ScenarioField f, JsonNode bad) => f.Shape switch
    {
        ListShape l => new JsonArray([bad, .. Enumerable.Range(1, Math.Max(l.MinItems ?? 0, 3) - 1).Select(_ => (JsonNode?)JsonValue.Create(0.5))]),
        MapShape => new JsonObject { ["eu-bloc"] = bad },
        _ => bad,
    };

    /// <summary>The base scenario with the field set to <paramref name="value"/>, and the path problems name it by.</summary>
    private static (JsonNode Root, string At) With(ScenarioField f, JsonNode? value)
    {
        var root = JsonNode.Parse(Base)!;
        var (keys, at) = Places[f.Container];
        JsonNode target = root;
        foreach (string key in keys)
        {
            target = int.TryParse(key, CultureInfo.InvariantCulture, out int i) ? target[i]! : target[key]!;
        }

        if (f.Container == ScenarioFields.Parameter.Path)
        {
            // A parameter names exactly one distribution.
            root["defaults"]!["noise"] = target = new JsonObject();
        }

        if (f == ScenarioFields.Root.Proposals)
        {
            root.AsObject().Remove("proposal");
        }

        if (f == ScenarioFields.Procedure.PackageFallback)
        {
            // A fallback needs a package to fall back from.
            var proposal = root["proposal"]!;
            root.AsObject().Remove("proposal");
            root["proposals"] = new JsonArray(proposal, proposal.DeepClone());
        }

        target[f.Name] = value;
        return (root, at + "." + f.Name);
    }

    /// <summary>A valid value other than the default, and what the model then holds.</summary>
    private static (JsonNode Value, object Expected)? Sample(ScenarioField f)
    {
        switch (f.Shape)
        {
            case FlagShape:
                return (JsonValue.Create(!(bool)f.Default!), !(bool)f.Default!);
            case TextShape:
                return (JsonValue.Create("zz-sample"), "zz-sample");
            case ChoiceShape c:
                // A State taking part in the base scenario, where the field names one.
                object choice = c.Values().OrderBy(v => v.Equals("AUT") ? 0 : 1).First(v => !v.Equals(f.Default));
                return (JsonValue.Create(choice is Enum e ? JsonNames.Of(e) : (string)choice), Normalise(choice)!);
            case NumberShape or RefShape { Range: not null }:
                var r = Range(f)!;
                double x = r.Maximum is not null ? (r.Low + r.High) / 2 : Math.Max(r.Low, 0) + 2.5;
                x = r.Whole ? Math.Floor(x) : x;
                return (JsonValue.Create(x), x);
            default:
                return null;
        }
    }

    private static object? Normalise(object? v) => v switch
    {
        int or long or ulong or double => Convert.ToDouble(v, CultureInfo.InvariantCulture),
        Parameter p => p.Minimum == p.Maximum ? (object)p.Minimum : p,
        _ => v,
    };

    private static (ScenarioBuilder Builder, List<ScenarioProblem> Problems) Read(JsonNode root, bool validate = true)
    {
        using var doc = JsonDocument.Parse(root.ToJsonString());
        var reader = new ScenarioJsonReader();
        var b = reader.Read(doc.RootElement);
        return (b, [.. reader.Problems, .. reader.Problems.Count == 0 && validate ? b.Validate() : []]);
    }
}
