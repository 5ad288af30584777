using System.Globalization;
using System.Text;
using ConsensusSim.Simulation;

namespace ConsensusSim.Serialization;

/// <summary>Tidy long-format CSV of a result, one observation per row, for R, pandas and spreadsheets.</summary>
/// <remarks>
/// Every row ends with the run's provenance (<c>scenario,scenario_sha256,seed,consensussim_version</c>, and the
/// <c>trials</c> column where the file has none): columns rather than a sidecar file, so that a row keeps its origin when
/// files are concatenated, filtered or read alone, and strict CSV readers need no comment syntax (docs/results.md).
/// <threadsafety>Stateless and thread-safe.</threadsafety>
/// </remarks>
public static class ResultCsv
{
    /// <summary>
    /// Outcomes: <c>outcome,count,trials,probability,standard_error,ci95_lower,ci95_upper</c> and the provenance columns,
    /// one row per outcome; with conditional Monte Carlo a last row <c>adopted_conditional</c> with an empty count. A
    /// conditional-only result (<see cref="SimulationResult.OutcomesCounted"/> false) has that row alone.
    /// </summary>
    /// <param name="result">The result.</param>
    /// <returns>CSV text with a header row.</returns>
    public static string Outcomes(SimulationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        string provenance = ProvenanceFields(result, withTrials: false);
        var sb = new StringBuilder("outcome,count,trials,probability,standard_error,ci95_lower,ci95_upper,").Append(ProvenanceHeader(withTrials: false)).Append('\n');
        foreach (var (name, e) in NamedOutcomes(result))
        {
            sb.Append(Field(name)).Append(',').Append(I(e.Count)).Append(',').Append(I(e.Trials)).Append(',')
              .Append(D(e.Probability)).Append(',').Append(D(e.StandardError)).Append(',').Append(D(e.Ci95Lower)).Append(',').Append(D(e.Ci95Upper))
              .Append(',').Append(provenance).Append('\n');
        }

        if (result.ConditionalAdopted is { } c)
        {
            // An average of probabilities, not a count: the count column stays empty.
            sb.Append("adopted_conditional,,").Append(I(c.Trials)).Append(',')
              .Append(D(c.Probability)).Append(',').Append(D(c.StandardError)).Append(',').Append(D(c.Ci95Lower)).Append(',').Append(D(c.Ci95Upper))
              .Append(',').Append(provenance).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>Blockers: <c>state,name,blocked_trials,sole_blocker_trials,trials,frequency,sole_blocker_frequency</c> and the provenance columns, one row per State, most frequent first (the header alone for a conditional-only result, which counted no blocking).</summary>
    /// <param name="result">The result.</param>
    /// <returns>CSV text with a header row.</returns>
    public static string Blockers(SimulationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        string provenance = ProvenanceFields(result, withTrials: false);
        var sb = new StringBuilder("state,name,blocked_trials,sole_blocker_trials,trials,frequency,sole_blocker_frequency,").Append(ProvenanceHeader(withTrials: false)).Append('\n');
        foreach (var b in result.Blockers)
        {
            sb.Append(Field(b.State)).Append(',').Append(Field(b.Name)).Append(',').Append(I(b.BlockedTrials)).Append(',').Append(I(b.SoleBlockerTrials)).Append(',')
              .Append(I(result.Trials)).Append(',').Append(D(b.Frequency)).Append(',').Append(D(b.SoleBlockerFrequency)).Append(',').Append(provenance).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>
    /// A package's fallback to item-by-item votes (null when the run had none):
    /// <c>measure,item,objectors,count,total,estimate,standard_error,ci95_lower,ci95_upper</c> and the provenance columns
    /// (with <c>trials</c>). Rows
    /// <c>adopted_after_fallback</c> (one per proposal, named in <c>item</c>: count of trials it was adopted in, of all
    /// trials, with the Wilson interval), <c>distinct_objectors</c> (one per number of distinct objectors in
    /// <c>objectors</c>: failed packages with that many, of all failed packages), <c>retaliatory_share</c> (retaliatory
    /// objections of all objections in failed packages, with the delta-method standard error and a normal interval) and
    /// <c>retaliation</c> (trials in which some State retaliated, of all trials).
    /// </summary>
    /// <param name="result">The result.</param>
    /// <returns>CSV text with a header row, or null.</returns>
    public static string? Fallback(SimulationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.PackageFallback is not { } f)
        {
            return null;
        }

        string provenance = ProvenanceFields(result, withTrials: true);
        var sb = new StringBuilder("measure,item,objectors,count,total,estimate,standard_error,ci95_lower,ci95_upper,").Append(ProvenanceHeader(withTrials: true)).Append('\n');
        void Row(string measure, string item, string objectors, long count, long total, double estimate, double se, double lower, double upper) =>
            sb.Append(measure).Append(',').Append(Field(item)).Append(',').Append(objectors).Append(',').Append(I(count)).Append(',').Append(I(total)).Append(',')
              .Append(D(estimate)).Append(',').Append(D(se)).Append(',').Append(D(lower)).Append(',').Append(D(upper)).Append(',').Append(provenance).Append('\n');

        foreach (var item in f.AdoptedAfterFallback)
        {
            var e = item.Adopted;
            Row("adopted_after_fallback", item.Title, string.Empty, e.Count, e.Trials, e.Probability, e.StandardError, e.Ci95Lower, e.Ci95Upper);
        }

        for (int k = 0; k < f.DistinctObjectorCounts.Count; k++)
        {
            var e = new OutcomeEstimate(f.DistinctObjectorCounts[k], f.FailedPackages);
            Row("distinct_objectors", string.Empty, I(k), e.Count, e.Trials, e.Probability, e.StandardError, e.Ci95Lower, e.Ci95Upper);
        }

        Row("retaliatory_share", string.Empty, string.Empty, f.RetaliatoryObjections, f.Objections, f.RetaliatoryShare, f.RetaliatoryShareStandardError, f.RetaliatoryShareCi95Lower, f.RetaliatoryShareCi95Upper);
        var r = f.Retaliation;
        Row("retaliation", string.Empty, string.Empty, r.Count, r.Trials, r.Probability, r.StandardError, r.Ci95Lower, r.Ci95Upper);
        return sb.ToString();
    }

    /// <summary>Every counted outcome of a result under the snake_case name the CSV files use.</summary>
    /// <param name="result">The result.</param>
    /// <returns>Name and estimate pairs, in a fixed order; none when the run counted no outcomes (<see cref="SimulationResult.OutcomesCounted"/>).</returns>
    public static IEnumerable<KeyValuePair<string, OutcomeEstimate>> NamedOutcomes(SimulationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return Named(result);
    }

    private static IEnumerable<KeyValuePair<string, OutcomeEstimate>> Named(SimulationResult r)
    {
        if (!r.OutcomesCounted)
        {
            yield break;
        }

        yield return new("adopted", r.Adopted);
        yield return new("deadlocked", r.Deadlocked);
        yield return new("gridlock", r.Gridlock);
        yield return new("policy_change", r.PolicyChange);
        yield return new("adopted_with_statements", r.AdoptedWithStatements);
        yield return new("adopted_over_objections", r.AdoptedOverObjections);
        yield return new("adopted_by_silence", r.AdoptedBySilence);
        yield return new("adopted_at_ministerial_council", r.AdoptedAtMinisterialCouncil);
        yield return new("escalated_to_ministerial_council", r.Escalated);
        if (r.AllAdoptedSeparately is { } all)
        {
            yield return new("all_adopted_separately", all);
            foreach (var item in r.SeparateAdoption)
            {
                yield return new("adopted_separately:" + item.Title, item.Adopted);
            }
        }
    }

    /// <summary>The provenance columns' names; <c>trials</c> only where the file has no trials column of its own.</summary>
    private static string ProvenanceHeader(bool withTrials) =>
        withTrials ? "scenario,scenario_sha256,seed,trials,consensussim_version" : "scenario,scenario_sha256,seed,consensussim_version";

    /// <summary>The provenance columns' values, the same on every row of a file.</summary>
    private static string ProvenanceFields(SimulationResult result, bool withTrials)
    {
        var p = result.Provenance;
        string trials = withTrials ? "," + I(p.Trials) : string.Empty;
        return $"{Field(p.ScenarioName)},{p.ScenarioSha256},{p.Seed.ToString(CultureInfo.InvariantCulture)}{trials},{Field(p.Version)}";
    }

    private static string Field(string s) =>
        s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;

    private static string I(long x) => x.ToString(CultureInfo.InvariantCulture);

    private static string D(double x) => double.IsFinite(x) ? x.ToString("R", CultureInfo.InvariantCulture) : "NA";
}
