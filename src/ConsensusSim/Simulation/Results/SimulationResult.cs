using ConsensusSim.Engine;
namespace ConsensusSim.Simulation;

/// <summary>The estimates from a Monte Carlo run: outcome probabilities, rounds, objector counts and blockers.</summary>
/// <remarks><threadsafety>Immutable.</threadsafety></remarks>
public sealed partial class SimulationResult
{
    internal SimulationResult(RunIdentity identity, RunTallies tallies)
        : this(identity, tallies.Accumulator)
    {
    }

    internal SimulationResult(RunIdentity identity, TrialAccumulator acc)
    {
        Identity = identity;
        Tallies = new RunTallies(acc);
        Trials = acc.Trials;
        OutcomesCounted = !identity.ConditionalOnly;

        // A conditional-only run counted no outcome: its counted estimates rest on 0 trials, not on its trials' zeros.
        long n = OutcomesCounted ? acc.Trials : 0;
        Provenance = new Provenance(identity, acc.Trials);
        Adopted = new OutcomeEstimate(acc.Adopted, n);
        Deadlocked = new OutcomeEstimate(n - acc.Adopted - acc.Gridlock, n);
        Gridlock = new OutcomeEstimate(acc.Gridlock, n);
        PolicyChange = new OutcomeEstimate(acc.PolicyChanged, n);
        UnprovenProposals = acc.UnprovenProposals;
        AdoptedWithStatements = new OutcomeEstimate(acc.AdoptedWithStatements, n);
        AdoptedOverObjections = new OutcomeEstimate(acc.AdoptedOverObjections, n);
        AdoptedBySilence = new OutcomeEstimate(acc.AdoptedBySilence, n);
        AdoptedAtMinisterialCouncil = new OutcomeEstimate(acc.AdoptedAtMinisterialCouncil, n);
        Escalated = new OutcomeEstimate(acc.Escalated, n);
        ConditionalAdopted = identity.Conditional ? new ConditionalEstimate(acc) : null;
        RareEvent = identity.Rare is { } rare ? new RareEventEstimate(rare, acc) : null;
        MeanAmbitionWhenAdopted = acc.Adopted == 0 ? double.NaN : acc.AmbitionSum / (double)TrialAccumulator.AmbitionUnit / acc.Adopted;
        AmbitionHistogram = OutcomesCounted ? [.. acc.AmbitionHistogram] : [];
        int items = identity.ItemTitles.Count;
        SeparateAdoption = items == 1
            ? []
            : [.. Enumerable.Range(0, items).Select(k => new ItemEstimate(identity.ItemTitles[k], identity.ItemTopics[k], new OutcomeEstimate(acc.ItemAdoptedSeparately[k], n)))];
        AllAdoptedSeparately = items == 1 ? null : new OutcomeEstimate(acc.AllAdoptedSeparately, n);
        PackageFallback = OutcomesCounted && acc.Fallback is { } fallback ? new PackageFallbackEstimates(identity, fallback, n) : null;
        ObjectorCounts = OutcomesCounted ? [.. acc.ObjectorCounts] : [];
        AdoptedInRound = OutcomesCounted ? [.. acc.AdoptedInRound] : [];

        // A Ministerial Council adoption counts as one round after the last meeting round.
        MeanRoundsToAdoption = acc.Adopted == 0
            ? double.NaN
            : (acc.AdoptedInRound.Select((count, r) => count * (r + 1.0)).Sum() + (acc.AdoptedAtMinisterialCouncil * (acc.AdoptedInRound.Length + 1.0))) / acc.Adopted;
        MeanStatementsWhenAdopted = acc.Adopted == 0 ? double.NaN : (double)acc.StatementsInAdoptedTrials / acc.Adopted;
        Blockers = !OutcomesCounted ? [] : [.. identity.StateCodes
            .Select((code, i) => new BlockerStatistic(code, identity.StateNames[i], acc.Blocked[i], acc.SoleBlocker[i], Math.Max(n, 1)))
            .OrderByDescending(b => b.BlockedTrials)
            .ThenBy(b => b.State, StringComparer.Ordinal)];
    }

    /// <summary>What produced this result.</summary>
    public Provenance Provenance { get; }

    /// <summary>The number of trials.</summary>
    public long Trials { get; }

    /// <summary>
    /// Whether the trials counted their outcomes (true but for a run with <see cref="SimulationOptions.ConditionalOnly"/>).
    /// When false, only <see cref="Trials"/>, <see cref="ConditionalAdopted"/> and <see cref="UnprovenProposals"/> were
    /// estimated: every counted estimate (<see cref="Adopted"/>, <see cref="Deadlocked"/>, …) has 0 trials and a NaN
    /// probability, the means are NaN, <see cref="PackageFallback"/> is null, and <see cref="Blockers"/>,
    /// <see cref="ObjectorCounts"/>, <see cref="AdoptedInRound"/> and <see cref="AmbitionHistogram"/> are empty.
    /// </summary>
    public bool OutcomesCounted { get; }

