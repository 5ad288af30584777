namespace ConsensusSim.Osce;

/// <summary>
/// A built-in period of OSCE history: its politico-military tension, how closely blocs move together,
/// and each bloc's readiness to take items hostage (linkage) and cost of blocking. Calibrated against
/// the public record (see the calibration table in docs/calibration.md); a scenario that names an era starts from it.
/// </summary>
/// <remarks><threadsafety>Immutable.</threadsafety></remarks>
public sealed class EraPreset
{
    internal EraPreset(string id, string name, int startYear, int endYear, double tension, double blocCorrelation, string description, IReadOnlyList<EraBlocStance> blocs)
    {
        Id = id;
        Name = name;
        StartYear = startYear;
        EndYear = endYear;
        Tension = tension;
        BlocCorrelation = blocCorrelation;
        Description = description;
        Blocs = blocs;
    }

    /// <summary>Identifier used in scenario files, for example <c>crisis-2014</c>.</summary>
    public string Id { get; }

    /// <summary>Display name.</summary>
    public string Name { get; }

    /// <summary>First year of the period.</summary>
    public int StartYear { get; }

    /// <summary>Last year of the period.</summary>
    public int EndYear { get; }

    /// <summary>Politico-military tension T ∈ [0, 1].</summary>
    public double Tension { get; }

    /// <summary>Noise correlation ρ inside every bloc.</summary>
    public double BlocCorrelation { get; }

    /// <summary>What characterised the period.</summary>
    public string Description { get; }

    /// <summary>Linkage and blocking cost of the blocs the era sets; other blocs keep the scenario's values.</summary>
    public IReadOnlyList<EraBlocStance> Blocs { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({StartYear}–{EndYear})";
}
