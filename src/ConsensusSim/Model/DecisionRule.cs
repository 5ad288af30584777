namespace ConsensusSim.Model;

/// <summary>The rule that decides whether the objections raised in a round block the draft.</summary>
/// <remarks><threadsafety>Immutable.</threadsafety></remarks>
public sealed class DecisionRule
{
    private DecisionRule(DecisionRuleKind kind, IReadOnlyList<string> excludedStates)
    {
        Kind = kind;
        ExcludedStates = excludedStates;
    }

    /// <summary>The kind of rule.</summary>
    public DecisionRuleKind Kind { get; }

    /// <summary>The States whose objections do not count (empty under plain consensus).</summary>
    public IReadOnlyList<string> ExcludedStates { get; }

    /// <summary>Plain consensus: any objection blocks.</summary>
    public static DecisionRule Consensus { get; } = new(DecisionRuleKind.Consensus, []);

    /// <summary>Consensus-minus-one against a named State.</summary>
    /// <param name="target">The State whose objection does not count.</param>
    /// <returns>The rule.</returns>
    public static DecisionRule ConsensusMinusOne(string target)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(target);
        return new DecisionRule(DecisionRuleKind.ConsensusMinusOne, [target]);
    }

    /// <summary>Consensus-minus-two for two named disputants.</summary>
    /// <param name="first">One disputant.</param>
    /// <param name="second">The other disputant.</param>
    /// <returns>The rule.</returns>
    public static DecisionRule ConsensusMinusTwo(string first, string second)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(first);
        ArgumentException.ThrowIfNullOrWhiteSpace(second);
        return new DecisionRule(DecisionRuleKind.ConsensusMinusTwo, [first, second]);
    }

    /// <summary>The number of named States the rule expects.</summary>
    internal static int ExpectedExclusions(DecisionRuleKind kind) => kind switch
    {
        DecisionRuleKind.ConsensusMinusOne => 1,
        DecisionRuleKind.ConsensusMinusTwo => 2,
        _ => 0,
    };

    /// <summary>Creates a rule from its kind and named States without checking the count (validation reports that).</summary>
    internal static DecisionRule Create(DecisionRuleKind kind, IReadOnlyList<string> excluded) =>
        kind == DecisionRuleKind.Consensus && excluded.Count == 0 ? Consensus : new DecisionRule(kind, excluded);

    /// <inheritdoc />
    public override string ToString() => ExcludedStates.Count == 0 ? Kind.ToString() : $"{Kind} ({string.Join(", ", ExcludedStates)})";
}
