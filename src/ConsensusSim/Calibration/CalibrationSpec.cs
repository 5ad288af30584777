using ConsensusSim.Osce;
using ConsensusSim.Sweeps;

namespace ConsensusSim.Calibration;

/// <summary>
/// What to fit and against what: the observed record, a template scenario per item kind or topic, the parameters to
/// fit (scenario paths with bounds, optional priors and restrictions to cells), settings shared by every cell, and the
/// simulation's trials and seed. Every cell of the record that a template simulates is fitted; the others are listed in
/// <see cref="Skipped"/> and left out (a record holds rows no spec means to use, such as topic rows that overlap
/// aggregate rows). <see cref="Load"/> reads a spec file (see docs/calibration.md and
/// <c>schemas/calibration.schema.json</c>).
/// </summary>
/// <remarks><threadsafety>Immutable.</threadsafety></remarks>
public sealed class CalibrationSpec
{
    /// <summary>The default trials per cell and evaluation.</summary>
    public const long DefaultTrials = 5_000;

    /// <summary>The default seed: the Helsinki Final Act's year, as in every sample.</summary>
    public const ulong DefaultSeed = 1975;

    /// <summary>The default number of starting points of the optimiser (a Latin hypercube over the bounds).</summary>
    public const int DefaultStarts = 3;

    /// <summary>The most starting points.</summary>
    public const int MaxStarts = 100;

    /// <summary>The default <see cref="PeriodPath"/>: a cell's period is an era of the built-in catalog.</summary>
    public const string DefaultPeriodPath = "era";

    private readonly long _trials = DefaultTrials;
    private readonly int _starts = DefaultStarts;

