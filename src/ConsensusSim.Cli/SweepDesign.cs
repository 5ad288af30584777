using System.Globalization;
using ConsensusSim.Serialization;

namespace ConsensusSim.Cli;

/// <summary>
/// The design points of a sweep: a full grid, a Latin hypercube, or the rows of a user's CSV file. Points
/// are made one at a time from their index, so a sweep holds the few it is running, never the whole design.
/// </summary>
internal abstract class SweepDesign
{
    /// <summary>
    /// The most design points a sweep may have. Each point is a Monte Carlo run of its own (10,000 trials
    /// and more to be worth its row), so 100,000 points are already a billion trials and a CSV of about 80 MB,
    /// and checking every point takes a quarter of a minute of processor time for a 57-State scenario (done
    /// while the first points run: <see cref="SweepCheck"/>). Larger designs are split into several sweeps.
    /// </summary>
    public const int MaxPoints = 100_000;

    /// <summary>
    /// The most paths a design may vary. Every row repeats every varied value, and a Latin hypercube holds
    /// points × parameters numbers (80 MB at both limits).
    /// </summary>
    public const int MaxParameters = 100;

    /// <summary>The varied paths, in column order.</summary>
    public abstract IReadOnlyList<string> Paths { get; }

    /// <summary>The number of design points.</summary>
    public abstract int Count { get; }

    /// <summary>The files the design was read from.</summary>
    public virtual IEnumerable<string> InputFiles => [];

    /// <summary>Builds the design the command line asks for, refusing one larger than the limits before anything is made.</summary>
    /// <param name="varies">The --vary options.</param>
    /// <param name="design">grid, lhs, or the path of a design file.</param>
    /// <param name="points">--points, for a Latin hypercube.</param>
    /// <param name="seed">--seed: a Latin hypercube's seed too.</param>
    /// <returns>The design.</returns>
    /// <exception cref="UserInputException">The options do not make a design, or it is too large.</exception>
    public static SweepDesign FromOptions(IReadOnlyList<string> varies, string design, int? points, ulong? seed)
    {
        SweepDesign result = design switch
        {
            "grid" => SweepGrid.Parse(varies),
            "lhs" => SweepLatinHypercube.Parse(varies, points, seed ?? 1975),
            _ when varies.Count > 0 => throw new UserInputException("A design file sets the design points; --vary cannot be combined with it."),
            _ => SweepDesignFile.Read(design),
        };
        if (design is not "lhs" && points is not null)
        {
            throw new UserInputException("--points is the size of a Latin hypercube; it needs --design lhs.");
        }

        return result;
    }

    /// <summary>The assignments of design point <paramref name="index"/> (0-based), one per path.</summary>
    /// <param name="index">The point.</param>
    /// <returns>Path and value pairs, in column order.</returns>
    public abstract IReadOnlyList<KeyValuePair<string, string>> Point(int index);

    /// <summary>Where the value of <paramref name="column"/> at point <paramref name="index"/> came from, for messages.</summary>
    /// <param name="index">The point.</param>
    /// <param name="column">The column.</param>
    /// <returns>For example "value 'abc' of --vary 'tension=0,abc,7'".</returns>
    public abstract string Origin(int index, int column);

    /// <summary>Adds the design's points to a sweep's identity: its paths and every value it gives them.</summary>
    /// <param name="id">The identity being made.</param>
    public abstract void Identify(SweepIdentity id);

    /// <summary>Every point's index in the order to check them: by default in order.</summary>
    /// <returns>Indices; one may appear more than once.</returns>
    public virtual IEnumerable<int> CheckOrder() => Enumerable.Range(0, Count);

    /// <summary>
    /// Refuses more than <see cref="MaxParameters"/> columns, or two that set the same value or one inside
    /// the other: the later would silently overwrite what the rows report for the earlier.
    /// </summary>
    /// <param name="paths">The columns' paths as given.</param>
    /// <param name="where">Where the columns were given, to start the message ("--vary", "design.csv:1").</param>
    /// <param name="name">How column <c>c</c> was given, for the message.</param>
    /// <exception cref="UserInputException">Too many columns, or two overlap.</exception>
    protected static void CheckColumns(IReadOnlyList<string> paths, string where, Func<int, string> name)
    {
        if (paths.Count > MaxParameters)
        {
            throw new UserInputException($"{where}: {paths.Count:N0} varied paths; a sweep varies at most {MaxParameters}.");
        }

        var full = paths.Select(p => "$." + ScenarioVariation.Expand(p)).ToList();
        for (int a = 0; a < full.Count; a++)
        {
            for (int b = a + 1; b < full.Count; b++)
            {
                if (SweepPlan.Overlap(full[a], full[b]))
                {
                    string what = full[a] == full[b] ? full[a] : $"{full[a]} and {full[b]}, one inside the other";
                    throw new UserInputException($"{where}: {name(a)} and {name(b)} set the same value ({what}); each path may be varied once.");
                }
            }
        }
    }

    /// <summary>Formats a count for messages.</summary>
    /// <param name="n">The count.</param>
    /// <returns>With thousands separators.</returns>
    protected static string N(System.Numerics.BigInteger n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
