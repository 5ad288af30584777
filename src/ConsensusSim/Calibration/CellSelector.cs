namespace ConsensusSim.Calibration;

/// <summary>
/// Picks cells of the record by period, item kind and topic; a criterion left out matches every cell. How a parameter
/// is restricted to some cells (an era's own linkage applies only to that era) and how cells are held out.
/// </summary>
/// <remarks><threadsafety>Immutable.</threadsafety></remarks>
public sealed class CellSelector
{
    /// <summary>Creates the selector.</summary>
    /// <param name="period">The period, or <see langword="null"/> for any.</param>
    /// <param name="item">The item kind, or <see langword="null"/> for any.</param>
    /// <param name="topic">The topic, or <see langword="null"/> for any (aggregate rows included).</param>
    /// <exception cref="ArgumentException">Every criterion is <see langword="null"/>, or one is empty.</exception>
    public CellSelector(string? period = null, string? item = null, string? topic = null)
    {
        if (period is null && item is null && topic is null)
        {
            throw new ArgumentException("A cell selector needs a period, an item kind or a topic.", nameof(period));
        }

        Check(period, nameof(period));
        Check(item, nameof(item));
        Check(topic, nameof(topic));
        Period = period;
        Item = item;
        Topic = topic;
    }

    /// <summary>The period, or <see langword="null"/> for any.</summary>
    public string? Period { get; }

    /// <summary>The item kind, or <see langword="null"/> for any.</summary>
    public string? Item { get; }

    /// <summary>The topic, or <see langword="null"/> for any.</summary>
    public string? Topic { get; }

    /// <summary>Reads <c>period=X</c>, <c>item=X</c> or <c>topic=X</c>, as the command line's <c>--holdout</c> gives it.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The selector.</returns>
    /// <exception cref="ArgumentException">The text is not KEY=VALUE with one of the three keys and a value.</exception>
    public static CellSelector Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int eq = text.IndexOf('=', StringComparison.Ordinal);
        string key = eq < 0 ? string.Empty : text[..eq].Trim();
        string value = eq < 0 ? string.Empty : text[(eq + 1)..].Trim();
        if (value.Length == 0)
        {
            throw new ArgumentException($"'{text}' is not KEY=VALUE with KEY period, item or topic (e.g. period=crisis-2014).", nameof(text));
        }

        return key switch
        {
            "period" => new CellSelector(period: value),
            "item" => new CellSelector(item: value),
            "topic" => new CellSelector(topic: value),
            _ => throw new ArgumentException($"'{text}': KEY must be period, item or topic, not '{key}'.", nameof(text)),
        };
    }

    /// <summary>Whether the cell meets every criterion given.</summary>
    /// <param name="cell">The cell.</param>
    /// <returns>Whether it matches.</returns>
    public bool Matches(ObservedCell cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        return (Period is null || Period == cell.Period)
            && (Item is null || Item == cell.Item)
            && (Topic is null || Topic == cell.Topic);
    }

    /// <inheritdoc/>
    public override string ToString() => string.Join(
        " ",
        new[] { ("period", Period), ("item", Item), ("topic", Topic) }.Where(c => c.Item2 is not null).Select(c => $"{c.Item1}={c.Item2}"));

    private static void Check(string? value, string name)
    {
        if (value is not null && string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException("A criterion, when given, must not be empty.", name);
        }
    }
}
