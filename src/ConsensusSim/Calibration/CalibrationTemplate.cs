using ConsensusSim.Serialization;

namespace ConsensusSim.Calibration;

/// <summary>
/// The scenario that simulates the cells of one item kind, or of one topic: each cell runs it with the cell's period
/// set (<see cref="CalibrationSpec.PeriodPath"/>), this template's own settings and the fitted parameters' values.
/// A template for an item kind alone (no topic) simulates the aggregate rows of that kind; one with a topic simulates
/// the rows of that topic (of that item kind, if one is given).
/// </summary>
/// <remarks><threadsafety>Immutable.</threadsafety></remarks>
public sealed class CalibrationTemplate
{
    /// <summary>Creates the template.</summary>
    /// <param name="scenario">The scenario file to vary.</param>
    /// <param name="item">The item kind it simulates, or <see langword="null"/> for any item kind of <paramref name="topic"/>.</param>
    /// <param name="topic">The topic it simulates, or <see langword="null"/> for the aggregate rows of <paramref name="item"/>.</param>
    /// <param name="settings">Paths and values set on the scenario for every cell it simulates (such as <c>proposal.topic</c>); <see langword="null"/> for none.</param>
    /// <exception cref="ArgumentNullException"><paramref name="scenario"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Neither an item kind nor a topic is given, one is empty, or a setting has an empty path or a null value.</exception>
    public CalibrationTemplate(ScenarioTemplate scenario, string? item, string? topic = null, IEnumerable<KeyValuePair<string, string>>? settings = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        if (item is null && topic is null)
        {
            throw new ArgumentException("A template is for an item kind, a topic, or both.", nameof(item));
        }

        if (item is not null && string.IsNullOrWhiteSpace(item))
        {
            throw new ArgumentException("The item kind, when given, must not be empty.", nameof(item));
        }

        if (topic is not null && string.IsNullOrWhiteSpace(topic))
        {
            throw new ArgumentException("The topic, when given, must not be empty.", nameof(topic));
        }

        KeyValuePair<string, string>[] copy = [.. settings ?? []];
        if (copy.Any(s => string.IsNullOrWhiteSpace(s.Key) || s.Value is null))
        {
            throw new ArgumentException("Every setting needs a path and a value.", nameof(settings));
        }

        Scenario = scenario;
        Item = item;
        Topic = topic;
        Settings = copy;
    }

    /// <summary>The scenario file to vary.</summary>
    public ScenarioTemplate Scenario { get; }

    /// <summary>The item kind, or <see langword="null"/> for any item kind of <see cref="Topic"/>.</summary>
    public string? Item { get; }

    /// <summary>The topic, or <see langword="null"/> for aggregate rows.</summary>
    public string? Topic { get; }

    /// <summary>Paths and values set for every cell.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Settings { get; }

    /// <summary>What it simulates, for messages: <c>thematic-decision</c>, <c>topic migration</c>, <c>thematic-decision/migration</c>.</summary>
    public string Key => Topic is null ? Item! : Item is null ? "topic " + Topic : Item + "/" + Topic;

    /// <summary>How closely it fits a cell: 2 for item kind and topic, 1 for topic alone or item kind alone on an aggregate row, 0 for no match.</summary>
    internal int Specificity(ObservedCell cell)
    {
        if (Item is not null && Item != cell.Item)
        {
            return 0;
        }

        if (Topic != cell.Topic)
        {
            return 0;
        }

        return Item is not null && Topic is not null ? 2 : 1;
    }
}
