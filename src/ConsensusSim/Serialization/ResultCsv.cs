using System.Globalization;
using System.Text;
using ConsensusSim.Simulation;

namespace ConsensusSim.Serialization;

/// <summary>Tidy long-format CSV of a result, one observation per row, for R, pandas and spreadsheets.</summary>
/// <remarks><threadsafety>Stateless and thread-safe.</threadsafety></remarks>
public static class ResultCsv
{
    /// <summary>Outcomes: <c>outcome,count,trials,probability,standard_error,ci95_lower,ci95_upper</c>, one row per outcome; with conditional Monte Carlo a last row <c>adopted_conditional</c> with an empty count.</summary>
    /// <param name="result">The result.</param>
    /// <returns>CSV text with a header row.</returns>
    public static string Outcomes(SimulationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var sb = new StringBuilder("outcome,count,trials,probability,standard_error,ci95_lower,ci95_upper\n");
        foreach (var (name, e) in NamedOutcomes(result))
        {
            sb.Append(Field(name)).Append(',').Append(I(e.Count)).Append(',').Append(I(e.Trials)).Append(',')
              .Append(D(e.Probability)).Append(',').Append(D(e.StandardError)).Append(',').Append(D(e.Ci95Lower)).Append(',').Append(D(e.Ci95Upper)).Append('\n');
        }

        if (result.ConditionalAdopted is { } c)
        {
            // An average of probabilities, not a count: the count column stays empty.
            sb.Append("adopted_conditional,,").Append(I(c.Trials)).Append(',')
              .Append(D(c.Probability)).Append(',').Append(D(c.StandardError)).Append(',').Append(D(c.Ci95Lower)).Append(',').Append(D(c.Ci95Upper)).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>Blockers: <c>state,name,blocked_trials,sole_blocker_trials,trials,frequency,sole_blocker_frequency</c>, one row per State, most frequent first.</summary>
    /// <param name="result">The result.</param>
    /// <returns>CSV text with a header row.</returns>
    public static string Blockers(SimulationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var sb = new StringBuilder("state,name,blocked_trials,sole_blocker_trials,trials,frequency,sole_blocker_frequency\n");
        foreach (var b in result.Blockers)
        {
            sb.Append(Field(b.State)).Append(',').Append(Field(b.Name)).Append(',').Append(I(b.BlockedTrials)).Append(',').Append(I(b.SoleBlockerTrials)).Append(',')
              .Append(I(result.Trials)).Append(',').Append(D(b.Frequency)).Append(',').Append(D(b.SoleBlockerFrequency)).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>Every outcome of a result under the snake_case name the CSV files use.</summary>
    /// <param name="result">The result.</param>
    /// <returns>Name and estimate pairs, in a fixed order.</returns>
    public static IEnumerable<KeyValuePair<string, OutcomeEstimate>> NamedOutcomes(SimulationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return Named(result);
    }

    private static IEnumerable<KeyValuePair<string, OutcomeEstimate>> Named(SimulationResult r)
    {
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

    private static string Field(string s) =>
        s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;

    private static string I(long x) => x.ToString(CultureInfo.InvariantCulture);

    private static string D(double x) => double.IsFinite(x) ? x.ToString("R", CultureInfo.InvariantCulture) : "NA";
}
