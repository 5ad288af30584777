namespace ConsensusSim.Osce;

/// <summary>One of the OSCE's participating States, as recorded in seeds/participating-states.csv.</summary>
/// <remarks><threadsafety>Immutable.</threadsafety></remarks>
public sealed class ParticipatingState
{
    internal ParticipatingState(
        string code,
        string name,
        DateOnly admitted,
        bool isEuMember,
        bool isNatoMember,
        bool isCstoMember,
        bool isCisMember,
        EuAlignment euAlignment,
        bool isNeutral,
        string bloc,
        double populationMillionsApprox,
        double budgetSharePercentApprox,
        string notes)
    {
        Code = code;
        Name = name;
        Admitted = admitted;
        IsEuMember = isEuMember;
        IsNatoMember = isNatoMember;
        IsCstoMember = isCstoMember;
        IsCisMember = isCisMember;
        EuAlignment = euAlignment;
        IsNeutral = isNeutral;
        Bloc = bloc;
        PopulationMillionsApprox = populationMillionsApprox;
        BudgetSharePercentApprox = budgetSharePercentApprox;
        Notes = notes;
    }

    /// <summary>ISO 3166-1 alpha-3 code, for example <c>AUT</c>; the key used in scenario files.</summary>
    public string Code { get; }

    /// <summary>The OSCE's short English name.</summary>
    public string Name { get; }

    /// <summary>The date the State became a participating State.</summary>
    public DateOnly Admitted { get; }

    /// <summary>Member of the European Union.</summary>
    public bool IsEuMember { get; }

    /// <summary>Member of NATO.</summary>
    public bool IsNatoMember { get; }

    /// <summary>Full member of the Collective Security Treaty Organization (Armenia's participation is frozen).</summary>
    public bool IsCstoMember { get; }

    /// <summary>Full member of the Commonwealth of Independent States.</summary>
    public bool IsCisMember { get; }

    /// <summary>The State's habit of aligning with EU statements.</summary>
    public EuAlignment EuAlignment { get; }

    /// <summary>Neutral or militarily non-aligned status.</summary>
    public bool IsNeutral { get; }

    /// <summary>The bloc (one of six, a partition of the States) whose members share behavioural noise; a modelling choice.</summary>
    public string Bloc { get; }

    /// <summary>Approximate population in millions (unverified placeholder).</summary>
    public double PopulationMillionsApprox { get; }

    /// <summary>Approximate share of the Unified Budget in percent (placeholder for the scale of contributions).</summary>
    public double BudgetSharePercentApprox { get; }

    /// <summary>Free-text notes from the seed data.</summary>
    public string Notes { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({Code})";
}
