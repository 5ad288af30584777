using ConsensusSim.Engine;

namespace ConsensusSim.Simulation;

/// <summary>
/// A run's integer tallies as its result file holds them: what serialization reads, writes, checks and hashes.
/// A view over the engine's accumulator, so that the files depend on the results layer and not on how the
/// engine records a trial; the counts are the accumulator's own, with no copy.
/// </summary>
internal sealed class RunTallies
{
    /// <summary>Empty tallies for a run of <paramref name="states"/> participants, up to <paramref name="maxRounds"/> rounds and <paramref name="items"/> proposals.</summary>
    public RunTallies(int states, int maxRounds, int items)
        : this(new TrialAccumulator(states, maxRounds, items))
    {
    }

    internal RunTallies(TrialAccumulator accumulator) => Accumulator = accumulator;

    /// <summary>How far the square of a fixed-point probability is shifted down to be summed in <see cref="ConditionalSumOfSquares"/>.</summary>
    public const int SquareShift = TrialAccumulator.SquareShift;

    /// <summary>Fraction bits of the fixed-point conditional sums (see <see cref="TrialAccumulator.ConditionalFractionBits"/>).</summary>
    public const int ConditionalFractionBits = TrialAccumulator.ConditionalFractionBits;

    /// <summary>One unit of ambition in <see cref="AmbitionSum"/>.</summary>
    public const long AmbitionUnit = TrialAccumulator.AmbitionUnit;

    /// <summary>Bins of the ambition histogram.</summary>
    public const int AmbitionBins = TrialAccumulator.AmbitionBins;

    /// <summary>The engine's accumulator this view reads and writes; for the runner and merges, not for files.</summary>
    internal TrialAccumulator Accumulator { get; }

    public long Trials { get => Accumulator.Trials; set => Accumulator.Trials = value; }

    public long Adopted { get => Accumulator.Adopted; set => Accumulator.Adopted = value; }

    public long Gridlock { get => Accumulator.Gridlock; set => Accumulator.Gridlock = value; }

    public long PolicyChanged { get => Accumulator.PolicyChanged; set => Accumulator.PolicyChanged = value; }

    public long UnprovenProposals { get => Accumulator.UnprovenProposals; set => Accumulator.UnprovenProposals = value; }

    public long AdoptedWithStatements { get => Accumulator.AdoptedWithStatements; set => Accumulator.AdoptedWithStatements = value; }

    public long StatementsInAdoptedTrials { get => Accumulator.StatementsInAdoptedTrials; set => Accumulator.StatementsInAdoptedTrials = value; }

    public long AdoptedOverObjections { get => Accumulator.AdoptedOverObjections; set => Accumulator.AdoptedOverObjections = value; }

    public long AdoptedBySilence { get => Accumulator.AdoptedBySilence; set => Accumulator.AdoptedBySilence = value; }

    public long AdoptedAtMinisterialCouncil { get => Accumulator.AdoptedAtMinisterialCouncil; set => Accumulator.AdoptedAtMinisterialCouncil = value; }

    public long Escalated { get => Accumulator.Escalated; set => Accumulator.Escalated = value; }

    /// <summary>Sum over adopted trials of the ambition kept, in units of 1e-9.</summary>
    public long AmbitionSum { get => Accumulator.AmbitionSum; set => Accumulator.AmbitionSum = value; }

    public long AllAdoptedSeparately { get => Accumulator.AllAdoptedSeparately; set => Accumulator.AllAdoptedSeparately = value; }

    public Int128 ConditionalSum { get => Accumulator.ConditionalSum; set => Accumulator.ConditionalSum = value; }

    public Int128 ConditionalSumOfSquares { get => Accumulator.ConditionalSumOfSquares; set => Accumulator.ConditionalSumOfSquares = value; }

    /// <summary>The fractional bits of <see cref="RareSum"/> (see <see cref="RareTallies.SumFractionBits"/>).</summary>
    public const int RareSumFractionBits = RareTallies.SumFractionBits;

    /// <summary>The largest weight, relative to the run's scale, one trial adds to <see cref="RareSum"/>, as a power of two.</summary>
    public const int RareMaxWeightBits = 40;

    /// <summary>The power of two the rare-event weights are summed relative to (0 for a run whose chunks have not added any yet).</summary>
    public int RareScaleExponent { get => Rare.ScaleExponent; set => Rare.ScaleExponent = value; }

    /// <summary>Trials whose importance-sampled vote hit the rare outcome.</summary>
    public long RareHits { get => Rare.Hits; set => Rare.Hits = value; }

    /// <summary>Σ of the scaled weights, in fixed point.</summary>
    public Int128 RareSum { get => Rare.Sum; set => Rare.Sum = value; }

    /// <summary>Σ of the scaled weights' squares, in fixed point.</summary>
    public Int128 RareSumOfSquares { get => Rare.SumOfSquares; set => Rare.SumOfSquares = value; }

    /// <summary>The rare-event sums, created empty for a run whose chunks have not added any yet.</summary>
    private RareTallies Rare => Accumulator.Rare ??= new RareTallies(0);

    public long[] AmbitionHistogram => Accumulator.AmbitionHistogram;

    public long[] ItemAdoptedSeparately => Accumulator.ItemAdoptedSeparately;

    public long[] ObjectorCounts => Accumulator.ObjectorCounts;

    public long[] AdoptedInRound => Accumulator.AdoptedInRound;

    public long[] Blocked => Accumulator.Blocked;

    public long[] SoleBlocker => Accumulator.SoleBlocker;

    /// <summary>The package fallback's tallies; null when the run has no fallback.</summary>
    public RunFallbackTallies? Fallback => Accumulator.Fallback is { } fallback ? new RunFallbackTallies(fallback) : null;

    public int StateCount => Accumulator.StateCount;

    public int Items => Accumulator.Items;

    /// <summary>Gives the tallies empty fallback tallies, for a reader that finds them in a file.</summary>
    public RunFallbackTallies AddFallback()
    {
        Accumulator.Fallback = new FallbackTallies(StateCount, Items);
        return Fallback!;
    }
}
