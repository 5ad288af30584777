namespace ConsensusSim.Engine;

/// <summary>
/// Integer tallies of a set of trials. Integer addition is associative, so merging workers'
/// accumulators in any order gives bit-identical results for any thread count or chunk size.
/// </summary>
internal sealed class TrialAccumulator
{
    public TrialAccumulator(int stateCount, int maxRounds, int items = 1)
    {
        ItemAdoptedSeparately = new long[items];
        AmbitionHistogram = new long[AmbitionBins];
        ObjectorCounts = new long[stateCount + 1];
        AdoptedInRound = new long[maxRounds];
        Blocked = new long[stateCount];
        SoleBlocker = new long[stateCount];
    }

    public long Trials { get; set; }

    public long Adopted { get; set; }

    /// <summary>Trials in which no text was tabled (the agenda-setting Chair found nothing that beats the status quo): no vote, nothing adopted, no blocker.</summary>
    public long Gridlock { get; set; }

    /// <summary>
    /// Trials whose agenda-setting Chair's proposal, or gridlock, rests on a win-set solve that could not prove its answer
    /// (both the active-set and the ellipsoid method stopped at their limits); none is known.
    /// </summary>
    public long UnprovenProposals { get; set; }

    /// <summary>Adopted trials whose final text differs from the status quo (of some proposal, for a package).</summary>
    public long PolicyChanged { get; set; }

    public long AdoptedWithStatements { get; set; }

    public long StatementsInAdoptedTrials { get; set; }

    /// <summary>Adopted although some State objected: the rule did not count it (minus-one/two) or a majority sufficed.</summary>
    public long AdoptedOverObjections { get; set; }

    public long AdoptedBySilence { get; set; }

    public long AdoptedAtMinisterialCouncil { get; set; }

    /// <summary>Trials escalated to the Ministerial Council, adopted there or not.</summary>
    public long Escalated { get; set; }

    /// <summary>Sum over adopted trials of the ambition kept, in units of 1/<see cref="AmbitionUnit"/> (integers keep merges exact).</summary>
    public long AmbitionSum { get; set; }

    /// <summary>Adopted trials by ambition kept, in <see cref="AmbitionBins"/> bins of equal width (the last also holds ambition ≥ 1).</summary>
    public long[] AmbitionHistogram { get; }

    /// <summary>Per proposal of a package: trials in which it was adopted when decided on its own.</summary>
    public long[] ItemAdoptedSeparately { get; }

    /// <summary>Trials in which every proposal of a package was adopted when decided one by one.</summary>
    public long AllAdoptedSeparately { get; set; }

    /// <summary>Histogram of the number of objecting States in the deciding vote of each trial that took a vote (every trial but gridlock).</summary>
    public long[] ObjectorCounts { get; }

    /// <summary>Trials adopted in meeting round r (0-based), at the meeting or by the silence that followed it.</summary>
    public long[] AdoptedInRound { get; }

    /// <summary>Per State: deadlocked trials (tabled, then reverted) in which its objection counted in the deciding vote.</summary>
    public long[] Blocked { get; }

    /// <summary>Per State: reverted trials in which it was the only counted objector.</summary>
    public long[] SoleBlocker { get; }

    /// <summary>Σ P(adopted | the blocs' shocks) over the trials, in units of <see cref="ConditionalUnit"/> (conditional Monte Carlo; 0 unless the run asks for it).</summary>
    public Int128 ConditionalSum { get; set; }

    /// <summary>Σ P(adopted | the blocs' shocks)² over the trials, in units of 2^−<see cref="SquareFractionBits"/> (<see cref="ConditionalUnit"/>² · 2^<see cref="SquareShift"/>).</summary>
    public Int128 ConditionalSumOfSquares { get; set; }

    /// <summary>The importance-sampling sums of a rare-event run; null otherwise (and until a chunk adds some).</summary>
    public RareTallies? Rare { get; set; }

    /// <summary>A package's fallback to item-by-item votes and the retaliation in them; null when the scenario has no fallback.</summary>
    public FallbackTallies? Fallback { get; set; }

