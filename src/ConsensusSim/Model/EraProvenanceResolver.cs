using ConsensusSim.Osce;

namespace ConsensusSim.Model;

/// <summary>Works out, for a built scenario, which era-owned values it takes from its era and which it overrides.</summary>
internal static class EraProvenanceResolver
{
    public static EraProvenance? Resolve(Scenario s)
    {
        if (s.Era is not { } id || !s.Catalog.TryGetEra(id, out var era))
        {
            return null;
        }

        var values = new List<EraValue> { Tension(s, era), Correlation(s, era) };
        foreach (var stance in era.Blocs)
        {
            if (!s.Catalog.TryGetGrouping(stance.Bloc, out var bloc))
            {
                continue;
            }

            List<string> members = [.. s.States.Where(code => !s.IsActor(code) && bloc.Contains(code))];
            if (members.Count > 0)
            {
                values.Add(Stance(s, era, stance.Bloc, EraValueKind.Linkage, stance.Linkage, members, "linkage", p => p.Linkage));
                values.Add(Stance(s, era, stance.Bloc, EraValueKind.BlockingCost, stance.BlockingCost, members, "blockingCost", p => p.BlockingCost));
            }
        }

        return new EraProvenance(era.Id, values);
    }

    private static EraValue Tension(Scenario s, EraPreset era)
    {
        double used = s.Behaviour.Tension;
        bool overridden = !used.Equals(era.Tension);
        EraOverride[] overrides = overridden ? [new EraOverride("$.behaviour.tension", Parameter.Fixed(used), [])] : [];
        return new EraValue(era.Id, EraValueKind.Tension, null, era.Tension, overrides, overridden);
    }

    private static EraValue Correlation(Scenario s, EraPreset era)
    {
        var overrides = new List<EraOverride>();
        bool general = !s.Behaviour.BlocCorrelation.Equals(era.BlocCorrelation);
        if (general)
        {
            overrides.Add(new EraOverride("$.behaviour.blocCorrelation", Parameter.Fixed(s.Behaviour.BlocCorrelation), []));
        }

        // A bloc named with the era's own ρ keeps the era's value, even when the general ρ is overridden.
        bool anyKept = !general;
        foreach (var (bloc, rho) in (s.Behaviour.BlocCorrelations ?? new Dictionary<string, double>()).OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (rho.Equals(era.BlocCorrelation))
            {
                anyKept = true;
            }
            else
            {
                overrides.Add(new EraOverride("$.behaviour.blocCorrelations." + bloc, Parameter.Fixed(rho), [bloc]));
            }
        }

        return new EraValue(era.Id, EraValueKind.BlocCorrelation, null, era.BlocCorrelation, overrides, !anyKept);
    }

    /// <summary>
    /// One bloc's linkage or blocking cost: each member's resolved value against the era's, and for those that differ
    /// the last scenario entry that set it (groupings in order, then the State's own override), grouped by entry.
    /// </summary>
    private static EraValue Stance(Scenario s, EraPreset era, string bloc, EraValueKind kind, double setting, List<string> members, string field, Func<StateProfile, Parameter?> get)
    {
        var eraValue = Parameter.Fixed(setting);
        var bySource = new List<(string Source, Parameter Value, List<string> States)>();
        int kept = 0;
        foreach (string code in members)
        {
            var used = get(s.Profiles[code]);
            if (used is null || used.Equals(eraValue))
            {
                kept++;
                continue;
            }

            string source = SourceOf(s, code, field, get) ?? "$.era";
            int k = bySource.FindIndex(x => x.Source == source && x.Value.Equals(used));
            if (k < 0)
            {
                bySource.Add((source, used, [code]));
            }
            else
            {
                bySource[k].States.Add(code);
            }
        }

        EraOverride[] overrides = [.. bySource.Select(x => new EraOverride(x.Source, x.Value, x.States))];
        return new EraValue(era.Id, kind, bloc, setting, overrides, kept == 0);
    }

    private static string? SourceOf(Scenario s, string code, string field, Func<StateProfile, Parameter?> get)
    {
        string? source = null;
        foreach (var g in s.GroupingProfiles)
        {
            if (get(g.Profile) is not null && s.Catalog.TryGetGrouping(g.Target, out var grouping) && grouping.Contains(code))
            {
                source = $"$.groupings.{g.Target}.{field}";
            }
        }

        foreach (var o in s.StateOverrides)
        {
            if (get(o.Profile) is not null && string.Equals(o.Target, code, StringComparison.Ordinal))
            {
                source = $"$.overrides.{code}.{field}";
            }
        }

        return source;
    }
}
