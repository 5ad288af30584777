namespace ConsensusSim.Model;

/// <summary>What a State's weight is under a weighted rule. Weights are whole units so exact results can count them.</summary>
public enum VotingWeight
{
    /// <summary>Every State weighs 1.</summary>
    Equal,

    /// <summary>Population in tenths of a million (approximate seed data).</summary>
    Population,

    /// <summary>Share of the Unified Budget in hundredths of a percent (approximate seed data).</summary>
    BudgetShare,

    /// <summary>
    /// Each actor's <see cref="Actor.Power"/>, exactly: powers are read as the decimals they print as
    /// and counted in a common unit (4 and 99,996 weigh 0.004 % and 99.996 %; 1e308 and 1 keep their
    /// ratio), with the share compared without rounding. Only for scenarios whose participants are all
    /// actors (for example imported ones).
    /// </summary>
    Power,
}
