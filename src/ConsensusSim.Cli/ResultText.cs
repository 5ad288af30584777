using System.Globalization;
using System.Text;
using ConsensusSim.Model;
using ConsensusSim.Procedures;
using ConsensusSim.Reporting;
using ConsensusSim.Simulation;

namespace ConsensusSim.Cli;

/// <summary>The human-readable summary <c>consensussim run</c> prints.</summary>
internal static class ResultText
{
    public static string Format(Scenario scenario, SimulationResult r, TimeSpan elapsed, int topBlockers = 8)
    {
        var ci = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(scenario.Name);
        sb.AppendLine(string.Create(ci, $"  {scenario.DescribeParticipants()} · topic {string.Join(" + ", scenario.Proposals.Select(p => p.Topic))} · {scenario.Proposal.Body} · rule {scenario.Rule} · {scenario.Behaviour.Model} behaviour"));
        if (scenario.EraProvenance is { } era)
        {
            sb.AppendLine(era.HasOverrides
                ? $"  era {era.Era}; the scenario overrides: {string.Join("; ", era.Overridden)}"
                : $"  era {era.Era}: tension, bloc correlation and its blocs' linkage and blocking cost as the era sets them");
        }

        sb.AppendLine(string.Create(ci, $"  {r.Trials:N0} trials, seed {r.Provenance.Seed}, {elapsed.TotalSeconds:0.00} s ({r.Trials / Math.Max(elapsed.TotalSeconds, 1e-9) / 1e6:0.00} M trials/s)"));
        sb.AppendLine();
        if (!r.OutcomesCounted)
        {
            ConditionalOnly(sb, r);
            return sb.ToString();
        }

        Outcomes(sb, scenario, r);
        Blockers(sb, r, topBlockers);
        return sb.ToString();
    }

