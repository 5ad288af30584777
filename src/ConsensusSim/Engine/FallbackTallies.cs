namespace ConsensusSim.Engine;

/// <summary>
/// Integer tallies of a package's fallback to item-by-item votes and of the retaliation in them, kept beside a
/// <see cref="TrialAccumulator"/> (its <see cref="TrialAccumulator.Fallback"/>) and merged like it: exactly, in any order.
/// A trial's objections are counted in the deciding vote of the package and of each fallback item.
/// </summary>
internal sealed class FallbackTallies
{
    public FallbackTallies(int stateCount, int items)
    {
        AdoptedAfterFallback = new long[items];
        DistinctObjectors = new long[stateCount + 1];
    }

    /// <summary>Per proposal: trials in which it was adopted, in the package or in its own fallback vote.</summary>
    public long[] AdoptedAfterFallback { get; }

    /// <summary>Failed packages by the number of distinct States that objected in the package's or a fallback item's deciding vote.</summary>
    public long[] DistinctObjectors { get; }

    /// <summary>Objections in failed packages: each State objecting in the deciding vote of the package or of a fallback item, once per vote.</summary>
    public long Objections { get; set; }

    /// <summary>Objections in fallback votes cast by a State because it retaliated.</summary>
    public long RetaliatoryObjections { get; set; }

    /// <summary>Trials in which some State retaliated.</summary>
    public long TrialsWithRetaliation { get; set; }

    /// <summary>Σ over trials of the objections squared, for the retaliatory share's standard error.</summary>
    public Int128 ObjectionsSquared { get; set; }

    /// <summary>Σ over trials of the retaliatory objections squared.</summary>
    public Int128 RetaliatorySquared { get; set; }

    /// <summary>Σ over trials of retaliatory objections × objections.</summary>
    public Int128 RetaliatoryTimesObjections { get; set; }

    public int StateCount => DistinctObjectors.Length - 1;

    public int Items => AdoptedAfterFallback.Length;

    /// <summary>Empty tallies for <paramref name="c"/>, or null when it has no package fallback.</summary>
    public static FallbackTallies? For(CompiledScenario c) => c.PackageFallback ? new FallbackTallies(c.StateCount, c.ItemCount) : null;

    /// <summary>Records a failed package: its distinct objectors, its objections and how many of them were retaliatory.</summary>
    public void RecordFailedPackage(int distinct, int objections, int retaliatory)
    {
        DistinctObjectors[distinct]++;
        Objections += objections;
        RetaliatoryObjections += retaliatory;
        TrialsWithRetaliation += retaliatory > 0 ? 1 : 0;
        ObjectionsSquared += (long)objections * objections;
        RetaliatorySquared += (long)retaliatory * retaliatory;
        RetaliatoryTimesObjections += (long)retaliatory * objections;
    }

    public void Add(FallbackTallies other)
    {
        AddInto(AdoptedAfterFallback, other.AdoptedAfterFallback);
        AddInto(DistinctObjectors, other.DistinctObjectors);
        Objections += other.Objections;
        RetaliatoryObjections += other.RetaliatoryObjections;
        TrialsWithRetaliation += other.TrialsWithRetaliation;
        ObjectionsSquared += other.ObjectionsSquared;
        RetaliatorySquared += other.RetaliatorySquared;
        RetaliatoryTimesObjections += other.RetaliatoryTimesObjections;
    }

    private static void AddInto(long[] target, long[] source)
    {
        for (int i = 0; i < target.Length; i++)
        {
            target[i] += source[i];
        }
    }
}
