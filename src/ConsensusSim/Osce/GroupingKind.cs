namespace ConsensusSim.Osce;

/// <summary>What a grouping of participating States is.</summary>
public enum GroupingKind
{
    /// <summary>Membership of an organisation or a habit (EU, NATO, CSTO, CIS, EU-aligned, neutral); groupings overlap.</summary>
    Membership,

    /// <summary>One of the six blocs that partition the States; members share behavioural noise.</summary>
    Bloc,
}
