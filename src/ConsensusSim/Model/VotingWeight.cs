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
    /// Each actor's <see cref="Actor.Power"/> as a share of all participants' power, in hundredths
    /// of a percent; only for scenarios whose participants are all actors (for example imported ones).
    /// </summary>
    Power,
}
