namespace ConsensusSim.Simulation;

/// <summary>
/// Integer tallies of a set of trials. Integer addition is associative, so merging workers'
/// accumulators in any order gives bit-identical results for any thread count or chunk size.
/// </summary>
internal sealed class TrialAccumulator
{
    public TrialAccumulator(int stateCount, int maxRounds)
    {
        ObjectorCounts = new long[stateCount + 1];
        AdoptedInRound = new long[maxRounds];
        Blocked = new long[stateCount];
        SoleBlocker = new long[stateCount];
    }

    public long Trials { get; set; }

    public long Adopted { get; set; }

    public long AdoptedWithStatements { get; set; }

    public long StatementsInAdoptedTrials { get; set; }

    /// <summary>Histogram of the number of objecting States in the final round of each trial.</summary>
    public long[] ObjectorCounts { get; }

    /// <summary>Adopted trials by the round (0-based) in which the draft was adopted.</summary>
    public long[] AdoptedInRound { get; }

    /// <summary>Per State: deadlocked trials in which its objection counted in the final round.</summary>
    public long[] Blocked { get; }

    /// <summary>Per State: deadlocked trials in which it was the only counted objector (pivotal).</summary>
    public long[] SoleBlocker { get; }

    public void Add(TrialAccumulator other)
    {
        Trials += other.Trials;
        Adopted += other.Adopted;
        AdoptedWithStatements += other.AdoptedWithStatements;
        StatementsInAdoptedTrials += other.StatementsInAdoptedTrials;
        AddInto(ObjectorCounts, other.ObjectorCounts);
        AddInto(AdoptedInRound, other.AdoptedInRound);
        AddInto(Blocked, other.Blocked);
        AddInto(SoleBlocker, other.SoleBlocker);
    }

    private static void AddInto(long[] target, long[] source)
    {
        for (int i = 0; i < target.Length; i++)
        {
            target[i] += source[i];
        }
    }
}
