using System.Globalization;

namespace ConsensusSim.Osce;

/// <summary>
/// The OSCE facts the simulator is built on: participating States, groupings, dimensions, fields of
/// work and bodies, loaded from the CSV files in seeds/ that are embedded in the library.
/// </summary>
/// <remarks><threadsafety>Immutable; <see cref="Default"/> is created once and shared.</threadsafety></remarks>
public sealed class OsceCatalog
{
    private static readonly Lazy<OsceCatalog> LazyDefault = new(LoadEmbedded, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Dictionary<string, ParticipatingState> _statesByCode;
    private readonly Dictionary<string, Grouping> _groupingsById;
    private readonly Dictionary<string, OsceDimension> _dimensionsById;
    private readonly Dictionary<string, FieldOfWork> _fieldsById;
    private readonly Dictionary<string, DecisionBody> _bodiesById;
    private readonly Dictionary<string, OsceMechanism> _mechanismsById;

    private OsceCatalog(
        IReadOnlyList<ParticipatingState> states,
        IReadOnlyList<Grouping> groupings,
        IReadOnlyList<OsceDimension> dimensions,
        IReadOnlyList<FieldOfWork> fieldsOfWork,
        IReadOnlyList<DecisionBody> bodies,
        IReadOnlyList<OsceMechanism> mechanisms,
        IReadOnlyList<EraPreset> eras)
    {
        Eras = eras;
        States = states;
        Groupings = groupings;
        Dimensions = dimensions;
        FieldsOfWork = fieldsOfWork;
        Bodies = bodies;
        Mechanisms = mechanisms;
        _mechanismsById = mechanisms.ToDictionary(m => m.Id, StringComparer.Ordinal);
        _statesByCode = states.ToDictionary(s => s.Code, StringComparer.Ordinal);
        _groupingsById = groupings.ToDictionary(g => g.Id, StringComparer.Ordinal);
        _dimensionsById = dimensions.ToDictionary(d => d.Id, StringComparer.Ordinal);
        _fieldsById = fieldsOfWork.ToDictionary(f => f.Id, StringComparer.Ordinal);
        _bodiesById = bodies.ToDictionary(b => b.Id, StringComparer.Ordinal);
    }

    /// <summary>The catalog embedded in this version of the library.</summary>
    public static OsceCatalog Default => LazyDefault.Value;

    /// <summary>The participating States, sorted by code.</summary>
    public IReadOnlyList<ParticipatingState> States { get; }

    /// <summary>Membership groupings (EU, NATO, CSTO, CIS, EU-aligned, neutral) and the six blocs.</summary>
    public IReadOnlyList<Grouping> Groupings { get; }

    /// <summary>The three OSCE dimensions in basket order.</summary>
    public IReadOnlyList<OsceDimension> Dimensions { get; }

    /// <summary>Fields of work, the topics a proposal can have.</summary>
    public IReadOnlyList<FieldOfWork> FieldsOfWork { get; }

    /// <summary>Decision-making and informal bodies.</summary>
    public IReadOnlyList<DecisionBody> Bodies { get; }

    /// <summary>Mechanisms that need no consensus, with their thresholds.</summary>
    public IReadOnlyList<OsceMechanism> Mechanisms { get; }

    /// <summary>Built-in eras, from détente to the war against Ukraine.</summary>
    public IReadOnlyList<EraPreset> Eras { get; }

    /// <summary>Finds an era by identifier.</summary>
    /// <param name="id">For example <c>stagnation-2003</c>.</param>
    /// <param name="era">The era, when found.</param>
    /// <returns>Whether the identifier is known.</returns>
    public bool TryGetEra(string id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out EraPreset? era)
    {
        ArgumentNullException.ThrowIfNull(id);
        era = Eras.FirstOrDefault(e => string.Equals(e.Id, id, StringComparison.Ordinal));
        return era is not null;
    }

    /// <summary>Finds a mechanism by identifier.</summary>
    /// <param name="id">For example <c>berlin</c>.</param>
    /// <param name="mechanism">The mechanism, when found.</param>
    /// <returns>Whether the identifier is known.</returns>
    public bool TryGetMechanism(string id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out OsceMechanism? mechanism)
    {
        ArgumentNullException.ThrowIfNull(id);
        return _mechanismsById.TryGetValue(id, out mechanism);
    }

    /// <summary>Finds a State by its ISO alpha-3 code.</summary>
    /// <param name="code">The code, for example <c>MNG</c>.</param>
    /// <param name="state">The State, when found.</param>
    /// <returns>Whether the code is known.</returns>
    public bool TryGetState(string code, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ParticipatingState? state)
    {
        ArgumentNullException.ThrowIfNull(code);
        return _statesByCode.TryGetValue(code, out state);
    }

    /// <summary>Returns the State with the given code.</summary>
    /// <param name="code">The ISO alpha-3 code.</param>
    /// <returns>The State.</returns>
    /// <exception cref="KeyNotFoundException">No participating State has that code.</exception>
    public ParticipatingState GetState(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return TryGetState(code, out var state) ? state : throw new KeyNotFoundException($"No participating State has the code '{code}'.");
    }

    /// <summary>Finds a grouping by identifier.</summary>
    /// <param name="id">For example <c>nato</c>.</param>
    /// <param name="grouping">The grouping, when found.</param>
    /// <returns>Whether the identifier is known.</returns>
    public bool TryGetGrouping(string id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Grouping? grouping)
    {
        ArgumentNullException.ThrowIfNull(id);
        return _groupingsById.TryGetValue(id, out grouping);
    }

    /// <summary>Finds a dimension by identifier.</summary>
    /// <param name="id">For example <c>human</c>.</param>
    /// <param name="dimension">The dimension, when found.</param>
    /// <returns>Whether the identifier is known.</returns>
    public bool TryGetDimension(string id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out OsceDimension? dimension)
    {
        ArgumentNullException.ThrowIfNull(id);
        return _dimensionsById.TryGetValue(id, out dimension);
    }

    /// <summary>Finds a field of work by identifier.</summary>
    /// <param name="id">For example <c>migration</c>.</param>
    /// <param name="field">The field, when found.</param>
    /// <returns>Whether the identifier is known.</returns>
    public bool TryGetFieldOfWork(string id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out FieldOfWork? field)
    {
        ArgumentNullException.ThrowIfNull(id);
        return _fieldsById.TryGetValue(id, out field);
    }

    /// <summary>Finds a body by identifier.</summary>
    /// <param name="id">For example <c>permanent-council</c>.</param>
    /// <param name="body">The body, when found.</param>
    /// <returns>Whether the identifier is known.</returns>
    public bool TryGetBody(string id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out DecisionBody? body)
    {
        ArgumentNullException.ThrowIfNull(id);
        return _bodiesById.TryGetValue(id, out body);
    }

    private static OsceCatalog LoadEmbedded()
    {
        var states = ReadStates(SeedTable.Load("participating-states.csv"));
        var groupings = ReadGroupings(SeedTable.Load("groupings.csv"), states);
        var dimensions = ReadDimensions(SeedTable.Load("dimensions.csv"));
        var fields = ReadFields(SeedTable.Load("fields-of-work.csv"), dimensions);
        var bodies = ReadBodies(SeedTable.Load("bodies.csv"));
        var mechanisms = ReadMechanisms(SeedTable.Load("mechanisms.csv"));
        var eras = ReadEras(SeedTable.Load("eras.csv"), SeedTable.Load("era-blocs.csv"), groupings);
        return new OsceCatalog(states, groupings, dimensions, fields, bodies, mechanisms, eras);
    }

    private static List<ParticipatingState> ReadStates(SeedTable t)
    {
        var states = new List<ParticipatingState>(t.RowCount);
        for (int r = 0; r < t.RowCount; r++)
        {
            states.Add(new ParticipatingState(
                code: t.Text(r, "code"),
                name: t.Text(r, "name"),
                admitted: DateOnly.ParseExact(t.Text(r, "admitted"), "yyyy-MM-dd", CultureInfo.InvariantCulture),
                isEuMember: t.Flag(r, "eu"),
                isNatoMember: t.Flag(r, "nato"),
                isCstoMember: t.Flag(r, "csto"),
                isCisMember: t.Flag(r, "cis"),
                euAlignment: ParseAlignment(t.Text(r, "eu_alignment")),
                isNeutral: t.Flag(r, "neutral"),
                bloc: t.Text(r, "bloc"),
                populationMillionsApprox: t.Number(r, "population_millions_approx"),
                budgetSharePercentApprox: t.Number(r, "budget_share_percent_approx"),
                notes: t.Text(r, "notes")));
        }

        states.Sort((a, b) => string.CompareOrdinal(a.Code, b.Code));
        return states;
    }

    private static EuAlignment ParseAlignment(string text) => text switch
    {
        "member" => EuAlignment.Member,
        "candidate" => EuAlignment.Candidate,
        "aligns" => EuAlignment.Aligns,
        "none" or "" => EuAlignment.None,
        _ => throw new FormatException($"Unknown eu_alignment '{text}'."),
    };

    private static List<Grouping> ReadGroupings(SeedTable t, List<ParticipatingState> states)
    {
        var groupings = new List<Grouping>(t.RowCount);
        for (int r = 0; r < t.RowCount; r++)
        {
            string id = t.Text(r, "id");
            var kind = t.Text(r, "kind") switch
            {
                "membership" => GroupingKind.Membership,
                "bloc" => GroupingKind.Bloc,
                var other => throw new FormatException($"Grouping '{id}': unknown kind '{other}'."),
            };
            Func<ParticipatingState, bool> isMember = kind == GroupingKind.Bloc
                ? s => s.Bloc == id
                : MembershipTest(id);
            var members = states.Where(isMember).Select(s => s.Code).ToArray();
            groupings.Add(new Grouping(id, t.Text(r, "name"), kind, t.Text(r, "description"), members));
        }

        return groupings;
    }

    private static Func<ParticipatingState, bool> MembershipTest(string id) => id switch
    {
        "eu" => s => s.IsEuMember,
        "nato" => s => s.IsNatoMember,
        "csto" => s => s.IsCstoMember,
        "cis" => s => s.IsCisMember,
        "eu-aligned" => s => s.EuAlignment != EuAlignment.None,
        "neutral" => s => s.IsNeutral,
        _ => throw new FormatException($"Membership grouping '{id}' has no rule in the catalog loader."),
    };

    private static List<OsceDimension> ReadDimensions(SeedTable t)
    {
        var list = new List<OsceDimension>(t.RowCount);
        for (int r = 0; r < t.RowCount; r++)
        {
            list.Add(new OsceDimension(t.Text(r, "id"), t.Text(r, "name"), (int)t.Number(r, "basket"), t.Text(r, "description")));
        }

        list.Sort((a, b) => a.Basket.CompareTo(b.Basket));
        return list;
    }

    private static List<FieldOfWork> ReadFields(SeedTable t, List<OsceDimension> dimensions)
    {
        var known = dimensions.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        var list = new List<FieldOfWork>(t.RowCount);
        for (int r = 0; r < t.RowCount; r++)
        {
            string id = t.Text(r, "id");
            var dims = t.List(r, "dimensions");
            foreach (var d in dims)
            {
                if (!known.Contains(d))
                {
                    throw new FormatException($"Field of work '{id}' names unknown dimension '{d}'.");
                }
            }

            list.Add(new FieldOfWork(id, t.Text(r, "name"), dims, t.Number(r, "susceptibility"), t.Text(r, "description")));
        }

        return list;
    }

    private static List<EraPreset> ReadEras(SeedTable eras, SeedTable blocs, List<Grouping> groupings)
    {
        var stances = new List<(string Era, EraBlocStance Stance)>();
        for (int r = 0; r < blocs.RowCount; r++)
        {
            string bloc = blocs.Text(r, "bloc");
            if (!groupings.Any(g => g.Kind == GroupingKind.Bloc && g.Id == bloc))
            {
                throw new FormatException($"era-blocs.csv row {r + 2}: '{bloc}' is not a bloc.");
            }

            stances.Add((blocs.Text(r, "era"), new EraBlocStance(bloc, blocs.Number(r, "linkage"), blocs.Number(r, "blocking_cost"))));
        }

        var list = new List<EraPreset>(eras.RowCount);
        for (int r = 0; r < eras.RowCount; r++)
        {
            string id = eras.Text(r, "id");
            list.Add(new EraPreset(
                id,
                eras.Text(r, "name"),
                (int)eras.Number(r, "start_year"),
                (int)eras.Number(r, "end_year"),
                eras.Number(r, "tension"),
                eras.Number(r, "bloc_correlation"),
                eras.Text(r, "description"),
                [.. stances.Where(s => s.Era == id).Select(s => s.Stance)]));
        }

        return list;
    }

    private static List<OsceMechanism> ReadMechanisms(SeedTable t)
    {
        var list = new List<OsceMechanism>(t.RowCount);
        for (int r = 0; r < t.RowCount; r++)
        {
            list.Add(new OsceMechanism(t.Text(r, "id"), t.Text(r, "name"), (int)t.Number(r, "minimum_states"), t.Flag(r, "outcome_by_consensus"), t.Text(r, "description")));
        }

        return list;
    }

    private static List<DecisionBody> ReadBodies(SeedTable t)
    {
        var list = new List<DecisionBody>(t.RowCount);
        for (int r = 0; r < t.RowCount; r++)
        {
            var kind = t.Text(r, "kind") switch
            {
                "decision-making" => BodyKind.DecisionMaking,
                "informal" => BodyKind.Informal,
                "institution" => BodyKind.Institution,
                var other => throw new FormatException($"Body '{t.Text(r, "id")}': unknown kind '{other}'."),
            };
            list.Add(new DecisionBody(t.Text(r, "id"), t.Text(r, "name"), kind, t.Text(r, "meets"), t.Text(r, "description")));
        }

        return list;
    }
}
