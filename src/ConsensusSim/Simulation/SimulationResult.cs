namespace ConsensusSim.Simulation;

/// <summary>The estimates from a Monte Carlo run: outcome probabilities, rounds, objector counts and blockers.</summary>
/// <remarks><threadsafety>Immutable.</threadsafety></remarks>
public sealed class SimulationResult
{
    internal SimulationResult(CompiledScenario compiled, ulong seed, TrialAccumulator acc)
    {
        long n = acc.Trials;
        Provenance = new Provenance(seed, n, compiled.Scenario.Name, compiled.ScenarioSha256);
        Adopted = new OutcomeEstimate(acc.Adopted, n);
        Deadlocked = new OutcomeEstimate(n - acc.Adopted, n);
        AdoptedWithStatements = new OutcomeEstimate(acc.AdoptedWithStatements, n);
        ObjectorCounts = [.. acc.ObjectorCounts];
        AdoptedInRound = [.. acc.AdoptedInRound];
        MeanRoundsToAdoption = acc.Adopted == 0
            ? double.NaN
            : acc.AdoptedInRound.Select((count, r) => count * (r + 1.0)).Sum() / acc.Adopted;
        MeanStatementsWhenAdopted = acc.Adopted == 0 ? double.NaN : (double)acc.StatementsInAdoptedTrials / acc.Adopted;
        var catalog = compiled.Scenario.Catalog;
        Blockers = [.. compiled.StateCodes
            .Select((code, i) => new BlockerStatistic(code, catalog.GetState(code).Name, acc.Blocked[i], acc.SoleBlocker[i], n))
            .OrderByDescending(b => b.BlockedTrials)
            .ThenBy(b => b.State, StringComparer.Ordinal)];
    }

    /// <summary>What produced this result.</summary>
    public Provenance Provenance { get; }

    /// <summary>The number of trials.</summary>
    public long Trials => Adopted.Trials;

    /// <summary>The draft was adopted in some round.</summary>
    public OutcomeEstimate Adopted { get; }

    /// <summary>No round reached agreement; the item reverts according to its kind.</summary>
    public OutcomeEstimate Deadlocked { get; }

    /// <summary>Adopted with at least one interpretative statement recording dissent.</summary>
    public OutcomeEstimate AdoptedWithStatements { get; }

    /// <summary>Element k: trials whose final round had exactly k objecting States (counted or not).</summary>
    public IReadOnlyList<long> ObjectorCounts { get; }

    /// <summary>Element r: trials adopted in round r + 1.</summary>
    public IReadOnlyList<long> AdoptedInRound { get; }

    /// <summary>Mean rounds to adoption among adopted trials; NaN when none was adopted.</summary>
    public double MeanRoundsToAdoption { get; }

    /// <summary>Mean number of interpretative statements in adopted trials; NaN when none was adopted.</summary>
    public double MeanStatementsWhenAdopted { get; }

    /// <summary>Every State's blocking frequency, most frequent first.</summary>
    public IReadOnlyList<BlockerStatistic> Blockers { get; }
}
