using System.Globalization;

namespace ConsensusSim.Calibration;

/// <summary>
/// One cell of the observed record: in a period, for an item kind (and, on a topic row, one topic), how many texts
/// were adopted out of how many attempts — a row of <c>seeds/observed-outcomes.csv</c>.
/// </summary>
/// <remarks><threadsafety>Immutable.</threadsafety></remarks>
public sealed class ObservedCell
{
    /// <summary>Creates the cell.</summary>
    /// <param name="period">The period the events fall in (an era id such as <c>crisis-2014</c> in the built-in record).</param>
    /// <param name="item">The item kind, such as <c>political-declaration</c>.</param>
    /// <param name="topic">The topic of a topic row; <see langword="null"/> or empty for an aggregate row.</param>
    /// <param name="adopted">Events that ended in adoption, 0 to <paramref name="attempts"/>.</param>
    /// <param name="attempts">Events on record, at least 1.</param>
    /// <param name="source">What was counted and where it is from, if known.</param>
    /// <param name="line">The 1-based line of the row in its file, if read from one.</param>
    /// <exception cref="ArgumentException"><paramref name="period"/> or <paramref name="item"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="attempts"/> is below 1, or <paramref name="adopted"/> is outside 0 to <paramref name="attempts"/>.</exception>
    public ObservedCell(string period, string item, string? topic, int adopted, int attempts, string? source = null, int? line = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(period);
        ArgumentException.ThrowIfNullOrWhiteSpace(item);
        ArgumentOutOfRangeException.ThrowIfLessThan(attempts, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(adopted);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(adopted, attempts);
        Period = period;
        Item = item;
        Topic = string.IsNullOrEmpty(topic) ? null : topic;
        Adopted = adopted;
        Attempts = attempts;
        Source = source;
        Line = line;
    }

    /// <summary>The period.</summary>
    public string Period { get; }

    /// <summary>The item kind.</summary>
    public string Item { get; }

    /// <summary>The topic of a topic row, or <see langword="null"/> for an aggregate row.</summary>
    public string? Topic { get; }

    /// <summary>Events that ended in adoption.</summary>
    public int Adopted { get; }

    /// <summary>Events on record.</summary>
    public int Attempts { get; }

    /// <summary>What was counted and where it is from, if known.</summary>
    public string? Source { get; }

    /// <summary>The 1-based line of the row in its file, if read from one.</summary>
    public int? Line { get; }

    /// <summary>The item kind, with the topic after a slash on a topic row: what the baselines pool over (<c>thematic-decision/migration</c>).</summary>
    public string Kind => Topic is null ? Item : Item + "/" + Topic;

    /// <summary>The observed rate, adopted ÷ attempts.</summary>
    public double Rate => (double)Adopted / Attempts;

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Period} {Kind} {Adopted}/{Attempts}");
}
