namespace ConsensusSim.Osce;

/// <summary>Whether an OSCE body takes decisions.</summary>
public enum BodyKind
{
    /// <summary>Adopts decisions by consensus (Summit, Ministerial Council, Permanent Council, Forum for Security Co-operation).</summary>
    DecisionMaking,

    /// <summary>Negotiates drafts for a decision-making body (committees, working groups, Preparatory Committee).</summary>
    Informal,

    /// <summary>An executive structure or institution.</summary>
    Institution,
}
