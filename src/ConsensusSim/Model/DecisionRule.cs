using System.Globalization;

namespace ConsensusSim.Model;

/// <summary>
/// The rule that decides whether the States' positions in a vote adopt the draft. A supporter is
/// a State that does not object (it may join with an interpretative statement).
/// </summary>
/// <remarks><threadsafety>Immutable.</threadsafety></remarks>
public sealed class DecisionRule
{
    private DecisionRule(
        DecisionRuleKind kind,
        IReadOnlyList<string> excludedStates,
        double stateShare = 0,
        double weightShare = 0,
        VotingWeight weight = VotingWeight.Equal,
        string? mechanism = null,
        int minimumSupporters = 0,
        ICustomDecisionRule? custom = null)
    {
        Kind = kind;
        CustomRule = custom;
        ExcludedStates = excludedStates;
        StateShare = stateShare;
        WeightShare = weightShare;
        Weight = weight;
        Mechanism = mechanism;
        MinimumSupporters = minimumSupporters;
    }

    /// <summary>The kind of rule.</summary>
    public DecisionRuleKind Kind { get; }

    /// <summary>The States whose objections do not count (minus-one and minus-two rules).</summary>
    public IReadOnlyList<string> ExcludedStates { get; }

    /// <summary>Share of States that must support (qualified majority, approximate consensus).</summary>
    public double StateShare { get; }

    /// <summary>Share of the total weight that supporters must carry (qualified majority, approximate consensus).</summary>
    public double WeightShare { get; }

    /// <summary>What a State's weight is under <see cref="WeightShare"/>.</summary>
    public VotingWeight Weight { get; }

    /// <summary>The mechanism's identifier, for <see cref="DecisionRuleKind.Mechanism"/>.</summary>
    public string? Mechanism { get; }

    /// <summary>States needed to invoke a mechanism; 0 means the catalog's threshold.</summary>
    public int MinimumSupporters { get; }

    /// <summary>The rule written in code, for <see cref="DecisionRuleKind.Custom"/>.</summary>
    public ICustomDecisionRule? CustomRule { get; }

    /// <summary>Plain consensus: any objection blocks.</summary>
    public static DecisionRule Consensus { get; } = new(DecisionRuleKind.Consensus, []);

    /// <summary>Unanimity with abstention allowed (a counterfactual).</summary>
    public static DecisionRule UnanimityWithAbstention { get; } = new(DecisionRuleKind.UnanimityWithAbstention, []);

    /// <summary>More than half the States (a counterfactual).</summary>
    public static DecisionRule SimpleMajority { get; } = new(DecisionRuleKind.SimpleMajority, []);

    /// <summary>The OSCE Parliamentary Assembly's "approximate consensus": 90 % of States providing 90 % of contributions.</summary>
    public static DecisionRule ApproximateConsensus { get; } = new(DecisionRuleKind.ApproximateConsensus, [], 0.9, 0.9, VotingWeight.BudgetShare);

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

    /// <summary>A qualified majority of States and of weight.</summary>
    /// <param name="stateShare">Share of States in [0, 1] that must support.</param>
    /// <param name="weightShare">Share of total weight in [0, 1] the supporters must carry.</param>
    /// <param name="weight">What a State's weight is.</param>
    /// <returns>The rule.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A share is outside [0, 1] or not a number, or <paramref name="weight"/> is not a defined value.</exception>
    public static DecisionRule QualifiedMajority(double stateShare, double weightShare, VotingWeight weight)
    {
        RequireShare(stateShare, nameof(stateShare));
        RequireShare(weightShare, nameof(weightShare));
        RequireDefined(weight, nameof(weight));
        return new(DecisionRuleKind.QualifiedMajority, [], stateShare, weightShare, weight);
    }

    /// <summary>Invocation of a mechanism by enough States.</summary>
    /// <param name="mechanismId">A mechanism from the catalog, for example <c>berlin</c>.</param>
    /// <param name="minimumSupporters">Overrides the catalog's threshold when positive.</param>
    /// <returns>The rule.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="minimumSupporters"/> is negative.</exception>
    public static DecisionRule ForMechanism(string mechanismId, int minimumSupporters = 0)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mechanismId);
        ArgumentOutOfRangeException.ThrowIfNegative(minimumSupporters);
        return new DecisionRule(DecisionRuleKind.Mechanism, [], mechanism: mechanismId, minimumSupporters: minimumSupporters);
    }

    /// <summary>A rule written in code.</summary>
    /// <param name="rule">The rule.</param>
    /// <param name="weight">What a State's weight is in <see cref="VoteSummary.SupporterWeight"/>.</param>
    /// <returns>The rule.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="weight"/> is not a defined value.</exception>
    public static DecisionRule Custom(ICustomDecisionRule rule, VotingWeight weight = VotingWeight.Equal)
    {
        ArgumentNullException.ThrowIfNull(rule);
        RequireDefined(weight, nameof(weight));
        return new DecisionRule(DecisionRuleKind.Custom, [], weight: weight, custom: rule);
    }

    /// <summary>The number of named States the rule expects.</summary>
    private static void RequireShare(double share, string name)
    {
        if (!(share >= 0 && share <= 1))
        {
            throw new ArgumentOutOfRangeException(name, share, "A share must lie in [0, 1].");
        }
    }

    private static void RequireDefined(VotingWeight weight, string name)
    {
        if (!Enum.IsDefined(weight))
        {
            throw new ArgumentOutOfRangeException(name, weight, "Not a defined voting weight.");
        }
    }

    internal static int ExpectedExclusions(DecisionRuleKind kind) => kind switch
    {
        DecisionRuleKind.ConsensusMinusOne => 1,
        DecisionRuleKind.ConsensusMinusTwo => 2,
        _ => 0,
    };

    /// <summary>Creates a rule from parsed parts without checking them (validation reports problems with paths).</summary>
    internal static DecisionRule Create(
        DecisionRuleKind kind,
        IReadOnlyList<string> excluded,
        double? stateShare = null,
        double? weightShare = null,
        VotingWeight? weight = null,
        string? mechanism = null,
        int minimumSupporters = 0) => kind switch
        {
            DecisionRuleKind.Consensus when excluded.Count == 0 => Consensus,
            DecisionRuleKind.ApproximateConsensus => new(kind, excluded, stateShare ?? 0.9, weightShare ?? 0.9, weight ?? VotingWeight.BudgetShare),
            _ => new(kind, excluded, stateShare ?? 0, weightShare ?? 0, weight ?? VotingWeight.Equal, mechanism, minimumSupporters),
        };

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        DecisionRuleKind.ConsensusMinusOne or DecisionRuleKind.ConsensusMinusTwo => $"{Kind} ({string.Join(", ", ExcludedStates)})",
        DecisionRuleKind.QualifiedMajority or DecisionRuleKind.ApproximateConsensus =>
            string.Create(CultureInfo.InvariantCulture, $"{Kind} ({StateShare:P0} of States, {WeightShare:P0} of {Weight})"),
        DecisionRuleKind.Mechanism => MinimumSupporters > 0 ? $"{Kind} ({Mechanism}, ≥ {MinimumSupporters} States)" : $"{Kind} ({Mechanism})",
        DecisionRuleKind.Custom => $"{Kind} ({CustomRule?.Name})",
        _ => Kind.ToString(),
    };
}
