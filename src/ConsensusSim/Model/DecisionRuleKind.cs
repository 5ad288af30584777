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
}
