using System.Globalization;
using System.Numerics;

namespace ConsensusSim.Sweeps;

/// <summary>
/// The design points of a sweep over scenario parameters: a full grid (<see cref="FullGrid"/>), a Latin
/// hypercube (<see cref="LatinHypercube"/>) or rows given by the caller (<see cref="FromRows"/>). A point is a
/// list of assignments, a value for each varied path (<c>behaviour.tension</c>, <c>overrides.RUS.linkage</c>,
/// <c>proposal.draft[0]</c> or a shorthand such as <c>tension</c>), applied to a scenario file by
/// <see cref="Serialization.ScenarioTemplate.Apply"/>. Points are made one at a time from their index, so a
/// sweep holds the few it is running, never the whole design.
/// </summary>
/// <remarks><threadsafety>Immutable; <see cref="Point"/> may be called from several threads at once.</threadsafety></remarks>
public abstract class SweepDesign
{
    /// <summary>
    /// The most design points a sweep may have. Each point is a Monte Carlo run of its own (10,000 trials
    /// and more to be worth its row), so 100,000 points are already a billion trials; larger designs are
    /// split into several sweeps.
    /// </summary>
    public const int MaxPoints = 100_000;

    /// <summary>The most paths a design may vary: every row repeats every varied value.</summary>
    public const int MaxParameters = 100;

    private readonly string[] _paths;
    private readonly string[] _sources;

    /// <summary>Checks the varied paths; only the library's designs, and the tool's design file, derive from this class.</summary>
    /// <param name="paths">The varied paths, in column order.</param>
    /// <param name="sources">How each column was given, for messages (such as <c>--vary 'tension=0:1:0.1'</c>); the path if null.</param>
    /// <param name="paramName">The argument the paths came from.</param>
    internal SweepDesign(IReadOnlyList<string> paths, IReadOnlyList<string>? sources, string paramName)
    {
        _paths = [.. paths];
        _sources = sources is null ? [.. _paths.Select(p => $"'{p}'")] : [.. sources];
        CheckPaths(_paths, paramName);
    }

    /// <summary>The varied paths, in column order.</summary>
    public IReadOnlyList<string> Paths => _paths;

    /// <summary>The number of design points, from 1 to <see cref="MaxPoints"/>.</summary>
    public abstract int Count { get; }

    /// <summary>
    /// A full factorial grid: every combination of the parameters' values, the last parameter varying fastest.
    /// Values are used as given, so exact decimal labels such as <c>0.3</c> stay exactly what each row says.
    /// </summary>
    /// <param name="parameters">Each varied path and its values, in column order.</param>
    /// <returns>The grid.</returns>
    /// <exception cref="ArgumentException">
    /// <paramref name="parameters"/> is empty, holds a null, more than <see cref="MaxParameters"/> parameters or two
    /// that set the same value (one path inside another), or the grid has more than <see cref="MaxPoints"/> points.
    /// </exception>
    public static SweepDesign FullGrid(IEnumerable<SweepParameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return GridDesign.Create([.. parameters], null, nameof(parameters));
    }

    /// <summary>
    /// A Latin hypercube: each range is cut into <paramref name="points"/> equal strata, each stratum is used
    /// once, and strata are paired at random. The same seed gives the same design on every machine.
    /// </summary>
    /// <param name="ranges">Each varied path and its range, in column order.</param>
    /// <param name="points">The number of points, from 1 to <see cref="MaxPoints"/>.</param>
    /// <param name="seed">The seed of the design's own random stream (not of the trials).</param>
    /// <returns>The design; each value is labelled with its round-trip text, exactly the number run.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="points"/> is not from 1 to <see cref="MaxPoints"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="ranges"/> is empty, holds a null, too many ranges or two that set the same value.</exception>
    public static SweepDesign LatinHypercube(IEnumerable<SweepRange> ranges, int points, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(ranges);
        return LatinHypercubeDesign.Create([.. ranges], points, seed, null, nameof(ranges));
    }

