using System.Globalization;
using System.Text;
using ConsensusSim.Model;
using ConsensusSim.Simulation;

namespace ConsensusSim.Reporting;

/// <summary>A scenario in words: its States by bloc, proposals, rule, behaviour, the States' parameters and the procedure.</summary>
public static class ScenarioText
{
    /// <summary>Describes a scenario for people: what <c>consensussim describe</c> prints and the report shows.</summary>
    /// <param name="s">The scenario.</param>
    /// <returns>Plain text, several lines.</returns>
    public static string Describe(Scenario s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var ci = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(s.Name);
        if (s.Description is { } description)
        {
            sb.AppendLine("  " + description);
        }

        sb.AppendLine();
        sb.AppendLine(string.Create(ci, $"{s.DescribeParticipants()}, by bloc:"));
        foreach (var bloc in s.States.GroupBy(s.ParticipantBloc).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            sb.AppendLine(string.Create(ci, $"  {bloc.Key,-18} {bloc.Count(),2}: {string.Join(", ", bloc)}"));
        }

        sb.AppendLine();
        sb.AppendLine(s.Proposals.Count == 1 ? "Proposal:" : string.Create(ci, $"Package of {s.Proposals.Count} proposals (also decided one by one):"));
        foreach (var p in s.Proposals)
        {
            string topic = s.Catalog.TryGetFieldOfWork(p.Topic, out var field) ? $"{field.Name} ({Susceptibility(p, field.Susceptibility)})" : p.Topic;
            string body = s.Catalog.TryGetBody(p.Body, out var b) ? b.Name : p.Body;
            sb.AppendLine(ci, $"  {p.Title}: {topic}, {p.Kind.ToString().ToLowerInvariant()} at the {body}");
            string draft = p.Draft is { } tabled ? $"draft [{Join(tabled)}]" : "the agenda-setter's own text (no draft given)";
            sb.AppendLine(ci, $"    status quo [{Join(p.StatusQuo)}] → {draft} on {string.Join(", ", s.Dimensions)}");
            // Only the stance behaviour weighs texts against the status quo; the others never draw the positions.
            if (s.Behaviour.Model == BehaviourModel.Stance && Uncertainty(p, s.Dimensions) is { } uncertain)
            {
                sb.AppendLine("    " + uncertain);
            }
        }

        DescribeFallback(sb, s);

        sb.AppendLine();
        sb.AppendLine(ci, $"Rule: {s.Rule}");
        sb.AppendLine(string.Create(ci, $"Behaviour: {s.Behaviour.Model}, tension {s.Behaviour.Tension:0.00}, bloc correlation {s.Behaviour.BlocCorrelation:0.00}, {s.Behaviour.Loss} loss{(s.Era is { } era ? $", era {era}" : string.Empty)}"));
        if (s.EraProvenance is { } provenance)
        {
            Era(sb, s, provenance);
        }

        sb.AppendLine(s.Chair.Strategy == ChairStrategy.Compromise ? string.Create(ci, $"Chair: {s.Chair.Strategy}, step {s.Chair.Step:0.###}") : $"Chair: {s.Chair.Strategy}");
        if (s.Chair.Strategy == ChairStrategy.AgendaSetter)
        {
            sb.AppendLine("  " + AgendaSetterText(s));
        }
        ScenarioProfileText.AppendProcedure(sb, s);
        ScenarioProfileText.AppendProfiles(sb, s);
        sb.AppendLine();
        sb.AppendLine(string.Create(ci, $"Run: {s.Trials:N0} trials, seed {s.Seed}; scenario hash {s.Compile().ScenarioSha256[..16]}…"));
        return sb.ToString();
    }

    /// <summary>Each value the era owns and where it comes from, so an era that changes less than its name suggests says why.</summary>
    private static void Era(StringBuilder sb, Scenario s, EraProvenance era)
    {
        var ci = CultureInfo.InvariantCulture;
        string name = s.Catalog.TryGetEra(era.Era, out var preset) ? $"{preset.Name}, {preset.StartYear}–{preset.EndYear}" : era.Era;
        string overridden = era.HasOverrides ? $"the scenario overrides {era.Overridden.Count} of its {era.Values.Count} values" : $"the scenario overrides none of its {era.Values.Count} values";
        sb.AppendLine(ci, $"Era {era.Era} ({name}): {overridden}");
        foreach (var value in era.Values)
        {
            sb.AppendLine("  " + value);
        }
    }

    /// <summary>A topic's κ, and the catalog's when the proposal sets another, so an override is never silent.</summary>
    private static string Susceptibility(Proposal p, double catalog)
    {
        var ci = CultureInfo.InvariantCulture;
        return p.Susceptibility is { } own && !own.Equals(catalog)
            ? string.Create(ci, $"κ = {own:0.00}, the proposal's; the catalog's is {catalog:0.00}")
            : string.Create(ci, $"κ = {catalog:0.00}");
    }

