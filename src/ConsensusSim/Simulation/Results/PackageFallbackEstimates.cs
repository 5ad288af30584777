using System.Numerics;
using ConsensusSim.Engine;

namespace ConsensusSim.Simulation;

/// <summary>
/// What happened after failed packages when the Chair fell back to item-by-item votes (<c>procedure.packageFallback</c>):
/// each proposal's adoption after the fallback, how many distinct States objected in a failed package, and how much of
/// the objecting was retaliation. A package's objections are those in the deciding vote of the package and of each
/// fallback item; an objection is retaliatory when a State cast it in a fallback vote because it retaliated (its own
/// stance might have objected too: retaliation decides its vote, whatever the stance).
/// </summary>
/// <remarks><threadsafety>Immutable.</threadsafety></remarks>
public sealed class PackageFallbackEstimates
{
    internal PackageFallbackEstimates(RunIdentity identity, FallbackTallies t, long trials)
    {
        AdoptedAfterFallback = [.. Enumerable.Range(0, t.Items).Select(k => new ItemEstimate(identity.ItemTitles[k], identity.ItemTopics[k], new OutcomeEstimate(t.AdoptedAfterFallback[k], trials)))];
        DistinctObjectorCounts = [.. t.DistinctObjectors];
        FailedPackages = t.DistinctObjectors.Sum();
        MeanDistinctObjectors = FailedPackages == 0 ? double.NaN : t.DistinctObjectors.Select((count, k) => (double)count * k).Sum() / FailedPackages;
        Objections = t.Objections;
        RetaliatoryObjections = t.RetaliatoryObjections;
        Retaliation = new OutcomeEstimate(t.TrialsWithRetaliation, trials);
        (RetaliatoryShare, RetaliatoryShareStandardError) = Share(t, trials);
        RetaliatoryShareCi95Lower = Math.Clamp(RetaliatoryShare - (1.96 * RetaliatoryShareStandardError), 0, 1);
        RetaliatoryShareCi95Upper = Math.Clamp(RetaliatoryShare + (1.96 * RetaliatoryShareStandardError), 0, 1);
    }

    /// <summary>Per proposal, in order: P(adopted after the fallback) — in the package, or in its own vote after the package failed — with its Wilson interval.</summary>
    public IReadOnlyList<ItemEstimate> AdoptedAfterFallback { get; }

    /// <summary>Trials whose package failed, so that the Chair fell back.</summary>
    public long FailedPackages { get; }

    /// <summary>Element k: failed packages in which exactly k distinct States objected, in the package's or a fallback item's deciding vote.</summary>
    public IReadOnlyList<long> DistinctObjectorCounts { get; }

    /// <summary>The mean number of distinct objectors in a failed package; NaN when no package failed.</summary>
    public double MeanDistinctObjectors { get; }

    /// <summary>Objections in failed packages: a State objecting in the deciding vote of the package or of a fallback item, once per vote.</summary>
    public long Objections { get; }

    /// <summary>Those of <see cref="Objections"/> cast in fallback votes by retaliating States.</summary>
    public long RetaliatoryObjections { get; }

    /// <summary>The share of objections in failed packages that were retaliatory, <see cref="RetaliatoryObjections"/> / <see cref="Objections"/>; NaN when there were none.</summary>
    public double RetaliatoryShare { get; }

    /// <summary>Its standard error, by the delta method for a ratio of two per-trial sums (NaN with fewer than two trials or no objection).</summary>
    public double RetaliatoryShareStandardError { get; }

    /// <summary>Lower end of the share's normal 95 % interval, clamped to 0.</summary>
    public double RetaliatoryShareCi95Lower { get; }

    /// <summary>Upper end of the share's normal 95 % interval, clamped to 1.</summary>
    public double RetaliatoryShareCi95Upper { get; }

    /// <summary>Trials in which some State retaliated, out of all trials.</summary>
    public OutcomeEstimate Retaliation { get; }

    /// <summary>
    /// R = Σr / Σo over trials, and Var(R) ≈ Σ(r − R·o)² · N / ((N − 1)(Σo)²), the numerator taken exactly in integers
    /// as (Σo)²Σr² − 2ΣrΣoΣro + (Σr)²Σo² over (Σo)², so that a share near 0 or 1 keeps its small variance.
    /// </summary>
    private static (double Share, double StandardError) Share(FallbackTallies t, long trials)
    {
        if (t.Objections == 0)
        {
            return (double.NaN, double.NaN);
        }

        double share = (double)t.RetaliatoryObjections / t.Objections;
        if (trials < 2)
        {
            return (share, double.NaN);
        }

        BigInteger so = t.Objections, sr = t.RetaliatoryObjections;
        var residual = (so * so * (BigInteger)t.RetaliatorySquared) - (2 * sr * so * (BigInteger)t.RetaliatoryTimesObjections) + (sr * sr * (BigInteger)t.ObjectionsSquared);
        double variance = Math.Max(0, (double)residual) / ((double)so * (double)so) / ((double)so * (double)so) * trials / (trials - 1);
        return (share, Math.Sqrt(variance));
    }

    /// <inheritdoc />
    public override string ToString() =>
        FormattableString.Invariant($"{FailedPackages} failed packages, {MeanDistinctObjectors:0.00} distinct objectors on average, retaliatory share {RetaliatoryShare:0.0000} (SE {RetaliatoryShareStandardError:0.00000})");
}
