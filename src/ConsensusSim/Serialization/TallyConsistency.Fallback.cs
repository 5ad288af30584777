using ConsensusSim.Simulation;

namespace ConsensusSim.Serialization;

/// <summary>The relations a package fallback's tallies satisfy (see <c>PackageFallbackStage</c>).</summary>
internal static partial class TallyConsistency
{
    private const string F = "fallback.";

    private static void CheckFallback(RunTallies acc)
    {
        if (acc.Fallback is not { } f)
        {
            return;
        }

        long failed = acc.Trials - acc.Adopted;
        Require(acc.Items > 1, F + "adoptedAfterFallback", $"belongs to a package, but the result has a single proposal");
        FallbackNotNegative(f);

        // Every failed package falls back once, and a proposal the package adopted counts as adopted after it.
        Int128 packages = Sum(f.DistinctObjectors);
        Require(packages == failed, F + "distinctObjectors", $"counts {packages:N0} failed packages; {failed:N0} trials were not adopted");
        for (int k = 0; k < f.Items; k++)
        {
            long adopted = f.AdoptedAfterFallback[k];
            Require(adopted >= acc.Adopted && adopted <= acc.Trials, $"{F}adoptedAfterFallback[{k}]", $"is {adopted:N0}; it lies between the {acc.Adopted:N0} packages adopted and the {acc.Trials:N0} trials");
        }

        // Each distinct objector objected at least once; retaliation is part of the objecting, once per trial at least.
        Int128 distinct = 0;
        for (int k = 1; k < f.DistinctObjectors.Length; k++)
        {
            distinct += (Int128)f.DistinctObjectors[k] * k;
        }

        Require(distinct <= f.Objections, F + "objections", $"is {f.Objections:N0}, fewer than the {distinct:N0} distinct objectors of the failed packages");
        AtMost(f.RetaliatoryObjections, f.Objections, F + "retaliatoryObjections", "objections");
        AtMost(f.TrialsWithRetaliation, Math.Min(failed, f.RetaliatoryObjections), F + "trialsWithRetaliation", "failed packages and retaliatory objections");

        // Per trial r ≤ o are whole numbers, so r ≤ r² ≤ r·o ≤ o² and o ≤ o².
        Require(f.RetaliatorySquared >= f.RetaliatoryObjections, F + "retaliatorySquared", $"is below retaliatoryObjections");
        Require(f.RetaliatoryTimesObjections >= f.RetaliatorySquared, F + "retaliatoryTimesObjections", $"is below retaliatorySquared");
        Require(f.ObjectionsSquared >= f.RetaliatoryTimesObjections && f.ObjectionsSquared >= f.Objections, F + "objectionsSquared", $"is below retaliatoryTimesObjections or objections");
    }

    private static void FallbackNotNegative(RunFallbackTallies f)
    {
        (string Name, Int128 Value)[] scalars =
        [
            ("objections", f.Objections), ("retaliatoryObjections", f.RetaliatoryObjections), ("trialsWithRetaliation", f.TrialsWithRetaliation),
            ("objectionsSquared", f.ObjectionsSquared), ("retaliatorySquared", f.RetaliatorySquared), ("retaliatoryTimesObjections", f.RetaliatoryTimesObjections),
        ];
        foreach (var (name, value) in scalars)
        {
            Require(value >= 0, F + name, $"is negative ({value:N0})");
        }

        foreach (var (name, values) in new[] { ("adoptedAfterFallback", f.AdoptedAfterFallback), ("distinctObjectors", f.DistinctObjectors) })
        {
            int i = Array.FindIndex(values, v => v < 0);
            if (i >= 0)
            {
                throw Problem($"{F}{name}[{i}]", $"is negative ({values[i]:N0})");
            }
        }
    }
}
