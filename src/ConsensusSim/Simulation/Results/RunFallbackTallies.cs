using ConsensusSim.Engine;

namespace ConsensusSim.Simulation;

/// <summary>
/// A package fallback's integer tallies as a result file holds them (see <see cref="RunTallies.Fallback"/>): a view over
/// the engine's, with no copy, so that files depend on the results layer and not on how the engine records a trial.
/// </summary>
internal sealed class RunFallbackTallies
{
    internal RunFallbackTallies(FallbackTallies tallies) => Tallies = tallies;

    /// <summary>Per proposal: trials in which it was adopted, in the package or in its own fallback vote.</summary>
    public long[] AdoptedAfterFallback => Tallies.AdoptedAfterFallback;

    /// <summary>Failed packages by their number of distinct objectors.</summary>
    public long[] DistinctObjectors => Tallies.DistinctObjectors;

    public long Objections { get => Tallies.Objections; set => Tallies.Objections = value; }

    public long RetaliatoryObjections { get => Tallies.RetaliatoryObjections; set => Tallies.RetaliatoryObjections = value; }

    public long TrialsWithRetaliation { get => Tallies.TrialsWithRetaliation; set => Tallies.TrialsWithRetaliation = value; }

    public Int128 ObjectionsSquared { get => Tallies.ObjectionsSquared; set => Tallies.ObjectionsSquared = value; }

    public Int128 RetaliatorySquared { get => Tallies.RetaliatorySquared; set => Tallies.RetaliatorySquared = value; }

    public Int128 RetaliatoryTimesObjections { get => Tallies.RetaliatoryTimesObjections; set => Tallies.RetaliatoryTimesObjections = value; }

    public int Items => Tallies.Items;

    public int StateCount => Tallies.StateCount;

    private FallbackTallies Tallies { get; }
}
