using System.Globalization;

namespace ConsensusSim.Model;

/// <summary>A value the scenario sets in place of one its era owns: where it is set, to what, and for whom.</summary>
/// <remarks><threadsafety>Immutable.</threadsafety></remarks>
public sealed class EraOverride
{
    internal EraOverride(string source, Parameter value, IReadOnlyList<string> targets)
    {
        Source = source;
        Value = value;
        Targets = targets;
    }

    /// <summary>The JSON path of the scenario entry that sets the value, for example <c>$.groupings.csto.linkage</c> or <c>$.behaviour.tension</c>.</summary>
    public string Source { get; }

    /// <summary>The value the scenario uses instead of the era's (a number for tension and bloc correlation).</summary>
    public Parameter Value { get; }

    /// <summary>
    /// Whom the override reaches: the bloc members (State codes) whose linkage or blocking cost it sets, or the blocs
    /// whose correlation it sets. Empty when it replaces the era's value for the whole scenario (tension, and the
    /// bloc correlation of every bloc the scenario does not name in <c>blocCorrelations</c>).
    /// </summary>
    public IReadOnlyList<string> Targets { get; }

    /// <summary>The override in words: <c>0.4 for BLR ($.overrides.BLR.linkage)</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        string whom = Targets.Count switch
        {
            0 => string.Empty,
            <= 6 => " for " + string.Join(", ", Targets),
            _ => string.Create(CultureInfo.InvariantCulture, $" for {string.Join(", ", Targets.Take(5))} and {Targets.Count - 5} more"),
        };
        return $"{Value}{whom} ({Source})";
    }
}
