namespace ConsensusSim.Model;

/// <summary>
/// Which of the values an era owns a scenario takes from its era and which it overrides. An era owns the tension T,
/// the bloc correlation ρ, and each of its blocs' linkage λ and blocking cost τ.
/// </summary>
/// <remarks>
/// <para>
/// Precedence, from weakest to strongest: the scenario's <c>defaults</c>, then the era, then the scenario's
/// <c>groupings</c>, then its per-State <c>overrides</c>. Defaults are a fallback for every State, so they never
/// override the era: they fill in the blocs the era does not name. A grouping, a State override, or a tension or
/// bloc correlation written in the scenario's <c>behaviour</c> is a deliberate choice and wins, and is listed here
/// as an <see cref="EraOverride"/>. A value equal to the era's is not an override.
/// </para>
/// <para>Linkage and blocking cost are listed for the era's blocs that have a member in the scenario.</para>
/// <threadsafety>Immutable.</threadsafety>
/// </remarks>
public sealed class EraProvenance
{
    internal EraProvenance(string era, IReadOnlyList<EraValue> values)
    {
        Era = era;
        Values = values;
        Overridden = [.. values.Where(v => v.IsOverridden)];
    }

    /// <summary>The era's identifier, for example <c>crisis-2014</c>.</summary>
    public string Era { get; }

    /// <summary>Every value the era owns in this scenario: tension, bloc correlation, then each bloc's linkage and blocking cost in the era's order.</summary>
    public IReadOnlyList<EraValue> Values { get; }

    /// <summary>The values the scenario overrides somewhere; empty when the era's values all stand.</summary>
    public IReadOnlyList<EraValue> Overridden { get; }

    /// <summary>Whether the scenario overrides any value its era owns.</summary>
    public bool HasOverrides => Overridden.Count > 0;

    /// <summary>Every value in words, separated by semicolons.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => string.Join("; ", Values);
}
