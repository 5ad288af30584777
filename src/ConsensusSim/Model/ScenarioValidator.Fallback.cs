namespace ConsensusSim.Model;

/// <summary>The validator's checks of a package's fallback to item-by-item votes and of retaliation in them.</summary>
internal static partial class ScenarioValidator
{
    /// <summary>
    /// A fallback needs a package to fall back from. Retaliation needs the stance behaviour, whose gains say who values
    /// what; without a fallback it has no votes to act in and changes nothing (so a sweep may turn the fallback off
    /// without also clearing every propensity).
    /// </summary>
    private static void ValidatePackageFallback(ScenarioBuilder b, Action<string, string> add)
    {
        if (b.Procedure.PackageFallback && b.Proposals.Count < 2)
        {
            add(ScenarioFields.Procedure.PackageFallback.Path, "A package fallback puts the proposals of a failed package one by one, but this scenario has a single proposal; give two or more under \"proposals\", or leave packageFallback out.");
        }

        if (b.Behaviour.Model == BehaviourModel.Stance)
        {
            return;
        }

        var profiles = new List<(string Path, StateProfile Profile)> { ("$.defaults", b.Defaults) };
        profiles.AddRange(b.GroupingProfiles.Select(g => ("$.groupings." + g.Target, g.Profile)));
        profiles.AddRange(b.StateOverrides.Select(o => ("$.overrides." + o.Target, o.Profile)));
        foreach (var (path, profile) in profiles)
        {
            if (profile.Retaliation is { Maximum: > 0 })
            {
                add(At(path, ScenarioFields.Profile.Retaliation), $"Retaliation reads each State's gain from each proposal, which only the stance behaviour has; the {JsonNames.Of(b.Behaviour.Model)} behaviour has none. Use the stance behaviour, or set retaliation to 0.");
            }
        }
    }
}
