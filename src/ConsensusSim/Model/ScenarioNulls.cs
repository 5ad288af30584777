namespace ConsensusSim.Model;

/// <summary>
/// The parts of a scenario built in code that are <see langword="null"/> where a value is needed. The other checks
/// read these parts, so <see cref="ScenarioValidator"/> reports these alone when there are any, instead of failing
/// with a NullReferenceException deep inside a check.
/// </summary>
internal static class ScenarioNulls
{
    public static List<ScenarioProblem> Find(ScenarioBuilder b)
    {
        var problems = new List<ScenarioProblem>();
        void Missing(string path, string what) => problems.Add(new ScenarioProblem(path, $"{what} is null; a value is needed."));

        if (b.Dimensions is null)
        {
            Missing("$.dimensions", "ScenarioBuilder.Dimensions");
        }

        Elements(b.States, "$.states", "A State code", Missing);
        Elements(b.Actors, "$.actors", "An actor", Missing);
        Profile(b.Defaults, "$.defaults", "ScenarioBuilder.Defaults", Missing);
        Overrides(b.GroupingProfiles, "$.groupings", Missing);
        Overrides(b.StateOverrides, "$.overrides", Missing);
        if (b.Proposals is null)
        {
            Missing("$.proposals", "ScenarioBuilder.Proposals");
        }
        else
        {
            for (int k = 0; k < b.Proposals.Count; k++)
            {
                Proposal(b.Proposals[k], b.Proposals.Count == 1 ? "$.proposal" : $"$.proposals[{k}]", Missing);
            }
        }

        foreach (var (value, path, name) in new (object? Value, string Path, string Name)[]
        {
            (b.Chair, "$.chair", "ScenarioBuilder.Chair"),
            (b.Rule, "$.rule", "ScenarioBuilder.Rule"),
            (b.Behaviour, "$.behaviour", "ScenarioBuilder.Behaviour"),
            (b.Procedure, "$.procedure", "ScenarioBuilder.Procedure"),
            (b.Catalog, "$.catalog", "ScenarioBuilder.Catalog (it resolves State codes, groupings, topics and bodies)"),
        })
        {
            if (value is null)
            {
                Missing(path, name);
            }
        }

        if (b.Procedure is { Procedure: null })
        {
            Missing("$.procedure.procedure", "ProcedureOptions.Procedure");
        }

        return problems;
    }

    private static void Elements<T>(IList<T>? list, string path, string what, Action<string, string> missing)
        where T : class
    {
        for (int i = 0; list is not null && i < list.Count; i++)
        {
            if (list[i] is null)
            {
                missing($"{path}[{i}]", what);
            }
        }
    }

    private static void Overrides(IList<ProfileOverride> overrides, string path, Action<string, string> missing)
    {
        Elements(overrides, path, "A profile override", missing);
        foreach (var o in overrides.Where(o => o is not null))
        {
            Profile(o.Profile, $"{path}.{o.Target}", "Its profile", missing);
        }
    }

    private static void Profile(StateProfile? profile, string path, string what, Action<string, string> missing)
    {
        if (profile is null)
        {
            missing(path, what);
            return;
        }

        Coordinates(profile.IdealPoint, $"{path}.idealPoint", "A coordinate of the ideal point", missing);
    }

    private static void Proposal(Proposal? p, string path, Action<string, string> missing)
    {
        if (p is null)
        {
            missing(path, "A proposal");
            return;
        }

        // A null draft is the agenda-setter's to table; the validator, which knows the Chair, decides.
        foreach (var (value, field) in new (object? Value, string Field)[] { (p.Title, "title"), (p.Topic, "topic"), (p.Body, "body"), (p.StatusQuo, "statusQuo") })
        {
            if (value is null)
            {
                missing($"{path}.{field}", $"Proposal.{char.ToUpperInvariant(field[0])}{field[1..]}");
            }
        }

        Coordinates(p.StatusQuo, $"{path}.statusQuo", "A coordinate of the status quo", missing);
        Coordinates(p.Draft, $"{path}.draft", "A coordinate of the draft", missing);
    }

    private static void Coordinates(IReadOnlyList<Parameter>? point, string path, string what, Action<string, string> missing)
    {
        for (int i = 0; point is not null && i < point.Count; i++)
        {
            if (point[i] is null)
            {
                missing($"{path}[{i}]", what);
            }
        }
    }
}