    /// <summary>Creates the spec.</summary>
    /// <param name="observations">The record, at least one cell.</param>
    /// <param name="templates">The templates, at least one; no two for the same item kind and topic.</param>
    /// <param name="parameters">The parameters to fit, at least one and at most <see cref="SweepDesign.MaxParameters"/>, with distinct names.</param>
    /// <param name="periodOrder">
    /// The periods in time order, for rolling-origin validation and the previous-period baseline; <see langword="null"/>
    /// orders the built-in eras as <c>seeds/eras.csv</c> does and any other period after them, in the order the record
    /// first names it. When given it must name every period of the record once.
    /// </param>
    /// <exception cref="ArgumentNullException">An argument or an element is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A list is empty, two parameters share a name, two templates the same item kind and topic, or the period order leaves out or repeats a period; the parameter is named.</exception>
    public CalibrationSpec(IEnumerable<ObservedCell> observations, IEnumerable<CalibrationTemplate> templates, IEnumerable<CalibrationParameter> parameters, IEnumerable<string>? periodOrder = null)
    {
        ObservedCell[] cells = Copy(observations, nameof(observations));
        CalibrationTemplate[] forms = Copy(templates, nameof(templates));
        CalibrationParameter[] fitted = Copy(parameters, nameof(parameters));
        if (fitted.Length > SweepDesign.MaxParameters)
        {
            throw new ArgumentException($"At most {SweepDesign.MaxParameters} parameters can be fitted; there are {fitted.Length}.", nameof(parameters));
        }

        if (fitted.GroupBy(p => p.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new ArgumentException($"Two parameters are named '{twice.Key}'; give each a distinct name.", nameof(parameters));
        }

        if (forms.GroupBy(t => (t.Item, t.Topic)).FirstOrDefault(g => g.Count() > 1) is { } same)
        {
            throw new ArgumentException($"Two templates are for {same.First().Key}; give one per item kind and topic.", nameof(templates));
        }

        Observations = cells;
        Templates = forms;
        Parameters = fitted;
        PeriodOrder = Order(cells, periodOrder);
        (Cells, Skipped) = Match(cells, forms);
    }

    /// <summary>A name for the output, if any.</summary>
    public string? Name { get; init; }

    /// <summary>Where the spec came from (its file), for messages; <see langword="null"/> for a spec built in code.</summary>
    public string? Source { get; init; }

    /// <summary>The file the record was read from, if any.</summary>
    public string? RecordSource { get; init; }

    /// <summary>The whole record.</summary>
    public IReadOnlyList<ObservedCell> Observations { get; }

    /// <summary>The templates.</summary>
    public IReadOnlyList<CalibrationTemplate> Templates { get; }

    /// <summary>The parameters to fit.</summary>
    public IReadOnlyList<CalibrationParameter> Parameters { get; }

    /// <summary>The cells a template simulates, in the record's order, each with its template.</summary>
    public IReadOnlyList<CalibrationCell> Cells { get; }

    /// <summary>The cells no template simulates, in the record's order: left out of every fit and score.</summary>
    public IReadOnlyList<ObservedCell> Skipped { get; }

    /// <summary>The periods in time order.</summary>
    public IReadOnlyList<string> PeriodOrder { get; }

    /// <summary>
    /// The path a cell's period is set at in its template; default <see cref="DefaultPeriodPath"/> (<c>era</c>), so a
    /// crisis-2014 cell runs its template in the crisis-2014 era. <see langword="null"/> sets nothing: the templates
    /// then hold everything that differs between periods (through <see cref="Settings"/> or their own files).
    /// </summary>
    public string? PeriodPath { get; init; } = DefaultPeriodPath;

    /// <summary>Paths and values set on every cell's scenario, after its period and before its template's own settings.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Settings { get; init; } = [];

    /// <summary>Trials per cell and evaluation, 1 to <see cref="Simulation.SimulationOptions.MaxTrials"/>; default <see cref="DefaultTrials"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is out of range.</exception>
    public long Trials
    {
        get => _trials;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1, nameof(Trials));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, Simulation.SimulationOptions.MaxTrials, nameof(Trials));
            _trials = value;
        }
    }

    /// <summary>The seed of every simulation (common random numbers: every evaluation draws the same streams); default <see cref="DefaultSeed"/>.</summary>
    public ulong Seed { get; init; } = DefaultSeed;

    /// <summary>Starting points of the optimiser, 1 to <see cref="MaxStarts"/>; default <see cref="DefaultStarts"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is out of range.</exception>
    public int Starts
    {
        get => _starts;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1, nameof(Starts));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, MaxStarts, nameof(Starts));
            _starts = value;
        }
    }

    /// <summary>Reads a spec file: JSON with comments, paths of the record and the templates relative to the file.</summary>
    /// <param name="path">The spec file.</param>
    /// <returns>The spec, every cell checked: each template runs with every cell's settings and every parameter at both bounds.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    /// <exception cref="FileNotFoundException">The spec file does not exist.</exception>
    /// <exception cref="CalibrationSpecException">The spec, its record or a value it sets is invalid; every problem has its file, line and JSON path.</exception>
    /// <exception cref="Model.ScenarioValidationException">A template file is not a valid scenario (its own file and lines).</exception>
    public static CalibrationSpec Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return CalibrationSpecReader.Load(path);
    }

    /// <summary>The period's place in <see cref="PeriodOrder"/>.</summary>
    internal int PeriodIndex(string period) => ((IList<string>)PeriodOrder).IndexOf(period);

    private static T[] Copy<T>(IEnumerable<T> items, string name)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(items, name);
        T[] copy = [.. items];
        if (copy.Length == 0)
        {
            throw new ArgumentException("The list is empty.", name);
        }

        if (copy.Any(i => i is null))
        {
            throw new ArgumentException("The list holds a null.", name);
        }

        return copy;
    }

    private static string[] Order(ObservedCell[] cells, IEnumerable<string>? periodOrder)
    {
        var named = cells.Select(c => c.Period).Distinct(StringComparer.Ordinal).ToList();
        if (periodOrder is null)
        {
            var eras = OsceCatalog.Default.Eras.Select(e => e.Id).Where(named.Contains).ToList();
            return [.. eras, .. named.Where(p => !eras.Contains(p))];
        }

        string[] order = [.. periodOrder];
        if (order.Any(string.IsNullOrWhiteSpace) || order.Distinct(StringComparer.Ordinal).Count() != order.Length)
        {
            throw new ArgumentException("The period order names each period once and none empty.", nameof(periodOrder));
        }

        if (named.FirstOrDefault(p => !order.Contains(p)) is { } missing)
        {
            throw new ArgumentException($"The period order leaves out '{missing}', a period of the record.", nameof(periodOrder));
        }

        return order;
    }

    private static (CalibrationCell[] Cells, ObservedCell[] Skipped) Match(ObservedCell[] observations, CalibrationTemplate[] templates)
    {
        var cells = new List<CalibrationCell>();
        var skipped = new List<ObservedCell>();
        foreach (var cell in observations)
        {
            var best = templates.Select(t => (Template: t, Fit: t.Specificity(cell))).Where(t => t.Fit > 0).OrderByDescending(t => t.Fit).FirstOrDefault();
            if (best.Template is null)
            {
                skipped.Add(cell);
            }
            else
            {
                cells.Add(new CalibrationCell(cell, best.Template));
            }
        }

        return ([.. cells], [.. skipped]);
    }
}
