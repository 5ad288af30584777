namespace ConsensusSim.Simulation;

/// <summary>How often one State blocked the draft.</summary>
/// <remarks><threadsafety>Immutable.</threadsafety></remarks>
public sealed class BlockerStatistic
{
    internal BlockerStatistic(string state, string name, long blocked, long soleBlocker, long trials)
    {
        State = state;
        Name = name;
        BlockedTrials = blocked;
        SoleBlockerTrials = soleBlocker;
        Frequency = (double)blocked / trials;
        SoleBlockerFrequency = (double)soleBlocker / trials;
    }

    /// <summary>The State's code.</summary>
    public string State { get; }

    /// <summary>The State's name.</summary>
    public string Name { get; }

    /// <summary>Deadlocked trials (a text tabled and blocked; never gridlock) in which the State's objection counted in the final round.</summary>
    public long BlockedTrials { get; }

    /// <summary>Deadlocked trials in which it was the only counted objector: withdrawing its objection would have adopted the draft.</summary>
    public long SoleBlockerTrials { get; }

    /// <summary>Share of all trials in which the State blocked.</summary>
    public double Frequency { get; }

    /// <summary>Share of all trials in which the State alone blocked.</summary>
    public double SoleBlockerFrequency { get; }

    /// <inheritdoc />
    public override string ToString() => FormattableString.Invariant($"{State}: {Frequency:0.0000} ({SoleBlockerFrequency:0.0000} alone)");
}
