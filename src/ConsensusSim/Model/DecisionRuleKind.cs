namespace ConsensusSim.Model;

/// <summary>What counts as agreement when a draft is put to a decision.</summary>
public enum DecisionRuleKind
{
    /// <summary>No participating State objects (OSCE Rules of Procedure).</summary>
    Consensus,

    /// <summary>Consensus-minus-one (Prague 1992): the named State's objection does not count.</summary>
    ConsensusMinusOne,

    /// <summary>Consensus-minus-two (Stockholm 1992): the two named disputants' objections do not count.</summary>
    ConsensusMinusTwo,

    /// <summary>Counterfactual: nobody votes no and at least one State votes yes without reservation; the rest may abstain.</summary>
    UnanimityWithAbstention,

    /// <summary>Counterfactual: enough States, carrying enough weight (population or budget share), support the draft.</summary>
    QualifiedMajority,

    /// <summary>Counterfactual: more than half the States support the draft.</summary>
    SimpleMajority,

    /// <summary>Counterfactual (OSCE Parliamentary Assembly): at least 90 % of the States providing at least 90 % of contributions.</summary>
    ApproximateConsensus,

    /// <summary>A mechanism invoked by a minimum number of States, without consensus (Vienna, Moscow, Berlin).</summary>
    Mechanism,

    /// <summary>A rule written in code (<see cref="ICustomDecisionRule"/>); scenario files cannot name one.</summary>
    Custom,
}