    /// <summary>The draft (for several proposals: the package) was adopted.</summary>
    public OutcomeEstimate Adopted { get; }

    /// <summary>A text was tabled and no round reached agreement; the item reverts according to its kind.</summary>
    /// <remarks><see cref="Adopted"/>, <see cref="Deadlocked"/> and <see cref="Gridlock"/> partition the trials.</remarks>
    public OutcomeEstimate Deadlocked { get; }

    /// <summary>
    /// No text was tabled: the agenda-setting Chair found no point that every State whose acceptance the rule requires
    /// prefers to the status quo and that it prefers itself, so no vote was taken and the status quo stands (0 with
    /// any other Chair).
    /// </summary>
    public OutcomeEstimate Gridlock { get; }

    /// <summary>
    /// Adopted with a final text that differs from the status quo (for a package, of some proposal): the probability that
    /// policy changes. Below <see cref="Adopted"/> when an adopted text is the status quo itself, as with a Fixed
    /// Chair whose draft is the status quo.
    /// </summary>
    public OutcomeEstimate PolicyChange { get; }

    /// <summary>
    /// Trials whose agenda-setting Chair's proposal, or gridlock, rests on a win-set solve that could not prove its answer:
    /// both the active-set method and the ellipsoid method stopped at their step limits (<see cref="Behaviour.WinSetSolver.LastAnswerUnproven"/>).
    /// No instance is known to do so; a run that has any says so, and its Chair may have tabled less than its best text.
    /// </summary>
    public long UnprovenProposals { get; }

    /// <summary>Adopted with at least one interpretative statement recording dissent.</summary>
    public OutcomeEstimate AdoptedWithStatements { get; }

    /// <summary>Adopted although at least one State objected: its objection did not count under the rule, or a majority sufficed.</summary>
    public OutcomeEstimate AdoptedOverObjections { get; }

    /// <summary>Adopted when a silence procedure expired unbroken.</summary>
    public OutcomeEstimate AdoptedBySilence { get; }

    /// <summary>Adopted at the Ministerial Council after escalation.</summary>
    public OutcomeEstimate AdoptedAtMinisterialCouncil { get; }

    /// <summary>Escalated to the Ministerial Council, whether adopted there or not.</summary>
    public OutcomeEstimate Escalated { get; }

    /// <summary>
    /// P(adopted) by conditional Monte Carlo, when the run asked for it (<see cref="SimulationOptions.ConditionalMonteCarlo"/>):
    /// the same quantity as <see cref="Adopted"/>, estimated with a smaller standard error. Null otherwise.
    /// </summary>
    public ConditionalEstimate? ConditionalAdopted { get; }

    /// <summary>
    /// The probability of the rare outcome the run asked for (<see cref="SimulationOptions.RareEvent"/>), by importance
    /// sampling, with its own standard error and relative error; null otherwise.
    /// </summary>
    public RareEventEstimate? RareEvent { get; }

    /// <summary>Mean share of the tabled ambition, |p − q| / |p₀ − q|, kept by adopted texts; 1 unless the Chair moves the draft; NaN when none was adopted.</summary>
    public double MeanAmbitionWhenAdopted { get; }

    /// <summary>Adopted trials by ambition kept: ten bins of width 0.1, the last also holding ambition ≥ 1.</summary>
    public IReadOnlyList<long> AmbitionHistogram { get; }

    /// <summary>For a package: each proposal's adoption when decided on its own (empty for a single proposal).</summary>
    public IReadOnlyList<ItemEstimate> SeparateAdoption { get; }

    /// <summary>For a package: every proposal adopted when decided one by one; <see langword="null"/> for a single proposal.</summary>
    public OutcomeEstimate? AllAdoptedSeparately { get; }

    /// <summary>
    /// For a package with <c>procedure.packageFallback</c>: each proposal's adoption after the Chair fell back to
    /// item-by-item votes, the distinct objectors of failed packages and the share of retaliatory objections; null otherwise.
    /// </summary>
    public PackageFallbackEstimates? PackageFallback { get; }

    /// <summary>Element k: trials whose deciding vote had exactly k objecting States (counted or not); gridlock trials take no vote and are not counted.</summary>
    public IReadOnlyList<long> ObjectorCounts { get; }

    /// <summary>Element r: trials adopted in meeting round r + 1 (at the meeting or by the silence after it).</summary>
    public IReadOnlyList<long> AdoptedInRound { get; }

    /// <summary>Mean rounds to adoption among adopted trials (a Ministerial Council adoption counts as one more round); NaN when none was adopted.</summary>
    public double MeanRoundsToAdoption { get; }

    /// <summary>Mean number of interpretative statements in adopted trials; NaN when none was adopted.</summary>
    public double MeanStatementsWhenAdopted { get; }

    /// <summary>Every State's blocking frequency, most frequent first.</summary>
    public IReadOnlyList<BlockerStatistic> Blockers { get; }

    internal RunIdentity Identity { get; }

    internal RunTallies Tallies { get; }
}
