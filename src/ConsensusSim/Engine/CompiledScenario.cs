using ConsensusSim.Model;

namespace ConsensusSim.Engine;

/// <summary>
/// A scenario compiled to flat arrays (structure of arrays, all lookups resolved), which is what
/// the Monte Carlo engine runs on. Create it with <c>scenario.Compile()</c>.
/// </summary>
/// <remarks><threadsafety>Immutable and safe to share between runs and threads.</threadsafety></remarks>
public sealed class CompiledScenario
{
    internal CompiledScenario(Scenario scenario, string sha256)
    {
        _scenario = scenario;
        _sha256 = sha256;
    }

    private ParameterSlot[]? _parameterSlots;
    private Scenario _scenario;
    private string _sha256;
    private double _retaliationThreshold;
    private double _tension;
    private double[] _blocCorrelation = [];

    /// <summary>The scenario this was compiled from.</summary>
    public Scenario Scenario => _scenario;

    /// <summary>SHA-256 (hex) of the scenario's canonical form: equal for equal scenarios whatever their file layout or comments.</summary>
    public string ScenarioSha256 => _sha256;

    /// <summary>Number of States.</summary>
    public int StateCount { get; internal init; }

    /// <summary>Number of policy dimensions.</summary>
    public int DimensionCount { get; internal init; }

    internal string[] StateCodes { get; init; } = [];

    /// <summary>
    /// This compiled form for <paramref name="variant"/>, a scenario that differs from this one's only in its behaviour
    /// numbers (<see cref="Scenario.WithBehaviour"/>): the arrays are shared, the numbers read from the behaviour replaced.
    /// </summary>
    /// <param name="variant">The scenario.</param>
    /// <param name="sha256">Its hash.</param>
    /// <param name="blocCorrelation">Its blocs' correlations, indexed like <see cref="Bloc"/>.</param>
    /// <returns>The copy.</returns>
    internal CompiledScenario WithBehaviourNumbers(Scenario variant, string sha256, double[] blocCorrelation)
    {
        var copy = (CompiledScenario)MemberwiseClone();
        copy._scenario = variant;
        copy._sha256 = sha256;
        copy._retaliationThreshold = variant.Behaviour.RetaliationThreshold;
        copy._tension = variant.Behaviour.Tension;
        copy._blocCorrelation = blocCorrelation;
        return copy;
    }

    /// <summary>
    /// <see cref="ParameterSlot.All"/> as an array, listed once: every kernel reads it when it is built, and a sweep builds
    /// one at every design point (a chain of iterators cost 40 ns a slot, a 57-State scenario has 400 slots).
    /// </summary>
    internal ParameterSlot[] ParameterSlots => _parameterSlots ??= [.. ParameterSlot.All(this)];

    internal BehaviourModel Model { get; init; }

    internal ICustomBehaviour? CustomBehaviour { get; init; }

    internal int MaxRounds { get; init; }

    internal Procedures.CompiledProcedure Procedure { get; init; } = null!;

    internal bool UseSilence { get; init; }

    internal bool Escalate { get; init; }

    internal double SilenceDeterrence { get; init; } = 1;

    internal double AmendmentProbability { get; init; }

    internal double MinisterialDeterrence { get; init; } = 1;

    internal DecisionRuleKind RuleKind { get; init; }

    internal ICustomDecisionRule? CustomRule { get; init; }

    /// <summary>Each State's weight in the units of <see cref="RuleWeights"/> (1 when the rule is unweighted).</summary>
    internal long[] Weights { get; init; } = [];

    internal long TotalWeight { get; init; }

    /// <summary>Supporters a threshold rule needs (majorities, approximate consensus, mechanisms).</summary>
    internal int MinimumSupporters { get; init; }

    /// <summary>Supporters' weight in units that certainly suffices under a weighted rule.</summary>
    internal long MinimumSupporterWeight { get; init; }

    /// <summary>The weights with their exact check, which decides a support just short of <see cref="MinimumSupporterWeight"/> when units are rounded.</summary>
    internal RuleWeights? RuleWeights { get; init; }

    /// <summary>Whether each State's objection counts under the rule (false for minus-one/minus-two targets).</summary>
    internal bool[] Counted { get; init; } = [];

    internal Parameter[] ObjectionProbability { get; init; } = [];

    /// <summary>Ideal points, dimension-major within a State: index i·D + d.</summary>
    internal Parameter[] IdealPoint { get; init; } = [];

    internal double[] Salience { get; init; } = [];

    internal Parameter[] BlockingCost { get; init; } = [];

    internal Parameter[] Noise { get; init; } = [];

    internal Parameter[] Linkage { get; init; } = [];

    /// <summary>Each State's retaliation propensity ρ (fixed 0 when its profile sets none).</summary>
    internal Parameter[] Retaliation { get; init; } = [];

    /// <summary>The gain θ above which a State values a proposal, for retaliation.</summary>
    internal double RetaliationThreshold { get => _retaliationThreshold; init => _retaliationThreshold = value; }

    /// <summary>Whether a failed package's proposals are then put one by one (only for a package of two or more).</summary>
    internal bool PackageFallback { get; init; }

    internal int[] Bloc { get; init; } = [];

    internal int BlocCount { get; init; }

    /// <summary>Number of proposals (items); with more than one they are decided as a package and, for comparison, one by one.</summary>
    internal int ItemCount { get; init; } = 1;

    /// <summary>Status quo of each item, item-major: index k·D + d; a trial reads its own draw from the workspace.</summary>
    internal Parameter[] StatusQuo { get; init; } = [];

    /// <summary>Tabled draft of each item, item-major: index k·D + d; a trial reads its own draw from the workspace.</summary>
    internal Parameter[] Draft { get; init; } = [];

    /// <summary>The scenario gives no draft: the agenda-setter tables its own, and ambition is measured against the Chair's ideal point.</summary>
    internal bool DraftOmitted { get; init; }

    /// <summary>Susceptibility κ of each item's topic.</summary>
    internal double[] Susceptibility { get; init; } = [];

    internal ChairStrategy Chair { get; init; }

    internal double CompromiseStep { get; init; }

    /// <summary>The agenda-setter's fixed ideal point, or empty when it is the chairing State's.</summary>
    internal double[] ChairIdealPoint { get; init; } = [];

    /// <summary>Index of the chairing State whose ideal point the agenda-setter pursues, or -1.</summary>
    internal int ChairState { get; init; } = -1;

    internal double Tension { get => _tension; init => _tension = value; }

    /// <summary>Noise correlation ρ of each bloc, indexed like <see cref="Bloc"/>.</summary>
    internal double[] BlocCorrelation { get => _blocCorrelation; init => _blocCorrelation = value; }

    internal LossFunction Loss { get; init; }

    /// <summary>Whether any State parameter is drawn per trial; if not, per-State constants are precomputed once.</summary>
    internal bool HasRandomParameters { get; init; }

    /// <summary>Whether a coordinate of a status quo or draft is drawn per trial (stance behaviour): then every State's gains change from trial to trial.</summary>
    internal bool HasRandomPositions { get; init; }

    /// <summary>Whether a trial draws anything before its votes: random State parameters or positions.</summary>
    internal bool DrawsPerTrial => HasRandomParameters || HasRandomPositions;
}