    /// <summary>A design whose points the caller gives, such as the rows of a design table.</summary>
    /// <param name="paths">The varied paths, in column order.</param>
    /// <param name="rows">The points: each a value per path, in column order.</param>
    /// <returns>The design.</returns>
    /// <exception cref="ArgumentException">
    /// <paramref name="paths"/> is empty, holds a null, too many paths or two that set the same value; or
    /// <paramref name="rows"/> is empty, has more than <see cref="MaxPoints"/> rows, or a row is null, holds a null
    /// or has another number of values than there are paths.
    /// </exception>
    public static SweepDesign FromRows(IReadOnlyList<string> paths, IEnumerable<IReadOnlyList<string>> rows)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(rows);
        return TableDesign.Create(paths, rows);
    }

    /// <summary>The assignments of design point <paramref name="index"/>: a value for each path, in column order.</summary>
    /// <param name="index">The point, from 0 to <see cref="Count"/> − 1.</param>
    /// <returns>Path and value pairs.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside the design.</exception>
    public IReadOnlyList<KeyValuePair<string, string>> Point(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        return [.. Values(index).Select((v, c) => new KeyValuePair<string, string>(_paths[c], v))];
    }

    /// <summary>Whether a path set at <paramref name="a"/> concerns one at <paramref name="b"/>: the same JSON path, or one inside the other.</summary>
    /// <param name="a">A JSON path such as <c>$.behaviour.tension</c>.</param>
    /// <param name="b">Another.</param>
    /// <returns>Whether they overlap.</returns>
    internal static bool Overlap(string a, string b) => Inside(a, b) || Inside(b, a);

    /// <summary>Whether <paramref name="inner"/> is <paramref name="outer"/> or lies inside it.</summary>
    /// <param name="inner">A JSON path.</param>
    /// <param name="outer">Another.</param>
    /// <returns>Whether it does.</returns>
    internal static bool Inside(string inner, string outer) =>
        inner.StartsWith(outer, StringComparison.Ordinal) && (inner.Length == outer.Length || inner[outer.Length] is '.' or '[');

    /// <summary>The full JSON path a column sets, shorthands expanded.</summary>
    /// <param name="path">A varied path.</param>
    /// <returns>Such as <c>$.behaviour.tension</c>.</returns>
    internal static string FullPath(string path) => "$." + Serialization.ScenarioVariation.Expand(path);

    /// <summary>Where the value of <paramref name="column"/> at point <paramref name="index"/> came from, for messages.</summary>
    /// <param name="index">The point.</param>
    /// <param name="column">The column.</param>
    /// <returns>For example "value 'abc' of --vary 'tension=0,abc,7'".</returns>
    internal virtual string Origin(int index, int column) => $"value '{Values(index)[column]}' of {Source(column)}";

    /// <summary>Adds the design's points to a sweep's identity: its paths and every value it gives them.</summary>
    /// <param name="fingerprint">The identity being made.</param>
    internal abstract void Identify(ISweepFingerprint fingerprint);

    /// <summary>Every point's index in the order to check them: by default in order.</summary>
    /// <returns>Indices; one may appear more than once.</returns>
    internal virtual IEnumerable<int> CheckOrder() => Enumerable.Range(0, Count);

    /// <summary>The values of point <paramref name="index"/>, in column order; the index is within the design.</summary>
    /// <param name="index">The point.</param>
    /// <returns>A value per path.</returns>
    internal abstract IReadOnlyList<string> Values(int index);

    /// <summary>How column <paramref name="column"/> was given, for messages.</summary>
    /// <param name="column">The column.</param>
    /// <returns>Such as <c>--vary 'tension=0:1:0.1'</c>.</returns>
    internal string Source(int column) => _sources[column];

    /// <summary>Formats a count for messages.</summary>
    /// <param name="n">The count.</param>
    /// <returns>With thousands separators.</returns>
    internal static string N(BigInteger n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static void CheckPaths(string[] paths, string paramName)
    {
        if (paths.Length == 0 || paths.Length > MaxParameters)
        {
            throw new ArgumentException($"A design varies from 1 to {MaxParameters} paths; got {paths.Length:N0}.", paramName);
        }

        if (paths.Any(p => string.IsNullOrWhiteSpace(p) || p.Any(char.IsControl)))
        {
            throw new ArgumentException("Every varied path is a non-empty dot path without control characters.", paramName);
        }

        var full = paths.Select(FullPath).ToArray();
        for (int a = 0; a < full.Length; a++)
        {
            for (int b = a + 1; b < full.Length; b++)
            {
                if (Overlap(full[a], full[b]))
                {
                    throw new ArgumentException($"The paths '{paths[a]}' and '{paths[b]}' set the same value ({full[a]} and {full[b]}); each path may be varied once.", paramName);
                }
            }
        }
    }
}
