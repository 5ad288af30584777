namespace ConsensusSim.Osce;

/// <summary>How a participating State habitually relates to European Union statements at the Permanent Council.</summary>
public enum EuAlignment
{
    /// <summary>Does not habitually align with EU statements.</summary>
    None,

    /// <summary>Aligns habitually without being a candidate (EFTA states, micro-states).</summary>
    Aligns,

    /// <summary>An EU candidate country that aligns habitually.</summary>
    Candidate,

    /// <summary>A member of the European Union.</summary>
    Member,
}