    /// <summary>What the agenda-setting Chair does, in words: whose acceptance it needs and when it tables nothing.</summary>
    private static string AgendaSetterText(Scenario s)
    {
        string who = s.Chair.IdealPoint is not null ? "its own ideal point" : $"{s.Chair.State}'s ideal point";
        string needs = s.Rule.Kind is DecisionRuleKind.Consensus or DecisionRuleKind.ConsensusMinusOne or DecisionRuleKind.ConsensusMinusTwo or DecisionRuleKind.UnanimityWithAbstention
            ? "every State whose objection the rule counts"
            : "a coalition large enough for the rule to adopt with everyone else objecting (built greedily, the States that most readily accept its ideal point first)";
        return $"Proposes the point of [0, 1]^{s.Dimensions.Count} nearest {who} by its {s.Behaviour.Loss.ToString().ToLowerInvariant()} loss among all points that {needs} expects to accept "
            + "(expected gain at least its hostage-taking minus its blocking cost): the whole win-set of the status quo. "
            + "When no such point is better for it than the status quo, it tables nothing and the trial is gridlock.";
    }

    private static string Join(IReadOnlyList<Parameter> xs) => string.Join(", ", xs.Select(Show));

    private static string Show(Parameter x) => x.Distribution switch
    {
        ParameterDistribution.Fixed => x.Minimum.ToString("0.###", CultureInfo.InvariantCulture),
        ParameterDistribution.Uniform => string.Create(CultureInfo.InvariantCulture, $"uniform on [{x.Minimum:0.###}, {x.Maximum:0.###}]"),
        _ => x.ToString(),
    };

    /// <summary>Which coordinates of the status quo and draft are uncertain, in a sentence; null when none is.</summary>
    private static string? Uncertainty(Proposal p, IReadOnlyList<string> dimensions)
    {
        string On(IReadOnlyList<Parameter>? point) =>
            string.Join(", ", Enumerable.Range(0, point?.Count ?? 0).Where(k => !point![k].IsFixed).Select(k => k < dimensions.Count ? dimensions[k] : $"#{k + 1}"));

        string[] parts = [.. new[] { ("the status quo on ", On(p.StatusQuo)), ("the draft on ", On(p.Draft)) }.Where(x => x.Item2.Length > 0).Select(x => x.Item1 + x.Item2)];
        return parts.Length == 0 ? null : $"Uncertain, drawn anew in every trial (independently, after the States' parameters): {string.Join("; ", parts)}";
    }
    /// <summary>The package fallback and retaliation in words: when the Chair falls back, who retaliates against whom, how readily.</summary>
    private static void DescribeFallback(StringBuilder sb, Scenario s)
    {
        var ci = CultureInfo.InvariantCulture;
        var retaliating = s.States
            .Select(code => (Code: code, Propensity: s.Profiles[code].Retaliation))
            .Where(x => x.Propensity is { Maximum: > 0 })
            .GroupBy(x => x.Propensity!.ToString(), StringComparer.Ordinal)
            .ToList();
        if (s.Procedure.PackageFallback)
        {
            sb.AppendLine("  If the package fails, the Chair puts the proposals one by one, in this order, each decided alone by the same procedure.");
        }

        if (retaliating.Count == 0)
        {
            return;
        }

        if (!s.Procedure.PackageFallback)
        {
            sb.AppendLine("  Retaliation propensities are set but change nothing: States retaliate only in the item-by-item votes of procedure.packageFallback, which is off.");
            return;
        }

        double theta = s.Behaviour.RetaliationThreshold;
        sb.AppendLine(string.Create(ci, $"  Retaliation: a State values a proposal when its gain from it exceeds θ = {theta:0.###}. When the package or a fallback item fails, each State that valued it and did not object to it of its own accord may retaliate against its blockers: in each later item-by-item vote on a proposal a blocker values, it objects whatever its stance, with its propensity ρ (one draw per State and item). Blockers of fallback items, retaliators included, become targets in turn, so vetoes can cascade."));
        foreach (var group in retaliating)
        {
            var codes = group.Select(x => x.Code).ToList();
            string who = codes.Count > 8 ? string.Join(", ", codes.Take(8)) + $" and {codes.Count - 8} more" : string.Join(", ", codes);
            sb.AppendLine(ci, $"    ρ = {group.Key}: {who}");
        }
    }

    private static string Join(IReadOnlyList<double> xs) => string.Join(", ", xs.Select(x => x.ToString("0.###", CultureInfo.InvariantCulture)));
}
