namespace ConsensusSim.Model;

/// <summary>What a custom decision rule sees of one vote.</summary>
/// <param name="States">States taking part.</param>
/// <param name="Objectors">States that objected.</param>
/// <param name="Statements">States that joined with an interpretative statement.</param>
/// <param name="SupporterWeight">
/// The supporters' total weight under the rule's <see cref="DecisionRule.Weight"/>, in whole units; for
/// <see cref="VotingWeight.Power"/> a common unit of the powers, rounded down alike when the powers
/// together need more than 62 bits (compare shares of <paramref name="TotalWeight"/>, not units).
/// </param>
/// <param name="TotalWeight">Every State's weight together.</param>
public readonly record struct VoteSummary(int States, int Objectors, int Statements, long SupporterWeight, long TotalWeight)
{
    /// <summary>States that did not object.</summary>
    public int Supporters => States - Objectors;
}
