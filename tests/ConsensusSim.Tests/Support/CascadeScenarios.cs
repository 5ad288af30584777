using ConsensusSim.Model;

namespace ConsensusSim.Tests.Support;

/// <summary>
/// A package of three proposals among three States whose stances are known exactly, for tests of the fallback and of
/// retaliation. Proposal k moves dimension k from 0 to 0.5; salience is 1/3 on each dimension and the blocking cost 0.1,
/// so, with linear loss, the gains are:
/// <code>
///              item 0    item 1    item 2    package
///   A (AUT)    +1/6      +1/6      +1/6      +1/2
///   B (BEL)    +1/6      −0.05     −0.05     +1/15
///   C (RUS)    −1/6      +1/30     −0.05     −0.1833
/// </code>
/// Without noise C objects to the package (−0.1833 &lt; −0.1) and to item 0 alone; everyone else joins everything.
/// With the threshold θ = 0, A values every item, B item 0, and C item 1.
/// </summary>
internal static class CascadeScenarios
{
    public static readonly string[] States = ["AUT", "BEL", "RUS"];

    /// <summary>The cascade with retaliation propensities ρ_A, ρ_B, ρ_C, C's noise σ_C (the others have none) and the fallback on or off.</summary>
    public static ScenarioBuilder Builder(double rhoA, double rhoB, double rhoC, double noiseC = 0, bool fallback = true)
    {
        var b = new ScenarioBuilder
        {
            Name = "cascade",
            States = [.. States],
            Dimensions = ["counter-terrorism", "migration", "trafficking"],
            Defaults = new StateProfile { Salience = [1.0 / 3, 1.0 / 3, 1.0 / 3], BlockingCost = 0.1, Noise = 0.0, Linkage = 0.0 },
            Procedure = new ProcedureOptions { PackageFallback = fallback },
        };
        b.StateOverrides.Add(new ProfileOverride("AUT", new StateProfile { IdealPoint = [1.0, 1.0, 1.0], Retaliation = rhoA }));
        b.StateOverrides.Add(new ProfileOverride("BEL", new StateProfile { IdealPoint = [1.0, 0.175, 0.175], Retaliation = rhoB }));
        b.StateOverrides.Add(new ProfileOverride("RUS", new StateProfile { IdealPoint = [0.0, 0.3, 0.175], Retaliation = rhoC, Noise = noiseC }));
        b.Proposals =
        [
            new Proposal { Title = "Counter-terrorism", Topic = "counter-terrorism", StatusQuo = [0, 0, 0], Draft = [0.5, 0, 0] },
            new Proposal { Title = "Migration", Topic = "migration", StatusQuo = [0, 0, 0], Draft = [0, 0.5, 0] },
            new Proposal { Title = "Trafficking", Topic = "trafficking-in-human-beings", StatusQuo = [0, 0, 0], Draft = [0, 0, 0.5] },
        ];
        return b;
    }
}
