using System.Globalization;

namespace ConsensusSim.Model;

/// <summary>
/// One value an era owns — its tension, its bloc correlation, or one bloc's linkage or blocking cost — with the era's
/// setting and every place the scenario overrides it.
/// </summary>
/// <remarks><threadsafety>Immutable.</threadsafety></remarks>
public sealed class EraValue
{
    internal EraValue(string era, EraValueKind kind, string? bloc, double eraSetting, IReadOnlyList<EraOverride> overrides, bool overriddenEverywhere)
    {
        Era = era;
        Kind = kind;
        Bloc = bloc;
        EraSetting = eraSetting;
        Overrides = overrides;
        IsOverriddenEverywhere = overrides.Count > 0 && overriddenEverywhere;
    }

    /// <summary>The era's identifier, for example <c>crisis-2014</c>.</summary>
    public string Era { get; }

    /// <summary>Which value this is.</summary>
    public EraValueKind Kind { get; }

    /// <summary>The bloc, for a linkage or blocking cost (for example <c>csto-bloc</c>); <see langword="null"/> for tension and bloc correlation.</summary>
    public string? Bloc { get; }

    /// <summary>The value the era sets.</summary>
    public double EraSetting { get; }

    /// <summary>Where the scenario sets another value, in the order the scenario applies them; empty when the era's value stands.</summary>
    public IReadOnlyList<EraOverride> Overrides { get; }

    /// <summary>Whether the scenario overrides the era's value anywhere.</summary>
    public bool IsOverridden => Overrides.Count > 0;

    /// <summary>Whether the era's value is used nowhere: every participant it would reach takes the scenario's value instead.</summary>
    public bool IsOverriddenEverywhere { get; }

    /// <summary>The value's name in words: <c>tension</c>, <c>bloc correlation</c>, <c>csto-bloc linkage</c>, <c>csto-bloc blocking cost</c>.</summary>
    public string Name => Kind switch
    {
        EraValueKind.Tension => "tension",
        EraValueKind.BlocCorrelation => "bloc correlation",
        EraValueKind.Linkage => Bloc + " linkage",
        _ => Bloc + " blocking cost",
    };

    /// <summary>
    /// Where the value comes from, in words: <c>tension 0.55 (era stagnation-2003)</c>;
    /// <c>csto-bloc linkage 0.3 (scenario $.groupings.csto.linkage, overrides the era's 0.35)</c>; or the era's value
    /// with the States the scenario sets apart listed after <c>except</c>.
    /// </summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        string era = EraSetting.ToString("R", CultureInfo.InvariantCulture);
        if (!IsOverridden)
        {
            return $"{Name} {era} (era {Era})";
        }

        if (IsOverriddenEverywhere && Overrides.Count == 1)
        {
            return $"{Name} {Overrides[0].Value} (scenario {Overrides[0].Source}, overrides the era's {era})";
        }

        string overrides = string.Join("; ", Overrides);
        return IsOverriddenEverywhere
            ? $"{Name} set by the scenario, overriding the era's {era}: {overrides}"
            : $"{Name} {era} (era {Era}), except {overrides}";
    }
}
