using ConsensusSim.Model;

namespace ConsensusSim.Samples.CustomRule;

/// <summary>
/// A counterfactual rule written in code: adopted when at least 90 % of the States support it and at
/// most one of the largest contributors objects — a "consensus minus one, among the payers" idea.
/// </summary>
public sealed class MajorContributorsRule : ICustomDecisionRule
{
    private readonly bool[] _major;

    /// <summary>Creates the rule for a scenario, marking its largest contributors.</summary>
    /// <param name="scenario">The scenario the rule will decide in.</param>
    /// <param name="majorCodes">The contributors whose objections are limited to one.</param>
    public MajorContributorsRule(Scenario scenario, IReadOnlyCollection<string> majorCodes)
    {
        _major = [.. scenario.States.Select(majorCodes.Contains)];
    }

    public string Name => "90 % of States, at most one major contributor objecting";

    public bool Adopts(VoteSummary vote, ReadOnlySpan<int> objectors)
    {
        if (vote.Supporters * 10 < vote.States * 9)
        {
            return false;
        }

        int majors = 0;
        foreach (int i in objectors)
        {
            majors += _major[i] ? 1 : 0;
        }

        return majors <= 1;
    }
}