    /// <summary>A conditional-only run: its one estimate, and that nothing was counted.</summary>
    private static void ConditionalOnly(StringBuilder sb, SimulationResult r)
    {
        if (r.ConditionalAdopted is { } c)
        {
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture, $"  P(adopted)    = {c.Probability:0.00000} 95% CI [{c.Ci95Lower:0.00000}, {c.Ci95Upper:0.00000}]  SE {c.StandardError:0.000000}  conditional Monte Carlo only: {c.DescribeVarianceReduction()}"));
        }

        if (r.UnprovenProposals > 0)
        {
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture, $"  warning: in {r.UnprovenProposals:N0} trial(s) the Chair's win-set solve stopped at its step limit unproven; its proposal there may fall short of its best"));
        }

        sb.AppendLine("  other outcomes, rounds, objectors and blockers: not counted (--conditional-only draws no vote)");
    }

    /// <summary>The outcomes' probabilities and what the procedure, the Chair and a package did.</summary>
    /// <summary>The rounds and stages the procedure takes; the single decision takes one vote whatever the round limit says.</summary>
    private static string ProcedureSummary(ProcedureOptions p) =>
        p.Procedure == ProcedureDefinition.SingleDecision.Id
            ? (p.MaxRounds > 1 ? string.Create(CultureInfo.InvariantCulture, $"one vote (its maxRounds of {p.MaxRounds} does not apply)") : "one vote")
            : string.Create(CultureInfo.InvariantCulture, $"at most {p.MaxRounds} round(s){(p.UseSilence ? ", silence procedure" : string.Empty)}{(p.EscalateToMinisterialCouncil ? ", escalation to the Ministerial Council" : string.Empty)}");

    /// <summary>Counted trials with an outcome from which counting alone estimates it to about 10 % (relative).</summary>
    private const long CommonEnoughToCount = 100;

    private static void Outcomes(StringBuilder sb, Scenario scenario, SimulationResult r)
    {
        var ci = CultureInfo.InvariantCulture;
        sb.AppendLine(string.Create(ci, $"  P(adopted)    = {Point(r.Adopted.Probability)}  95% CI {ProbabilityText.Interval(r.Adopted.Ci95Lower, r.Adopted.Ci95Upper)}  SE {ProbabilityText.StandardError(r.Adopted.StandardError)}"));
        if (r.ConditionalAdopted is { } c)
        {
            sb.AppendLine(string.Create(ci, $"  P(adopted)    = {c.Probability:0.00000} 95% CI [{c.Ci95Lower:0.00000}, {c.Ci95Upper:0.00000}]  SE {c.StandardError:0.000000}  conditional Monte Carlo: {c.DescribeVarianceReduction()}"));
        }

        if (r.RareEvent is { } rare)
        {
            sb.AppendLine("  " + rare.ToString());
            var counted = rare.Outcome == RareOutcome.Adopted ? r.Adopted : r.Deadlocked;
            if (counted.Count >= CommonEnoughToCount)
            {
                // Importance sampling is for what counting cannot see; here its estimate, unbiased but unbounded, may read 1.0003.
                sb.AppendLine(string.Create(ci, $"    not rare here: counting saw it in {counted.Count:N0} of {r.Trials:N0} trials; read the counted estimate"));
            }
        }

        sb.AppendLine(string.Create(ci, $"  P(deadlocked) = {Point(r.Deadlocked.Probability)}  95% CI {ProbabilityText.Interval(r.Deadlocked.Ci95Lower, r.Deadlocked.Ci95Upper)}  → reverts: {Reversion(scenario.Proposal.Kind)}"));
        if (scenario.Chair.Strategy == ChairStrategy.AgendaSetter || r.Gridlock.Count > 0)
        {
            sb.AppendLine(string.Create(ci, $"  P(gridlock)   = {Point(r.Gridlock.Probability)}  95% CI {ProbabilityText.Interval(r.Gridlock.Ci95Lower, r.Gridlock.Ci95Upper)}  → nothing tabled: no text the Chair prefers that every required State accepts over the status quo"));
        }

        if (r.PolicyChange.Count != r.Adopted.Count || r.Gridlock.Count > 0 || scenario.Chair.Strategy == ChairStrategy.AgendaSetter)
        {
            sb.AppendLine(string.Create(ci, $"  P(policy change) = {r.PolicyChange.Probability:0.0000}  95% CI [{r.PolicyChange.Ci95Lower:0.0000}, {r.PolicyChange.Ci95Upper:0.0000}]  (adopted, and the text differs from the status quo)"));
        }

        if (r.UnprovenProposals > 0)
        {
            sb.AppendLine(string.Create(ci, $"  warning: in {r.UnprovenProposals:N0} trial(s) the Chair's win-set solve stopped at its step limit unproven; its proposal there may fall short of its best"));
        }

        sb.AppendLine(string.Create(ci, $"  adopted with interpretative statements: {r.AdoptedWithStatements.Probability:0.0000} (mean {Show(r.MeanStatementsWhenAdopted)} statements when adopted)"));
        sb.AppendLine(string.Create(ci, $"  procedure {scenario.Procedure.Procedure}: {ProcedureSummary(scenario.Procedure)}; mean rounds to adoption {Show(r.MeanRoundsToAdoption)}"));
        if (r.AdoptedOverObjections.Count > 0)
        {
            sb.AppendLine(string.Create(ci, $"  adopted over objections (the rule did not count them): {r.AdoptedOverObjections.Probability:0.0000}"));
        }

        if (scenario.Procedure.UseSilence)
        {
            sb.AppendLine(string.Create(ci, $"  adopted by silence procedure: {r.AdoptedBySilence.Probability:0.0000}"));
        }

        if (scenario.Procedure.EscalateToMinisterialCouncil)
        {
            sb.AppendLine(string.Create(ci, $"  escalated to the Ministerial Council: {r.Escalated.Probability:0.0000}; adopted there: {r.AdoptedAtMinisterialCouncil.Probability:0.0000}"));
        }

        if (scenario.Chair.Strategy != ChairStrategy.Fixed)
        {
            sb.AppendLine(string.Create(ci, $"  chair {scenario.Chair.Strategy}: adopted texts keep {Show(r.MeanAmbitionWhenAdopted)} of the tabled ambition on average"));
        }

        if (r.AllAdoptedSeparately is { } all)
        {
            sb.AppendLine(string.Create(ci, $"  package of {scenario.Proposals.Count}: adopted as a package {r.Adopted.Probability:0.0000}; every item adopted separately {all.Probability:0.0000}"));
            foreach (var item in r.SeparateAdoption)
            {
                sb.AppendLine(string.Create(ci, $"    {item.Title,-45} alone {item.Adopted.Probability:0.0000}"));
            }
        }

        if (r.PackageFallback is { } fallback)
        {
            Fallback(sb, fallback);
        }
    }

    /// <summary>After failed packages: each item's adoption once the Chair fell back, the objectors and the retaliation.</summary>
    private static void Fallback(StringBuilder sb, PackageFallbackEstimates f)
    {
        var ci = CultureInfo.InvariantCulture;
        sb.AppendLine(string.Create(ci, $"  fallback to item-by-item votes after {f.FailedPackages:N0} failed packages; P(adopted after the fallback):"));
        foreach (var item in f.AdoptedAfterFallback)
        {
            var e = item.Adopted;
            sb.AppendLine(string.Create(ci, $"    {item.Title,-45} {e.Probability:0.0000}  95% CI [{e.Ci95Lower:0.0000}, {e.Ci95Upper:0.0000}]"));
        }

        sb.AppendLine(string.Create(ci, $"  distinct objectors in a failed package: mean {Show(f.MeanDistinctObjectors)}; retaliatory share of objections {ShowShare(f)}; some State retaliated in {f.Retaliation.Probability:0.0000} of trials"));
    }

    private static string ShowShare(PackageFallbackEstimates f) => double.IsFinite(f.RetaliatoryShare)
        ? string.Create(CultureInfo.InvariantCulture, $"{f.RetaliatoryShare:0.0000} (SE {f.RetaliatoryShareStandardError:0.00000})")
        : "n/a";

    /// <summary>The objectors in the deciding vote and the States that blocked most often.</summary>
    private static void Blockers(StringBuilder sb, SimulationResult r, int topBlockers)
    {
        var ci = CultureInfo.InvariantCulture;
        long voted = r.ObjectorCounts.Sum();
        double meanObjectors = r.ObjectorCounts.Select((c, k) => (double)c * k).Sum() / voted;
        sb.AppendLine(voted == r.Trials
            ? string.Create(ci, $"  objectors in the deciding vote: mean {meanObjectors:0.000}")
            : string.Create(ci, $"  objectors in the deciding vote: mean {(voted == 0 ? "n/a" : meanObjectors.ToString("0.000", ci))} over the {voted:N0} trials that took a vote"));
        sb.AppendLine();
        var blockers = r.Blockers.Where(b => b.BlockedTrials > 0).Take(topBlockers).ToList();
        if (blockers.Count == 0)
        {
            sb.AppendLine("  No State's objection blocked a draft in any trial.");
        }
        else
        {
            sb.AppendLine("  Who blocked (share of all trials; alone = the only objector that counted):");
            foreach (var b in blockers)
            {
                sb.AppendLine(string.Create(ci, $"    {b.State}  {b.Name,-28} {b.Frequency,8:0.0000}   alone {b.SoleBlockerFrequency:0.0000}"));
            }
        }
    }

    /// <summary>
    /// A counted probability as four decimals, or, near 0 or 1 but not at them, with the digits its interval is printed
    /// with: 0.99996 as 1.0000 beside an interval ending at 0.9999912 would lie outside it.
    /// </summary>
    private static string Point(double p) => p is 0 or 1 || !double.IsFinite(p)
        ? p.ToString("0.0000", CultureInfo.InvariantCulture)
        : ProbabilityText.Format(p);

    internal static string Show(double x) => double.IsFinite(x) ? x.ToString("0.00", CultureInfo.InvariantCulture) : "n/a";

    internal static string Reversion(ItemKind kind) => kind switch
    {
        ItemKind.Mandate => "the mandate lapses",
        ItemKind.Budget => "provisional monthly allotments of the last budget",
        ItemKind.Appointment => "the post falls vacant",
        ItemKind.Procedural => "the event is cancelled or postponed",
        _ => "a Chair's statement instead of a consensus text",
    };
}