    /// <summary>One unit of <see cref="AmbitionSum"/>: ambition 1 (all of the tabled text kept).</summary>
    public const long AmbitionUnit = 1_000_000_000;

    /// <summary>The bins of <see cref="AmbitionHistogram"/>, each 1/AmbitionBins wide.</summary>
    public const int AmbitionBins = 10;

    /// <summary>The fractional bits of the conditional sums' fixed point: a probability of 1 is 2^ConditionalFractionBits.</summary>
    public const int ConditionalFractionBits = 60;

    /// <summary>The fixed point of the conditional sums: integers add in any order, so any chunking gives the same bits.</summary>
    public const double ConditionalUnit = 1.0 / (1L << ConditionalFractionBits);

    /// <summary>How far the square of a fixed-point probability (2 · <see cref="ConditionalFractionBits"/> fractional bits) is shifted down to be summed.</summary>
    public const int SquareShift = 34;

    /// <summary>The fractional bits of <see cref="ConditionalSumOfSquares"/>.</summary>
    public const int SquareFractionBits = (2 * ConditionalFractionBits) - SquareShift;

    public int StateCount => Blocked.Length;

    public int MaxRounds => AdoptedInRound.Length;

    public int Items => ItemAdoptedSeparately.Length;

    public TrialAccumulator Clone()
    {
        var copy = new TrialAccumulator(StateCount, MaxRounds, Items);
        copy.Add(this);
        return copy;
    }

    public void Add(TrialAccumulator other)
    {
        Trials += other.Trials;
        Adopted += other.Adopted;
        Gridlock += other.Gridlock;
        PolicyChanged += other.PolicyChanged;
        UnprovenProposals += other.UnprovenProposals;
        AdoptedWithStatements += other.AdoptedWithStatements;
        StatementsInAdoptedTrials += other.StatementsInAdoptedTrials;
        AdoptedOverObjections += other.AdoptedOverObjections;
        AdoptedBySilence += other.AdoptedBySilence;
        AdoptedAtMinisterialCouncil += other.AdoptedAtMinisterialCouncil;
        Escalated += other.Escalated;
        AmbitionSum += other.AmbitionSum;
        AllAdoptedSeparately += other.AllAdoptedSeparately;
        AddInto(AmbitionHistogram, other.AmbitionHistogram);
        AddInto(ItemAdoptedSeparately, other.ItemAdoptedSeparately);
        AddInto(ObjectorCounts, other.ObjectorCounts);
        AddInto(AdoptedInRound, other.AdoptedInRound);
        AddInto(Blocked, other.Blocked);
        AddInto(SoleBlocker, other.SoleBlocker);
        ConditionalSum += other.ConditionalSum;
        ConditionalSumOfSquares += other.ConditionalSumOfSquares;
        if (other.Rare is { } rare)
        {
            (Rare ??= new RareTallies(rare.ScaleExponent)).Add(rare);
        }

        if (other.Fallback is { } fallback)
        {
            (Fallback ??= new FallbackTallies(fallback.StateCount, fallback.Items)).Add(fallback);
        }
    }

    /// <summary>Adds one trial's conditional probability of adoption to the conditional sums.</summary>
    /// <param name="probability">P(adopted | the blocs' shocks), in [0, 1].</param>
    public void AddConditional(double probability)
    {
        // The square of the rounded value, so that equal probabilities give a variance of exactly 0; kept to 2⁻⁸⁶, so
        // that probabilities down to 10⁻¹³ still have a square, while 10¹² trials of 1 stay below 2¹²⁷.
        // At most 2⁶⁰, so 64 bits hold it and one BigMul its exact square: the bits of the 128-bit arithmetic, without
        // its software conversion from double, which cost a conditional-only trial more than its table lookups.
        ulong fixedPoint = (ulong)Math.Round(probability / ConditionalUnit);
        ulong high = Math.BigMul(fixedPoint, fixedPoint, out ulong low);
        ConditionalSum += fixedPoint;
        ConditionalSumOfSquares += new Int128(high, low) >> SquareShift;
    }

    private static void AddInto(long[] target, long[] source)
    {
        for (int i = 0; i < target.Length; i++)
        {
            target[i] += source[i];
        }
    }
}
