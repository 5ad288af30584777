using System.Text.Json;
using System.Text.Json.Nodes;
using ConsensusSim.Model;

namespace ConsensusSim.Serialization;

/// <summary>
/// A design point that sets only numbers the file already gives at <c>behaviour.tension</c>, <c>behaviour.blocCorrelation</c>
/// or <c>behaviour.retaliationThreshold</c> (the sweeps the thesis runs) is the template's model with those numbers replaced
/// (<see cref="Scenario.WithBehaviour"/>), its behaviour options checked as <see cref="ScenarioBuilder.Build"/> checks them;
/// nothing else the validator checks reads these numbers. Reading the varied text instead gives the same scenario, since
/// the reader takes such a number as it stands, but costs three parses, the reading of the whole file, its validation
/// and the resolution of every State's profile: most of a sweep's work outside the trials. Anything else, and any point that does not
/// validate (so that its problems carry the file's lines), goes through the text (<see cref="ScenarioTemplate.Apply"/>).
/// </summary>
internal sealed class BehaviourNumbers
{
    private static readonly string[] Paths = ["behaviour.tension", "behaviour.blocCorrelation", "behaviour.retaliationThreshold"];

    private readonly Scenario _template;
    private readonly bool[] _given;

    /// <summary>Notes which of the numbers the template's file gives.</summary>
    /// <param name="template">The template's model.</param>
    /// <param name="lines">The template's file's values by path: a valid file that has one of these paths gives a number there.</param>
    public BehaviourNumbers(Scenario template, JsonLineMap lines)
    {
        _template = template;
        _given = [.. Paths.Select(path => lines.Has("$." + path))];
    }

    /// <summary>The scenario of the point, or null when it must be read from the text.</summary>
    /// <param name="assignments">Expanded paths and values, as <see cref="ScenarioTemplate.Apply"/> takes them.</param>
    /// <returns>The validated scenario, or null.</returns>
    public Scenario? TryApply(IEnumerable<KeyValuePair<string, string>> assignments)
    {
        var numbers = new double?[Paths.Length];
        foreach (var (path, value) in assignments)
        {
            int k = path is null ? -1 : Array.IndexOf(Paths, ScenarioVariation.Expand(path));
            if (k < 0 || !_given[k] || value is null || Number(value) is not { } x)
            {
                return null;
            }

            numbers[k] = x;
        }

        var behaviour = _template.Behaviour.With(numbers[0], numbers[1], numbers[2]);
        return ScenarioValidator.ValidateBehaviourNumbers(behaviour).Count == 0 ? _template.WithBehaviour(behaviour) : null;
    }

    /// <summary>The number the reader would read from the value: a JSON number, as <see cref="JsonElement.TryGetDouble"/> reads it, if finite.</summary>
    private static double? Number(string value) =>
        ScenarioVariation.ParseValue(value) is JsonValue node && node.GetValueKind() == JsonValueKind.Number
            && node.GetValue<JsonElement>().TryGetDouble(out double x) && double.IsFinite(x)
            ? x
            : null;
}
